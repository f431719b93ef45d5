/**
 * Profitability by customer, item or item group over a period: revenue (net amounts of the
 * submitted sales invoices' lines), cost of goods sold (the submitted deliveries' lines at
 * their stock value, the same value the delivery's posting rule puts on COGS), gross margin and
 * margin %. Read from the sales documents because the GL carries one income line per account,
 * not per item; invoices in other currencies count at the rate they were posted at (issue 14),
 * and only ones without a rate (submitted before rates existed) are counted in `excluded`. Cancelled documents are out: their postings are
 * reversed. The caller's row rules on invoices and deliveries apply.
 */
import { Decimal, Errors, type ServiceContext } from '@tessera/core';
import { Params, col, period, type ReportAnswer, type ReportRow } from './common.js';
import { errors } from '../ledger/errors.js';

// document line values may carry more than two places (stock values): decimal.js, rounded to the cent for display
const ZERO = new Decimal(0);
const money = (d: InstanceType<typeof Decimal>) => d.toFixed(2);

export interface ProfitabilityQuery {
  by?: 'customer' | 'item' | 'item_group';
  from?: string;
  to?: string;
}

export async function profitability(ctx: ServiceContext, q: ProfitabilityQuery, lang: 'en' | 'lt' = 'en'): Promise<ReportAnswer> {
  const by = q.by ?? 'customer';
  const { from, to } = period(ctx, q);
  if (!ctx.platform.model?.plugins.has('sales') && !ctx.platform.model?.entities.has('sales.sales_invoice'))
    throw Errors.unprocessable('SALES_NOT_ENABLED', errors.t('profitability_needs_sales_plugin_enable'));
  ctx.assert('accounting.gl_entry', 'read');
  ctx.assert('sales.sales_invoice', 'read');
  ctx.assert('sales.delivery', 'read');
  const p = new Params();
  const cur = p.add(ctx.config.company.currency);
  const f = p.add(from);
  const tt = p.add(to);
  const invRule = ctx.rowFilter('sales.sales_invoice', 'h', p.add);
  const delRule = ctx.rowFilter('sales.delivery', 'h', p.add);
  const key = { customer: 'x.customer', item: 'x.item', item_group: 'it.item_group' }[by];
  const rows = await ctx.sql<{ k: number | null; revenue: string; cogs: string; label: string | null; code: string | null }>(
    `with x as (
       select h.customer, l.item, l.amount * coalesce(h.exchange_rate, 1) as revenue, 0::numeric as cogs from sales_v_invoice h join sales_v_invoice_line l on l.parent_id = h.id
        where h.docstatus = 'submitted' and (h.currency = ${cur} or h.exchange_rate is not null) and h.posting_date between ${f} and ${tt} and (${invRule})
       union all
       select h.customer, l.item, 0, l.cost_amount from sales_v_delivery h join sales_v_delivery_line l on l.parent_id = h.id
        where h.docstatus = 'submitted' and h.posting_date between ${f} and ${tt} and (${delRule}))
     select ${key} as k, round(sum(x.revenue), 2)::text as revenue, sum(coalesce(x.cogs, 0))::text as cogs,
            ${by === 'customer' ? 'max(c.name)' : by === 'item' ? 'max(it.name)' : 'max(g.name)'} as label,
            ${by === 'item' ? 'max(it.code)' : 'null'} as code
       from x left join inventory_v_item it on it.id = x.item
       ${by === 'customer' ? 'left join sales_v_customer c on c.id = x.customer' : ''}
       ${by === 'item_group' ? 'left join inventory_v_item_group g on g.id = it.item_group' : ''}
      group by ${key} order by 2 desc, 1`,
    p.values,
  );
  const p2 = new Params();
  const cur2 = p2.add(ctx.config.company.currency);
  const f2 = p2.add(from);
  const t2 = p2.add(to);
  const [excluded] = await ctx.sql<{ n: number }>(
    `select (select count(*) from sales_v_invoice h where h.docstatus = 'submitted' and h.currency <> ${cur2} and h.exchange_rate is null and h.posting_date between ${f2} and ${t2} and (${ctx.rowFilter('sales.sales_invoice', 'h', p2.add)}))::int as n`,
    p2.values,
  );
  let revenue = ZERO;
  let cogs = ZERO;
  const out: ReportRow[] = rows.map((r) => {
    const rev = new Decimal(r.revenue);
    const cost = new Decimal(r.cogs);
    revenue = revenue.plus(rev);
    cogs = cogs.plus(cost);
    const margin = rev.minus(cost);
    return {
      key: `${by}.${r.k ?? 'none'}`,
      label: r.k === null ? (lang === 'lt' ? '(nenurodyta)' : '(none)') : `${r.code ? `${r.code} ` : ''}${r.label ?? r.k}`,
      [by]: r.k,
      revenue: money(rev),
      cogs: money(cost),
      gross_margin: money(margin),
      margin_percent: rev.isZero() ? null : margin.div(rev).times(100).toFixed(2),
    };
  });
  const margin = revenue.minus(cogs);
  const totals = {
    revenue: money(revenue),
    cogs: money(cogs),
    gross_margin: money(margin),
    margin_percent: revenue.isZero() ? '' : margin.div(revenue).times(100).toFixed(2),
  };
  out.push({ key: 'total', label: 'Total', labels: { lt: 'Iš viso' }, style: 'grand_total', level: 0, ...totals });
  const byLabel = { customer: ['Customer', 'Pirkėjas'], item: ['Item', 'Prekė'], item_group: ['Item group', 'Prekių grupė'] }[by] as [string, string];
  return {
    report: 'profitability',
    currency: ctx.config.company.currency,
    params: { by, from, to },
    columns: [
      col('label', byLabel[0], byLabel[1], 'text'),
      col('revenue', 'Revenue', 'Pajamos'),
      col('cogs', 'Cost of goods sold', 'Savikaina'),
      col('gross_margin', 'Gross margin', 'Bendrasis pelnas'),
      col('margin_percent', 'Margin %', 'Marža %', 'ratio'),
    ],
    rows: out,
    totals,
    excluded: { other_currency_documents: excluded!.n },
  };
}
