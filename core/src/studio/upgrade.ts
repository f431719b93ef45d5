/**
 * Plugins' upgrade steps on start (PluginDefinition.upgrade): before the schema migration, each
 * enabled plugin may move data out of what its new version no longer declares (a column whose
 * values became configuration) and amend the configuration. Each runs in one transaction with
 * the revision it stores, so a failed step leaves the database as it was.
 */
import type { ResolvedConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { BUILTIN_PLUGINS, loadPlugins } from '../plugins/loader.js';
import { canonicalJson, effectiveConfig, getRevision, insertRevision, storable } from './store.js';

export const UPGRADE_AUTHOR = 'upgrade';

export async function runUpgrades(
  db: Database,
  start: { config: ResolvedConfig; version: number },
  file: ResolvedConfig,
  paths: string[],
): Promise<{ config: ResolvedConfig; version: number }> {
  const plugins = await loadPlugins([...BUILTIN_PLUGINS, ...start.config.plugins.filter((p) => !BUILTIN_PLUGINS.includes(p))], paths);
  let current = start;
  for (const p of plugins) {
    const upgrade = p.def.upgrade;
    if (!upgrade) continue;
    current = await db.transaction(async (tx) => {
      const stored = (await getRevision(tx, current.version))?.config ?? storable(current.config);
      const next = await upgrade({ sql: async (q, params) => (await tx.query<any>(q, params ?? [])).rows, config: structuredClone(stored) });
      if (!next || canonicalJson(storable(next)) === canonicalJson(stored)) return current;
      const version = await insertRevision(tx, storable(next), UPGRADE_AUTHOR, `${p.def.name} ${p.def.version}: data moved into the configuration on upgrade`);
      return { config: effectiveConfig(storable(next), file), version };
    });
  }
  return current;
}
