/**
 * The report runner plugins share. A report needs: the request's user (401 without one), read
 * permission on each entity it reads and on every field it computes from (ctx.assertReadable:
 * 403, FIELD_HIDDEN for a hidden field), a validated query string, one transaction with the
 * service API, and the caller's row rules as SQL (ctx.rowFilter), so a report counts exactly
 * the rows its caller's lists show; plus paging.
 */
import type { CurrentUser, ServiceContext, SetupContext } from '@tessera/core';
import { Errors } from '@tessera/core';

/** The caller's row rule on an entity as SQL over a table alias: ctx.rowFilter, or a widget's. */
export type RowFilter = ServiceContext['rowFilter'];

/** No row rule: every row (reports run by the CLI or a job). */
export const allRows: RowFilter = () => 'true';

/** The authenticated user of a plugin route (req.user, set by the core's auth on every /api route); 401 when there is none. */
export function userOf(req: { user?: CurrentUser | null }): CurrentUser {
  if (!req.user) throw Errors.unauthorized();
  return req.user;
}

export interface ReportSpec<Q> {
  url: string;
  /** The report screen's title (English) and its translations ({ lt: '...' }). */
  label?: string;
  labels?: Record<string, string>;
  summary: string;
  /** The summary (the report screen's description) in other languages ({ lt: '...' }). */
  summaries?: Record<string, string>;
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
  /** Where the answer keeps its rows when not under `data` or `rows` (the core answers them as the envelope's `data`). */
  rows?: string;
  /** JSON Schema of one row (the OpenAPI document shows it under `data`). */
  rowSchema?: Record<string, unknown>;
  /** Older paths of the report that answer the same (deprecated, hidden from the OpenAPI document). */
  aliases?: string[];
}

/** Serves a report route from a plugin's setup: permission and field checks, then run in one transaction. */
export function registerReport<Q>(setup: Pick<SetupContext, 'app' | 'withServices' | 'userOf'>, tag: string, spec: ReportSpec<Q>): void {
  setup.app.get(
    spec.url,
    {
      schema: {
        tags: [tag],
        ...(spec.label ? { 'x-label': spec.label, 'x-labels': spec.labels ?? {} } : {}),
        summary: spec.summary,
        ...(spec.summaries ? { 'x-descriptions': spec.summaries } : {}),
        description: spec.description,
        querystring: spec.querystring,
        ...(spec.rows ? { 'x-rows': spec.rows } : {}),
        ...(spec.rowSchema ? { 'x-row-schema': spec.rowSchema } : {}),
        ...(spec.aliases ? { 'x-aliases': spec.aliases } : {}),
      },
    },
    async (req) =>
      setup.withServices(setup.userOf(req), async (ctx) => {
        for (const [key, fields] of Object.entries(spec.reads)) ctx.assertReadable(key, fields);
        return spec.run(ctx, req.query as Q);
      }),
  );
}

/** Refuses (403) unless the user may read every listed entity and see every listed field. */
export function assertCanRead(ctx: Pick<ServiceContext, 'assertReadable'>, reads: Record<string, readonly string[]>): void {
  for (const [key, fields] of Object.entries(reads)) ctx.assertReadable(key, fields);
}

/**
 * One query's parameters and the caller's row rules over its aliases: `rule('crm.opportunity', 'o')`
 * returns the predicate and appends its values to `params`, after the query's own values.
 * Use one per statement (PostgreSQL refuses parameters a statement does not use).
 */
export function scopedParams(
  rowFilter: RowFilter,
  values: unknown[] = [],
): { params: unknown[]; add: (v: unknown) => string; rule: (entity: string, alias: string) => string } {
  const params = [...values];
  const add = (v: unknown) => `$${params.push(v)}`;
  return { params, add, rule: (entity, alias) => rowFilter(entity, alias, add) };
}

/** Query-string pieces (values arrive as strings). */
export const qs = {
  date: { type: 'string', format: 'date' },
  id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$', description: '1-1000' },
  /** limit (1-1000, default 100) and offset, for paged reports. */
  page: { limit: { type: 'string', pattern: '^[0-9]{1,4}$', description: '1-1000, default 100' }, offset: { type: 'string', pattern: '^[0-9]{1,9}$' } },
} as const;

/** A report column's kind, for the row schema in the OpenAPI document. */
export type RowKind = 'text' | 'integer' | 'number' | 'id' | 'boolean' | 'date' | 'datetime' | 'decimal' | 'money' | 'quantity' | 'rate' | 'percent' | 'ids';

const fixed = (scale: number, what: string): Record<string, unknown> => ({
  type: 'string',
  pattern: `^-?\\d+\\.\\d{${scale}}$`,
  description: `${what}, ${scale} places`,
  'x-decimal-scale': scale,
});

const ROW_KINDS: Record<RowKind, Record<string, unknown>> = {
  text: { type: 'string', nullable: true },
  integer: { type: 'integer' },
  number: { type: 'number' },
  id: { type: 'integer', nullable: true, description: 'record id' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date', nullable: true },
  datetime: { type: 'string', format: 'date-time', nullable: true },
  decimal: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', nullable: true, description: 'exact decimal' },
  money: fixed(2, 'exact decimal'),
  quantity: fixed(6, 'exact decimal'),
  rate: fixed(9, 'exact decimal'),
  percent: { ...fixed(2, 'percent'), nullable: true },
  ids: { type: 'array', items: { type: 'integer' }, description: 'record ids' },
};

/** A column of rowSchema: a kind, a kind that may be null (`money?`), or a JSON Schema of its own (a nested object). */
export type RowColumn = RowKind | `${RowKind}?` | Record<string, unknown>;

/** The JSON Schema of one column (rowSchema's pieces, for nested objects). */
export function columnSchema(column: RowColumn): Record<string, unknown> {
  if (typeof column !== 'string') return column;
  const nullable = column.endsWith('?');
  const base = ROW_KINDS[(nullable ? column.slice(0, -1) : column) as RowKind];
  return nullable ? { ...base, nullable: true } : base;
}

/**
 * The JSON Schema of a report row from its columns (registerReport's rowSchema, a route's
 * `x-row-schema`): every column is required unless named in `optional` (keys only some rows
 * have, such as a section row's). `tests/core/report-rows.test.ts` checks every report's rows
 * on demo data against it, with no key left undeclared.
 */
export function rowSchema(columns: Record<string, RowColumn>, optional: readonly string[] = []): Record<string, unknown> {
  const keys = Object.keys(columns);
  return {
    type: 'object',
    required: keys.filter((k) => !optional.includes(k)),
    properties: Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, columnSchema(c)])),
  };
}

/** An object column of named columns (all required): `{ met: 'integer', percent_met: 'percent' }`. */
export function objectColumn(columns: Record<string, RowColumn>, nullable = false): Record<string, unknown> {
  return { ...rowSchema(columns), ...(nullable ? { nullable: true } : {}) };
}

/** An object column keyed by data (a day, a skill): every value of one column kind. */
export function mapColumn(values: RowColumn, description: string): Record<string, unknown> {
  return { type: 'object', additionalProperties: columnSchema(values), description };
}

/** limit and offset of a paged report (limit 1-1000, default 100). */
export function page(q: { limit?: string; offset?: string }, defaultLimit = 100): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Number(q.limit ?? defaultLimit), 1), 1000);
  return { limit, offset: Number(q.offset ?? 0) };
}
