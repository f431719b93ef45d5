/**
 * Role-based permissions, compiled once per role set and applied by the data layer:
 *  - per entity and action (read, create, update, delete, submit, cancel, export, declared actions);
 *  - per row: a role's row rule becomes a SQL predicate in every list, count, get, export and
 *    reference expansion ("own" = created_by or the entity's owner field; plugins add named rules);
 *  - per field: hidden (not in output, not filterable, not sortable) or read-only.
 * A user with several roles gets the union: an action is allowed if any role allows it, a row
 * is visible if any granting role's rule (or no rule) admits it, a field is hidden only if
 * every role that grants read hides it. Administrators bypass all checks.
 */
import type { EntityModel } from '../entities/model.js';
import { Errors } from '../errors.js';
import type { CurrentUser, Doc, RowRule } from '../plugin-api/index.js';
import { ident, type Params, type Tx } from '../db/database.js';
import type { Policy } from '../data/service.js';
import { writeAudit } from './audit.js';

export const STANDARD_ACTIONS = ['read', 'create', 'update', 'delete', 'submit', 'cancel', 'export'] as const;

export interface RoleRecord {
  name: string;
  permissions: { entity: string; actions: string; row_rule: string | null }[];
  field_rules: { entity: string; field: string; access: 'hidden' | 'read' }[];
}

export interface Grant {
  actions: Set<string>; // '*' = all
  rowRule?: string;
}

export interface CompiledRole {
  name: string;
  grants: { pattern: string; grant: Grant }[];
  fields: Map<string, Map<string, 'hidden' | 'read'>>;
}

export interface AuthUser extends CurrentUser {
  /** Compiled roles (internal). */
  compiled?: CompiledRole[];
}

export function matches(pattern: string, key: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return key.startsWith(pattern.slice(0, -1));
  return pattern === key;
}

export function compileRole(r: RoleRecord): CompiledRole {
  const grants = r.permissions.map((p) => ({
    pattern: p.entity.trim(),
    grant: {
      actions: new Set(
        p.actions
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      ),
      rowRule: p.row_rule?.trim() || undefined,
    },
  }));
  const fields = new Map<string, Map<string, 'hidden' | 'read'>>();
  for (const f of r.field_rules) {
    if (!fields.has(f.entity)) fields.set(f.entity, new Map());
    fields.get(f.entity)!.set(f.field, f.access);
  }
  return { name: r.name, grants, fields };
}

/**
 * The permission lines of one role that decide about an entity: the entity's own lines, else
 * its plugin's "plugin.*" lines, else "*" (the most specific wins; explain.ts reports the others
 * as overridden).
 */
export function effectiveLines(role: CompiledRole, key: string): CompiledRole['grants'] {
  const lines = role.grants.filter(({ pattern }) => matches(pattern, key));
  const own = lines.filter((l) => l.pattern === key);
  if (own.length) return own;
  const plugin = lines.filter((l) => l.pattern.endsWith('.*'));
  return plugin.length ? plugin : lines;
}

/** The entity whose permissions govern e: a line-item table follows its document. */
const governing = (e: EntityModel): EntityModel => e.parent ?? e;

export class AuthPolicy implements Policy {
  can(user: CurrentUser, e: EntityModel, action: string): boolean {
    return this.allows(user, e, action);
  }

  constructor(
    private rowRules: Map<string, RowRule>,
    private auditEnabled = true,
  ) {}

  /**
   * Grants of the user's roles for `action` on the entity. Within one role the most specific
   * permission lines win (the entity's own line over "plugin.*" over "*"), so a role can grant
   * a plugin broadly and narrow one entity with a row rule; across roles, grants add up.
   */
  private granting(user: AuthUser, e: EntityModel, action: string): Grant[] {
    const key = governing(e).key;
    const out: Grant[] = [];
    for (const role of user.compiled ?? [])
      for (const { grant } of effectiveLines(role, key)) if (grant.actions.has('*') || grant.actions.has(action)) out.push(grant);
    return out;
  }

  allows(user: CurrentUser, e: EntityModel, action: string): boolean {
    if (user.isAdmin) return true;
    return this.granting(user as AuthUser, e, action).length > 0;
  }

  assert(user: CurrentUser, e: EntityModel, action: string): void {
    if (this.allows(user, e, action)) return;
    const target = governing(e);
    throw Errors.forbidden(
      `you may not ${action === 'read' ? 'see' : action} ${target.plural.toLowerCase()} (${target.key}); ask an administrator for a role that allows it`,
    );
  }

  rowScope(user: CurrentUser, e: EntityModel, action: string, params: Params, alias: string): string | undefined {
    if (user.isAdmin) return undefined;
    const target = governing(e);
    const grants = this.granting(user as AuthUser, target, action === 'export' ? 'export' : action);
    if (!grants.length) return 'false';
    if (grants.some((g) => !g.rowRule)) return undefined;
    // A line-item table is scoped through its document.
    const on = e.parent ? 'tessera_parent' : alias;
    const sql = [...new Set(grants.map((g) => g.rowRule!))].map((rule) => `(${this.ruleSql(rule, user, target, params, on, action)})`).join(' or ');
    return e.parent ? `exists (select 1 from ${ident(target.table)} tessera_parent where tessera_parent.id = ${alias}."parent_id" and (${sql}))` : sql;
  }

  private ruleSql(rule: string, user: CurrentUser, e: EntityModel, params: Params, alias: string, action: string): string {
    if (rule === 'own') return `${alias}.${ident(e.ownerField ?? 'created_by')} = ${params.add(user.id)}`;
    const fn = this.rowRules.get(rule);
    if (!fn) return 'false'; // an unknown rule admits nothing (roles are validated when saved)
    return fn({ alias, user, param: (v) => params.add(v), model: e, action });
  }

  private fieldAccess(user: AuthUser, e: EntityModel, field: string, action: string): 'hidden' | 'read' | 'write' {
    const target = governing(e);
    const key = target.key;
    // A line-item field is governed by rules on "<collection>.<field>" of the document, or the field itself.
    const names = e.parent ? [`${target.children.find((c) => c.child === e)?.name}.${field}`, field] : [field];
    let best: 'hidden' | 'read' | 'write' = 'hidden';
    let anyRole = false;
    for (const role of user.compiled ?? []) {
      if (!this.granting({ ...user, compiled: [role] }, target, action).length) continue;
      anyRole = true;
      const rules = role.fields.get(key);
      const access = names.map((n) => rules?.get(n)).find(Boolean) ?? 'write';
      if (access === 'write') return 'write';
      if (access === 'read') best = 'read';
    }
    return anyRole ? best : 'hidden';
  }

  canSeeField(user: CurrentUser, e: EntityModel, field: string): boolean {
    if (user.isAdmin) return true;
    return this.fieldAccess(user as AuthUser, e, field, 'read') !== 'hidden';
  }

  readOnlyFields(user: CurrentUser, e: EntityModel, action: 'create' | 'update' = 'update'): Set<string> {
    const out = new Set<string>();
    if (user.isAdmin) return out;
    for (const f of [...e.fields, ...e.children]) {
      const access = this.fieldAccess(user as AuthUser, e, f.name, action);
      const readable = this.fieldAccess(user as AuthUser, e, f.name, 'read');
      if (access !== 'write' || readable === 'hidden') out.add(f.name);
    }
    return out;
  }

  /** The data layer may write this policy's audit rows inside single-statement writes. */
  get auditsInline(): boolean {
    return this.auditEnabled;
  }

  async audit(tx: Tx, user: CurrentUser, e: EntityModel, action: string, id: number, before: Doc | undefined, after: Doc | undefined): Promise<void> {
    if (!this.auditEnabled) return;
    await writeAudit(tx, user, e, action, id, before, after);
  }
}
