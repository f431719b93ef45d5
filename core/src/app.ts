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
import { BUILTIN_PLUGINS, discoverPlugins, loadPlugins, pluginSearchPaths, type LoadedPlugin } from './plugins/loader.js';
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
import { collectTitleTranslations } from './data/titles.js';
import { JobQueue, SharedBoss } from './jobs.js';
import { buildHttp } from './api/http.js';
import { requestUser } from './api/request-user.js';
import { ensureDemoUsers, loadData } from './app/data.js';
import { openMigrator } from './migrations/open.js';
import { Generations } from './studio/runtime.js';
import { databaseConfig, effectiveConfig, latestRevision, startingConfig } from './studio/store.js';
import { runUpgrades } from './studio/upgrade.js';
import { registerStudioRoutes } from './studio/routes.js';
import type { StudioHost } from './studio/plan.js';
import type { Server } from 'node:http';

export { ROOT_DIR } from './paths.js';
export { buildModels } from './entities/build.js';
export { requestUser } from './api/request-user.js';
export { DEMO_PASSWORD } from './app/data.js';

export { BUILTIN_PLUGINS } from './plugins/loader.js';

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
  /**
   * Do not wait for the job queue (pg-boss) to start: the caller may listen meanwhile (jobs sent
   * in between wait for the queue) and awaits `jobsStarted` afterwards. `tessera start` does.
   */
  jobsInBackground?: boolean;
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
  /** Settles when the job queue and its workers have started (already, unless jobsInBackground). */
  jobsStarted?: Promise<void>;
  auth?: AuthService;
  /** The configuration revision the current generation runs. */
  configVersion?: number;
  /** Builds the generation of the database's latest configuration revision and serves it (no-op when current). */
  reload?(): Promise<{ ms: number }>;
  /** Listens on port/host with one HTTP server that follows reloads (the CLI's start). */
  listen?(port: number, host: string): Promise<Server>;
  /** The HTTP server listen() made. */
  server?: Server;
  /** The studio's view of this server (plan, apply, export). */
  studio?: StudioHost;
  close(): Promise<void>;
}

/**
 * Builds a Tessera. Schema changes, seeding and role sync are serialized across processes by an
 * advisory lock (two servers starting on one fresh database); the explicit migrate command
 * keeps it until close().
 */
export async function createTessera(opts: TesseraOptions): Promise<Tessera> {
  if (opts.migrateOnly)
    return withSchemaLock(
      opts.databaseUrl,
      async () => {
        // The model to migrate to is the database's configuration (the studio may have changed it).
        // The plugins' upgrade steps first, as on start: data they move out of a column is not dropped with it.
        const probe = new Database(opts.databaseUrl, 1);
        const config = await (async () => {
          const found = await databaseConfig(probe, opts.config);
          const latest = (await probe.query<{ t: string | null }>(`select to_regclass('tessera_config_revision')::text as t`)).rows[0]?.t
            ? await latestRevision(probe)
            : undefined;
          if (!latest) return found;
          return (await runUpgrades(probe, { config: found, version: latest.version }, opts.config, searchPaths(opts.config, opts))).config;
        })().finally(() => probe.close());
        return assembleTessera({ ...opts, config });
      },
      true,
    );
  // One pool and one pg-boss for every generation; the configuration is the database's latest revision.
  const db = new Database(opts.databaseUrl);
  const boss = new SharedBoss();
  let gens: Generations<Tessera & { version: number }>;
  const host: StudioHost = {
    db,
    databaseUrl: opts.databaseUrl,
    pluginSearchPaths: searchPaths(opts.config, opts),
    fileConfig: opts.config,
    current: () => ({
      version: gens.current.version,
      config: gens.current.registry.config,
      entities: gens.current.registry.entities,
      plugins: gens.current.plugins,
    }),
    reload: () => gens.reload(true),
    reloadError: () => gens.lastError,
  };
  const shared: Shared = { db, version: 0, host, boss, listening: false };
  try {
    const first = await withSchemaLock(opts.databaseUrl, async () => {
      await db.query(`${SERIES_TABLE_SQL}; ${STATE_TABLES_SQL}`);
      const start = await startingConfig(db, opts.config);
      const { config, version } = await runUpgrades(db, start, opts.config, host.pluginSearchPaths);
      shared.version = version;
      return assembleTessera({ ...opts, config }, shared);
    });
    gens = new Generations(first, db, async () => {
      const latest = (await latestRevision(db))!;
      const config = effectiveConfig(latest.config, opts.config);
      return withSchemaLock(opts.databaseUrl, () => assembleTessera({ ...opts, config, demo: false }, { ...shared, version: latest.version }));
    });
    await gens.follow(opts.databaseUrl);
  } catch (e) {
    await boss.stop();
    await db.close();
    throw e;
  }
  const cur = () => gens.current;
  return {
    get app() {
      return cur().app;
    },
    get registry() {
      return cur().registry;
    },
    get service() {
      return cur().service;
    },
    get plugins() {
      return cur().plugins;
    },
    get jobs() {
      return cur().jobs;
    },
    get auth() {
      return cur().auth;
    },
    get configVersion() {
      return cur().version;
    },
    get server() {
      return gens.server;
    },
    studio: host,
    db,
    reload: () => gens.reload(),
    listen: async (port, host) => {
      const server = await gens.listen(port, host);
      shared.listening = true;
      gens.current.jobs?.kick();
      return server;
    },
    close: async () => {
      await gens.close();
      await boss.stop();
      await db.close();
    },
  };
}

function searchPaths(config: ResolvedConfig, opts: TesseraOptions): string[] {
  return [
    join(ROOT_DIR, 'core', 'builtin'),
    ...pluginSearchPaths(ROOT_DIR, [...(config.pluginPaths ?? []).map((p) => resolve(config.baseDir, p)), ...(opts.pluginPaths ?? [])]),
  ];
}

/** What the generations of one server share: the pool, pg-boss, and the studio's view of the server. */
interface Shared {
  db: Database;
  boss: SharedBoss;
  /** The server listens (jobs of a new generation start at once). */
  listening: boolean;
  version: number;
  host: StudioHost;
}

async function assembleTessera(opts: TesseraOptions, shared?: Shared): Promise<Tessera & { version: number }> {
  // TESSERA_TIMING=1 prints how long each start-up phase took.
  // With the CPU time of the process (user+system) in the phase: comparable on a busy machine.
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const phase = (name: string) => {
    if (!process.env.TESSERA_TIMING) return;
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    console.log(`[tessera timing] ${name}: ${Math.round(now - last)} ms (CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms)`);
    last = now;
    lastCpu = process.cpuUsage();
  };
  const { config } = opts;
  const paths = searchPaths(config, opts);
  const plugins = await loadPlugins([...BUILTIN_PLUGINS, ...config.plugins.filter((p) => !BUILTIN_PLUGINS.includes(p))], paths);
  phase('plugins');
  const known = [...discoverPlugins(paths).keys()];
  const entities = buildModels(plugins, config, known);
  phase('models');
  const settings = validateSettings(plugins, config);
  const { hooks, actions } = collectHooksAndActions(plugins, entities);

  const db = shared?.db ?? new Database(opts.databaseUrl);
  const pluginNames = { known, enabled: plugins.map((p) => p.def.name) };
  const fingerprint = schemaFingerprint(entities, pluginNames.enabled);
  // MikroORM (schema introspection and diffs) is only started when the declarations changed
  // since the last migration, or for the explicit migrate command.
  const openOrm = async () => {
    const m = await openMigrator(entities.values(), opts.databaseUrl, pluginNames, fingerprint);
    phase('orm.init');
    return m;
  };
  try {
    await db.query(`${SERIES_TABLE_SQL}; ${STATE_TABLES_SQL}`);
    if (opts.migrateOnly) {
      const m = await openOrm();
      return {
        version: 0,
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
    if (!shared) await db.close();
    throw e;
  }

  const tables = new Map<string, EntityModel>();
  for (const e of entities.values()) {
    tables.set(e.table, e);
    for (const c of e.children) tables.set(c.child!.table, c.child!);
  }
  const jobs = new JobQueue(
    plugins.map((p) => p.def),
    shared?.boss,
  );
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
    platform: { exchangeRates: plugins.find((p) => p.def.exchangeRates)?.def.exchangeRates },
    titleTranslations: collectTitleTranslations({ plugins: plugins.map((p) => p.def), settings, config }),
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
  // In the background (tessera start): pg-boss starts once the server listens (createTessera's
  // listen), or at the first job sent before that; a later generation's starts at once.
  const jobsStarted = jobs.start(opts.databaseUrl, service, { workers: opts.jobWorkers, deferred: opts.jobsInBackground && !shared?.listening });
  if (opts.jobsInBackground) jobsStarted.catch(() => undefined);
  else await jobsStarted;
  phase(opts.jobsInBackground ? 'jobs (starting in the background)' : 'jobs');

  if (shared) registerStudioRoutes(app, shared.host);
  let purgeTimer: NodeJS.Timeout | undefined;
  const tessera: Tessera & { version: number } = {
    version: shared?.version ?? 0,
    app,
    db,
    registry,
    service,
    plugins,
    jobs,
    jobsStarted,
    auth,
    async close() {
      clearInterval(purgeTimer);
      await app.close();
      await jobs.stop();
      if (!shared) await db.close();
    },
  };
  try {
    await finishStart(tessera, opts, phase);
  } catch (e) {
    // A generation that fails half-way (a plugin's setup) leaves no job queue or timer behind.
    await tessera.close().catch(() => undefined);
    throw e;
  }
  purgeTimer = setInterval(() => void purgeAudit(db, auth.settings.auditRetentionDays).catch(() => undefined), 12 * 3600_000);
  purgeTimer.unref();
  return tessera;
}

/** Roles, audit purge, seed and demo data, the plugins' setup, ready. */
async function finishStart(tessera: Tessera, opts: TesseraOptions, phase: (name: string) => void): Promise<void> {
  const { app, db, plugins, service } = tessera;
  const auth = tessera.auth!;
  const config = service.registry.config;
  await auth.syncDeclaredRoles(
    plugins.map((p) => p.def),
    config.roles,
  );
  phase('roles');
  await purgeAudit(db, auth.settings.auditRetentionDays);
  phase('purge');
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
}
