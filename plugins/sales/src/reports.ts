/**
 * Sales reports (GET /api/sales/reports/...), aggregated in SQL over the submitted documents the
 * caller's row rules admit (as their lists show them; customers and items only label the groups).
 * Every amount is in the company currency: each line at its document's exchange rate, rounded
 * to the cent per line, so the rows add up to the total exactly. Documents in another currency
 * without a rate (from before documents kept one) cannot be converted and are counted in
 * `excluded`, never silently left out:
 *   analytics      net sales and qty by customer, item or month, from orders or invoices
 *   gross-profit   per sales order: delivered revenue - cost of goods sold (from the deliveries), margin %
 */
import { Decimal, type SetupContext } from '@tessera/core';
import { qs, registerReport, rowSchema, scopedParams, type RowFilter } from '@tessera/plugin-kit';

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
    ? { 'sales.sales_order': ['customer', 'order_date', 'currency', 'exchange_rate', 'lines.item', 'lines.qty', 'lines.amount'] }
    : { 'sales.sales_invoice': ['customer', 'posting_date', 'currency', 'exchange_rate', 'lines.item', 'lines.qty', 'lines.amount'] };

/** A document's rate to the company currency (alias h, company currency as `company`): its own, 1 in the company currency, else null. */
const rateOf = (h: string, company: string) => `coalesce(${h}.exchange_rate, case when ${h}.currency = ${company} then 1 end)`;

export async function salesAnalytics(sql: Sql, rowFilter: RowFilter, q: AnalyticsQuery & { company: string }) {
  const groupBy = q.group_by ?? 'customer';
  const basedOn = q.based_on ?? 'order';
  const [entity, head, date] =
    basedOn === 'order' ? ['sales.sales_order', 'sales_sales_order', 'order_date'] : ['sales.sales_invoice', 'sales_sales_invoice', 'posting_date'];
  const key = { customer: 'h.customer::text', item: 'l.item::text', month: `to_char(h.${date}, 'YYYY-MM')` }[groupBy];
  const label = { customer: 'min(c.name)', item: `min(i.code || ' ' || i.name)`, month: `to_char(h.${date}, 'YYYY-MM')` }[groupBy];
  // Both statements use every parameter: the same list serves them. $1 is the company currency, $5 the optional currency filter.
  const p = scopedParams(rowFilter, [q.company, q.from ?? null, q.to ?? null, q.customer ?? null, q.currency ?? null]);
  const rate = rateOf('h', '$1::text');
  const chosen = `h.docstatus = 'submitted' and ($5::text is null or h.currency = $5) and ($2::date is null or h.${date} >= $2) and ($3::date is null or h.${date} <= $3)
        and ($4::bigint is null or h.customer = $4) and ${p.rule(entity, 'h')}`;
  const documents = `${chosen} and ${rate} is not null`;
  const base = `round(l.amount * ${rate}, 2)`;
  const rows = await sql(
    `select ${key} as key, ${label} as label, count(distinct h.id)::int as documents,
            sum(l.qty)::numeric(18,6)::text as qty, sum(${base})::numeric(18,2)::text as net_total
       from ${head} h join ${head}_item l on l.parent_id = h.id
       join sales_customer c on c.id = h.customer join inventory_v_item i on i.id = l.item
      where ${documents}
      group by ${key}
      order by ${groupBy === 'month' ? 'key' : `sum(${base}) desc, key`}`,
    p.params,
  );
  const [total] = await sql(
    `select count(distinct h.id)::int as documents, coalesce(sum(l.qty), 0)::numeric(18,6)::text as qty, coalesce(sum(${base}), 0)::numeric(18,2)::text as net_total
       from ${head} h join ${head}_item l on l.parent_id = h.id
      where ${documents}`,
    p.params,
  );
  const [excluded] = await sql(`select count(*)::int as documents_without_rate from ${head} h where ${chosen} and ${rate} is null`, p.params);
  return { group_by: groupBy, based_on: basedOn, currency: q.company, ...(q.currency ? { document_currency: q.currency } : {}), rows, total, excluded };
}

/**
 * Per order: revenue (in the company currency, each delivery line at the order's rate) and cost
 * of the submitted deliveries (cost rounded to the cent per order), for the orders and deliveries
 * the caller may read.
 */
export async function grossProfit(sql: Sql, rowFilter: RowFilter, q: ProfitQuery & { company: string }) {
  const scope = scopedParams(rowFilter, [q.from ?? null, q.to ?? null, q.customer ?? null, q.sales_order ?? null, q.company]);
  const rate = `coalesce(d.exchange_rate, o.exchange_rate, case when d.currency = $5::text then 1 end)`;
  const chosen = `d.docstatus = 'submitted' and ($1::date is null or d.posting_date >= $1) and ($2::date is null or d.posting_date <= $2)
          and ($3::bigint is null or d.customer = $3) and ($4::bigint is null or d.sales_order = $4) and ${scope.rule('sales.delivery', 'd')}`;
  // Both statements use every parameter (the order rule too): the same list serves them.
  const orderRule = scope.rule('sales.sales_order', 'o');
  const rows = await sql(
    `with per_order as (
       select d.sales_order, sum(round(l.amount * ${rate}, 2)) as revenue, round(sum(coalesce(l.cost_amount, 0)), 2) as cost, sum(l.qty) as qty
         from sales_delivery d join sales_delivery_item l on l.parent_id = d.id join sales_sales_order o on o.id = d.sales_order
        where ${chosen} and ${rate} is not null
        group by d.sales_order)
     select o.id as sales_order, o.number, o.customer, c.name as customer_name, o.order_date::text as order_date, o.currency,
            o.net_total::text as ordered_net_total, p.qty::numeric(18,6)::text as delivered_qty,
            p.revenue::numeric(18,2)::text as revenue, p.cost::numeric(18,2)::text as cost_of_goods_sold,
            (p.revenue - p.cost)::numeric(18,2)::text as gross_profit,
            case when p.revenue = 0 then null else round(100 * (p.revenue - p.cost) / p.revenue, 2)::text end as margin_percent
       from per_order p join sales_sales_order o on o.id = p.sales_order join sales_customer c on c.id = o.customer
      where ${orderRule}
      order by o.order_date, o.id`,
    scope.params,
  );
  const sum = (k: string) => rows.reduce((acc: Decimal, r: any) => acc.add(r[k]), new Decimal(0));
  const revenue = sum('revenue');
  const cost = sum('cost_of_goods_sold');
  const [excluded] = await sql(
    `select count(*)::int as deliveries_without_rate from sales_delivery d join sales_sales_order o on o.id = d.sales_order where ${chosen} and ${rate} is null and ${orderRule}`,
    scope.params,
  );
  return {
    currency: q.company,
    rows,
    total: { revenue: revenue.toFixed(2), cost_of_goods_sold: cost.toFixed(2), gross_profit: revenue.sub(cost).toFixed(2) },
    excluded,
  };
}

export function registerSalesReports(setup: SetupContext): void {
  registerReport<AnalyticsQuery>(setup, 'sales', {
    url: '/api/sales/reports/analytics',
    rowSchema: rowSchema({ key: 'text', label: 'text', documents: 'integer', qty: 'quantity', net_total: 'money' }),
    label: 'Sales analytics',
    labels: { lt: 'Pardavimų analizė' },
    summary:
      'Sales analytics: net sales (company currency) and qty by customer, item or month (submitted orders or invoices; currency filters by document currency)',
    summaries: {
      lt: 'Pardavimų analizė: grynieji pardavimai (įmonės valiuta) ir kiekis pagal pirkėją, prekę ar mėnesį (pateikti užsakymai arba sąskaitos; valiuta filtruoja pagal dokumento valiutą)',
    },
    // The documents read depend on based_on: asserted in run.
    reads: { 'sales.customer': ['name'], 'inventory.item': ['code', 'name'] },
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        group_by: {
          type: 'string',
          enum: ['customer', 'item', 'month'],
          title: 'Group by',
          'x-enum-labels': { customer: 'Customer', item: 'Item', month: 'Month' },
          'x-labels': { lt: { title: 'Grupuoti pagal', enum: { customer: 'Klientą', item: 'Prekę', month: 'Mėnesį' } } },
        },
        based_on: {
          type: 'string',
          enum: ['order', 'invoice'],
          title: 'Based on',
          'x-enum-labels': { order: 'Orders', invoice: 'Invoices' },
          'x-labels': { lt: { title: 'Pagal', enum: { order: 'Užsakymus', invoice: 'Sąskaitas' } } },
        },
        from: qs.date,
        to: qs.date,
        currency: qs.currency,
        customer: qs.id,
      },
    },
    run: (ctx, q) => {
      for (const [key, fields] of Object.entries(analyticsReads(q.based_on))) ctx.assertReadable(key, fields);
      return salesAnalytics(ctx.sql, ctx.rowFilter, { ...q, company: ctx.config.company.currency });
    },
  });
  registerReport<ProfitQuery>(setup, 'sales', {
    url: '/api/sales/reports/gross-profit',
    aliases: ['/api/sales/reports/gross_profit'],
    rowSchema: rowSchema({
      sales_order: 'id',
      number: 'text',
      customer: 'id',
      customer_name: 'text',
      order_date: 'date',
      currency: 'text',
      ordered_net_total: 'money',
      delivered_qty: 'quantity',
      revenue: 'money',
      cost_of_goods_sold: 'money',
      gross_profit: 'money',
      margin_percent: 'percent',
    }),
    label: 'Gross profit',
    labels: { lt: 'Bendrasis pelnas' },
    summary: 'Gross profit per sales order: delivered revenue - cost of goods sold, margin %',
    summaries: { lt: 'Bendrasis pelnas pagal pardavimo užsakymą: pristatytų prekių pajamos - parduotų prekių savikaina, marža %' },
    reads: {
      'sales.delivery': ['sales_order', 'posting_date', 'customer', 'currency', 'exchange_rate', 'lines.amount', 'lines.cost_amount', 'lines.qty'],
      'sales.sales_order': ['number', 'customer', 'order_date', 'currency', 'exchange_rate', 'net_total'],
      'sales.customer': ['name'],
    },
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: { from: qs.date, to: qs.date, customer: qs.id, sales_order: qs.id },
    },
    run: (ctx, q) => grossProfit(ctx.sql, ctx.rowFilter, { ...q, company: ctx.config.company.currency }),
  });
}
