/**
 * A sales order's progress: delivered and billed quantities per line, % delivered and % billed,
 * and the status that follows from them. Deliveries and invoices change the counters only
 * while holding the order's row locks (order first, then its lines in id order, then stock
 * balances), so concurrent documents queue and can never deliver or bill more than ordered.
 */
import { Decimal, Errors } from '@tessera/core';
import { D, fieldError, type Sql } from './util.js';

export interface OrderRow {
  id: number;
  number: string;
  docstatus: string;
  customer: number;
  currency: string;
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

const ORDER_COLS = 'id, number, docstatus, customer, currency, tax_rate';
const LINE_SQL = `select l.id, l.idx, l.item, i.code as item_code, l.warehouse, l.qty, l.rate, l.discount_percent, l.amount, l.tax_rate, l.tax_amount,
                         coalesce(l.delivered_qty, 0) as delivered_qty, coalesce(l.billed_qty, 0) as billed_qty
                    from sales_sales_order_item l join inventory_item i on i.id = l.item
                   where l.parent_id = $1 order by l.id`;

/** Reads an order and its lines (no locks): for drafts and early checks. */
export async function readOrder(ctx: Sql, id: number, path = 'sales_order'): Promise<{ order: OrderRow; lines: Map<number, OrderLineRow> }> {
  const [order] = await ctx.sql<OrderRow>(`select ${ORDER_COLS} from sales_sales_order where id = $1`, [id]);
  if (!order) throw fieldError(path, `sales order ${id} does not exist`);
  const lines = await ctx.sql<OrderLineRow>(LINE_SQL, [id]);
  return { order, lines: new Map(lines.map((l) => [Number(l.id), l])) };
}

/** Locks the order row, then its lines (FOR UPDATE), and returns them fresh. */
export async function lockOrder(ctx: Sql, id: number): Promise<{ order: OrderRow; lines: Map<number, OrderLineRow> }> {
  const [order] = await ctx.sql<OrderRow>(`select ${ORDER_COLS} from sales_sales_order where id = $1 for update`, [id]);
  if (!order) throw fieldError('sales_order', `sales order ${id} does not exist`);
  await ctx.sql(`select id from sales_sales_order_item where parent_id = $1 order by id for update`, [id]);
  const lines = await ctx.sql<OrderLineRow>(LINE_SQL, [id]);
  return { order, lines: new Map(lines.map((l) => [Number(l.id), l])) };
}

export function assertOrderOpen(order: OrderRow, what: string): void {
  if (order.docstatus !== 'submitted')
    throw Errors.conflict('ORDER_NOT_SUBMITTED', `sales order ${order.number} is ${order.docstatus}: only a submitted order can be ${what}`);
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

/** Adds to a counter of order lines ("delivered_qty" or "billed_qty"). */
export async function addToLines(ctx: Sql, column: 'delivered_qty' | 'billed_qty', changes: { id: number; qty: Decimal }[]): Promise<void> {
  for (const c of changes)
    await ctx.sql(`update sales_sales_order_item set ${column} = coalesce(${column}, 0) + $1::numeric, updated_at = now() where id = $2`, [c.qty.toFixed(), c.id]);
}

/**
 * % delivered and % billed (by qty, capped per line) and the status that follows:
 * to deliver and bill -> to bill / to deliver -> completed.
 */
export async function refreshOrderStatus(ctx: Sql, id: number): Promise<void> {
  await ctx.sql(
    `update sales_sales_order o
        set per_delivered = p.per_delivered, per_billed = p.per_billed, updated_at = now(),
            status = case when o.docstatus = 'cancelled' then 'cancelled'
                          when o.docstatus = 'draft' then 'draft'
                          when p.per_delivered >= 100 and p.per_billed >= 100 then 'completed'
                          when p.per_delivered >= 100 then 'to_bill'
                          when p.per_billed >= 100 then 'to_deliver'
                          else 'to_deliver_and_bill' end
       from (select round(100 * sum(least(coalesce(delivered_qty, 0), qty)) / nullif(sum(qty), 0), 2) as per_delivered,
                    round(100 * sum(least(coalesce(billed_qty, 0), qty)) / nullif(sum(qty), 0), 2) as per_billed
               from sales_sales_order_item where parent_id = $1) p
      where o.id = $1`,
    [id],
  );
}
