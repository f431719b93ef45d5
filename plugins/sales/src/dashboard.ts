/**
 * Home-page figures and charts of sales, in the company currency: each document at its exchange
 * rate (base_net_total; documents from before rates were kept count when in the company
 * currency), over the submitted documents the viewer's row rules admit.
 */
import type { DashboardWidget } from '@tessera/core';
import { scopedParams } from '@tessera/plugin-kit';

/** A document's net total in the company currency ($1), or null when it is in another currency without a rate. */
const base = (h: string) => `coalesce(${h}.base_net_total, case when ${h}.currency = $1 then ${h}.net_total end)`;

const thisMonth = (column: string) => `${column} >= date_trunc('month', current_date) and ${column} < date_trunc('month', current_date) + interval '1 month'`;

export const salesDashboard: DashboardWidget[] = [
  {
    id: 'sales_this_month',
    label: 'Sales this month (net)',
    labels: { lt: 'Šio mėnesio pardavimai (be PVM)' },
    kind: 'money',
    entity: 'sales.sales_order',
    link: { entity: 'sales.sales_order', filter: { docstatus: 'submitted' } },
    reads: { 'sales.sales_order': ['net_total', 'base_net_total', 'currency', 'order_date'] },
    query: async ({ sql, rowFilter, config }) => {
      const p = scopedParams(rowFilter, [config.company.currency]);
      const [r] = await sql<{ v: string; n: number }>(
        `select coalesce(sum(${base('o')}), 0)::numeric(18,2)::text as v, count(*)::int as n from sales_sales_order o
          where o.docstatus = 'submitted' and ${base('o')} is not null and ${thisMonth('o.order_date')} and ${p.rule('sales.sales_order', 'o')}`,
        p.params,
      );
      return { value: r!.v, count: r!.n, currency: config.company.currency };
    },
  },
  {
    id: 'gross_profit_this_month',
    label: 'Gross profit this month',
    labels: { lt: 'Šio mėnesio bendrasis pelnas' },
    kind: 'money',
    entity: 'sales.delivery',
    link: { entity: 'sales.delivery', filter: { docstatus: 'submitted' } },
    reads: { 'sales.delivery': ['gross_profit', 'net_total', 'base_net_total', 'currency', 'posting_date'] },
    query: async ({ sql, rowFilter, config }) => {
      const p = scopedParams(rowFilter, [config.company.currency]);
      // A delivery's gross profit is in the company currency once it has a rate (base revenue - cost).
      const [r] = await sql<{ v: string; revenue: string }>(
        `select coalesce(sum(d.gross_profit), 0)::numeric(18,2)::text as v, coalesce(sum(${base('d')}), 0)::numeric(18,2)::text as revenue from sales_delivery d
          where d.docstatus = 'submitted' and ${base('d')} is not null and ${thisMonth('d.posting_date')} and ${p.rule('sales.delivery', 'd')}`,
        p.params,
      );
      return { value: r!.v, revenue: r!.revenue, currency: config.company.currency };
    },
  },
  {
    id: 'sales_by_month',
    label: 'Sales by month (net, last 12 months)',
    labels: { lt: 'Pardavimai pagal mėnesius (be PVM, 12 mėn.)' },
    kind: 'line',
    entity: 'sales.sales_order',
    link: { entity: 'sales.sales_order', filter: { docstatus: 'submitted' } },
    reads: { 'sales.sales_order': ['net_total', 'base_net_total', 'currency', 'order_date'] },
    query: async ({ sql, rowFilter, config }) => {
      const p = scopedParams(rowFilter, [config.company.currency]);
      return {
        series: await sql<{ label: string; value: string }>(
          `select to_char(m, 'YYYY-MM') as label, coalesce(sum(${base('o')}), 0)::numeric(18,2)::text as value
             from generate_series(date_trunc('month', current_date) - interval '11 months', date_trunc('month', current_date), interval '1 month') m
             left join sales_sales_order o on o.docstatus = 'submitted' and ${base('o')} is not null and date_trunc('month', o.order_date) = m and ${p.rule('sales.sales_order', 'o')}
            group by m order by m`,
          p.params,
        ),
      };
    },
  },
  {
    id: 'orders_to_deliver',
    label: 'Orders to deliver',
    labels: { lt: 'Pristatytini užsakymai' },
    kind: 'number',
    entity: 'sales.sales_order',
    link: { entity: 'sales.sales_order', filter: { docstatus: 'submitted', status: ['to_deliver_and_bill', 'to_deliver'] } },
    reads: { 'sales.sales_order': ['status'] },
    query: async ({ sql, rowFilter }) => {
      const p = scopedParams(rowFilter, []);
      const [r] = await sql<{ n: number }>(
        `select count(*)::int as n from sales_sales_order o where o.docstatus = 'submitted' and o.status in ('to_deliver_and_bill', 'to_deliver') and ${p.rule('sales.sales_order', 'o')}`,
        p.params,
      );
      return { value: r!.n };
    },
  },
];
