/**
 * Sales reports (GET /api/sales/reports/...), aggregated in SQL over the submitted documents the
 * caller's row rules admit (as their lists show them; customers and items only label the groups):
 *   analytics      net sales and qty by customer, item or month, from orders or invoices
 *   gross_profit   per sales order: delivered revenue - cost of goods sold (from the deliveries), margin %
 */
import { Decimal, type SetupContext } from '@tessera/core';
import { qs, registerReport, scopedParams, type RowFilter } from '@tessera/plugin-kit';

interface AnalyticsQuery {
  group_by?: 'customer' | 'item' | 'month';
  based_on?: 'order' | 'invoice';
  from?: string;
  to?: string;
  currency?: string;
  customer?: string;
}
interface ProfitQuery {
  from?: string;
  to?: string;
  customer?: string;
  sales_order?: string;
}

type Sql = (text: string, params?: unknown[]) => Promise<any[]>;

/** What salesAnalytics reads of the documents it is based on (the labels' entities are declared on the route). */
export const analyticsReads = (basedOn: 'order' | 'invoice' = 'order') =>
  basedOn === 'order'
    ? { 'sales.sales_order': ['customer', 'order_date', 'currency', 'lines.item', 'lines.qty', 'lines.amount'] }
    : { 'sales.sales_invoice': ['customer', 'posting_date', 'currency', 'lines.item', 'lines.qty', 'lines.amount'] };

export async function salesAnalytics(sql: Sql, rowFilter: RowFilter, q: AnalyticsQuery & { currency: string }) {
  const groupBy = q.group_by ?? 'customer';
  const basedOn = q.based_on ?? 'order';
  const [entity, head, date] =
    basedOn === 'order' ? ['sales.sales_order', 'sales_sales_order', 'order_date'] : ['sales.sales_invoice', 'sales_sales_invoice', 'posting_date'];
  const key = { customer: 'h.customer::text', item: 'l.item::text', month: `to_char(h.${date}, 'YYYY-MM')` }[groupBy];
  const label = { customer: 'min(c.name)', item: `min(i.code || ' ' || i.name)`, month: `to_char(h.${date}, 'YYYY-MM')` }[groupBy];
  // Both statements use every parameter: the same list serves them.
  const p = scopedParams(rowFilter, [q.currency, q.from ?? null, q.to ?? null, q.customer ?? null]);
  const documents = `h.docstatus = 'submitted' and h.currency = $1 and ($2::date is null or h.${date} >= $2) and ($3::date is null or h.${date} <= $3)
        and ($4::bigint is null or h.customer = $4) and ${p.rule(entity, 'h')}`;
  const rows = await sql(
    `select ${key} as key, ${label} as label, count(distinct h.id)::int as documents,
            sum(l.qty)::numeric(18,6)::text as qty, sum(l.amount)::numeric(18,2)::text as net_total
       from ${head} h join ${head}_item l on l.parent_id = h.id
       join sales_customer c on c.id = h.customer join inventory_v_item i on i.id = l.item
      where ${documents}
      group by ${key}
      order by ${groupBy === 'month' ? 'key' : 'sum(l.amount) desc, key'}`,
    p.params,
  );
  const [total] = await sql(
    `select count(distinct h.id)::int as documents, coalesce(sum(l.qty), 0)::numeric(18,6)::text as qty, coalesce(sum(l.amount), 0)::numeric(18,2)::text as net_total
       from ${head} h join ${head}_item l on l.parent_id = h.id
      where ${documents}`,
    p.params,
  );
  return { group_by: groupBy, based_on: basedOn, currency: q.currency, rows, total };
}

/** Per order: revenue and cost of the submitted deliveries (cost rounded to the cent per order), for the orders and deliveries the caller may read. */
export async function grossProfit(sql: Sql, rowFilter: RowFilter, q: ProfitQuery) {
  const scope = scopedParams(rowFilter, [q.from ?? null, q.to ?? null, q.customer ?? null, q.sales_order ?? null]);
  const rows = await sql(
    `with per_order as (
       select d.sales_order, sum(l.amount) as revenue, round(sum(coalesce(l.cost_amount, 0)), 2) as cost, sum(l.qty) as qty
         from sales_delivery d join sales_delivery_item l on l.parent_id = d.id
        where d.docstatus = 'submitted' and ($1::date is null or d.posting_date >= $1) and ($2::date is null or d.posting_date <= $2)
          and ($3::bigint is null or d.customer = $3) and ($4::bigint is null or d.sales_order = $4) and ${scope.rule('sales.delivery', 'd')}
        group by d.sales_order)
     select o.id as sales_order, o.number, o.customer, c.name as customer_name, o.order_date::text as order_date, o.currency,
            o.net_total::text as ordered_net_total, p.qty::numeric(18,6)::text as delivered_qty,
            p.revenue::numeric(18,2)::text as revenue, p.cost::numeric(18,2)::text as cost_of_goods_sold,
            (p.revenue - p.cost)::numeric(18,2)::text as gross_profit,
            case when p.revenue = 0 then null else round(100 * (p.revenue - p.cost) / p.revenue, 2)::text end as margin_percent
       from per_order p join sales_sales_order o on o.id = p.sales_order join sales_customer c on c.id = o.customer
      where ${scope.rule('sales.sales_order', 'o')}
      order by o.order_date, o.id`,
    scope.params,
  );
  const sum = (k: string) => rows.reduce((acc: Decimal, r: any) => acc.add(r[k]), new Decimal(0));
  const revenue = sum('revenue');
  const cost = sum('cost_of_goods_sold');
  return { rows, total: { revenue: revenue.toFixed(2), cost_of_goods_sold: cost.toFixed(2), gross_profit: revenue.sub(cost).toFixed(2) } };
}

export function registerSalesReports(setup: SetupContext): void {
  registerReport<AnalyticsQuery>(setup, 'sales', {
    url: '/api/sales/reports/analytics',
    label: 'Sales analytics',
    labels: { lt: 'Pardavimų analizė' },
    summary: 'Sales analytics: net sales and qty by customer, item or month (submitted orders or invoices)',
    // The documents read depend on based_on: asserted in run.
    reads: { 'sales.customer': ['name'], 'inventory.item': ['code', 'name'] },
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        group_by: { type: 'string', enum: ['customer', 'item', 'month'] },
        based_on: { type: 'string', enum: ['order', 'invoice'] },
        from: qs.date,
        to: qs.date,
        currency: qs.currency,
        customer: qs.id,
      },
    },
    run: (ctx, q) => {
      for (const [key, fields] of Object.entries(analyticsReads(q.based_on))) ctx.assertReadable(key, fields);
      return salesAnalytics(ctx.sql, ctx.rowFilter, { ...q, currency: q.currency ?? ctx.config.company.currency });
    },
  });
  registerReport<ProfitQuery>(setup, 'sales', {
    url: '/api/sales/reports/gross_profit',
    label: 'Gross profit',
    labels: { lt: 'Bendrasis pelnas' },
    summary: 'Gross profit per sales order: delivered revenue - cost of goods sold, margin %',
    reads: {
      'sales.delivery': ['sales_order', 'posting_date', 'customer', 'lines.amount', 'lines.cost_amount', 'lines.qty'],
      'sales.sales_order': ['number', 'customer', 'order_date', 'currency', 'net_total'],
      'sales.customer': ['name'],
    },
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: { from: qs.date, to: qs.date, customer: qs.id, sales_order: qs.id },
    },
    run: (ctx, q) => grossProfit(ctx.sql, ctx.rowFilter, q),
  });
}
