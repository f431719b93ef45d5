/**
 * Assembles a running Tessera: client configuration -> plugins -> entity models -> tables
 * (safe migrations) -> REST API, OpenAPI, metadata and the admin UI.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Ajv } from 'ajv';
import type { ResolvedConfig } from './config.js';
import { Errors, TesseraError } from './errors.js';
import { discoverPlugins, loadPlugins, pluginSearchPaths, type LoadedPlugin } from './plugins/loader.js';
import { applyCustomization, checkEntityGraph, extendDeclaration, normalizeDeclaration, readDeclarationFile, validateDeclaration, type EntityExtension } from './entities/declarations.js';
import type { EntityModel } from './entities/model.js';
import type { Migrator } from './migrations/plan.js';
import { schemaFingerprint, STATE_TABLES_SQL } from './migrations/fingerprint.js';
import { Database } from './db/database.js';
import { registerHealthRoute } from './db/health.js';
import { withSchemaLock } from './db/lock.js';
import { DataService, SYSTEM_USER, type Policy, type Registry } from './data/service.js';
import { AuthPolicy } from './auth/policy.js';
import { AuthService, DEFAULT_AUTH } from './auth/service.js';
import { registerAuth } from './auth/routes.js';
import { purgeAudit } from './auth/audit.js';
import { SERIES_TABLE_SQL } from './data/naming.js';
import { JobQueue } from './jobs.js';
import { registerEntityRoutes } from './api/routes.js';
import { docsCsp, registerSecurity, trustedProxies } from './api/security.js';
import { assertWidgetReadable, collectWidgets, widgetContext, widgetReadable } from './api/dashboard.js';
import { buildMeta } from './api/meta.js';
import { registerFindingRoutes } from './api/finding-routes.js';
import { collectReportRoutes } from './api/report-routes.js';
import { compile } from './api/validation.js';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './api/errors.js';
import { installInputChecks } from './api/input.js';
import { LIMITS } from './api/limits.js';
import { serviceValidated } from './api/schemas.js';
import { registerOutbound } from './outbound.js';
import type { ActionDefinition, CurrentUser, DashboardWidget, EntityHooks, PluginDefinition, RowRule } from './plugins/api.js';

export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
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

/** Reads, validates, customizes and normalizes every enabled plugin's entities. */
export function buildModels(plugins: LoadedPlugin[], config: ResolvedConfig, knownPlugins: string[] = []): Map<string, EntityModel> {
  const entities = new Map<string, EntityModel>();
  const seenCustomizations = new Set<string>();
  const extensions = collectExtensions(plugins);
  for (const p of plugins) {
    for (const file of p.entityFiles) {
      let raw = readDeclarationFile(p.def.name, file);
      validateDeclaration(raw);
      const key = `${p.def.name}.${raw.json.name}`;
      if (entities.has(key)) throw Errors.declaration(file, '/name', `entity "${key}" is declared twice`);
      const ext = extensions.get(key);
      if (ext) {
        raw = extendDeclaration(raw, ext);
        validateDeclaration(raw);
        extensions.delete(key);
      }
      const custom = config.customizations?.[key];
      if (custom) seenCustomizations.add(key);
      const customized = applyCustomization(raw, custom, config.file);
      if (custom) validateDeclaration(customized);
      entities.set(key, normalizeDeclaration(customized));
    }
  }
  for (const [key, ext] of extensions) throw Errors.config(`plugin "${ext[0]!.plugin}" extends unknown entity "${key}"`);
  for (const key of Object.keys(config.customizations ?? {}))
    if (!seenCustomizations.has(key)) throw Errors.config(`${config.file} at /customizations/${key}: no enabled plugin declares the entity "${key}"`);
  checkEntityGraph(entities, knownPlugins.filter((p) => !plugins.some((l) => l.def.name === p)));
  return entities;
}

/** Entity extensions (extendEntities) by target key; those on an optional dependency that is off are dropped. */
function collectExtensions(plugins: LoadedPlugin[]): Map<string, EntityExtension[]> {
  const enabled = new Set(plugins.map((p) => p.def.name));
  const out = new Map<string, EntityExtension[]>();
  for (const p of plugins) {
    for (const [key, ext] of Object.entries(p.def.extendEntities ?? {})) {
      const owner = key.split('.')[0]!;
      if (!enabled.has(owner)) {
        if (p.def.optionalDependsOn?.includes(owner)) continue;
        throw Errors.config(`plugin "${p.def.name}" extends "${key}" but the plugin "${owner}" is not enabled (list it in dependsOn or optionalDependsOn)`);
      }
      if (!out.has(key)) out.set(key, []);
      out.get(key)!.push({ plugin: p.def.name, ...ext });
    }
  }
  return out;
}

function validateSettings(plugins: LoadedPlugin[], config: ResolvedConfig): Map<string, Record<string, any>> {
  const out = new Map<string, Record<string, any>>();
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
  for (const name of Object.keys(config.settings ?? {}))
    if (!plugins.some((p) => p.def.name === name)) throw Errors.config(`${config.file} at /settings/${name}: plugin "${name}" is not enabled`);
  for (const p of plugins) {
    const values = structuredClone(config.settings?.[p.def.name] ?? {});
    if (p.def.settingsSchema) {
      const fn = ajv.compile({ type: 'object', additionalProperties: false, ...p.def.settingsSchema });
      if (!fn(values)) {
        const e = fn.errors![0]!;
        const where = e.keyword === 'additionalProperties' ? `${e.instancePath}/${(e.params as any).additionalProperty}` : e.instancePath;
        throw Errors.config(`${config.file} at /settings/${p.def.name}${where}: ${e.keyword === 'additionalProperties' ? 'is not a setting of this plugin' : e.message}`);
      }
    } else if (Object.keys(values).length) throw Errors.config(`${config.file} at /settings/${p.def.name}: plugin "${p.def.name}" has no settings`);
    out.set(p.def.name, values);
  }
  return out;
}

function collectHooksAndActions(plugins: LoadedPlugin[], entities: Map<string, EntityModel>) {
  const hooks = new Map<string, EntityHooks[]>();
  const actions = new Map<string, Map<string, ActionDefinition>>();
  const enabled = new Set(plugins.map((p) => p.def.name));
  // undefined: the entity belongs to an optional dependency that is switched off (skip it).
  const resolveKey = (p: LoadedPlugin, name: string, what: string): string | undefined => {
    const key = name.includes('.') ? name : `${p.def.name}.${name}`;
    const owner = key.split('.')[0]!;
    if (!entities.has(key) && !enabled.has(owner) && p.def.optionalDependsOn?.includes(owner)) return undefined;
    if (!entities.has(key)) throw Errors.config(`plugin "${p.def.name}" declares ${what} for unknown entity "${key}"`);
    return key;
  };
  for (const p of plugins) {
    for (const [name, h] of Object.entries(p.def.hooks ?? {})) {
      const key = resolveKey(p, name, 'hooks');
      if (!key) continue;
      if (!hooks.has(key)) hooks.set(key, []);
      hooks.get(key)!.push(h);
    }
    for (const [name, acts] of Object.entries(p.def.actions ?? {})) {
      const key = resolveKey(p, name, 'actions');
      if (!key) continue;
      if (!actions.has(key)) actions.set(key, new Map());
      for (const [an, a] of Object.entries(acts)) {
        if (!/^[a-z][a-z0-9_]*$/.test(an)) throw Errors.config(`plugin "${p.def.name}": action name "${an}" must be lower snake_case`);
        if (['submit', 'cancel', 'amend', 'read', 'create', 'update', 'delete', 'export'].includes(an)) throw Errors.config(`plugin "${p.def.name}": action name "${an}" is reserved`);
        if (a.input) compile(a.input);
        actions.get(key)!.set(an, a);
      }
    }
  }
  return { hooks, actions };
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
  const paths = [join(ROOT_DIR, 'core', 'builtin'), ...pluginSearchPaths(ROOT_DIR, [...(config.pluginPaths ?? []).map((p) => resolve(config.baseDir, p)), ...(opts.pluginPaths ?? [])])];
  const plugins = await loadPlugins([...BUILTIN_PLUGINS, ...config.plugins.filter((p) => !BUILTIN_PLUGINS.includes(p))], paths);
  phase('plugins');
  const entities = buildModels(plugins, config, [...discoverPlugins(paths).keys()]);
  phase('models');
  const settings = validateSettings(plugins, config);
  const { hooks, actions } = collectHooksAndActions(plugins, entities);

  const db = new Database(opts.databaseUrl);
  const pluginNames = { known: [...discoverPlugins(paths).keys()], enabled: plugins.map((p) => p.def.name) };
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
  let migrator: Migrator | undefined;
  try {
    await db.query(`${SERIES_TABLE_SQL}; ${STATE_TABLES_SQL}`);
    if (opts.migrateOnly) {
      const m = await openOrm();
      return { app: Fastify(), db, orm: m.orm, registry: undefined as any, service: undefined as any, plugins, migrator: m.migrator, close: async () => { await db.close(); await m.orm.close(); } };
    }
    const stored = (await db.query(`select hash from tessera_schema_state where id = 1`)).rows[0]?.hash;
    if (stored !== fingerprint) {
      const m = await openOrm();
      try {
        await m.migrator.migrateOnStart();
      } finally {
        await m.orm.close();
      }
    }
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
  const rowRules = new Map<string, RowRule>();
  for (const p of plugins) for (const [name, fn] of Object.entries(p.def.rowRules ?? {})) rowRules.set(`${p.def.name}.${name}`, fn);
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
  registry.platform.auth = { invalidate: () => auth.invalidate(), setPassword: (q, id, pw) => auth.setPassword(q, id, pw), revokeSessions: (id, tx) => auth.revokeSessions(id, undefined, tx) };
  registry.platform.model = { entities, actions, rowRules: new Set(rowRules.keys()), plugins: new Set(plugins.map((p) => p.def.name)) };
  const app = await buildHttp(service, plugins.map((p) => p.def), opts, auth, jobs);
  phase('http');
  await jobs.start(opts.databaseUrl, service, { workers: opts.jobWorkers });
  phase('jobs');

  const tessera: Tessera = {
    app,
    db,
    registry,
    service,
    plugins,
    migrator,
    jobs,
    auth,
    async close() {
      clearInterval(purgeTimer);
      await app.close();
      await jobs.stop();
      await db.close();
    },
  };
  await auth.syncDeclaredRoles(plugins.map((p) => p.def), config.roles);
  phase('roles');
  await purgeAudit(db, auth.settings.auditRetentionDays);
  phase('purge');
  const purgeTimer = setInterval(() => void purgeAudit(db, auth.settings.auditRetentionDays).catch(() => undefined), 12 * 3600_000);
  purgeTimer.unref();
  if (opts.demo) await ensureDemoUsers(auth, plugins.map((p) => p.def));
  await loadData(tessera, !!opts.demo);
  phase('data');
  for (const p of plugins)
    if (p.def.setup)
      await p.def.setup({ app, config, userOf: requestUser, withServices: (user, fn) => service.withServices(user, fn, p.def.name), query: (sql, params) => db.query(sql, params) as any });
  await app.ready();
  phase('ready');
  return tessera;
}

/** Seed data always (idempotent), demo data once per database when asked. */
async function loadData(t: Tessera, demo: boolean): Promise<void> {
  for (const p of t.plugins) {
    if (p.def.seed) await t.service.withServices(SYSTEM_USER, (ctx) => p.def.seed!({ ...ctx, demo: false }), p.def.name);
  }
  if (!demo) return;
  for (const p of t.plugins) {
    if (!p.def.demo) continue;
    const key = `demo:${p.def.name}`;
    await t.service.withServices(SYSTEM_USER, async (ctx) => {
      const done = await ctx.sql(`select 1 from tessera_state where key = $1 for update`, [key]);
      if (done.length) return;
      await p.def.demo!({ ...ctx, demo: true });
      await ctx.sql(`insert into tessera_state (key, value) values ($1, $2)`, [key, JSON.stringify({ loadedAt: new Date().toISOString() })]);
    }, p.def.name);
  }
}

export function errorBody(err: TesseraError) {
  return err.toJSON();
}

/** The authenticated user of a request; 401 when there is none. */
export function requestUser(req: FastifyRequest): CurrentUser {
  const u = (req as any).user as CurrentUser | null;
  if (!u) throw Errors.unauthorized();
  return u;
}

/** The demo's administrator and one user per declared role (password in DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'tessera-demo';
async function ensureDemoUsers(auth: AuthService, plugins: PluginDefinition[]): Promise<void> {
  const existing = await auth.db.query('select username from auth_user');
  const have = new Set(existing.rows.map((r) => r.username));
  if (!have.has('admin')) await auth.createUser({ username: 'admin', password: DEMO_PASSWORD, isAdmin: true, fullName: 'Demo Administrator' });
  for (const p of plugins)
    for (const [role, def] of Object.entries(p.roles ?? {})) {
      const username = role;
      if (!have.has(username) && /^[a-z0-9][a-z0-9._@-]*$/.test(username))
        await auth.createUser({ username, password: DEMO_PASSWORD, roles: [role], fullName: `Demo ${def.label}` }).catch(() => undefined);
    }
}

async function buildHttp(service: DataService, plugins: PluginDefinition[], opts: TesseraOptions, auth: AuthService, jobs: JobQueue): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Request bounds and Fastify's own errors in our error shape: see api/errors.ts and api/limits.ts.
    bodyLimit: LIMITS.bodyBytes,
    routerOptions: { maxParamLength: LIMITS.paramLength },
    frameworkErrors,
    clientErrorHandler,
    ajv: { customOptions: { strict: false } },
    trustProxy: trustedProxies(),
  });
  // Entity bodies and action inputs are validated by the data service (the same compiled schema
  // serves REST, actions and plugin code); the route validates everything else.
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' && serviceValidated.has(schema) ? () => true : (compile(schema) as any)));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.decorateRequest('user', null);

  installErrorHandler(app, opts);
  installInputChecks(app);

  const t0 = performance.now();
  const mark = (name: string) => process.env.TESSERA_TIMING && console.log(`[tessera timing]   http.${name}: ${Math.round(performance.now() - t0)} ms`);
  await registerSecurity(app);
  const { default: swagger } = await import('@fastify/swagger');
  const { default: swaggerUi } = await import('@fastify/swagger-ui');
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: `Tessera API — ${service.registry.config.company.name}`, version: '0.1.0', description: 'Generated from the enabled plugins\' entity declarations. Decimals are exact strings. Filters: see docs/api.md.' },
      tags: plugins.map((p) => ({ name: p.name, description: p.label })),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: docsCsp });
  mark('swagger');

  // Every route below needs an authenticated user (except health and login).
  registerAuth(app, auth, service);
  mark("auth");
  const userOf = requestUser;

  registerHealthRoute(app, service.db);
  app.get('/api/openapi.json', { schema: { hide: true } as any }, async () => app.swagger());
  const dashboard: DashboardWidget[] = collectWidgets(service, plugins);
  const reportRoutes = collectReportRoutes(app); // the plugins' report routes, registered later by their setup
  app.get('/api/meta', { schema: { tags: ['platform'], summary: 'Metadata for the admin UI' } }, async (req) =>
    buildMeta(
      service.registry,
      plugins,
      userOf(req),
      dashboard
        .filter((w) => widgetReadable(service, userOf(req), w)) // widgets over what the user may not see are not offered
        .map(({ query, ...w }) => ({ ...w, url: `/api/dashboard/${w.id}` })),
      reportRoutes,
    ),
  );
  app.get('/api/dashboard/:id', { schema: { tags: ['platform'], summary: 'One dashboard figure or chart' } }, async (req) => {
    const w = dashboard.find((x) => x.id === (req.params as any).id);
    if (!w) throw Errors.notFound('dashboard widget', (req.params as any).id);
    if (!service.registry.entities.has(w.entity)) throw Errors.notFound('dashboard widget', w.id);
    const user = userOf(req);
    assertWidgetReadable(service, user, w);
    return w.query(widgetContext(service, user));
  });
  registerFindingRoutes(app, service, userOf); // global search, saved views, groups
  for (const e of service.registry.entities.values()) registerEntityRoutes(app, service, e, userOf);
  await registerOutbound(app, service, jobs, plugins, userOf); // PDF, e-mail, files, webhooks, notifications
  mark('routes');

  // The admin UI (built by admin-ui/), served at /admin; / redirects there.
  const uiDist = join(ROOT_DIR, 'admin-ui', 'dist');
  if (existsSync(join(uiDist, 'index.html'))) {
    const { default: fastifyStatic } = await import('@fastify/static');
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart;
    // hashed assets are cached for good, index.html never.
    await app.register(fastifyStatic, {
      root: uiDist,
      prefix: '/admin/',
      index: 'index.html',
      wildcard: true,
      setHeaders: (reply, path) => reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    app.get('/admin', (_req, reply) => reply.redirect('/admin/'));
    // Client-side routes (/admin/crm.opportunity/3/show) get the app; a missing asset stays a 404.
    const asset = /^\/admin\/assets\/|\.(js|mjs|css|map|png|jpe?g|svg|ico|gif|webp|woff2?|ttf|txt|webmanifest)$/i;
    app.setNotFoundHandler((req, reply) => {
      const path = req.url.split('?')[0]!;
      if (req.method === 'GET' && path.startsWith('/admin/') && !asset.test(path)) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply.status(404).send(Errors.routeNotFound(req.method, path).toJSON());
    });
  } else {
    app.get('/admin/*', (_req, reply) => reply.type('text/plain').send('The admin UI is not built: run `pnpm --filter @tessera/admin-ui build`.'));
    app.setNotFoundHandler((req, reply) => reply.status(404).send(Errors.routeNotFound(req.method, req.url.split('?')[0]!).toJSON()));
  }
  app.get('/', { schema: { hide: true } as any }, (_req, reply) => reply.redirect('/admin/'));
  return app;
}
