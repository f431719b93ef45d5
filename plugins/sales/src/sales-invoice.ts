/**
 * Sales invoices bill order lines. Each line takes its exact share of the order line's net
 * amount and tax, so an order's invoices add up to its grand total to the cent. Submitting
 * locks the order, re-checks billed <= ordered and raises the billed qty; cancelling lowers it.
 */
import { statusText, type Doc, type Hook, type HookArgs } from '@tessera/core';
import { errors } from '../errors.js';
import { allocate, sumOf } from './allocation.js';
import { baseTotals, requireRate, settleRate } from './exchange-rate.js';
import { assertOrderOpen, lockOrder, readOrder, takenShares, updateOrderProgress } from './order-progress.js';
import { addDays, fieldError, isDraftEdit, loadCustomer, problemsError, today, D } from './util.js';

function orderLineIds(doc: Doc): number[] {
  return (doc.lines as Doc[]).map((l) => Number(l.sales_order_item)).filter((n) => Number.isSafeInteger(n));
}

function totals(doc: Doc): void {
  const net = sumOf(doc.lines, 'amount');
  const tax = sumOf(doc.lines, 'tax_amount');
  Object.assign(doc, {
    total_qty: sumOf(doc.lines, 'qty').toFixed(6),
    net_total: net.toFixed(2),
    tax_total: tax.toFixed(2),
    grand_total: net.add(tax).toFixed(2),
  });
}

const settleInvoice: Hook = async (args: HookArgs) => {
  const { doc } = args;
  if (!isDraftEdit(args.old)) return;
  const { order, lines } = await readOrder(args, doc.sales_order);
  if (order.docstatus !== 'submitted')
    throw fieldError('sales_order', errors.t('bill_submitted_order', { number: order.number, status: statusText(order.docstatus) }));
  if (doc.customer == null) doc.customer = order.customer;
  else if (Number(doc.customer) !== Number(order.customer)) throw fieldError('customer', errors.t('order_customer', { customer: String(order.customer) }));
  doc.currency = order.currency;
  if (!doc.posting_date) doc.posting_date = await today(args);
  await settleRate(args, doc, String(doc.posting_date));
  if (!doc.due_date) doc.due_date = await addDays(args, doc.posting_date, (await loadCustomer(args, doc.customer)).payment_terms_days ?? 0);
  if (doc.due_date < doc.posting_date) throw fieldError('due_date', errors.t('due_date_before', { date: String(doc.posting_date) }));
  const taken = await takenShares(args, 'sales_invoice', orderLineIds(doc), doc.id ?? 0);
  const { problems } = allocate('sales_invoice', order, doc.lines, lines, taken);
  if (problems.length) throw problemsError(problems.some((p) => p.path.endsWith('/qty')) ? 'OVER_BILLING' : 'INVALID_INVOICE_LINES', problems);
  totals(doc);
};

const submitInvoice: Hook = async (ctx) => {
  const { doc } = ctx;
  const { order, lines } = await lockOrder(ctx, doc.sales_order);
  assertOrderOpen(order, 'billed');
  const taken = await takenShares(ctx, 'sales_invoice', orderLineIds(doc), doc.id);
  const { problems, rows } = allocate('sales_invoice', order, doc.lines, lines, taken);
  if (problems.length) throw problemsError('OVER_BILLING', problems);
  // Header totals go on the document (written with the submit); the core writes no line items there, so lines are server fields.
  totals(doc);
  if (doc.exchange_rate == null || doc.exchange_rate === '') doc.exchange_rate = order.exchange_rate;
  requireRate(ctx, doc);
  baseTotals(doc);
  await ctx.entity('sales.sales_invoice').setServerFields(
    doc.id,
    {},
    rows.map(({ line }) => ({
      collection: 'lines',
      id: Number(line.id),
      values: {
        item: line.item,
        rate: line.rate,
        discount_percent: line.discount_percent,
        amount: line.amount,
        tax_rate: line.tax_rate,
        tax_amount: line.tax_amount,
      },
    })),
  );
  await updateOrderProgress(
    ctx,
    order.id,
    'billed_qty',
    rows.map((r) => ({ id: r.orderLine.id, qty: r.qty })),
  );
};

const cancelInvoice: Hook = async (ctx) => {
  const { doc } = ctx;
  await lockOrder(ctx, doc.sales_order);
  await updateOrderProgress(
    ctx,
    doc.sales_order,
    'billed_qty',
    (doc.lines as Doc[]).map((l) => ({ id: Number(l.sales_order_item), qty: D(l.qty).negated() })),
  );
};

export const salesInvoiceHooks: Record<string, Hook> = {
  beforeCreate: settleInvoice,
  beforeUpdate: settleInvoice,
  beforeSubmit: submitInvoice,
  afterCancel: cancelInvoice,
};
