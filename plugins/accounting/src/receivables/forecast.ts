/**
 * Cash position and a weekly cash forecast (GET /api/accounting/reports/cash-forecast):
 * cash and bank at `as_of`, then per week (12 by default) the receipts expected from open
 * customer items by due date, per installment of a payment schedule (open-items dueParts;
 * overdue ones in the first week) and from the unbilled part of
 * open sales orders by delivery date, the payments due on open supplier and employee items and
 * the unbilled part of open purchase orders by schedule date, and the running cash. Company
 * currency (orders in other currencies at their own exchange rate, else the latest; ones without
 * a rate are counted in `excluded`).
 */
import { Decimal, Errors, type ServiceContext } from '@tessera/core';
import { rateOn } from '../currency/rates.js';
import { col, fig, today, type ReportAnswer, type ReportRow } from '../reports/common.js';
import { dueParts, openItems } from './open-items.js';
import { errors } from '../ledger/errors.js';

export interface ForecastQuery {
  as_of?: string;
  weeks?: string;
}

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export async function cashPosition(ctx: Pick<ServiceContext, 'sql' | 'rowFilter'>, asOf: string): Promise<Decimal> {
  const params: unknown[] = [asOf];
  const rule = ctx.rowFilter('accounting.gl_entry', 'g', (v) => `$${params.push(v)}`);
  if (rule !== 'true') {
    // Under a row rule on the entries: the admitted entries, as the statements do.
    const [e] = await ctx.sql<{ v: string }>(
      `select coalesce(sum(g.debit - g.credit), 0)::text as v from accounting_gl_entry g join accounting_account a on a.id = g.account
        where a.account_type in ('bank', 'cash') and g.posting_date <= $1::date and (${rule})`,
      params,
    );
    return new Decimal(e!.v);
  }
  const [r] = await ctx.sql<{ v: string }>(
    `select coalesce(sum(b.debit - b.credit), 0)::text as v from accounting_account_balance b join accounting_account a on a.id = b.account
      where a.account_type in ('bank', 'cash') and b.posting_date <= $1::date`,
    [asOf],
  );
  return new Decimal(r!.v);
}

export async function cashForecast(ctx: ServiceContext, q: ForecastQuery): Promise<ReportAnswer> {
  const asOf = q.as_of ?? today();
  const weeks = q.weeks ? Number(q.weeks) : 12;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw Errors.badQuery([{ path: 'weeks', ...errors.t('week_1_52') }]);
  const end = addDays(asOf, weeks * 7 - 1);
  const weekOf = (date: string | null) => {
    if (!date || date <= asOf) return 0;
    const n = Math.floor((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / (7 * 86_400_000));
    return n < weeks ? n : -1;
  };
  const cols = ['in_invoices', 'in_orders', 'out_invoices', 'out_orders'] as const;
  const grid = Array.from({ length: weeks }, () => Object.fromEntries(cols.map((c) => [c, new Decimal(0)])) as Record<(typeof cols)[number], Decimal>);
  const plugins = new Set(ctx.config.plugins);
  for (const it of await openItems(ctx, { partyType: 'customer', asOf }))
    for (const part of dueParts(it)) {
      const w = weekOf(part.due_date);
      if (w >= 0) grid[w]!.in_invoices = grid[w]!.in_invoices.add(part.amount);
    }
  for (const pt of ['supplier', 'employee'] as const)
    for (const it of await openItems(ctx, { partyType: pt, asOf }))
      for (const part of dueParts(it)) {
        const w = weekOf(part.due_date);
        if (w >= 0) grid[w]!.out_invoices = grid[w]!.out_invoices.add(part.amount);
      }
  let excluded = 0;
  const toCompany = async (amount: Decimal, currency: string | null, rate: string | null) => {
    if (!currency || currency === ctx.config.company.currency) return amount;
    if (rate) return amount.mul(rate);
    try {
      return amount.mul(await rateOn(ctx, currency, asOf));
    } catch {
      excluded++;
      return null;
    }
  };
  // Open orders count only for viewers who may read them, through their row rules.
  const orders: { entity: string; table: string; key: 'in_orders' | 'out_orders'; amount: string; date: string; done: string }[] = [];
  if (plugins.has('sales') && ctx.can('sales.sales_order', 'read') && ctx.canSeeField('sales.sales_order', 'grand_total'))
    orders.push({
      entity: 'sales.sales_order',
      table: 'sales_v_order',
      key: 'in_orders',
      amount: 'o.grand_total',
      date: 'coalesce(o.delivery_date, o.order_date)',
      done: "('completed', 'cancelled')",
    });
  if (plugins.has('purchasing') && ctx.can('purchasing.purchase_order', 'read') && ctx.canSeeField('purchasing.purchase_order', 'total'))
    orders.push({
      entity: 'purchasing.purchase_order',
      table: 'purchasing_v_order',
      key: 'out_orders',
      amount: 'coalesce(o.grand_total, o.total)',
      date: 'coalesce(o.schedule_date, o.order_date)',
      done: "('completed', 'cancelled')",
    });
  for (const o of orders) {
    const params: unknown[] = [];
    const rule = ctx.rowFilter(o.entity, 'o', (v) => `$${params.push(v)}`);
    const rows = await ctx.sql<{ amount: string; currency: string | null; rate: string | null; d: string }>(
      `select (${o.amount} * (1 - coalesce(o.per_billed, 0) / 100))::text as amount, o.currency, o.exchange_rate::text as rate, to_char(${o.date}, 'YYYY-MM-DD') as d
         from ${o.table} o where o.docstatus = 'submitted' and o.status not in ${o.done} and coalesce(o.per_billed, 0) < 100 and (${rule})`,
      params,
    );
    for (const r of rows) {
      const w = weekOf(r.d);
      if (w < 0) continue;
      const v = await toCompany(new Decimal(r.amount), r.currency, r.rate);
      if (v) grid[w]![o.key] = grid[w]![o.key].add(v);
    }
  }
  const opening = await cashPosition(ctx, asOf);
  let cash = opening;
  const rows: ReportRow[] = grid.map((g, i) => {
    const net = g.in_invoices.add(g.in_orders).sub(g.out_invoices).sub(g.out_orders);
    cash = cash.add(net);
    const from = addDays(asOf, i * 7);
    return {
      key: `week:${i + 1}`,
      label: `Week ${i + 1}`,
      labels: { lt: `${i + 1} savaitė` },
      week_start: from,
      week_end: addDays(from, 6),
      ...Object.fromEntries(cols.map((c) => [c, g[c].toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)])),
      net: net.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
      closing: cash.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    };
  });
  const sum = (c: (typeof cols)[number]) =>
    grid
      .reduce((a, g) => a.add(g[c]), new Decimal(0))
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
      .toFixed(2);
  return {
    report: 'cash-forecast',
    currency: ctx.config.company.currency,
    params: { as_of: asOf, weeks: String(weeks), to: end },
    columns: [
      col('label', 'Week', 'Savaitė', 'text'),
      col('week_start', 'From', 'Nuo', 'date'),
      col('in_invoices', 'Receipts: invoices', 'Įplaukos: sąskaitos'),
      col('in_orders', 'Receipts: orders', 'Įplaukos: užsakymai'),
      col('out_invoices', 'Payments: invoices', 'Išmokos: sąskaitos'),
      col('out_orders', 'Payments: orders', 'Išmokos: užsakymai'),
      col('net', 'Net', 'Grynasis srautas'),
      col('closing', 'Cash at week end', 'Pinigai savaitės pabaigoje'),
    ],
    rows,
    totals: {
      in_invoices: sum('in_invoices'),
      in_orders: sum('in_orders'),
      out_invoices: sum('out_invoices'),
      out_orders: sum('out_orders'),
      closing: cash.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    },
    excluded,
    summary: [
      fig('cash', 'Cash and bank now', 'Pinigai kasoje ir banke dabar', opening.toFixed(2)),
      fig('closing', `Cash after ${weeks} weeks`, `Pinigai po ${weeks} sav.`, cash.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)),
    ],
  };
}
