/**
 * Demo data of receivables, payables and banks (after the other plugins' demos): a company bank
 * account, payments (one sales invoice paid in full, one in part, a supplier invoice paid), a
 * few invoices made overdue, and a camt.053 bank statement with those payments, a bank fee and
 * a customer transfer not yet booked (to reconcile, with a suggestion of the invoice it pays).
 */
import { Decimal, type DataContext } from '@tessera/core';
import { accountFor } from '../ledger/post.js';

const ENTRY = (ref: string, amount: string, credit: boolean, date: string, name: string, text: string) => `
      <Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${date}</Dt></BookgDt><AcctSvcrRef>${ref}</AcctSvcrRef>
        <NtryDtls><TxDtls><RltdPties><${credit ? 'Dbtr' : 'Cdtr'}><Nm>${name.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Nm></${credit ? 'Dbtr' : 'Cdtr'}></RltdPties><RmtInf><Ustrd>${text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;

export async function loadReceivablesDemo(ctx: DataContext): Promise<void> {
  const on = new Set(ctx.config.plugins);
  const iban = 'LT121000011101001000';
  const ledger = await accountFor(ctx, 'bank');
  // The statement starts from what the bank held before the demo's payments (the owner's investment).
  const [held] = await ctx.sql<{ v: string }>(`select coalesce(sum(debit - credit), 0)::text as v from accounting_gl_entry where account = $1`, [ledger]);
  const bank = await ctx
    .entity('accounting.bank_account')
    .create({ name: 'Swedbank EUR', iban, bic: 'HABALT22', bank_name: 'Swedbank', account: ledger, statement_opening_balance: held!.v });
  const entries: string[] = [];
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  if (on.has('sales')) {
    const invoices = await ctx.sql<{ id: number; number: string; customer: number; name: string; outstanding: string; posting_date: string }>(
      `select i.id, i.number, i.customer, c.name, i.outstanding_amount::text as outstanding, to_char(i.posting_date, 'YYYY-MM-DD') as posting_date
         from sales_v_invoice i join sales_v_customer c on c.id = i.customer
        where i.docstatus = 'submitted' and i.outstanding_amount > 0 and coalesce(i.currency, $1) = $1 order by i.posting_date, i.id`,
      [ctx.config.company.currency],
    );
    const svc = ctx.entity('sales.sales_invoice');
    const pay = async (inv: (typeof invoices)[number], amount: string, n: number) => {
      const date = inv.posting_date > day(n) ? inv.posting_date : day(n);
      const p: any = await svc.action(inv.id, 'record_payment', { amount, posting_date: date, bank_account: bank.id, reference_no: inv.number, submit: true });
      entries.push(ENTRY(`DEMO-${p.number}`, amount, true, date, inv.name, `Apmokejimas ${inv.number}`));
    };
    if (invoices[0]) await pay(invoices[0], invoices[0].outstanding, 5);
    if (invoices[1]) await pay(invoices[1], new Decimal(invoices[1].outstanding).div(2).toDecimalPlaces(2).toFixed(2), 4);
    // A few overdue invoices: orders billed 45 and 100 days ago, due 30 days after their invoice.
    const [line] = await ctx.sql<{ customer: number; item: number; rate: string }>(
      `select o.customer, l.item, l.rate::text from sales_v_order o join sales_v_order_line l on l.parent_id = o.id where o.docstatus = 'submitted' and coalesce(o.currency, $1) = $1 order by o.id, l.idx limit 1`,
      [ctx.config.company.currency],
    );
    if (line)
      for (const [n, qty] of [
        [100, '3'],
        [45, '2'],
      ] as const) {
        const so: any = await ctx.entity('sales.sales_order').create({
          customer: line.customer,
          order_date: day(n + 5),
          notes: 'Demo: an overdue invoice / pradelsta sąskaita',
          lines: [{ item: line.item, qty, rate: line.rate }],
        });
        await ctx.entity('sales.sales_order').submit(Number(so.id));
        const inv: any = await ctx.entity('sales.sales_order').action(Number(so.id), 'make_invoice', { posting_date: day(n), basis: 'ordered' });
        await svc.update(Number(inv.id), { due_date: day(n - 30) });
        await svc.submit(Number(inv.id));
      }
    // A transfer on the statement nobody has booked yet (the newer overdue invoice): reconciliation suggests the invoice it names.
    const [open] = await ctx.sql<{ number: string; name: string; outstanding: string }>(
      `select i.number, c.name, i.outstanding_amount::text as outstanding from sales_v_invoice i join sales_v_customer c on c.id = i.customer
        where i.docstatus = 'submitted' and i.payment_status = 'overdue' order by i.posting_date desc, i.id desc limit 1`,
    );
    if (open) entries.push(ENTRY('DEMO-UNBOOKED-1', open.outstanding, true, day(1), open.name, `Saskaita ${open.number}`));
  }
  if (on.has('purchasing')) {
    const [si] = await ctx.sql<{ id: number; number: string; name: string; outstanding: string; posting_date: string }>(
      `select i.id, i.number, s.name, i.outstanding_amount::text as outstanding, to_char(i.posting_date, 'YYYY-MM-DD') as posting_date from purchasing_v_supplier_invoice i join purchasing_v_supplier s on s.id = i.supplier
        where i.docstatus = 'submitted' and i.outstanding_amount > 0 and coalesce(i.currency, $1) = $1 order by i.posting_date, i.id limit 1`,
      [ctx.config.company.currency],
    );
    if (si) {
      const date = si.posting_date > day(3) ? si.posting_date : day(3);
      const p: any = await ctx
        .entity('purchasing.supplier_invoice')
        .action(si.id, 'record_payment', { posting_date: date, bank_account: bank.id, reference_no: si.number, submit: true });
      entries.push(ENTRY(`DEMO-${p.number}`, si.outstanding, false, date, si.name, `Saskaita ${si.number}`));
    }
  }
  entries.push(ENTRY('DEMO-FEE-1', '2.50', false, day(1), 'Swedbank', 'Banko paslaugu mokestis / bank fee'));
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>DEMO</MsgId><CreDtTm>${day(0)}T08:00:00</CreDtTm></GrpHdr>
  <Stmt><Id>DEMO-1</Id><Acct><Id><IBAN>${iban}</IBAN></Id></Acct>${entries.join('')}
  </Stmt></BkToCstmrStmt></Document>`;
  await ctx.entity('accounting.bank_account').action(Number(bank.id), 'import_statement', { format: 'camt053', content: xml });
}
