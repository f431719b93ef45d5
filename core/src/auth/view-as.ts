/**
 * "View as a role": an administrator or consultant sends `X-Tessera-View-As: <role name>` and
 * the request runs with that role's permissions only (its permission lines, row rules and field
 * rules; no administrator bypass), so lists, records, reports and /api/meta answer as a user
 * holding just that role would see them. Row rules that name the user ("own") are evaluated
 * for the person viewing. Such a request may only read: a write is refused with 403
 * VIEW_AS_READ_ONLY. The header is ignored for anyone else (they keep their own rights).
 */
import type { Queryable } from '../db/database.js';
import { Errors, TesseraError } from '../errors.js';
import type { CurrentUser } from '../plugin-api/index.js';
import { compileRole, type AuthUser, type RoleRecord } from './policy.js';

export const VIEW_AS_HEADER = 'x-tessera-view-as';
/** The role of the people who set a client up (studio-core declares it with permission core.config). */
export const CONSULTANT_ROLE = 'core.consultant';
/** The permission line that opens the studio and its tools (configuration, explain, view as). */
export const CONFIG_PERMISSION = 'core.config';

/** Whether the user may use the studio's tools: an administrator, or a role holding core.config. */
export function canConfigure(user: CurrentUser): boolean {
  if (user.viewAs) return false; // viewing as a role: that role's rights only
  if (user.isAdmin) return true;
  if (user.roles.includes(CONSULTANT_ROLE)) return true;
  return ((user as AuthUser).compiled ?? []).some((r) => r.grants.some((g) => g.pattern === CONFIG_PERMISSION));
}

/** One role as stored (auth.role with its permission lines and field rules), or undefined. */
export async function loadRoleRecord(db: Queryable, name: string): Promise<RoleRecord | undefined> {
  const r = await db.query<RoleRecord & Record<string, unknown>>(
    `select r.name,
      coalesce((select json_agg(json_build_object('entity', p.entity, 'actions', p.actions, 'row_rule', p.row_rule) order by p.idx) from auth_role_permission p where p.parent_id = r.id), '[]') as permissions,
      coalesce((select json_agg(json_build_object('entity', f.entity, 'field', f.field, 'access', f.access) order by f.idx) from auth_role_field_rule f where f.parent_id = r.id), '[]') as field_rules
     from auth_role r where r.name = $1`,
    [name],
  );
  return r.rows[0];
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Requests that change only the caller's own session, allowed while viewing as a role. */
const SESSION_PATHS = new Set(['/api/auth/logout']);

/**
 * The user a request runs as: `real` itself without the header or for a user who may not view
 * as others; else a user holding only the named role. Throws 403 VIEW_AS_READ_ONLY for a write,
 * 422 UNKNOWN_ROLE for a role that does not exist.
 */
export async function viewAsUser(db: Queryable, real: CurrentUser, header: string | string[] | undefined, method: string, path: string): Promise<CurrentUser> {
  const name = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!name || !canConfigure(real)) return real;
  if (!READS.has(method.toUpperCase()) && !SESSION_PATHS.has(path))
    throw new TesseraError(
      'VIEW_AS_READ_ONLY',
      403,
      `you are viewing as the role "${name}": nothing can be changed in this mode; stop viewing as ${name} (remove the X-Tessera-View-As header) to make changes`,
    );
  if (name.length > 120) throw Errors.unprocessable('UNKNOWN_ROLE', 'X-Tessera-View-As must name a role (at most 120 characters)');
  const record = await loadRoleRecord(db, name);
  if (!record)
    throw Errors.unprocessable('UNKNOWN_ROLE', `X-Tessera-View-As names the role "${name}", which does not exist; pick a role listed under Users and roles`, [
      { path: 'X-Tessera-View-As', message: `role "${name}" does not exist` },
    ]);
  const user: AuthUser = {
    id: real.id,
    username: real.username,
    fullName: real.fullName ?? null,
    email: real.email ?? null,
    locale: real.locale ?? null,
    isAdmin: false,
    roles: [record.name],
    compiled: [compileRole(record)],
    viewAs: record.name,
  };
  return user;
}
