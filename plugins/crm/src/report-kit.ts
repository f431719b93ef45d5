/**
 * What every report route needs, from the core: the request's user (userOf: 401 without one),
 * the caller's read permission on each entity the report reads and on every field it computes
 * from (ctx.assertReadable: 403, FIELD_HIDDEN for a hidden field, so a report never sums or
 * shows what the caller's lists hide), a validated query string, one transaction with the
 * service API, and the caller's row rules as SQL (ctx.rowFilter), so a report counts exactly
 * the rows its caller's lists show. Shared with the sales plugin (@tessera/plugin-crm/reports).
 */
import type { ServiceContext, SetupContext } from '@tessera/core';

export interface ReportSpec<Q> {
  url: string;
  /** The report screen's title (English) and its translations ({ lt: '...' }). */
  label?: string;
  labels?: Record<string, string>;
  summary: string;
  description?: string;
  /**
   * Every entity the report's SQL reads, with every field it uses (filters, groups, sums and
   * output; line-item fields as "items.amount"): the caller needs read permission on each and
   * must see each field.
   */
  reads: Record<string, readonly string[]>;
  /** JSON Schema of the query string (values arrive as strings). */
  querystring: Record<string, unknown>;
  run: (ctx: ServiceContext, query: Q) => Promise<unknown>;
}

export function registerReport<Q>(setup: Pick<SetupContext, 'app' | 'withServices' | 'userOf'>, tag: string, spec: ReportSpec<Q>): void {
  setup.app.get(spec.url, { schema: { tags: [tag], ...(spec.label ? { 'x-label': spec.label, 'x-labels': spec.labels ?? {} } : {}), summary: spec.summary, description: spec.description, querystring: spec.querystring } }, async (req) =>
    setup.withServices(setup.userOf(req), async (ctx) => {
      for (const [key, fields] of Object.entries(spec.reads)) ctx.assertReadable(key, fields);
      return spec.run(ctx, req.query as Q);
    }),
  );
}

/** The caller's row rule on an entity as SQL over a table alias: ctx.rowFilter, or the dashboard widget's. */
export type RowFilter = ServiceContext['rowFilter'];

/**
 * One query's parameters and the caller's row rules over its aliases: `rule('crm.opportunity', 'o')`
 * returns the predicate and appends its values to `params`, after the query's own values.
 * Use one per statement (PostgreSQL refuses parameters a statement does not use).
 */
export function scopedParams(rowFilter: RowFilter, values: unknown[]): { params: unknown[]; rule: (entity: string, alias: string) => string } {
  const params = [...values];
  return { params, rule: (entity, alias) => rowFilter(entity, alias, (v) => `$${params.push(v)}`) };
}

/** Query-string pieces. */
export const qs = {
  date: { type: 'string', format: 'date' },
  id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$', description: '1-1000' },
};
