/** Home-page figures and charts of sales (company currency, submitted documents). */
import type { DashboardWidget } from '@tessera/core';

export const salesDashboard: DashboardWidget[] = [
  {
    id: 'sales_this_month',
    label: 'Sales this month (net)',
    labels: { lt: 'Šio mėnesio pardavimai (be PVM)' },
    kind: 'money',
    entity: 'sales.sales_order',
    query: async ({ sql, config }) => {
      const [r] = await sql<{ v: string; n: number }>(
        `select coalesce(sum(net_total), 0)::numeric(18,2)::text as v, count(*)::int as n from sales_sales_order
          where docstatus = 'submitted' and currency = $1 and order_date >= date_trunc('month', current_date) and order_date < date_trunc('month', current_date) + interval '1 month'`,
        [config.company.currency],
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
    query: async ({ sql, config }) => {
      const [r] = await sql<{ v: string; revenue: string }>(
        `select coalesce(sum(gross_profit), 0)::numeric(18,2)::text as v, coalesce(sum(net_total), 0)::numeric(18,2)::text as revenue from sales_delivery
          where docstatus = 'submitted' and currency = $1 and posting_date >= date_trunc('month', current_date) and posting_date < date_trunc('month', current_date) + interval '1 month'`,
        [config.company.currency],
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
    query: async ({ sql, config }) => ({
      series: await sql<{ label: string; value: string }>(
        `select to_char(m, 'YYYY-MM') as label, coalesce(sum(o.net_total), 0)::numeric(18,2)::text as value
           from generate_series(date_trunc('month', current_date) - interval '11 months', date_trunc('month', current_date), interval '1 month') m
           left join sales_sales_order o on o.docstatus = 'submitted' and o.currency = $1 and date_trunc('month', o.order_date) = m
          group by m order by m`,
        [config.company.currency],
      ),
    }),
  },
  {
    id: 'orders_to_deliver',
    label: 'Orders to deliver',
    labels: { lt: 'Pristatytini užsakymai' },
    kind: 'number',
    entity: 'sales.sales_order',
    query: async ({ sql }) => ({
      value: (await sql<{ n: number }>(`select count(*)::int as n from sales_sales_order where docstatus = 'submitted' and status in ('to_deliver_and_bill', 'to_deliver')`))[0]!.n,
    }),
  },
];
