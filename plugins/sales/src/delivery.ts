/**
 * Deliveries. A draft is checked and priced against its sales order; submitting locks the
 * order and its lines, re-checks delivered <= ordered, issues the stock through the inventory
 * API at the current valuation rate (the cost of goods sold goes on each line), releases the
 * reservation and raises the delivered qty. Cancelling posts reversing stock entries and
 * restores the order's counters and reservation. All in the request's transaction.
 */
import { Decimal, statusText, type Doc, type Hook, type HookArgs } from '@tessera/core';
import { errors } from '../errors.js';
import { postStock, reserveStock, reverseStock } from '@tessera/plugin-inventory/api';
import { allocate, sumOf } from './allocation.js';
import { assertOrderOpen, lockOrder, readOrder, takenShares, updateOrderProgress } from './order-progress.js';
import { noteOnTimeline } from './timeline.js';
import { requireRate } from './exchange-rate.js';
import { D, fieldError, isDraftEdit, problemsError, round2, show, today } from './util.js';

const VOUCHER = 'sales.delivery';

function orderLineIds(doc: Doc): number[] {
  return (doc.lines as Doc[]).map((l) => Number(l.sales_order_item)).filter((n) => Number.isSafeInteger(n));
}

const settleDelivery: Hook = async (args: HookArgs) => {
  const { doc } = args;
  if (!isDraftEdit(args.old)) return;
  const { order, lines } = await readOrder(args, doc.sales_order);
  if (order.docstatus !== 'submitted')
    throw fieldError('sales_order', errors.t('deliver_submitted_order', { number: order.number, status: statusText(order.docstatus) }));
  if (doc.customer == null) doc.customer = order.customer;
  else if (Number(doc.customer) !== Number(order.customer)) throw fieldError('customer', errors.t('order_customer', { customer: String(order.customer) }));
  doc.currency = order.currency;
  doc.exchange_rate = order.exchange_rate ?? (order.currency === args.config.company.currency ? '1' : null);
  if (!doc.posting_date) doc.posting_date = await today(args);
  const taken = await takenShares(args, 'delivery', orderLineIds(doc), doc.id ?? 0);
  const { problems } = allocate('delivery', order, doc.lines, lines, taken);
  if (problems.length) throw problemsError(problems.some((p) => p.path.endsWith('/qty')) ? 'OVER_DELIVERY' : 'INVALID_DELIVERY_LINES', problems);
  for (const l of doc.lines as Doc[]) Object.assign(l, { valuation_rate: null, cost_amount: null });
  Object.assign(doc, { total_qty: sumOf(doc.lines, 'qty').toFixed(6), net_total: sumOf(doc.lines, 'amount').toFixed(2), total_cost: null, gross_profit: null });
};

const submitDelivery: Hook = async (ctx) => {
  const { doc } = ctx;
  const { order, lines } = await lockOrder(ctx, doc.sales_order);
  assertOrderOpen(order, 'delivered');
  const taken = await takenShares(ctx, 'delivery', orderLineIds(doc), doc.id);
  const { problems, rows } = allocate('delivery', order, doc.lines, lines, taken);
  if (problems.length) throw problemsError('OVER_DELIVERY', problems);

  const posted = await postStock(
    ctx,
    rows.map(({ line, orderLine, qty }, i) => ({
      item: orderLine.item,
      warehouse: line.warehouse,
      qty: qty.negated().toFixed(),
      voucherType: VOUCHER,
      voucherId: doc.id,
      voucherLine: line.id,
      voucherNo: doc.number,
      postingDate: doc.posting_date,
      path: `lines/${i}/qty`,
    })),
  );
  await reserveStock(
    ctx,
    rows.map(({ orderLine, qty }, i) => ({ item: orderLine.item, warehouse: orderLine.warehouse, qty: qty.negated().toFixed(), path: `lines/${i}/qty` })),
  );

  let cost = new Decimal(0);
  const lineValues = rows.map(({ line }, i) => {
    const p = posted[i]!;
    const lineCost = p.valueChange.negated();
    cost = cost.add(lineCost);
    return {
      collection: 'lines',
      id: Number(line.id),
      values: {
        item: line.item,
        rate: line.rate,
        amount: line.amount,
        warehouse: line.warehouse,
        valuation_rate: p.rate.toFixed(),
        cost_amount: lineCost.toFixed(),
      },
    };
  });
  // Header totals go on the document (written with the submit); the core writes no line items there, so lines are server fields.
  await ctx.entity('sales.delivery').setServerFields(doc.id, {}, lineValues);
  const revenue = sumOf(doc.lines, 'amount');
  const totalCost = round2(cost);
  // The order's rate (a delivery has none of its own); gross profit is in the company currency, like the cost.
  doc.exchange_rate = order.exchange_rate ?? (order.currency === ctx.config.company.currency ? '1' : null);
  requireRate(ctx, doc);
  const baseRevenue = round2(revenue.mul(D(doc.exchange_rate)));
  Object.assign(doc, {
    net_total: revenue.toFixed(2),
    base_net_total: baseRevenue.toFixed(2),
    total_cost: totalCost.toFixed(2),
    gross_profit: baseRevenue.sub(totalCost).toFixed(2),
    total_qty: sumOf(doc.lines, 'qty').toFixed(6),
  });
  await updateOrderProgress(
    ctx,
    order.id,
    'delivered_qty',
    rows.map((r) => ({ id: r.orderLine.id, qty: r.qty })),
  );
};

const cancelDelivery: Hook = async (ctx) => {
  const { doc } = ctx;
  const { order, lines } = await lockOrder(ctx, doc.sales_order);
  await reverseStock(ctx, VOUCHER, doc.id);
  const back = (doc.lines as Doc[]).map((l) => ({ line: l, orderLine: lines.get(Number(l.sales_order_item))!, qty: new Decimal(l.qty) }));
  if (order.docstatus === 'submitted')
    await reserveStock(
      ctx,
      back.map(({ orderLine, qty }, i) => ({ item: orderLine.item, warehouse: orderLine.warehouse, qty: qty.toFixed(), path: `lines/${i}/qty` })),
    );
  await updateOrderProgress(
    ctx,
    order.id,
    'delivered_qty',
    back.map((b) => ({ id: b.orderLine.id, qty: b.qty.negated() })),
  );
};

export const deliveryHooks: Record<string, Hook> = {
  beforeCreate: settleDelivery,
  beforeUpdate: settleDelivery,
  beforeSubmit: submitDelivery,
  afterSubmit: async (ctx) => {
    const [o] = await ctx.sql<{ opportunity: number | null }>(`select opportunity from sales_sales_order where id = $1`, [ctx.doc.sales_order]);
    await noteOnTimeline(ctx, {
      opportunity: o?.opportunity,
      customer: ctx.doc.customer,
      subject: `Delivery ${ctx.doc.number} shipped: ${show(ctx.doc.total_qty)} units`,
      documentRef: `${VOUCHER} ${ctx.doc.number}`,
    });
  },
  afterCancel: cancelDelivery,
};
