/**
 * The promotable package: the configuration plus the master data a configuration needs (the
 * set-up lists the plugins mark with x-ui.setup: pipeline stages, lost reasons, leave types,
 * units, warehouses, ...), each row keyed by its natural key and its references written as the
 * target's natural key, so that a second instance gets the same set. Importing upserts by
 * natural key: applying the same package twice changes nothing.
 */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { ident } from '../db/database.js';
import { SYSTEM_USER, type DataService } from '../data/service.js';
import { plainKeyOf } from '../data/references.js';
import type { ClientConfig } from '../config.js';
import type { RoleDefinition } from '../plugin-api/index.js';
import { canonicalJson, latestRevision } from './store.js';
import type { StudioHost } from './plan.js';

export interface ConfigPackage {
  /** The package format. */
  tessera: 'config-package/1';
  config: ClientConfig;
  /** entity key -> natural key -> the row (without ids and bookkeeping). */
  masterData: Record<string, Record<string, Record<string, unknown>>>;
}

/** The set-up entities whose rows travel with the configuration (those with a natural key). */
export function masterEntities(entities: Map<string, EntityModel>): EntityModel[] {
  return [...entities.values()].filter((e) => e.setup && !e.parent && plainKeyOf(e, true));
}

/** Fields that travel: what a user enters (no ids, computed, read-only, secret or line-item fields). */
const travels = (f: FieldModel) => !f.readOnly && !f.secret && !f.compute && f.kind !== 'children' && f.name !== 'id';

/** Set-up entities ordered so that an entity comes after the set-up entities it refers to. */
export function dependencyOrder(list: EntityModel[]): EntityModel[] {
  const keys = new Set(list.map((e) => e.key));
  const out: EntityModel[] = [];
  const seen = new Set<string>();
  const visit = (e: EntityModel) => {
    if (seen.has(e.key)) return;
    seen.add(e.key);
    for (const f of e.fields) if (f.ref && keys.has(f.ref.entity) && f.ref.entity !== e.key) visit(list.find((x) => x.key === f.ref!.entity)!);
    out.push(e);
  };
  for (const e of [...list].sort((a, b) => a.key.localeCompare(b.key))) visit(e);
  return out;
}

export async function exportPackage(host: StudioHost): Promise<ConfigPackage> {
  const revision = (await latestRevision(host.db))!;
  const entities = host.current().entities;
  const masterData: ConfigPackage['masterData'] = {};
  for (const e of dependencyOrder(masterEntities(entities))) {
    const keyField = plainKeyOf(e, true)!;
    const fields = e.fields.filter(travels);
    const cols = fields.map((f) => {
      if (!f.ref) return `t.${ident(f.column)} as ${ident(f.name)}`;
      const target = entities.get(f.ref.entity);
      const tk = target && plainKeyOf(target, true);
      return tk
        ? `(select r.${ident(target.fieldMap.get(tk)!.column)} from ${ident(target.table)} r where r.id = t.${ident(f.column)}) as ${ident(f.name)}`
        : `null as ${ident(f.name)}`;
    });
    const rows = (await host.db.query(`select ${cols.join(', ')} from ${ident(e.table)} t order by t.id`)).rows;
    const byKey: Record<string, Record<string, unknown>> = {};
    for (const r of rows) {
      const k = r[keyField];
      if (k === null || k === undefined) continue;
      const row: Record<string, unknown> = {};
      for (const f of fields) if (r[f.name] !== null && r[f.name] !== undefined) row[f.name] = r[f.name];
      byKey[String(k)] = row;
    }
    masterData[e.key] = byKey;
  }
  const config = structuredClone(revision.config);
  const roles = await customRoles(host);
  if (Object.keys(roles).length) config.roles = { ...(config.roles ?? {}), ...roles };
  return { tessera: 'config-package/1', config, masterData };
}

/**
 * Roles made in the admin screens (source custom) as role definitions: the package carries them
 * in config.roles, so the next instance gets them as configuration (kept in step from then on).
 */
async function customRoles(host: StudioHost): Promise<Record<string, RoleDefinition>> {
  const roles = (await host.db.query<any>(`select id, name, label, description from auth_role where source = 'custom' order by name`)).rows;
  const out: Record<string, RoleDefinition> = {};
  for (const r of roles) {
    const lines = (await host.db.query<any>('select entity, actions, row_rule from auth_role_permission where parent_id = $1 order by idx', [r.id])).rows;
    const rules = (await host.db.query<any>('select entity, field, access from auth_role_field_rule where parent_id = $1 order by idx', [r.id])).rows;
    const def: RoleDefinition = { label: r.label, permissions: {} };
    if (r.description) def.description = r.description;
    for (const l of lines) {
      def.permissions[l.entity] =
        l.actions.trim() === '*'
          ? '*'
          : String(l.actions)
              .split(',')
              .map((a: string) => a.trim())
              .filter(Boolean);
      if (l.row_rule) (def.rows ??= {})[l.entity] = l.row_rule;
    }
    for (const f of rules) ((def.fields ??= {})[f.entity] ??= {})[f.field] = f.access;
    out[r.name] = def;
  }
  return out;
}

/** Upserts the package's master data by natural key; returns how many rows it created and updated. */
export async function importMasterData(
  service: DataService,
  masterData: ConfigPackage['masterData'],
): Promise<{ created: number; updated: number; unchanged: number }> {
  const entities = service.registry.entities;
  const stats = { created: 0, updated: 0, unchanged: 0 };
  const list = dependencyOrder(masterEntities(entities).filter((e) => masterData[e.key]));
  await service.withServices(SYSTEM_USER, async (ctx) => {
    for (const e of list) {
      const keyField = plainKeyOf(e, true)!;
      const fields = e.fields.filter(travels);
      for (const [key, row] of Object.entries(masterData[e.key] ?? {})) {
        const found = await ctx.sql<{ id: number }>(`select id from ${ident(e.table)} where ${ident(e.fieldMap.get(keyField)!.column)} = $1 limit 1`, [key]);
        const body: Record<string, unknown> = {};
        for (const f of fields) if (row[f.name] !== undefined) body[f.name] = row[f.name];
        body[keyField] ??= key;
        if (!found[0]) {
          await ctx.entity(e.key).create(body);
          stats.created++;
          continue;
        }
        const current = await ctx.entity(e.key).get(found[0].id);
        let differs = false;
        for (const f of fields) {
          if (!(f.name in body)) continue;
          const have = f.ref ? await refKey(ctx.sql, entities, f, current[f.name]) : current[f.name];
          if (canonicalJson(normalize(have)) !== canonicalJson(normalize(body[f.name]))) differs = true;
        }
        if (!differs) {
          stats.unchanged++;
          continue;
        }
        await ctx.entity(e.key).update(found[0].id, body);
        stats.updated++;
      }
    }
  });
  return stats;
}

const normalize = (v: unknown) => (v === undefined ? null : v);

/** The natural key of a referenced record as the record's get returns it (an expanded object or an id). */
async function refKey(
  sql: (q: string, p?: unknown[]) => Promise<Record<string, unknown>[]>,
  entities: Map<string, EntityModel>,
  f: FieldModel,
  v: unknown,
): Promise<unknown> {
  if (v === null || v === undefined) return null;
  const target = entities.get(f.ref!.entity);
  const tk = target && plainKeyOf(target, true);
  if (!tk) return v;
  if (typeof v === 'object') return (v as Record<string, unknown>)[tk] ?? null;
  const r = await sql(`select ${ident(target.fieldMap.get(tk)!.column)} as k from ${ident(target.table)} where id = $1`, [v]);
  return r[0]?.k ?? null;
}
