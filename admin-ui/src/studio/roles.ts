/**
 * Roles in the studio, without React: a stored role (auth.role) as the configuration's role
 * declaration, the matrix cell an entity and action resolve to (the most specific permission
 * line decides, as on the server: the entity's own, then "plugin.*", then "*"), and a cell
 * toggled into a new declaration.
 */
import type { RoleDeclaration } from './patch.js';
import type { RoleRow } from './types.js';

export function declarationOf(role: RoleRow): RoleDeclaration {
  const permissions: RoleDeclaration['permissions'] = {};
  const rows: Record<string, string> = {};
  for (const p of role.permissions ?? []) {
    const actions = p.actions
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    permissions[p.entity] = actions.includes('*') ? '*' : actions;
    if (p.row_rule) rows[p.entity] = p.row_rule;
  }
  const fields: Record<string, Record<string, 'hidden' | 'read'>> = {};
  for (const f of role.field_rules ?? []) (fields[f.entity] ??= {})[f.field] = f.access;
  const out: RoleDeclaration = { label: role.label || role.name, permissions };
  if (role.description) out.description = role.description;
  if (Object.keys(rows).length) out.rows = rows;
  if (Object.keys(fields).length) out.fields = fields;
  return out;
}

/** The permission line that decides for an entity, and its actions ('*' = all). */
export function decidingLine(decl: RoleDeclaration, entity: string): { pattern: string; actions: '*' | string[] } | undefined {
  const plugin = `${entity.split('.')[0]}.*`;
  for (const pattern of [entity, plugin, '*']) {
    const actions = decl.permissions[pattern];
    if (actions !== undefined) return { pattern, actions };
  }
  return undefined;
}

export function allows(decl: RoleDeclaration, entity: string, action: string): boolean {
  const line = decidingLine(decl, entity);
  return !!line && (line.actions === '*' || line.actions.includes('*') || line.actions.includes(action));
}

/** The declaration with one cell switched: the entity gets its own line (copied from the wider one that decided). */
export function toggle(decl: RoleDeclaration, entity: string, action: string, all: string[]): RoleDeclaration {
  const line = decidingLine(decl, entity);
  const current = !line ? [] : line.actions === '*' || line.actions.includes('*') ? [...all] : [...line.actions];
  const next = current.includes(action) ? current.filter((a) => a !== action) : [...current, action];
  const permissions = { ...decl.permissions, [entity]: next };
  const rows = { ...(decl.rows ?? {}) };
  if (line && line.pattern !== entity && decl.rows?.[line.pattern]) rows[entity] = decl.rows[line.pattern]!;
  return { ...decl, permissions, rows };
}

export function setRowRule(decl: RoleDeclaration, entity: string, rule: string): RoleDeclaration {
  const rows = { ...(decl.rows ?? {}) };
  if (rule) rows[entity] = rule;
  else delete rows[entity];
  return { ...decl, rows };
}

export function setFieldRule(decl: RoleDeclaration, entity: string, field: string, access: 'hidden' | 'read' | ''): RoleDeclaration {
  const fields = { ...(decl.fields ?? {}) };
  const of = { ...(fields[entity] ?? {}) };
  if (access) of[field] = access;
  else delete of[field];
  fields[entity] = of;
  return { ...decl, fields };
}
