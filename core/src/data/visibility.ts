/** What a caller may see of values the service returns, and the row-rule and field checks reports and widgets use. */
import type { EntityModel } from '../entities/model.js';
import { Params } from '../db/database.js';
import { Errors } from '../errors.js';
import type { CurrentUser, Doc } from '../plugin-api/index.js';
import { RECORD_OF } from './values.js';
import type { DataCore } from './core.js';

/**
 * A value returned to a caller with the fields hidden from them removed from every record in
 * it that the service API produced (records are tagged with their entity when read or written
 * through ctx.entity(...)), line items included. Untagged values pass unchanged.
 */
export function visibleResult(s: DataCore, user: CurrentUser, value: unknown, depth = 0): unknown {
  if (user.isAdmin || value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => s.visibleResult(user, v, depth + 1));
  const e = (value as Record<symbol, EntityModel | undefined>)[RECORD_OF];
  const out: Doc = {};
  for (const [k, v] of Object.entries(value)) {
    if (e) {
      const f = e.fieldMap.get(k);
      if (f && !s.registry.policy.canSeeField(user, e, k)) continue;
      if (f?.kind === 'children' && Array.isArray(v)) {
        const child = f.child!;
        out[k] = v.map((line: Doc) =>
          Object.fromEntries(Object.entries(line).filter(([n]) => !child.fieldMap.has(n) || s.registry.policy.canSeeField(user, child, n))),
        );
        continue;
      }
    }
    out[k] = s.visibleResult(user, v, depth + 1);
  }
  return out;
}

/**
 * Whether the user may see a field of the entity: "amount", a line-item field "items.amount",
 * or a system column (always visible). A name the entity does not declare is a programming
 * error (it throws), so a report cannot check a misspelt field and believe it visible.
 */
export function fieldVisible(s: DataCore, user: CurrentUser, e: EntityModel, path: string): boolean {
  const [head, sub] = path.split('.', 2) as [string, string | undefined];
  const system = (m: EntityModel, n: string) =>
    ['id', 'created_at', 'updated_at', 'created_by', 'docstatus', 'amended_from', 'parent_id', 'idx'].includes(n) &&
    (n !== 'parent_id' && n !== 'idx' ? true : !!m.parent);
  if (!sub && system(e, head)) return true;
  const f = e.fieldMap.get(head);
  if (!f || (sub !== undefined) !== (f.kind === 'children')) throw new Error(`${e.key} has no field "${path}" (checked by a report or widget)`);
  if (!s.registry.policy.canSeeField(user, e, head)) return false;
  if (sub === undefined) return true;
  const child = f.child!;
  if (system(child, sub)) return true;
  if (!child.fieldMap.has(sub)) throw new Error(`${e.key} has no field "${path}" (checked by a report or widget)`);
  return s.registry.policy.canSeeField(user, child, sub);
}

/** 403 unless the user may read the entity and see every listed field (what a report or widget reads). */
export function assertReadable(s: DataCore, user: CurrentUser, e: EntityModel, fields: readonly string[] = []): void {
  s.registry.policy.assert(user, e, 'read');
  const hidden = fields.filter((f) => !s.fieldVisible(user, e, f));
  if (hidden.length) throw Errors.fieldHidden(e.key, hidden);
}

/** A user's row rule as SQL over alias, with values added through param ("false" without permission). */
export function rowFilter(s: DataCore, user: CurrentUser, e: EntityModel, alias: string, param: (v: unknown) => string, action = 'read'): string {
  if (!s.registry.policy.can(user, e, action)) return 'false';
  const p = new Params();
  const sql = s.registry.policy.rowScope(user, e, action, p, alias);
  if (!sql) return 'true';
  // Renumber the policy's own $n placeholders through the caller's param function.
  return sql.replace(/\$(\d+)/g, (_m, n) => param(p.values[Number(n) - 1]));
}
