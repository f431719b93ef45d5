/**
 * GET /api/groups?entity=&by=&sum=&filter=&q=: a list grouped by one field, with the count and
 * exact sums of numeric fields per group (issue 17, item 8: "group by a field with counts and
 * sums"). The rows are the list's own (the same row scope, filter and search: DataService.
 * listWhere), the fields must be visible to the viewer, sums are numeric in SQL and text on
 * the wire (exact decimals). At most GROUP_LIMIT groups, the largest first.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataService } from '../data/service.js';
import { ident, Params } from '../db/database.js';
import { Errors, type FieldProblem } from '../errors.js';
import type { CurrentUser, ListQuery } from '../plugin-api/index.js';
import { checkValue } from './input.js';
import { LIMITS } from '../schema/limits.js';

export const GROUP_LIMIT = 200;
const GROUPABLE = new Set(['enum', 'reference', 'boolean', 'string', 'date', 'integer', 'email', 'phone', 'url']);
const SUMMABLE = new Set(['decimal', 'integer']);

export interface GroupRow {
  key: string | number | boolean | null;
  count: number;
  sums: Record<string, string>;
}

export function registerGroups(app: FastifyInstance, service: DataService, userOf: (req: FastifyRequest) => CurrentUser): void {
  app.get(
    '/api/groups',
    {
      schema: {
        tags: ['platform'],
        summary: 'A list grouped by a field: count and sums per group (same filter, search and row rules as the list)',
        querystring: {
          type: 'object',
          properties: { entity: { type: 'string' }, by: { type: 'string' }, sum: { type: 'string' }, filter: { type: 'string' }, q: { type: 'string' } },
        },
      },
    },
    async (req) => {
      const user = userOf(req);
      const qs = req.query as Record<string, string | undefined>;
      const e = qs.entity ? service.registry.entities.get(qs.entity) : undefined;
      if (!e) throw Errors.badQuery([{ path: 'entity', message: `must be an entity key (e.g. "crm.opportunity"), not ${JSON.stringify(qs.entity ?? null)}` }]);
      service.assertReadable(user, e, []);
      const problems: FieldProblem[] = [];
      const visible = (name: string) => e.fieldMap.has(name) && service.fieldVisible(user, e, name);
      const byDocstatus = qs.by === 'docstatus' && !!e.submittable;
      const by = byDocstatus || !qs.by ? undefined : e.fieldMap.get(qs.by);
      if (!byDocstatus && (!by || !visible(by.name) || !GROUPABLE.has(by.kind) || by.secret))
        problems.push({
          path: 'by',
          message: `must be a field of ${e.label} to group by (a choice, reference, yes/no, text, date or whole number field you can see)`,
        });
      const sums = (qs.sum ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      sums.forEach((name, i) => {
        const f = e.fieldMap.get(name);
        if (!f || !visible(name) || !SUMMABLE.has(f.kind) || f.secret)
          problems.push({ path: `sum/${i}`, message: `"${name}" is not a number field of ${e.label} you can see` });
      });
      const query: ListQuery = {};
      if (qs.filter) {
        if (Buffer.byteLength(qs.filter) > LIMITS.filterBytes) problems.push({ path: 'filter', message: `must be at most ${LIMITS.filterBytes} bytes` });
        else
          try {
            query.filter = JSON.parse(qs.filter);
            if (!query.filter || typeof query.filter !== 'object' || Array.isArray(query.filter))
              problems.push({ path: 'filter', message: 'must be a JSON object' });
            else checkValue(query.filter, 'filter');
          } catch (err) {
            if ((err as { code?: string }).code) throw err;
            problems.push({ path: 'filter', message: 'is not valid JSON' });
          }
      }
      if (problems.length) throw Errors.badQuery(problems);
      if (qs.q) query.q = qs.q;
      const params = new Params();
      const where = service.listWhere(user, e, query, params);
      const key = by ? `t.${ident(by.column)}` : `t."docstatus"`;
      const sumSql = sums.map((s, i) => `, coalesce(sum(t.${ident(e.fieldMap.get(s)!.column)}), 0)::text as s${i}`).join('');
      const { rows } = await service.db.query(
        `select ${key} as key, count(*)::int as count${sumSql} from ${ident(e.table)} t where ${where} group by 1 order by 2 desc, 1 nulls last limit ${GROUP_LIMIT + 1}`,
        params.values,
      );
      const groups: GroupRow[] = rows.slice(0, GROUP_LIMIT).map((r: any) => ({
        key:
          r.key instanceof Date
            ? r.key.toISOString().slice(0, 10)
            : r.key === null
              ? null
              : typeof r.key === 'string' && /^\d+$/.test(r.key) && by?.kind === 'reference'
                ? Number(r.key)
                : r.key,
        count: r.count,
        sums: Object.fromEntries(sums.map((s, i) => [s, r[`s${i}`]])),
      }));
      return { entity: e.key, by: qs.by, groups, more: rows.length > GROUP_LIMIT };
    },
  );
}
