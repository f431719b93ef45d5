/**
 * Assembles a running Tessera: client configuration -> plugins -> entity models -> tables
 * (safe migrations) -> REST API, OpenAPI, metadata and the admin UI.
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ResolvedConfig } from './config.js';
import { ROOT_DIR } from './paths.js';
import { discoverPlugins, loadPlugins, pluginSearchPaths, type LoadedPlugin } from './plugins/loader.js';
import { collectHooksAndActions, collectRowRules, validateSettings } from './plugins/registry.js';
import { buildModels } from './entities/build.js';
import type { EntityModel } from './entities/model.js';
import type { Migrator } from './migrations/plan.js';
import { schemaFingerprint, STATE_TABLES_SQL } from './migrations/fingerprint.js';
import { createPluginViews, declaredViews, dropPluginViews } from './migrations/views.js';
import { Database } from './db/database.js';
import { withSchemaLock } from './db/lock.js';
import { DataService, type Policy, type Registry } from './data/service.js';
import { AuthPolicy } from './auth/policy.js';
import { AuthService, DEFAULT_AUTH } from './auth/service.js';
import { purgeAudit } from './auth/audit.js';
import { SERIES_TABLE_SQL } from './data/naming.js';
import { JobQueue } from './jobs.js';
import { buildHttp } from './api/http.js';
import { requestUser } from './api/request-user.js';
import { ensureDemoUsers, loadData } from './app/data.js';

export { ROOT_DIR } from './paths.js';
export { buildModels } from './entities/build.js';
export { requestUser } from './api/request-user.js';
export { DEMO_PASSWORD } from './app/data.js';

/** Plugins that are always on (core/builtin). */
export const BUILTIN_PLUGINS = ['auth', 'messaging'];

export interface TesseraOptions {
  config: ResolvedConfig;
  databaseUrl: string;
  /** Load the plugins' demo data (once per database). */
  demo?: boolean;
  logger?: boolean | object;
  /** Extra folders with plugin packages (tests' fixture plugins). */
  pluginPaths?: string[];
  /** Apply pending unsafe migrations instead of refusing (the CLI's explicit command). */
  migrateOnly?: boolean;
  /** Run job-queue workers in this process (default true). */
  jobWorkers?: boolean;
  /** Replaces the open policy (the auth module installs itself here). */
  policy?: Policy;
}

export interface Tessera {
  app: FastifyInstance;
  db: Database;
  /** Only for the explicit migrate command (migrateOnly). */
  orm?: MikroORM;
  registry: Registry;
  service: DataService;
  plugins: LoadedPlugin[];
  /** Only for the explicit migrate command (migrateOnly). */
  migrator?: Migrator;
  jobs?: JobQueue;
  auth?: AuthService;
  close(): Promise<void>;
}

/**
 * Builds a Tessera. Schema changes, seeding and role sync are serialized across processes by an
 * advisory lock (two servers starting on one fresh database); the explicit migrate command
 * keeps it until close().
 */
export async function createTessera(opts: TesseraOptions): Promise<Tessera> {
  return withSchemaLock(opts.databaseUrl, () => assembleTessera(opts), !!opts.migrateOnly);
}

async function assembleTessera(opts: TesseraOptions): Promise<Tessera> {
  // TESSERA_TIMING=1 prints how long each start-up phase took.
  let last = performance.now();
  const phase = (name: string) => {
    if (!process.env.TESSERA_TIMING) return;
    const now = performance.now();
    console.log(`[tessera timing] ${name}: ${Math.round(now - last)} ms`);
    last = now;
  };
  const { config } = opts;
  const paths = [
    join(ROOT_DIR, 'core', 'builtin'),
    ...pluginSearchPaths(ROOT_DIR, [...(config.pluginPaths ?? []).map((p) => resolve(config.baseDir, p)), ...(opts.pluginPaths ?? [])]),
  ];
  const plugins = await loadPlugins([...BUILTIN_PLUGINS, ...config.plugins.filter((p) => !BUILTIN_PLUGINS.includes(p))], paths);
  phase('plugins');
  const known = [...discoverPlugins(paths).keys()];
  const entities = buildModels(plugins, config, known);
  phase('models');
  const settings = validateSettings(plugins, config);
  const { hooks, actions } = collectHooksAndActions(plugins, entities);

  const db = new Database(opts.databaseUrl);
  const pluginNames = { known, enabled: plugins.map((p) => p.def.name) };
  const fingerprint = schemaFingerprint(entities, pluginNames.enabled);
  // MikroORM (schema introspection and diffs) is only started when the declarations changed
  // since the last migration, or for the explicit migrate command.
  const openOrm = async () => {
    const [{ MikroORM }, { compileEntitySchemas }, { Migrator }] = await Promise.all([
      import('@mikro-orm/postgresql'),
      import('./entities/orm.js'),
      import('./migrations/plan.js'),
    ]);
    const orm = await MikroORM.init({
      entities: compileEntitySchemas(entities.values()),
      clientUrl: opts.databaseUrl,
      discovery: { warnWhenNoEntities: false },
      pool: { min: 0, max: 2 },
      debug: false,
      allowGlobalContext: true,
      schemaGenerator: { skipTables: [/^tessera_/, /^pgboss/] as any },
    });
    phase('orm.init');
    return { orm, migrator: new Migrator(orm, [...entities.values()], pluginNames, fingerprint) };
  };
  try {
    await db.query(`${SERIES_TABLE_SQL}; ${STATE_TABLES_SQL}`);
    if (opts.migrateOnly) {
      const m = await openOrm();
      return {
        app: Fastify(),
        db,
        orm: m.orm,
        registry: undefined as any,
        service: undefined as any,
        plugins,
        migrator: m.migrator,
        close: async () => {
          await db.close();
          await m.orm.close();
        },
      };
    }
    const stored = (await db.query(`select hash from tessera_schema_state where id = 1`)).rows[0]?.hash;
    const views = declaredViews(
      plugins.map((p) => p.def),
      entities,
    );
    if (stored !== fingerprint) {
      await dropPluginViews(db, pluginNames.known);
      const m = await openOrm();
      try {
        await m.migrator.migrateOnStart();
      } finally {
        await m.orm.close();
      }
    }
    await createPluginViews(db, views);
    phase('migrate');
  } catch (e) {
    await db.close();
    throw e;
  }

  const tables = new Map<string, EntityModel>();
  for (const e of entities.values()) {
    tables.set(e.table, e);
    for (const c of e.children) tables.set(c.child!.table, c.child!);
  }
  const jobs = new JobQueue(plugins.map((p) => p.def));
  const rowRules = collectRowRules(plugins);
  const registry: Registry = {
    entities,
    tables,
    hooks,
    actions,
    config,
    settings,
    policy: opts.policy ?? new AuthPolicy(rowRules),
    emit: (tx, event, payload) => jobs.emit(tx, event, payload),
    listens: (event) => jobs.listens(event),
    platform: {},
  };
  const service = new DataService(db, registry);
  const auth = new AuthService(db, service, { ...DEFAULT_AUTH, ...(config.auth ?? {}) });
  await auth.ensureTables();
  phase('auth.tables');
  registry.platform.auth = {
    invalidate: () => auth.invalidate(),
    setPassword: (q, id, pw) => auth.setPassword(q, id, pw),
    revokeSessions: (id, tx) => auth.revokeSessions(id, undefined, tx),
  };
  registry.platform.model = { entities, actions, rowRules: new Set(rowRules.keys()), plugins: new Set(plugins.map((p) => p.def.name)) };
  const app = await buildHttp(
    service,
    plugins.map((p) => p.def),
    auth,
    jobs,
    { logger: opts.logger, uiDist: join(ROOT_DIR, 'admin-ui', 'dist') },
  );
  phase('http');
  await jobs.start(opts.databaseUrl, service, { workers: opts.jobWorkers });
  phase('jobs');

  const tessera: Tessera = {
    app,
    db,
    registry,
    service,
    plugins,
    jobs,
    auth,
    async close() {
      clearInterval(purgeTimer);
      await app.close();
      await jobs.stop();
      await db.close();
    },
  };
  await auth.syncDeclaredRoles(
    plugins.map((p) => p.def),
    config.roles,
  );
  phase('roles');
  await purgeAudit(db, auth.settings.auditRetentionDays);
  phase('purge');
  const purgeTimer = setInterval(() => void purgeAudit(db, auth.settings.auditRetentionDays).catch(() => undefined), 12 * 3600_000);
  purgeTimer.unref();
  if (opts.demo)
    await ensureDemoUsers(
      auth,
      plugins.map((p) => p.def),
    );
  await loadData(tessera, !!opts.demo);
  phase('data');
  for (const p of plugins)
    if (p.def.setup)
      await p.def.setup({
        app,
        config,
        userOf: requestUser,
        withServices: (user, fn) => service.withServices(user, fn, p.def.name),
        query: (sql, params) => db.query(sql, params) as any,
      });
  await app.ready();
  phase('ready');
  return tessera;
}
