/**
 * Credit notes (customers, against a sales invoice) and debit notes (suppliers, against a
 * supplier invoice), optionally with the goods returned.
 *
 * Lines name invoice lines and a qty; each takes the invoice line's exact share of amount and
 * tax (the last qty takes the remainder, so notes never credit more than was invoiced). Submit
 * locks the invoice, re-checks, and posts in the invoice's currency and rate:
 *   credit note  Income Dr, output VAT Dr / Receivables Cr (party), against the invoice up to
 *                what it has outstanding, the rest against the note (to refund with a payment);
 *                goods returned: Stock Dr / COGS Cr at the cost they were delivered at (the
 *                order line's deliveries' average), stock back in that warehouse.
 *   debit note   Payables Dr (party), against the invoice up to its outstanding, the rest
 *                against the note / input VAT Cr; goods returned: Stock Cr at the value they
 *                leave stock at, the rest of the line to price difference; otherwise the line
 *                goes to price difference (stock items) or the expense account.
 * Counters: the order lines' returned_qty (<= delivered / received) and, on the invoice lines,
 * what the notes credited (read from the notes themselves). Cancel reverses entries and stock
 * and lowers the counters.
 */
import { statusText, Decimal, type Doc, type EntityHooks, type FieldProblem, type Hook, type ServiceContext } from '@tessera/core';
import { LEDGER_TABLE, postStock, reverseStock } from '@tessera/plugin-inventory/api';
import { errors, ledgerError } from '../ledger/errors.js';
import { postVoucher, reverseVoucher } from '../ledger/post.js';
import { accounts, cents, D, itemGroups, VoucherLines } from '../postings/common.js';
import { taxPostings } from '../tax/templates.js';
import { isForeign, itemBalance, kindOf, kindText, readInvoice, refreshInvoice } from './invoices.js';

type Side = 'credit_note' | 'debit_note';

const SIDE = {
  credit_note: {
    type: 'accounting.credit_note',
    invoice: 'sales.sales_invoice',
    invoiceLines: 'sales_v_invoice_line',
    orderLineColumn: 'sales_order_item',
    orderLines: 'sales_v_order_line',
    orderEntity: 'sales.sales_order',
    party: 'customer',
  },
  debit_note: {
    type: 'accounting.debit_note',
    invoice: 'purchasing.supplier_invoice',
    invoiceLines: 'purchasing_v_supplier_invoice_line',
    orderLineColumn: 'purchase_order_line',
    orderLines: 'purchasing_v_order_line',
    orderEntity: 'purchasing.purchase_order',
    party: 'supplier',
  },
} as const;

interface InvoiceLine {
  id: number;
  item: number | null;
  qty: string;
  amount: string;
  tax_amount: string | null;
  tax_template: number | null;
  tax_rate: string | null;
  order_line: number | null;
  credited_qty: string;
  credited_amount: string;
  credited_tax: string;
  is_stock_item: boolean | null;
}

const fail = (problems: FieldProblem[]) => ledgerError('INVALID_CREDIT_NOTE', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);

async function invoiceLines(ctx: ServiceContext, side: Side, invoice: number, exceptNote: number): Promise<Map<number, InvoiceLine>> {
  const s = SIDE[side];
  const rows = await ctx.sql<InvoiceLine>(
    `select l.id, l.item, l.qty::text, l.amount::text, l.tax_amount::text, l.tax_template, l.tax_rate::text, l.${s.orderLineColumn} as order_line, i.is_stock_item,
            coalesce(c.qty, 0)::text as credited_qty, coalesce(c.amount, 0)::text as credited_amount, coalesce(c.tax, 0)::text as credited_tax
       from ${s.invoiceLines} l left join inventory_v_item i on i.id = l.item
       left join (select nl.invoice_line, sum(nl.qty) as qty, sum(nl.amount) as amount, sum(nl.tax_amount) as tax
                    from accounting_${side}_line nl join accounting_${side} n on n.id = nl.parent_id
                   where n.docstatus = 'submitted' and n.id <> $2 group by nl.invoice_line) c on c.invoice_line = l.id
      where l.parent_id = $1`,
    [invoice, exceptNote],
  );
  return new Map(rows.map((r) => [Number(r.id), r]));
}

/** Shares of each line, totals and header facts from the invoice; returns the problems. */
async function settle(ctx: ServiceContext, side: Side, doc: Doc): Promise<{ problems: FieldProblem[]; lines: Map<number, InvoiceLine> }> {
  const s = SIDE[side];
  const problems: FieldProblem[] = [];
  const kind = kindOf(s.invoice)!;
  const inv = await readInvoice(ctx, kind, Number(doc.invoice));
  if (!inv)
    return {
      problems: [{ path: 'invoice', ...errors.t('does_not_exist_3', { value: kindText(kind), invoice: String(doc.invoice) }) }],
      lines: new Map(),
    };
  if (inv.docstatus !== 'submitted')
    problems.push({
      path: 'invoice',
      ...errors.t('credit_submitted_invoice', { value: kindText(kind), number: String(inv.number), docstatus: statusText(inv.docstatus) }),
    });
  if (doc.posting_date && doc.posting_date < inv.posting_date)
    problems.push({ path: 'posting_date', ...errors.t('not_before_invoice_date', { posting_date: String(inv.posting_date) }) });
  Object.assign(doc, { party: inv.party, currency: inv.currency ?? ctx.config.company.currency, exchange_rate: D(inv.exchange_rate ?? 1).toFixed(9) });
  const lines = await invoiceLines(ctx, side, inv.id, Number(doc.id ?? 0));
  const seen = new Map<number, Decimal>();
  let net = new Decimal(0);
  let tax = new Decimal(0);
  for (const [i, l] of ((doc.lines ?? []) as Doc[]).entries()) {
    const src = lines.get(Number(l.invoice_line));
    if (!src) {
      problems.push({ path: `lines/${i}/invoice_line`, ...errors.t('not_line', { number: String(inv.number) }) });
      continue;
    }
    const qty = D(l.qty);
    const before = seen.get(src.id) ?? new Decimal(0);
    seen.set(src.id, before.add(qty));
    const left = D(src.qty).sub(D(src.credited_qty)).sub(before);
    if (qty.gt(left)) {
      problems.push({
        path: `lines/${i}/qty`,
        ...errors.t('more_than_invoice_line_not', {
          value: String(qty.toFixed()),
          value2: String(left.toFixed()),
          id: String(src.id),
          value3: String(D(src.qty).toFixed()),
          value4: String(D(src.credited_qty).toFixed()),
        }),
      });
      continue;
    }
    const last = qty.eq(left) && before.isZero();
    const amount = last ? D(src.amount).sub(D(src.credited_amount)) : cents(D(src.amount).mul(qty).div(src.qty));
    const taxAmount = last ? D(src.tax_amount).sub(D(src.credited_tax)) : cents(D(src.tax_amount).mul(qty).div(src.qty));
    Object.assign(l, { item: src.item, amount: amount.toFixed(2), tax_amount: taxAmount.toFixed(2) });
    net = net.add(amount);
    tax = tax.add(taxAmount);
  }
  Object.assign(doc, { net_total: net.toFixed(2), tax_total: tax.toFixed(2), grand_total: net.add(tax).toFixed(2) });
  if (doc.return_stock && !((doc.lines ?? []) as Doc[]).some((l) => lines.get(Number(l.invoice_line))?.is_stock_item))
    problems.push({ path: 'return_stock', ...errors.t('none_lines_stock_item_nothing') });
  return { problems, lines };
}

const checkDraft =
  (side: Side): Hook =>
  async (args) => {
    if (args.old && args.old.docstatus !== 'draft') return;
    const { problems } = await settle(args, side, args.doc);
    if (problems.length) throw fail(problems);
  };

/** Average cost per unit at which an order line's goods were delivered (live delivery entries). */
async function deliveredCost(ctx: ServiceContext, orderLine: number): Promise<Decimal | null> {
  const [r] = await ctx.sql<{ qty: string | null; value: string | null }>(
    `select sum(-e.qty_change)::text as qty, sum(-e.value_change)::text as value
       from ${LEDGER_TABLE} e join sales_v_delivery_line dl on dl.id = e.voucher_line and e.voucher_type = 'sales.delivery'
      where dl.sales_order_item = $1 and not e.is_reversal and not exists (select 1 from ${LEDGER_TABLE} r where r.reverses = e.id)`,
    [orderLine],
  );
  return r?.qty && D(r.qty).gt(0) ? D(r.value).div(r.qty) : null;
}

async function orderLine(ctx: ServiceContext, side: Side, id: number) {
  const s = SIDE[side];
  const [r] = await ctx.sql<{ id: number; parent_id: number; warehouse: number | null; done: string; returned: string }>(
    `select id, parent_id, warehouse, ${side === 'credit_note' ? 'delivered_qty' : 'received_qty'}::text as done, coalesce(returned_qty, 0)::text as returned from ${s.orderLines} where id = $1 for update`,
    [id],
  );
  return r;
}

async function moveReturnedQty(ctx: ServiceContext, side: Side, changes: { orderLine: number; qty: Decimal; path: string }[]): Promise<void> {
  const s = SIDE[side];
  const byOrder = new Map<number, { collection: string; id: number; values: Doc }[]>();
  for (const c of changes) {
    const ol = await orderLine(ctx, side, c.orderLine);
    if (!ol) continue;
    const returned = D(ol.returned).add(c.qty);
    if (returned.gt(D(ol.done)))
      throw fail([
        {
          path: c.path,
          ...errors.t('returns_would_exceed_order_line', {
            value: String(returned.toFixed()),
            value2: String(D(ol.done).toFixed()),
            value3: side === 'credit_note' ? { en: 'delivered', lt: 'pristatytą' } : { en: 'received', lt: 'gautą' },
          }),
        },
      ]);
    if (!byOrder.has(Number(ol.parent_id))) byOrder.set(Number(ol.parent_id), []);
    byOrder.get(Number(ol.parent_id))!.push({ collection: 'lines', id: Number(ol.id), values: { returned_qty: returned.toFixed(6) } });
  }
  for (const [order, lines] of byOrder) await ctx.entity(s.orderEntity).setServerFields(order, {}, lines);
}

const submitNote =
  (side: Side): Hook =>
  async (args) => {
    const s = SIDE[side];
    const { doc } = args;
    const kind = kindOf(s.invoice)!;
    const inv = (await readInvoice(args, kind, Number(doc.invoice), true))!;
    const { problems, lines: src } = await settle(args, side, doc);
    if (problems.length) throw fail(problems);
    const rate = D(doc.exchange_rate ?? 1);
    const foreign = isForeign(args, doc.currency);
    const account = accounts(args);
    const v = new VoucherLines();
    const items: Doc[] = doc.lines;
    const groups = await itemGroups(
      args,
      items.map((l) => l.item),
    );
    const credit = side === 'credit_note'; // credit note: income and VAT debited; debit note: expense side and VAT credited
    const signed = (acc: number, amount: Decimal) => (credit ? v.debit(acc, amount) : v.credit(acc, amount));
    const returned: { orderLine: number; qty: Decimal; path: string }[] = [];
    // Credit note: the goods come back at their delivery cost; debit note: they leave at the valuation.
    const moveStock = async (line: InvoiceLine, warehouse: number, qty: Decimal, i: number, noteLine: number, incomingRate?: Decimal) => {
      const [e] = await postStock(args, [
        {
          item: Number(line.item),
          warehouse,
          qty: qty.toFixed(),
          ...(incomingRate ? { incomingRate: incomingRate.toFixed(9) } : {}),
          voucherType: s.type,
          voucherId: Number(doc.id),
          voucherLine: noteLine,
          voucherNo: doc.number,
          postingDate: doc.posting_date,
          path: `lines/${i}/qty`,
        },
      ]);
      return e!;
    };
    const warehouseOf = async (l: InvoiceLine) =>
      doc.warehouse != null ? Number(doc.warehouse) : l.order_line != null ? Number((await orderLine(args, side, Number(l.order_line)))?.warehouse) : NaN;
    for (const [i, l] of items.entries()) {
      const line = src.get(Number(l.invoice_line))!;
      const group = groups.get(Number(l.item)) ?? null;
      const scope = group != null ? { itemGroup: group } : {};
      const amount = D(l.amount).mul(rate);
      const back = doc.return_stock && line.is_stock_item && line.item != null;
      if (back) {
        const wh = await warehouseOf(line);
        if (!Number.isFinite(wh)) throw fail([{ path: 'warehouse', ...errors.t('order_line_no_warehouse_name') }]);
        let value: Decimal;
        if (credit) {
          const cost = line.order_line != null ? await deliveredCost(args, Number(line.order_line)) : null;
          if (!cost) throw fail([{ path: `lines/${i}/invoice_line`, ...errors.t('no_delivery_line_was_found') }]);
          const e = await moveStock(line, wh, D(l.qty), i, Number(l.id), cost);
          value = D(e.valueChange);
          v.debit(await account('stock', { warehouse: wh }), value);
          v.credit(await account('cogs', scope), value);
        } else {
          const e = await moveStock(line, wh, D(l.qty).negated(), i, Number(l.id));
          value = D(e.valueChange).negated();
          v.credit(await account('stock', { warehouse: wh }), value);
          v.credit(await account('price_difference'), amount.sub(value));
        }
        l.stock_value = cents(value).toFixed(2);
        if (line.order_line != null) returned.push({ orderLine: Number(line.order_line), qty: D(l.qty), path: `lines/${i}/qty` });
      }
      if (credit) v.debit(await account('income', scope), amount);
      else if (!back) signed(await account(line.is_stock_item ? 'price_difference' : 'expense', line.is_stock_item ? {} : scope), amount);
    }
    for (const t of await taxPostings(
      args,
      credit ? 'sales' : 'purchase',
      items.map((l) => {
        const line = src.get(Number(l.invoice_line))!;
        return { template: line.tax_template, rate: line.tax_rate, amount: D(l.tax_amount).mul(rate) };
      }),
    ))
      signed(t.account, t.amount);
    const gl = v.lines();
    // The party side: against the invoice up to what it has outstanding (in its currency), the rest against the note.
    const total = D(doc.grand_total);
    const b = await itemBalance(args, kind.type, inv.id, kind.sign);
    const open = Decimal.max(foreign ? b.inCurrency : b.base, 0);
    const setOff = Decimal.min(total, open);
    const partyAccount = await account(credit ? 'receivable' : 'payable');
    const party = { party_type: s.party as 'customer' | 'supplier', party: Number(doc.party) };
    const cur = foreign ? { currency: String(doc.currency), exchange_rate: rate.toFixed(9) } : {};
    const side1 = (base: Decimal, inCurrency: Decimal, against: { type: string; id: number }) => {
      const amt = cents(base);
      if (amt.isZero() && inCurrency.isZero()) return;
      gl.push({
        account: partyAccount,
        ...(credit ? { credit: amt.toFixed(2) } : { debit: amt.toFixed(2) }),
        ...party,
        ...cur,
        ...(foreign ? (credit ? { credit_in_currency: inCurrency.toFixed(2) } : { debit_in_currency: inCurrency.toFixed(2) }) : {}),
        against_voucher_type: against.type,
        against_voucher_id: against.id,
      });
    };
    const setOffBase = setOff.eq(open) && foreign ? b.base : setOff.mul(rate);
    side1(setOffBase, setOff, { type: kind.type, id: inv.id });
    side1(total.sub(setOff).mul(rate), total.sub(setOff), { type: s.type, id: Number(doc.id) });
    await postVoucher(args, {
      voucher_type: s.type,
      voucher_id: Number(doc.id),
      voucher_no: doc.number,
      posting_date: doc.posting_date,
      remarks: `${credit ? 'Credit' : 'Debit'} note ${doc.number} for ${inv.number}`,
      lines: gl,
    });
    await moveReturnedQty(args, side, returned);
    const valued = items.filter((l) => l.stock_value != null);
    if (valued.length)
      await args.entity(s.type).setServerFields(
        Number(doc.id),
        {},
        valued.map((l) => ({ collection: 'lines', id: Number(l.id), values: { stock_value: l.stock_value } })),
      );
  };

const afterSubmit =
  (side: Side): Hook =>
  async (args) => {
    await refreshInvoice(args, SIDE[side].invoice, Number(args.doc.invoice));
    await refreshInvoice(args, SIDE[side].type, Number(args.doc.id));
  };

const cancelNote =
  (side: Side): Hook =>
  async (args) => {
    const s = SIDE[side];
    const { doc } = args;
    await readInvoice(args, kindOf(s.invoice)!, Number(doc.invoice), true);
    const [pays] = await args.sql<{ n: number }>(
      `select count(*)::int as n from accounting_payment_allocation a join accounting_payment p on p.id = a.parent_id where a.invoice_type = $1 and a.invoice = $2 and p.docstatus = 'submitted'`,
      [s.type, doc.id],
    );
    if (pays!.n > 0)
      throw ledgerError(
        'INVOICE_HAS_PAYMENTS',
        errors.t('note_refund_payment_allocated_cancel', {
          value: s.type === 'accounting.credit_note' ? { en: 'Credit', lt: 'Kreditinė sąskaita' } : { en: 'Debit', lt: 'Debetinė sąskaita' },
          number: String(doc.number),
        }),
        [{ path: 'outstanding_amount', ...errors.t('refunded') }],
      );
    await reverseVoucher(args, s.type, Number(doc.id));
    if (doc.return_stock) {
      await reverseStock(args, s.type, Number(doc.id));
      const src = await invoiceLines(args, side, Number(doc.invoice), 0);
      await moveReturnedQty(
        args,
        side,
        ((doc.lines ?? []) as Doc[]).flatMap((l, i) => {
          const line = src.get(Number(l.invoice_line));
          return line?.order_line != null && line.is_stock_item
            ? [{ orderLine: Number(line.order_line), qty: D(l.qty).negated(), path: `lines/${i}/qty` }]
            : [];
        }),
      );
    }
  };

export const noteHooks: Record<string, EntityHooks> = Object.fromEntries(
  (['credit_note', 'debit_note'] as const).map((side) => [
    side,
    {
      beforeCreate: checkDraft(side),
      beforeUpdate: checkDraft(side),
      beforeSubmit: submitNote(side),
      afterSubmit: afterSubmit(side),
      beforeCancel: cancelNote(side),
      afterCancel: afterSubmit(side),
    },
  ]),
);

/** returned_qty on an order's lines (accounting's extension of sales and purchase orders). */
const returnedQty = (description: string, lt: string) => ({
  lineFields: {
    lines: {
      returned_qty: {
        type: 'string',
        format: 'decimal',
        'x-precision': 18,
        'x-scale': 6,
        readOnly: true,
        default: '0',
        title: 'Returned qty',
        description,
        'x-labels': { lt: { title: 'Grąžintas kiekis', description: lt } },
      },
    },
  },
});

export const returnExtensions = {
  'sales.sales_order': returnedQty(
    'Returned with credit notes (at most the delivered qty).',
    'Grąžinta su kreditinėmis sąskaitomis (ne daugiau nei išsiųsta).',
  ),
  'purchasing.purchase_order': returnedQty(
    'Returned to the supplier with debit notes (at most the received qty).',
    'Grąžinta tiekėjui su debetinėmis sąskaitomis (ne daugiau nei gauta).',
  ),
};
