/** MikroORM over the declared entities with a Migrator, opened only when a schema diff is needed (start-up, migrate, the studio's plan). */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { EntityModel } from '../entities/model.js';
import type { Migrator } from './plan.js';

export async function openMigrator(
  entities: Iterable<EntityModel>,
  databaseUrl: string,
  plugins: { known: string[]; enabled: string[] },
  fingerprint: string,
): Promise<{ orm: MikroORM; migrator: Migrator }> {
  const [{ MikroORM }, { compileEntitySchemas }, { Migrator }] = await Promise.all([
    import('@mikro-orm/postgresql'),
    import('../entities/orm.js'),
    import('./plan.js'),
  ]);
  const list = [...entities];
  const orm = await MikroORM.init({
    entities: compileEntitySchemas(list),
    clientUrl: databaseUrl,
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: 2 },
    debug: false,
    allowGlobalContext: true,
    schemaGenerator: { skipTables: [/^tessera_/, /^pgboss/] as any },
  });
  return { orm, migrator: new Migrator(orm, list, plugins, fingerprint) };
}
