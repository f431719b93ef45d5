/** Test helpers: a fresh database per call, and a Tessera app on it with the fixture plugins. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { createTessera, ROOT_DIR, type Tessera } from '../core/src/app.js';
import { discoverPlugins, pluginSearchPaths } from '../core/src/plugins/loader.js';
import { resolveConfig, validateClientConfig, type ClientConfig } from '../core/src/config.js';

// The general per-address API limit (api/security.ts) is off in tests, which send thousands of
// requests from one address; its own test turns it on.
process.env.TESSERA_RATE_LIMIT ??= '0';

export const FIXTURE_PLUGINS = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'plugins');

/** Creates an empty database and returns its URL. */
export async function createTestDatabase(prefix = 't'): Promise<string> {
  const admin = inject('pgAdminUrl');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export type Req = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: any; headers: Record<string, any> }>;

export interface TestApp extends Tessera {
  url: string;
  /** An administrator's API token; `req` sends it unless headers.authorization is given ('' sends none). */
  adminToken: string;
  /** JSON request through Fastify's inject as the administrator: returns status and parsed body. */
  req: Req;
  /** The same, with another bearer token (see createUser). */
  as(token: string): Req;
  /** Creates a user with roles (by name) and returns its id, password and an API token. */
  createUser(
    username: string,
    roles?: string[],
    opts?: { isAdmin?: boolean; password?: string },
  ): Promise<{ id: number; token: string; password: string; req: Req }>;
}

/**
 * The enabled plugins plus everything they depend on, transitively (dependencies first), so a
 * test may name only the plugin it is about. A dependency no package provides is left for the
 * loader to report, as it does for a server.
 */
export async function withDependencies(plugins: string[], pluginPaths: string[]): Promise<string[]> {
  const available = discoverPlugins(pluginSearchPaths(ROOT_DIR, pluginPaths));
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = async (name: string): Promise<void> => {
    if (seen.has(name)) return;
    seen.add(name);
    const dir = available.get(name);
    if (dir) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const mod = await import(pathToFileURL(join(dir, pkg.main ?? 'index.ts')).href);
      for (const dep of ((mod.default ?? mod.plugin)?.dependsOn ?? []) as string[]) await visit(dep);
    }
    out.push(name);
  };
  for (const name of plugins) await visit(name);
  return out;
}

/** opts.exactPlugins: enable only the plugins named (to test the loader's own refusals). */
export async function startApp(
  config: ClientConfig,
  opts: { url?: string; demo?: boolean; pluginPaths?: string[]; exactPlugins?: boolean; logger?: boolean | object } = {},
): Promise<TestApp> {
  const url = opts.url ?? (await createTestDatabase());
  const pluginPaths = [FIXTURE_PLUGINS, ...(opts.pluginPaths ?? [])];
  if (!opts.exactPlugins) config = { ...config, plugins: await withDependencies(config.plugins ?? [], pluginPaths) };
  const resolved = resolveConfig(validateClientConfig(config, '(test config)'), '(test config)');
  const t = await createTessera({ config: resolved, databaseUrl: url, demo: opts.demo, pluginPaths, logger: opts.logger });
  const send =
    (token: string | undefined): Req =>
    async (method, path, body, headers = {}) => {
      const auth = headers.authorization ?? (token ? `Bearer ${token}` : '');
      const { authorization: _ignored, ...rest } = headers;
      const res = await t.app.inject({
        method: method as any,
        url: path,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: auth } : {}), ...rest },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
      let parsed: any = res.body;
      if ((res.headers['content-type'] ?? '').toString().includes('json')) parsed = res.json();
      return { status: res.statusCode, body: parsed, headers: res.headers };
    };
  const createUser: TestApp['createUser'] = async (username, roles = [], o = {}) => {
    const password = o.password ?? `pw-${randomBytes(8).toString('hex')}`;
    const { id } = await t.auth!.createUser({ username, password, roles, isAdmin: o.isAdmin });
    const { token } = await t.auth!.createApiToken(id, 'test');
    return { id, token, password, req: send(token) };
  };
  const admin = await createUser(`admin_${randomBytes(3).toString('hex')}`, [], { isAdmin: true });
  return Object.assign(t, { url, req: send(admin.token), adminToken: admin.token, as: (token: string) => send(token), createUser });
}

/** f(path) with a JSON filter encoded for the query string. */
export const filter = (f: unknown) => encodeURIComponent(JSON.stringify(f));
