/**
 * Reports as an extension point: every report a manifest declares with `run` is served by the
 * core at its `url`. The query string is validated against `params` (400 with the field's
 * path), the viewer needs read permission on `entity` and on everything in `reads` (403,
 * FIELD_HIDDEN for a hidden field), `run` gets one transaction with the viewer's service
 * context (row rules through ctx.rowFilter), and `?format=csv` answers the rows as CSV.
 */
import type { FastifyInstance } from 'fastify';
import { Errors } from '../errors.js';
import type { DataService } from '../data/service.js';
import type { Doc, PluginDefinition, ReportDefinition } from '../plugin-api/index.js';
import { requestUser } from './request-user.js';
import { toCsv } from './csv.js';

/** The query-string schema of a report: its params plus `format` (json or csv). */
function querySchema(r: ReportDefinition): Record<string, unknown> {
  const p = r.params as { properties?: Record<string, unknown>; [k: string]: unknown };
  const properties = { ...(p.properties ?? {}), ...(r.export === false ? {} : { format: { type: 'string', enum: ['json', 'csv'] } }) };
  return { type: 'object', additionalProperties: false, ...p, properties };
}

export function registerReportRoutes(app: FastifyInstance, service: DataService, plugins: PluginDefinition[]): void {
  for (const p of plugins)
    for (const r of p.reports ?? []) {
      if (!r.run) continue;
      const run = r.run;
      app.get(
        r.url,
        {
          schema: {
            tags: [p.name],
            summary: r.label,
            description: r.description,
            querystring: querySchema(r),
            ...(r.rowSchema ? { 'x-row-schema': r.rowSchema } : {}),
          },
        },
        async (req, reply) => {
          const { format, ...query } = req.query as Record<string, string | undefined>;
          const answer = (await service.withServices(
            requestUser(req),
            async (ctx) => {
              ctx.assert(r.entity, 'read');
              for (const [key, fields] of Object.entries(r.reads ?? {})) ctx.assertReadable(key, fields);
              return run(ctx, query);
            },
            p.name,
          )) as Doc;
          if (format !== 'csv') return answer;
          if (!Array.isArray(answer.rows)) throw Errors.unprocessable('REPORT_NOT_TABULAR', `the report ${p.name}.${r.id} has no rows to export`);
          const rows = answer.rows as Doc[];
          const columns: string[] = Array.isArray(answer.columns) ? answer.columns.map((c: { name: string }) => c.name) : Object.keys(rows[0] ?? {});
          reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${p.name}-${r.id}.csv"`);
          return toCsv(columns, rows);
        },
      );
    }
}
