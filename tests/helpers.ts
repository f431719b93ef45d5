/** Test helpers: a fresh database per call, and a Tessera app on it with the fixture plugins. */
import { randomBytes } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { createTessera, type Tessera } from '../core/src/app.js';
import { resolveConfig, validateClientConfig, type ClientConfig } from '../core/src/config.js';

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

export interface TestApp extends Tessera {
  url: string;
  /** JSON request through Fastify's inject: returns status and parsed body. */
  req(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, any> }>;
}

export async function startApp(config: ClientConfig, opts: { url?: string; demo?: boolean; pluginPaths?: string[] } = {}): Promise<TestApp> {
  const url = opts.url ?? (await createTestDatabase());
  const resolved = resolveConfig(validateClientConfig(config, '(test config)'), '(test config)');
  const t = await createTessera({ config: resolved, databaseUrl: url, demo: opts.demo, pluginPaths: [FIXTURE_PLUGINS, ...(opts.pluginPaths ?? [])] });
  const req: TestApp['req'] = async (method, path, body, headers = {}) => {
    const res = await t.app.inject({
      method: method as any,
      url: path,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    let parsed: any = res.body;
    if ((res.headers['content-type'] ?? '').toString().includes('json')) parsed = res.json();
    return { status: res.statusCode, body: parsed, headers: res.headers };
  };
  return Object.assign(t, { url, req });
}

/** f(path) with a JSON filter encoded for the query string. */
export const filter = (f: unknown) => encodeURIComponent(JSON.stringify(f));
