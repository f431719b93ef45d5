/**
 * One envelope for every report answer (issue 16, item 4): `{ data, total, columns?, totals?, ... }`,
 * whoever serves the report (the core's runner for declared reports, a plugin's own route, the
 * kit's registerReport). `data` is the report's rows; `total` the rows in all (the report's own
 * count when it pages with limit/offset, else the rows answered); `columns` and every other key
 * the report answers stay as they are. Reports that name their rows otherwise declare the key in
 * their route schema (`x-rows: "stages"`); a report's own `total` that is not a row count (a sum,
 * a totals row) moves to `totals`.
 *
 * Report paths are kebab-case (`/api/<plugin>/reports/won-lost`); a route schema's `x-aliases`
 * lists older paths that answer the same, hidden from the OpenAPI document and marked deprecated.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

export const REPORT_ROUTE = /^\/api\/([a-z][a-z0-9_]*)\/reports\/([a-z0-9][a-z0-9_-]*)$/;

export interface ReportEnvelope {
  data: unknown[];
  total: number;
  columns?: unknown[];
  totals?: unknown;
  [key: string]: unknown;
}

type Doc = Record<string, unknown>;

/** The answer of a report in the envelope. `rowsKey`: where the rows are (default `data`, then `rows`); `paged`: the report pages, so its own numeric `total` counts every row. */
export function toEnvelope(answer: unknown, rowsKey?: string, paged = false): ReportEnvelope {
  if (Array.isArray(answer)) return { data: answer, total: answer.length };
  if (!answer || typeof answer !== 'object') return { data: [], total: 0 };
  const a = answer as Doc;
  const key = rowsKey && Array.isArray(a[rowsKey]) ? rowsKey : Array.isArray(a.data) ? 'data' : Array.isArray(a.rows) ? 'rows' : undefined;
  const { [key ?? '']: rows, total, ...rest } = a;
  const data = key ? (rows as unknown[]) : [];
  const out: ReportEnvelope = { data, total: data.length };
  if (typeof total === 'number' && paged) out.total = total;
  else if (total !== undefined) {
    // The report's own figure named total (a count of something else, a sum, a totals row).
    if (rest.totals === undefined) rest.totals = total !== null && typeof total === 'object' ? total : { total };
    else if (rest.totals && typeof rest.totals === 'object' && !Array.isArray(rest.totals)) rest.totals = { total, ...(rest.totals as Doc) };
  }
  if (!key && rowsKey === undefined && Object.keys(rest).length === 0) return out;
  return Object.assign(out, rest);
}

/** The OpenAPI schema of a report's envelope, with its row schema when declared. */
export function envelopeSchema(rowSchema?: unknown, rowsKey?: string): Record<string, unknown> {
  return {
    type: 'object',
    required: ['data', 'total'],
    additionalProperties: true,
    description: `The report envelope: data = the rows${rowsKey ? ` (the report's ${rowsKey})` : ''}, total = rows in all, columns when the report declares them; other figures of the report beside them.`,
    properties: {
      data: { type: 'array', items: rowSchema ?? { type: 'object', additionalProperties: true, description: 'one row of the report' } },
      total: { type: 'integer', minimum: 0, description: 'rows in all (with limit/offset: every matching row, not only this page)' },
      columns: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: true,
          properties: {
            key: { type: 'string' },
            name: { type: 'string' },
            label: { type: 'string' },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
            type: { type: 'string' },
            kind: { type: 'string' },
          },
        },
      },
      totals: { type: 'object', additionalProperties: true, description: 'sums over the rows (exact decimals as strings)' },
    },
  };
}

const pages = (querystring: unknown): boolean => {
  const props = (querystring as { properties?: Doc } | undefined)?.properties ?? {};
  return 'limit' in props || 'offset' in props;
};

/** Wraps every report route's answer in the envelope, documents it, and registers its deprecated aliases. Install before any route. */
export function installReportEnvelope(app: FastifyInstance): void {
  const aliasing = new Set<string>();
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('GET') || !REPORT_ROUTE.test(route.url)) return;
    const schema = (route.schema ?? {}) as Doc & { response?: Record<string, unknown>; querystring?: unknown };
    route.schema = schema;
    const rowsKey = typeof schema['x-rows'] === 'string' ? (schema['x-rows'] as string) : undefined;
    const paged = pages(schema.querystring);
    const hasSuccess = Object.keys(schema.response ?? {}).some((s) => s.startsWith('2'));
    if (!hasSuccess) schema.response = { ...(schema.response ?? {}), 200: envelopeSchema(schema['x-row-schema'], rowsKey) };
    const wrap = (_req: unknown, reply: { statusCode: number }, payload: unknown, done: (err: null, p: unknown) => void) =>
      done(null, reply.statusCode < 300 && !Buffer.isBuffer(payload) ? toEnvelope(payload, rowsKey, paged) : payload);
    const existing = route.preSerialization;
    route.preSerialization = [...(existing ? (Array.isArray(existing) ? existing : [existing]) : []), wrap as any];
    const aliases = Array.isArray(schema['x-aliases']) ? (schema['x-aliases'] as string[]) : [];
    for (const alias of aliases) {
      if (aliasing.has(alias)) continue;
      aliasing.add(alias);
      const { 'x-aliases': _a, ...rest } = schema;
      // Through the same hook, so the alias answers the same envelope.
      app.route({
        method: route.method,
        url: alias,
        handler: route.handler,
        ...(route.preHandler ? { preHandler: route.preHandler } : {}),
        ...(existing ? { preSerialization: existing } : {}),
        schema: { ...rest, hide: true, deprecated: true, summary: `${String(schema.summary ?? '')} (deprecated path: use ${route.url})` },
      });
    }
  });
}
