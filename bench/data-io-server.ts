/**
 * The server of bench/data-io.ts, in its own process so its memory is its own: Tessera with
 * the inventory plugin on DATABASE_URL, an administrator's API token, listening on a free port.
 * Prints `READY {"port", "pid", "token"}`; closes when its stdin says "stop" or closes.
 */
import { randomBytes } from 'node:crypto';
import { createTessera } from '../core/src/app.js';
import { resolveConfig } from '../core/src/config.js';
import { listenForControl } from './control.js';

process.env.TESSERA_RATE_LIMIT ??= '0';
const t = await createTessera({
  config: resolveConfig({ plugins: ['inventory'], company: { name: 'Bench UAB', currency: 'EUR', locale: 'en' } } as any, '(data-io bench)'),
  databaseUrl: process.env.DATABASE_URL!,
  logger: false,
  jobWorkers: true, // background imports and exports run as pg-boss jobs in this process
});
const { id } = await t.auth!.createUser({
  username: `bench-${randomBytes(3).toString('hex')}`,
  password: randomBytes(12).toString('hex'),
  roles: [],
  isAdmin: true,
});
const { token } = await t.auth!.createApiToken(id, 'bench');
await t.app.listen({ port: 0, host: '127.0.0.1' });
const address = t.app.server.address();
process.stdout.write(`READY ${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, pid: process.pid, token })}\n`);
// BENCH_MEMORY=1: the process's memory (rss, heapTotal, heapUsed, external, arrayBuffers in MB) on stderr every second.
// BENCH_MEMORY=gc (with BENCH_NODE_ARGS=--expose-gc): a full collection first, so heapUsed is what is live.
if (process.env.BENCH_MEMORY === '1' || process.env.BENCH_MEMORY === 'gc')
  setInterval(() => {
    if (process.env.BENCH_MEMORY === 'gc') (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    process.stderr.write(
      `[memory] ${Object.entries(m)
        .map(([k, v]) => `${k} ${Math.round(v / 1048576)}`)
        .join(', ')}\n`,
    );
  }, 1000).unref();
let closing = false;
listenForControl(async () => {
  if (closing) return;
  closing = true;
  await t.close().catch(() => undefined);
  process.exit(0);
});
