/**
 * Statement of account of a customer or supplier, printed from the general ledger's party
 * columns (gl_entry.party_type / party): every entry on the party's receivable or payable, in
 * posting order, with the running balance; the closing balance is what is due. Registered on
 * sales.customer and purchasing.supplier while those plugins are on.
 */
import { Decimal, printLines, type PrintArgs, type PrintFormatDefinition } from '@tessera/core';

type Party = 'customer' | 'supplier';

async function party(a: { ctx: PrintArgs['ctx']; doc: Record<string, any> }, kind: Party, t: PrintArgs['t']) {
  const { doc } = a;
  const address = kind === 'customer' ? doc.billing_address : doc.address;
  const lines = [...printLines(address), ...(doc.vat_code ? [`${t({ en: 'VAT code', lt: 'PVM kodas' })}: ${doc.vat_code}`] : []), ...printLines(doc.email)];
  return { name: String(doc.name ?? ''), lines };
}

function statement(kind: Party): PrintFormatDefinition {
  return {
    id: 'statement',
    label: 'Statement of account',
    labels: { lt: 'Atsiskaitymų suderinimo aktas' },
    party: ({ doc, model }) => ({ entity: model.key, id: Number(doc.id), name: doc.name, email: doc.email, locale: doc.locale }),
    build: async (a) => {
      const { ctx, doc, t, fmt } = a;
      // The statement is ledger data: the viewer must be allowed to read the ledger's amounts.
      ctx.assertReadable('accounting.gl_entry', ['posting_date', 'debit', 'credit', 'party_type', 'party', 'voucher_no', 'remarks']);
      const params: unknown[] = [kind, doc.id];
      const scope = ctx.rowFilter('accounting.gl_entry', 'g', (v) => `$${params.push(v)}`);
      const entries = await ctx.sql<{
        posting_date: string;
        voucher_no: string | null;
        voucher_type: string;
        remarks: string | null;
        debit: string;
        credit: string;
      }>(
        `select to_char(g.posting_date, 'YYYY-MM-DD') as posting_date, g.voucher_no, g.voucher_type, g.remarks, g.debit::text as debit, g.credit::text as credit
           from accounting_gl_entry g where g.party_type = $1 and g.party = $2 and ${scope} order by g.posting_date, g.id`,
        params,
      );
      // Customers owe what was debited to them, suppliers are owed what was credited.
      const sign = kind === 'customer' ? 1 : -1;
      let balance = new Decimal(0);
      let debit = new Decimal(0);
      let credit = new Decimal(0);
      const rows = entries.map((e) => {
        balance = balance.plus(new Decimal(e.debit).minus(e.credit).times(sign));
        debit = debit.plus(e.debit);
        credit = credit.plus(e.credit);
        return {
          date: fmt.date(e.posting_date),
          voucher: e.voucher_no ?? e.voucher_type,
          description: e.remarks ?? undefined,
          debit: new Decimal(e.debit).isZero() ? '' : fmt.money(e.debit),
          credit: new Decimal(e.credit).isZero() ? '' : fmt.money(e.credit),
          balance: fmt.money(balance.toFixed(2)),
        };
      });
      const cur = doc.currency ?? ctx.config.company.currency;
      const today = new Date().toISOString().slice(0, 10);
      const p = await party(a, kind, t);
      return {
        title: t({ en: 'Statement of account', lt: 'Atsiskaitymų suderinimo aktas' }),
        number: `${doc.code ?? doc.name ?? doc.id}`,
        status: 'submitted',
        meta: [
          { label: t({ en: 'Date', lt: 'Data' }), value: fmt.date(today) },
          { label: t({ en: 'Currency', lt: 'Valiuta' }), value: cur },
        ],
        party: { heading: t(kind === 'customer' ? { en: 'Customer', lt: 'Pirkėjas' } : { en: 'Supplier', lt: 'Tiekėjas' }), ...p },
        columns: [
          { key: 'date', label: t({ en: 'Date', lt: 'Data' }), width: 1.2 },
          { key: 'voucher', label: t({ en: 'Document', lt: 'Dokumentas' }), width: 2.6 },
          { key: 'debit', label: t({ en: 'Debit', lt: 'Debetas' }), align: 'right', width: 1.3 },
          { key: 'credit', label: t({ en: 'Credit', lt: 'Kreditas' }), align: 'right', width: 1.3 },
          { key: 'balance', label: t({ en: 'Balance', lt: 'Likutis' }), align: 'right', width: 1.4 },
        ],
        rows,
        totals: [
          { label: t({ en: 'Debit', lt: 'Debetas' }), value: fmt.money(debit.toFixed(2)) },
          { label: t({ en: 'Credit', lt: 'Kreditas' }), value: fmt.money(credit.toFixed(2)) },
          {
            label: `${t(kind === 'customer' ? { en: 'Balance due', lt: 'Skola' } : { en: 'Balance owed', lt: 'Mūsų skola' })} ${cur}`,
            value: fmt.money(balance.toFixed(2)),
            strong: true,
          },
        ],
        amountInWords: { amount: balance.toFixed(2), currency: cur },
        terms: [
          t({
            en: 'Please check this statement and report any difference within 10 days.',
            lt: 'Prašome patikrinti ir apie neatitikimus pranešti per 10 dienų.',
          }),
        ],
      };
    },
  };
}

export const statementFormats: Record<string, PrintFormatDefinition> = {
  'sales.customer': statement('customer'),
  'purchasing.supplier': statement('supplier'),
};
