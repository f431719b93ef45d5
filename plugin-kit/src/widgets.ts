/**
 * Dashboard widget helpers: the row rules of the viewer in a widget's SQL, and the usual shapes
 * (a count, a sum in the company currency, a series) in one line each.
 */
import type { DashboardWidget, WidgetContext } from '@tessera/core';
import { scopedParams } from './reports.js';

/** The viewer's row rule over an alias plus the query's own values (see scopedParams). */
export const widgetParams = (ctx: Pick<WidgetContext, 'rowFilter'>, values: unknown[] = []) => scopedParams(ctx.rowFilter, values);

/** A figure: `{ value }` from a single-row query whose column is `v`. */
export async function figure(ctx: WidgetContext, sql: string, params: unknown[]): Promise<{ value: string | number }> {
  const [r] = await ctx.sql<{ v: string | number }>(sql, params);
  return { value: r?.v ?? 0 };
}

/** A chart: `{ series: [{ label, value }] }` from a query returning `label` and `value` columns. */
export async function series(ctx: WidgetContext, sql: string, params: unknown[]): Promise<{ series: { label: string; value: string | number }[] }> {
  return { series: await ctx.sql<{ label: string; value: string | number }>(sql, params) };
}

/**
 * A widget counting an entity's rows that the viewer's row rule admits, optionally narrowed by a
 * condition over alias `t` (values as $1, $2... in `values`).
 */
export function countWidget(
  w: Omit<DashboardWidget, 'query' | 'kind' | 'reads'> & { table: string; where?: string; values?: unknown[]; reads?: readonly string[] },
): DashboardWidget {
  const { table, where, values, reads, ...rest } = w;
  return {
    ...rest,
    kind: 'number',
    reads: { [w.entity]: reads ?? [] },
    query: async (ctx) => {
      const p = widgetParams(ctx, values ?? []);
      return figure(ctx, `select count(*)::int as v from "${table}" t where ${where ? `(${where}) and ` : ''}${p.rule(w.entity, 't')}`, p.params);
    },
  };
}
