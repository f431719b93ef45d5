/**
 * Submit as one statement: when nothing but the state changes (no submit hooks or subscribers,
 * no approval the user lacks, at most one line-item collection), one CTE locks the draft inside
 * the user's row rule, checks its state, version and required lines, writes the new state with
 * its audit record, and returns the document with its lines (atomic on its own: no BEGIN/COMMIT
 * round trips). When it changes nothing, the full pipeline (lifecycle.ts) runs and says why.
 */
import type { EntityModel } from '../entities/model.js';
import { ident, Params } from '../db/database.js';
import type { CurrentUser, Doc, ServiceContext } from '../plugin-api/index.js';
import { openPolicy, SYSTEM_USER } from './registry.js';
import type { DataCore } from './core.js';

const LINE = 'tessera_line_';

export function simpleSubmit(s: DataCore, user: CurrentUser, e: EntityModel): boolean {
  if (!e.submittable || e.children.length > 1 || s.hasHook(e, 'beforeSubmit') || s.hasHook(e, 'afterSubmit')) return false;
  if (s.registry.listens?.(`${e.key}.submitted`)) return false;
  if (s.registry.policy.audit !== openPolicy.audit && !s.registry.policy.auditsInline) return false;
  const wf = e.submittable.workflow;
  return !wf || user.isAdmin || user.roles.includes(wf.role);
}

/** The submitted document, or undefined when the statement changed nothing (missing, not a draft, stale, too few lines). */
export async function trySimpleSubmit(s: DataCore, ctx: ServiceContext, e: EntityModel, id: number, ifVersion?: number[]): Promise<Doc | undefined> {
  const { tx, user } = ctx;
  const params = new Params();
  const idp = params.add(id);
  const scope = s.registry.policy.rowScope(user, e, 'submit', params, 't');
  const checks = [`t.id = o.id`, `o.docstatus = 'draft'`];
  if (ifVersion) checks.push(`o."version" = any(${params.add(ifVersion)}::int[])`);
  const c = e.children[0];
  const child = c?.child;
  // Required line items are checked at submit too (a draft may predate the rule).
  const needed = c && (c.required || (c.minItems ?? 0) > 0) ? Math.max(c.minItems ?? 0, 1) : 0;
  if (child && needed) checks.push(`(select count(*) from ${ident(child.table)} x where x.parent_id = o.id) >= ${params.add(needed)}`);
  const changes = params.add(JSON.stringify({ docstatus: { old: 'draft', new: 'submitted' } }));
  const lineCols = child ? ['id', 'idx', ...child.fields.map((f) => f.column)] : [];
  const sql = `with tessera_old as (select t.id, t.docstatus, t."version" from ${ident(e.table)} t where t.id = ${idp}${scope ? ` and (${scope})` : ''} for update of t),
    tessera_new as (update ${ident(e.table)} t set docstatus = 'submitted', updated_at = now(), "version" = t."version" + 1 from tessera_old o
      where ${checks.join(' and ')} returning ${s.selectList(SYSTEM_USER, e, undefined, 't')})
    ${s.auditCte(ctx, e, params, 'submit', 'tessera_new', 'tessera_new.id', `${changes}::jsonb`)}
    select n.*${lineCols.map((col) => `, l.${ident(col)} as ${ident(LINE + col)}`).join('')} from tessera_new n
    ${child ? `left join ${ident(child.table)} l on l.parent_id = n.id order by l.idx, l.id` : ''}`;
  const rows = (await tx.queryAtomic(sql, params.values)).rows;
  if (!rows.length) return undefined;
  const doc: Doc = {};
  for (const [k, v] of Object.entries(rows[0]!)) if (!k.startsWith(LINE)) doc[k] = v;
  if (c) {
    doc[c.name] = rows
      .filter((r) => r[`${LINE}id`] !== null)
      .map((r) => {
        const line: Doc = {};
        for (const col of lineCols) line[col] = r[LINE + col];
        return line;
      });
  }
  return s.seesAll(user, e) ? doc : s.get(user, e, id, tx);
}
