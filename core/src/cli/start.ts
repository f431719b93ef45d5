/** `tessera start`: the server, with graceful shutdown and a supervised embedded PostgreSQL. */
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { loadClientConfig } from '../config.js';
import type { EmbeddedDatabase } from '../db/embedded.js';
import { createTessera, type Tessera } from '../app.js';
import { TesseraError } from '../errors.js';
import { configPath, parse } from './args.js';
import { dataDir, openDatabase, type DatabaseHandle } from './database.js';
import { describeError } from './errors.js';

const t0 = performance.now();
const cpu0 = process.cpuUsage();

/** Whether something already listens on host:port (checked before anything is started). */
export function portInUse(port: number, host: string): Promise<boolean> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? res(true) : rej(e)));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => res(false)));
  });
}

const portInUseError = (port: number) =>
  new TesseraError('PORT_IN_USE', 409, `port ${port} is in use; set PORT=... to a free port (or stop the program that uses ${port})`);

/** tessera start [--demo] [--config FILE] */
export async function start(args: string[]): Promise<void> {
  const { values } = parse(args, { demo: { type: 'boolean' } });
  const config = loadClientConfig(configPath(values));
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TesseraError('BAD_PORT', 400, `PORT=${process.env.PORT} is not a port number (0-65535)`);
  // Before anything is seeded or started: a taken port leaves nothing running.
  if (port !== 0 && (await portInUse(port, host))) throw portInUseError(port);
  const db = await openDatabase(config);
  let tessera: Tessera;
  try {
    tessera = await createTessera({
      config,
      databaseUrl: db.url,
      demo: !!values.demo,
      logger: process.env.TESSERA_LOG ? { level: process.env.TESSERA_LOG } : false,
      // pg-boss starts while the server already answers (off the ready path); awaited below.
      jobsInBackground: true,
    });
  } catch (e) {
    await db.embedded?.stop();
    throw e;
  }
  if (!(await tessera.auth!.hasAdmin()))
    console.warn(
      '[tessera] No administrator exists yet. Create one with:\n  pnpm tessera user create admin --admin        (asks for the password, or set TESSERA_PASSWORD)',
    );
  try {
    // One HTTP server for the life of the process; a configuration reload swaps what answers.
    await tessera.listen!(port, host);
  } catch (e) {
    await closeBounded(tessera, 5000);
    await db.embedded?.stop();
    throw (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? portInUseError(port) : e;
  }
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const actualPort = (tessera.server?.address() as { port: number } | null)?.port ?? port;
  // performance.now() counts from the process's start: module loading included.
  console.log(
    `Tessera ready in ${Math.round(performance.now())} ms (${Math.round(performance.now() - t0)} ms after loading): http://${shown}:${actualPort}/admin  (API docs: http://${shown}:${actualPort}/docs)`,
  );
  if (process.env.TESSERA_TIMING) {
    const ms = (c: NodeJS.CpuUsage) => Math.round((c.user + c.system) / 1000);
    console.log(`[tessera timing] CPU to ready: ${ms(process.cpuUsage())} ms (loading the modules: ${ms(cpu0)} ms)`);
  }
  console.log(`  database: ${db.embedded ? `embedded PostgreSQL on port ${db.embedded.port} (data in ${dataDir()})` : 'DATABASE_URL'}`);

  const shutdown = drainOnSignal(tessera, db);
  if (db.embedded) superviseEmbedded(db.embedded, shutdown);
  try {
    await tessera.jobsStarted;
  } catch (e) {
    // As when the queue failed before listening: the start fails (the job queue is not optional).
    await closeBounded(tessera, 5000);
    await db.embedded?.stop();
    throw e;
  }
}

/** Closes the app, job queue and pool, giving up after ms (a dead database must not hang the exit). */
async function closeBounded(t: Tessera, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([t.close().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** Whether the database answers within ms. */
async function databaseAnswers(t: Tessera, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const ok = await Promise.race([
    t.db.query('select 1').then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms))),
  ]);
  clearTimeout(timer);
  return ok;
}

/**
 * SIGTERM / SIGINT: stop accepting connections, let requests in flight finish (at most
 * TESSERA_SHUTDOWN_GRACE_MS, default 10 s), then stop the job queue, the pool and the embedded
 * database, and exit. With the database down there is nothing to wait for: exit within 2 s.
 * A second signal exits at once.
 */
interface Shutdown {
  stop: (code: number) => Promise<void>;
  stopping: () => boolean;
}
function drainOnSignal(tessera: Tessera, db: DatabaseHandle): Shutdown {
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const grace = Math.max(0, Number(process.env.TESSERA_SHUTDOWN_GRACE_MS ?? 10_000));
    const dbUp = (!db.embedded || db.embedded.alive()) && (await databaseAnswers(tessera, 300));
    const budget = dbUp ? grace : Math.min(grace, 500);
    // Last resort: whatever hangs, the process ends.
    setTimeout(() => process.exit(code || 1), budget + (dbUp ? 8000 : 1000)).unref();
    // Connections still open after the grace period are cut, which lets close() finish.
    const cut = setTimeout(() => tessera.server?.closeAllConnections(), budget);
    await closeBounded(tessera, budget + (dbUp ? 6000 : 700));
    clearTimeout(cut);
    if (db.embedded?.alive()) await db.embedded.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => (stopping ? process.exit(130) : void stop(0)));
  process.on('SIGTERM', () => (stopping ? process.exit(143) : void stop(0)));
  return { stop, stopping: () => stopping };
}

/** The embedded PostgreSQL died under the server: start it again once; if it dies again soon, stop with a clear message. */
function superviseEmbedded(embedded: EmbeddedDatabase, { stop, stopping }: Shutdown): void {
  let lastRestart = 0;
  embedded.onExit((code, signal) => {
    // Ctrl-C reaches the whole process group: PostgreSQL stopping with us is no crash.
    if (stopping()) return;
    const how = signal ? `killed by ${signal}` : `exit code ${code}`;
    if (Date.now() - lastRestart < 60_000) {
      console.error(
        `[tessera] the embedded PostgreSQL in ${embedded.dataDir} stopped again (${how}) right after a restart; the server stops. Look at the PostgreSQL log lines above, then start again.`,
      );
      void stop(1);
      return;
    }
    lastRestart = Date.now();
    console.error(`[tessera] the embedded PostgreSQL stopped unexpectedly (${how}); restarting it`);
    embedded.restart().then(
      () => console.log(`[tessera] embedded PostgreSQL restarted on port ${embedded.port}; requests are served again`),
      (e) => {
        console.error(`[tessera] could not restart the embedded PostgreSQL: ${describeError(e)}; the server stops`);
        void stop(1);
      },
    );
  });
}
