/**
 * A document created by one statement: when the create has no hooks, subscribers or row rule
 * and the document at most one line-item collection without secrets, one CTE takes the number
 * from its series, inserts the header and all its lines, writes the audit record (the same
 * change set as diffDocs: the fields set, the state, the lines added) and returns the stored
 * document with its lines. Atomic on its own: no BEGIN/COMMIT round trips.
 */
import type { EntityModel } from '../entities/model.js';
import { ident, Params } from '../db/database.js';
import type { CurrentUser, Doc, ServiceContext } from '../plugin-api/index.js';
import { openPolicy } from './registry.js';
import { seriesNumber, seriesSql } from './naming.js';
import { toDb } from './values.js';
import { auditJsonSql } from './fast-path.js';
import type { DataCore } from './core.js';

const LINE = 'tessera_line_';
/** Parameters one statement may carry (PostgreSQL's protocol limit is 65,535). */
const MAX_PARAMS = 60_000;

export function simpleDocumentCreate(s: DataCore, user: CurrentUser, e: EntityModel, doc: Doc): boolean {
  if (!e.children.length || e.children.length > 1 || s.hasHook(e, 'beforeCreate') || s.hasHook(e, 'afterCreate')) return false;
  const child = e.children[0]!.child!;
  if (child.fields.some((f) => f.secret) || e.fields.some((f) => f.secret)) return false;
  if (s.registry.listens?.(`${e.key}.created`)) return false;
  if (s.registry.policy.audit !== openPolicy.audit && !s.registry.policy.auditsInline) return false;
  const lines = (doc[e.children[0]!.name] as Doc[] | undefined)?.length ?? 0;
  if ((lines + 1) * (child.fields.length + e.fields.length + 2) > MAX_PARAMS) return false;
  return s.registry.policy.rowScope(user, e, 'create', new Params(), 't') === undefined;
}

/** The change set diffDocs records for a new document, as SQL over the inserted header (n) and lines. */
function createdChangesSql(s: DataCore, e: EntityModel, child: EntityModel, collection: string): string {
  const lineValue = `(select jsonb_object_agg(x.k, x.v) from (values ${['id', ...child.fields.map((f) => f.name)]
    .map((name) => {
      const f = child.fieldMap.get(name);
      return `('${name.replace(/'/g, "''")}', ${f ? auditJsonSql(f, 'l') : 'to_jsonb(l.id)'})`;
    })
    .join(', ')}) as x(k, v) where x.v is not null and x.v <> 'null'::jsonb)`;
  const lines = `(select case when count(*) = 0 then '{}'::jsonb else jsonb_build_object('${collection.replace(/'/g, "''")}', jsonb_build_object('added', jsonb_agg(${lineValue} order by l.idx, l.id), 'removed', '[]'::jsonb, 'changed', '[]'::jsonb)) end from tessera_lines l)`;
  const state = e.submittable ? ` || jsonb_build_object('docstatus', jsonb_build_object('old', null, 'new', n.docstatus))` : '';
  return `${s.auditChangesSql(e, null, 'n')}${state} || ${lines}`;
}

export async function documentCreate(s: DataCore, ctx: ServiceContext, e: EntityModel, doc: Doc): Promise<Doc> {
  const { tx, user } = ctx;
  const c = e.children[0]!;
  const child = c.child!;
  const params = new Params();
  const ctes: string[] = [];
  const number = e.naming && !doc[e.naming.field] ? seriesNumber(e, doc) : undefined;
  const cols: string[] = ['"created_by"'];
  const vals: string[] = [params.add(user.id || null)];
  for (const f of e.fields) {
    if (!(f.name in doc) || doc[f.name] === undefined || (number && f.column === number.column)) continue;
    cols.push(ident(f.column));
    vals.push(params.add(toDb(f, doc[f.name])));
  }
  if (number) {
    const series = seriesSql(number, (v) => params.add(v));
    ctes.push(series.cte);
    cols.push(ident(number.column));
    vals.push(series.value);
  }
  ctes.push(`tessera_new as (insert into ${ident(e.table)} (${cols.join(', ')}) values (${vals.join(', ')}) returning *)`);
  const lines = (doc[c.name] as Doc[] | undefined) ?? [];
  const lineFields = child.fields.filter((f) => lines.some((l) => l[f.name] !== undefined));
  const rows = lines.map((l, i) => {
    const v = lineFields.map((f) => (l[f.name] === undefined ? 'default' : params.add(toDb(f, l[f.name]))));
    return `(${[...v, '(select id from tessera_new)', params.add(i)].join(', ')})`;
  });
  ctes.push(
    rows.length
      ? `tessera_lines as (insert into ${ident(child.table)} (${[...lineFields.map((f) => ident(f.column)), '"parent_id"', '"idx"'].join(', ')}) values ${rows.join(', ')} returning *)`
      : `tessera_lines as (select * from ${ident(child.table)} where false)`,
  );
  const lineCols = ['id', 'idx', ...child.fields.map((f) => f.column)];
  const audit = s.auditCte(ctx, e, params, 'create', 'tessera_new n', 'n.id', createdChangesSql(s, e, child, c.name));
  const sql = `with ${ctes.join(',\n')}
    ${audit}
    select n.*${lineCols.map((col) => `, l.${ident(col)} as ${ident(LINE + col)}`).join('')} from tessera_new n left join tessera_lines l on true order by l.idx, l.id`;
  const result = (await tx.queryAtomic(sql, params.values)).rows;
  const created: Doc = {};
  for (const [k, v] of Object.entries(result[0]!)) if (!k.startsWith(LINE)) created[k] = v;
  created[c.name] = result
    .filter((r) => r[`${LINE}id`] !== null)
    .map((r) => {
      const line: Doc = { id: r[`${LINE}id`], idx: r[`${LINE}idx`] };
      for (const f of child.fields) line[f.name] = r[LINE + f.column];
      return line;
    });
  return s.seesAll(user, e) ? created : s.get(user, e, created.id, tx);
}
