/**
 * A sales order's progress: delivered and billed quantities per line, % delivered and % billed,
 * and the status that follows from them. Deliveries and invoices change the counters only
 * while holding the order's row locks (order first, then its lines in id order, then stock
 * balances), so concurrent documents queue and can never deliver or bill more than ordered.
 */
import { Decimal, Errors, statusText, type Doc, type ServiceContext } from '@tessera/core';
import { errors } from '../errors.js';
import { D, fieldError, round2, type Sql } from './util.js';

export interface OrderRow {
  id: number;
  number: string;
  docstatus: string;
  customer: number;
  currency: string;
  /** Company currency per unit of the order currency (null on orders from before rates were kept, or drafts in another currency). */
  exchange_rate: string | null;
  tax_rate: string | null;
}

export interface OrderLineRow {
  id: number;
  idx: number;
  item: number;
  item_code: string;
  warehouse: number;
  qty: string;
  rate: string;
  discount_percent: string;
  amount: string;
  tax_rate: string | null;
  tax_amount: string;
  delivered_qty: string;
  billed_qty: string;
}

const ORDER_COLS = 'id, number, docstatus, customer, currency, exchange_rate::text, tax_rate';
const LINE_SQL = `select l.id, l.idx, l.item, i.code as item_code, l.warehouse, l.qty, l.rate, l.discount_percent, l.amount, l.tax_rate, l.tax_amount,
                         coalesce(l.delivered_qty, 0) as delivered_qty, coalesce(l.billed_qty, 0) as billed_qty
                    from sales_sales_order_item l join inventory_v_item i on i.id = l.item
                   where l.parent_id = $1 order by l.id`;

/** Reads an order and its lines (no locks): for drafts and early checks. */
export async function readOrder(ctx: Sql, id: number, path = 'sales_order'): Promise<{ order: OrderRow; lines: Map<number, OrderLineRow> }> {
  const [order] = await ctx.sql<OrderRow>(`select ${ORDER_COLS} from sales_sales_order where id = $1`, [id]);
  if (!order) throw fieldError(path, errors.t('order_missing', { id }));
  const lines = await ctx.sql<OrderLineRow>(LINE_SQL, [id]);
  return { order, lines: new Map(lines.map((l) => [Number(l.id), l])) };
}

/** Locks the order row, then its lines (FOR UPDATE), and returns them fresh. */
export async function lockOrder(ctx: Sql, id: number): Promise<{ order: OrderRow; lines: Map<number, OrderLineRow> }> {
  const [order] = await ctx.sql<OrderRow>(`select ${ORDER_COLS} from sales_sales_order where id = $1 for update`, [id]);
  if (!order) throw fieldError('sales_order', errors.t('order_missing', { id }));
  await ctx.sql(`select id from sales_sales_order_item where parent_id = $1 order by id for update`, [id]);
  const lines = await ctx.sql<OrderLineRow>(LINE_SQL, [id]);
  return { order, lines: new Map(lines.map((l) => [Number(l.id), l])) };
}

export function assertOrderOpen(order: OrderRow, what: 'delivered' | 'billed'): void {
  if (order.docstatus !== 'submitted')
    throw Errors.conflict(
      'ORDER_NOT_SUBMITTED',
      errors.t(what === 'delivered' ? 'order_not_delivered' : 'order_not_billed', { number: order.number, status: statusText(order.docstatus) }),
    );
}

export interface Shares {
  qty: Decimal;
  amount: Decimal;
  tax: Decimal;
}

/** What submitted deliveries or invoices (other than `exclude`) already took of each order line. */
export async function takenShares(ctx: Sql, kind: 'delivery' | 'sales_invoice', orderLineIds: number[], exclude: number): Promise<Map<number, Shares>> {
  const tax = kind === 'sales_invoice' ? 'sum(l.tax_amount)' : '0';
  const rows = await ctx.sql<{ id: number; qty: string; amount: string; tax: string }>(
    `select l.sales_order_item as id, sum(l.qty) as qty, sum(l.amount) as amount, ${tax} as tax
       from sales_${kind}_item l join sales_${kind} d on d.id = l.parent_id
      where d.docstatus = 'submitted' and l.sales_order_item = any($1) and d.id <> $2
      group by l.sales_order_item`,
    [orderLineIds, exclude],
  );
  return new Map(rows.map((r) => [Number(r.id), { qty: D(r.qty), amount: D(r.amount), tax: D(r.tax) }]));
}

export const noShares = (): Shares => ({ qty: new Decimal(0), amount: new Decimal(0), tax: new Decimal(0) });

export interface OrderProgress {
  per_delivered: string;
  per_billed: string;
  status: string;
}

/**
 * What an order's lines say about it: % delivered and % billed (by qty, each line capped at its
 * qty, rounded to 0.01) and the status. The status compares exact quantities, not the rounded
 * percentages, so "to bill" and "completed" mean that nothing at all is left to deliver (the
 * Make delivery action is offered by status).
 */
export function orderProgress(docstatus: string, lines: Doc[]): OrderProgress {
  let ordered = new Decimal(0);
  let delivered = new Decimal(0);
  let billed = new Decimal(0);
  for (const l of lines) {
    const qty = D(l.qty);
    ordered = ordered.add(qty);
    delivered = delivered.add(Decimal.min(D(l.delivered_qty), qty));
    billed = billed.add(Decimal.min(D(l.billed_qty), qty));
  }
  const pct = (part: Decimal) => (ordered.isZero() ? new Decimal(0) : round2(part.mul(100).div(ordered)));
  return {
    per_delivered: pct(delivered).toFixed(2),
    per_billed: pct(billed).toFixed(2),
    status: orderStatus(docstatus, delivered.gte(ordered), billed.gte(ordered)),
  };
}

/** The status that follows from the document state and the progress. */
export function orderStatus(docstatus: string, fullyDelivered: boolean, fullyBilled: boolean): string {
  if (docstatus !== 'submitted') return docstatus;
  if (fullyDelivered && fullyBilled) return 'completed';
  if (fullyDelivered) return 'to_bill';
  if (fullyBilled) return 'to_deliver';
  return 'to_deliver_and_bill';
}

/**
 * Adds `changes` to a counter of the order's lines ("delivered_qty" or "billed_qty") and sets
 * % delivered, % billed and the status (orderProgress) as audited server fields. The caller
 * holds the order's locks (lockOrder).
 */
export async function updateOrderProgress(
  ctx: ServiceContext,
  orderId: number,
  column: 'delivered_qty' | 'billed_qty',
  changes: { id: number; qty: Decimal }[],
): Promise<void> {
  const orders = ctx.entity('sales.sales_order');
  const order = await orders.get(orderId);
  const delta = new Map<number, Decimal>();
  for (const c of changes) delta.set(c.id, (delta.get(c.id) ?? new Decimal(0)).add(c.qty));
  const lineUpdates: { collection: string; id: number; values: Doc }[] = [];
  const lines = (order.lines as Doc[]).map((l) => {
    const change = delta.get(Number(l.id));
    if (!change) return l;
    const value = D(l[column]).add(change);
    if (value.lt(0))
      throw Errors.conflict('ORDER_COUNTER_NEGATIVE', errors.t('counter_negative', { number: String(order.number), line: Number(l.idx) + 1, column }));
    lineUpdates.push({ collection: 'lines', id: Number(l.id), values: { [column]: value.toFixed(6) } });
    return { ...l, [column]: value };
  });
  await orders.setServerFields(orderId, { ...orderProgress(order.docstatus, lines) }, lineUpdates);
}
