/** `tessera migrate`: review (--plan) or apply (--apply) schema changes that can lose data. */
import { loadClientConfig } from '../config.js';
import { createTessera } from '../app.js';
import { formatPlan } from '../migrations/errors.js';
import { dropPluginViews } from '../migrations/views.js';
import { configPath, parse } from './args.js';
import { openDatabase } from './database.js';

/** tessera migrate --plan | --apply [--config FILE] */
export async function migrate(args: string[]): Promise<void> {
  const { values } = parse(args, { plan: { type: 'boolean' }, apply: { type: 'boolean' } });
  const apply = !!values.apply;
  const config = loadClientConfig(configPath(values));
  // --plan only reads: it may run next to a live server on the same data folder.
  const db = await openDatabase(config, { reuse: !apply });
  try {
    const t = await createTessera({ config, databaseUrl: db.url, migrateOnly: true });
    try {
      const plan = await t.migrator!.plan();
      if (apply) {
        // the plugins' views would block a column change; the next start creates them again
        await dropPluginViews(
          t.db,
          t.plugins.map((p) => p.def.name),
        );
        await t.migrator!.apply(plan);
        console.log(plan.fullSql.trim() ? `Applied:\n${plan.fullSql}` : 'Nothing to apply: the database matches the declarations.');
      } else {
        if (!plan.unsafe.length && !plan.safeSql.trim()) console.log('Nothing to do: the database matches the declarations.');
        if (plan.safeSql.trim()) console.log(`Safe changes (applied automatically on start):\n${plan.safeSql}\n`);
        if (plan.unsafe.length) console.log(`${formatPlan(plan)}\n\nSQL that --apply runs:\n${plan.fullSql}`);
      }
    } finally {
      await t.close();
    }
  } finally {
    await db.embedded?.stop();
  }
}
