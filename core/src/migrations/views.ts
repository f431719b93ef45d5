/**
 * The plugins' public read models (PluginDefinition.views): one SQL view `<plugin>_v_<name>`
 * per declaration, `select *` over the table of one of the plugin's own entities or line-item
 * collections. Identifiers come from the model. A view is expanded when it is created, so the
 * views are dropped before a migration (a view would block a column's type change or drop)
 * and created again afterwards; at an ordinary start only missing ones are created.
 */
import type { Queryable } from '../db/database.js';
import { ident } from '../db/database.js';
import type { EntityModel } from '../entities/model.js';

export interface DeclaredView {
  /** The view's name, `<plugin>_v_<name>`. */
  name: string;
  /** The table it reads. */
  table: string;
}

interface ViewSource {
  name: string;
  views?: Record<string, { entity: string }>;
}

/** The declared views with the tables they read; throws on a declaration that names no entity of its plugin. */
export function declaredViews(plugins: ViewSource[], entities: Map<string, EntityModel>): DeclaredView[] {
  const out: DeclaredView[] = [];
  for (const p of plugins)
    for (const [name, v] of Object.entries(p.views ?? {})) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`plugin ${p.name}: view name "${name}" must be lower-case letters, digits and _`);
      const [entityName, lines] = v.entity.split('.');
      const entity = entities.get(`${p.name}.${entityName}`);
      const table = lines === undefined ? entity?.table : entity?.children.find((c) => c.name === lines)?.child?.table;
      if (!table) throw new Error(`plugin ${p.name}: view ${name} reads "${v.entity}", which is not one of its entities or line-item collections`);
      out.push({ name: `${p.name}_v_${name}`, table });
    }
  return out;
}

/** Drops every view of an enabled plugin's name pattern (declared now or before), ahead of a migration. */
export async function dropPluginViews(db: Queryable, plugins: string[]): Promise<void> {
  if (!plugins.length) return;
  const { rows } = await db.query(`select viewname from pg_views where schemaname = current_schema() and viewname ~ $1`, [
    `^(${plugins.map((p) => p.replace(/[^a-z0-9_]/g, '')).join('|')})_v_`,
  ]);
  if (rows.length) await db.query(`drop view if exists ${rows.map((r) => ident(String(r.viewname))).join(', ')} cascade`);
}

/** Creates the declared views that do not exist (all of them after dropPluginViews). */
export async function createPluginViews(db: Queryable, views: DeclaredView[]): Promise<void> {
  if (!views.length) return;
  const { rows } = await db.query(`select viewname from pg_views where schemaname = current_schema() and viewname = any($1)`, [views.map((v) => v.name)]);
  const existing = new Set(rows.map((r) => String(r.viewname)));
  const missing = views.filter((v) => !existing.has(v.name));
  if (missing.length) await db.query(missing.map((v) => `create view ${ident(v.name)} as select * from ${ident(v.table)}`).join('; '));
}
