/**
 * "Why can't user X see record Y": the read decision for one user, entity and record, taken
 * apart the way the policy (policy.ts) takes it, step by step:
 *  1. the user: deactivated users see nothing, administrators everything;
 *  2. each role's permission lines on the entity (the most specific line of a role decides:
 *     the entity's own, then "plugin.*", then "*"); no granting line in any role denies;
 *  3. the row rules of the granting roles, compiled to SQL for that user exactly as every list
 *     and get compiles them, and tested against the record; the record is visible if one
 *     granting role admits it;
 *  4. the field rules (hidden, read-only) that apply to the user on that entity.
 * Every step carries its reason in English and Lithuanian.
 */
import type { Explanation, FieldRuleResult, LocalText, RoleRuleResult, RowRuleResult } from '@tessera/contract';
import { ident, Params, type Queryable } from '../db/database.js';
import type { EntityModel } from '../entities/model.js';
import type { Policy } from '../data/registry.js';
import { effectiveLines, type AuthUser, type CompiledRole } from './policy.js';

export type { Explanation, FieldRuleResult, RoleRuleResult, RowRuleResult };
export type Reason = LocalText;

export interface ExplainTarget {
  id: number;
  username: string;
  isAdmin: boolean;
  active: boolean;
  /** The loaded user with compiled roles (undefined when deactivated). */
  user?: AuthUser;
  roles: string[];
}

const lineText = (l: CompiledRole['grants'][number]) => `${l.pattern}: ${[...l.grant.actions].join(', ')}`;
const grantsRead = (l: CompiledRole['grants'][number]) => l.grant.actions.has('*') || l.grant.actions.has('read');

/** Step 2: each role's lines on the entity, with what each does to reading it. */
export function evaluateRoleLines(roles: CompiledRole[], e: EntityModel): RoleRuleResult[] {
  const out: RoleRuleResult[] = [];
  for (const role of roles) {
    const deciding = new Set(effectiveLines(role, e.key));
    const matching = role.grants.filter((g) => deciding.has(g) || g.pattern === '*' || (g.pattern.endsWith('.*') && e.key.startsWith(g.pattern.slice(0, -1))));
    if (!matching.length) {
      out.push({
        role: role.name,
        line: null,
        result: 'no-line',
        reason: {
          en: `role ${role.name} has no permission line for ${e.key} (nor ${e.plugin}.* or *)`,
          lt: `vaidmuo ${role.name} neturi leidimo eilutės objektui ${e.key} (nei ${e.plugin}.*, nei *)`,
        },
      });
      continue;
    }
    const best = [...deciding][0];
    for (const l of matching) {
      const line = { entity: l.pattern, actions: [...l.grant.actions], rowRule: l.grant.rowRule ?? null };
      if (!deciding.has(l))
        out.push({
          role: role.name,
          line,
          result: 'overridden',
          reason: {
            en: `role ${role.name}: the line "${lineText(l)}" is overridden by the more specific line for ${best?.pattern}`,
            lt: `vaidmuo ${role.name}: eilutę „${lineText(l)}“ pakeičia konkretesnė eilutė ${best?.pattern}`,
          },
        });
      else if (grantsRead(l))
        out.push({
          role: role.name,
          line,
          result: 'grants',
          reason: {
            en: `role ${role.name} grants read on ${e.key} ("${lineText(l)}")${l.grant.rowRule ? `, limited by the row rule ${l.grant.rowRule}` : ''}`,
            lt: `vaidmuo ${role.name} leidžia skaityti ${e.key} („${lineText(l)}“)${l.grant.rowRule ? `, ribojama eilučių taisykle ${l.grant.rowRule}` : ''}`,
          },
        });
      else
        out.push({
          role: role.name,
          line,
          result: 'denies',
          reason: {
            en: `role ${role.name}: the line "${lineText(l)}" does not include read`,
            lt: `vaidmuo ${role.name}: eilutė „${lineText(l)}“ neleidžia skaityti (nėra read)`,
          },
        });
    }
  }
  return out;
}

/** Step 3: the row rules of the roles that grant read, tested on the record with the user's own SQL. */
export async function evaluateRowRules(db: Queryable, policy: Policy, user: AuthUser, e: EntityModel, id: number): Promise<RowRuleResult[]> {
  const out: RowRuleResult[] = [];
  for (const role of user.compiled ?? []) {
    const granting = effectiveLines(role, e.key).filter(grantsRead);
    if (!granting.length) continue;
    const rules = granting.some((g) => !g.grant.rowRule) ? [] : [...new Set(granting.map((g) => g.grant.rowRule!))];
    if (!rules.length) {
      out.push({
        role: role.name,
        name: null,
        result: 'admits',
        reason: {
          en: `role ${role.name} has no row rule on ${e.key}: every row is visible`,
          lt: `vaidmuo ${role.name} neturi eilučių taisyklės ${e.key}: matomos visos eilutės`,
        },
      });
      continue;
    }
    const params = new Params();
    const scope = policy.rowScope({ ...user, compiled: [role] } as AuthUser, e, 'read', params, 't') ?? 'true';
    const idParam = params.add(id);
    const r = await db.query<{ ok: boolean }>(`select exists (select 1 from ${ident(e.table)} t where t.id = ${idParam} and (${scope})) as ok`, params.values);
    const admits = !!r.rows[0]?.ok;
    const name = rules.join(' | ');
    const what = rules.includes('own')
      ? {
          en: ` ("own": created by the user or owned through ${e.ownerField ?? 'created_by'})`,
          lt: ` („own“: sukūrė naudotojas arba jis nurodytas lauke ${e.ownerField ?? 'created_by'})`,
        }
      : { en: '', lt: '' };
    out.push({
      role: role.name,
      name,
      result: admits ? 'admits' : 'excludes',
      reason: admits
        ? {
            en: `role ${role.name}: the row rule ${name}${what.en} admits record ${id}`,
            lt: `vaidmuo ${role.name}: eilučių taisyklė ${name}${what.lt} leidžia įrašą ${id}`,
          }
        : {
            en: `role ${role.name}: the row rule ${name}${what.en} excludes record ${id}`,
            lt: `vaidmuo ${role.name}: eilučių taisyklė ${name}${what.lt} neleidžia įrašo ${id}`,
          },
    });
  }
  return out;
}

/** Step 4: the fields hidden from the user or read-only for them on the entity, with the roles that say so. */
export function evaluateFieldRules(policy: Policy, user: AuthUser, e: EntityModel): FieldRuleResult[] {
  const out: FieldRuleResult[] = [];
  const readOnly = policy.readOnlyFields(user, e, 'update');
  for (const f of [...e.fields, ...e.children]) {
    const hidden = !policy.canSeeField(user, e, f.name);
    const access = hidden ? 'hidden' : readOnly.has(f.name) ? 'read' : undefined;
    if (!access) continue;
    const roles = (user.compiled ?? []).filter((r) => r.fields.get(e.key)?.get(f.name)).map((r) => r.name);
    // Read-only by declaration (server-maintained, computed) is not a role's doing.
    if (!roles.length && access === 'read') continue;
    out.push({
      field: f.name,
      access,
      roles,
      reason:
        access === 'hidden'
          ? {
              en: `${f.name} is hidden by the field rules of ${roles.join(', ') || 'the roles'}`,
              lt: `${f.name} paslėptas vaidmens ${roles.join(', ')} laukų taisyklėmis`,
            }
          : {
              en: `${f.name} is read-only by the field rules of ${roles.join(', ')}`,
              lt: `${f.name} tik skaitomas pagal vaidmens ${roles.join(', ')} laukų taisykles`,
            },
    });
  }
  return out;
}

/** The whole read decision for one user and record (the record is known to exist). */
export async function explainRead(db: Queryable, policy: Policy, target: ExplainTarget, e: EntityModel, id: number): Promise<Explanation> {
  const base = {
    action: 'read' as const,
    user: { id: target.id, username: target.username, isAdmin: target.isAdmin, active: target.active, roles: target.roles },
    entity: e.key,
    id,
  };
  if (!target.active || !target.user)
    return {
      ...base,
      allowed: false,
      deniedBy: 'user',
      reason: { en: `user ${target.username} is deactivated and cannot sign in`, lt: `naudotojas ${target.username} išjungtas ir negali prisijungti` },
      roleRules: [],
      rowRules: [],
      fieldRules: [],
    };
  if (target.isAdmin)
    return {
      ...base,
      allowed: true,
      deniedBy: null,
      reason: {
        en: `${target.username} is an administrator: administrators see every record`,
        lt: `${target.username} yra administratorius: administratoriai mato visus įrašus`,
      },
      roleRules: [],
      rowRules: [],
      fieldRules: [],
    };
  const user = target.user;
  const roleRules = evaluateRoleLines(user.compiled ?? [], e);
  const fieldRules = evaluateFieldRules(policy, user, e);
  if (!roleRules.some((r) => r.result === 'grants')) {
    const denying = roleRules.find((r) => r.result === 'denies');
    return {
      ...base,
      allowed: false,
      deniedBy: 'permission',
      reason: denying
        ? {
            en: `no role of ${target.username} grants read on ${e.key}: ${denying.reason.en}`,
            lt: `nė vienas ${target.username} vaidmuo neleidžia skaityti ${e.key}: ${denying.reason.lt}`,
          }
        : target.roles.length
          ? {
              en: `no role of ${target.username} (${target.roles.join(', ')}) has a permission line that grants read on ${e.key}`,
              lt: `nė vienas ${target.username} vaidmuo (${target.roles.join(', ')}) neturi leidimo eilutės, leidžiančios skaityti ${e.key}`,
            }
          : { en: `${target.username} has no roles`, lt: `${target.username} neturi vaidmenų` },
      roleRules,
      rowRules: [],
      fieldRules,
    };
  }
  const rowRules = await evaluateRowRules(db, policy, user, e, id);
  const admitting = rowRules.find((r) => r.result === 'admits');
  const deciding = admitting ?? rowRules[0]!;
  const rowRule = deciding ? { role: deciding.role, name: deciding.name, result: deciding.result } : undefined;
  if (admitting)
    return {
      ...base,
      allowed: true,
      deniedBy: null,
      reason: {
        en: `${target.username} may see record ${id}: ${admitting.reason.en}`,
        lt: `${target.username} gali matyti įrašą ${id}: ${admitting.reason.lt}`,
      },
      roleRules,
      rowRule,
      rowRules,
      fieldRules,
    };
  return {
    ...base,
    allowed: false,
    deniedBy: 'row-rule',
    reason: {
      en: `${target.username} may read ${e.key}, but not record ${id}: ${rowRules.map((r) => r.reason.en).join('; ')}`,
      lt: `${target.username} gali skaityti ${e.key}, bet ne įrašą ${id}: ${rowRules.map((r) => r.reason.lt).join('; ')}`,
    },
    roleRules,
    rowRule,
    rowRules,
    fieldRules,
  };
}
