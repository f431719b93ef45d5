/** The declarations' fingerprint and the core's own state tables (no MikroORM import: start-up stays light). */
import { createHash } from 'node:crypto';
import type { EntityModel } from '../entities/model.js';

const STATE_TABLE = 'tessera_schema_state';

/** System tables of the core itself (created with IF NOT EXISTS on every start). */
export const STATE_TABLES_SQL = `
create table if not exists ${STATE_TABLE} (id int primary key, hash text not null, applied_at timestamptz not null default now());
create table if not exists tessera_state (key text primary key, value jsonb not null, updated_at timestamptz not null default now());
create table if not exists tessera_config_revision (version serial primary key, config jsonb not null, created_at timestamptz not null default now(), created_by text, comment text, hash text not null);
create table if not exists tessera_config_plan (hash text primary key, base_version int not null, config jsonb not null, answers jsonb not null default '{}', created_at timestamptz not null default now());
alter table tessera_config_plan add column if not exists migration jsonb`;

/** Bump when the mapping from declarations to tables (entities/orm.ts) changes. */
const MAPPING_VERSION = 2;

/**
 * A fingerprint of everything that shapes the tables: the normalized entity models (fields,
 * types, constraints, indexes, line items) and the enabled plugins. When it equals the one
 * stored by the last migration, start-up skips the introspection entirely.
 */
export function schemaFingerprint(entities: Map<string, EntityModel>, enabledPlugins: string[]): string {
  const json = JSON.stringify({ v: MAPPING_VERSION, plugins: [...enabledPlugins].sort(), entities: [...entities.values()] }, (key, value) => {
    if (key === 'parent' || key === 'fieldMap' || key === 'file' || key === 'labels' || key === 'help' || key === 'label' || key === 'plural') return undefined;
    if (typeof value === 'function') return undefined;
    return value;
  });
  return createHash('sha256').update(json).digest('hex');
}
