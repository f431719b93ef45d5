#!/usr/bin/env node
/**
 * The tessera command.
 *   tessera start [--demo] [--config FILE]     run the server (PORT, HOST, DATABASE_URL, TESSERA_DATA_DIR)
 *   tessera migrate --plan | --apply           review / apply schema changes that can lose data
 *   tessera plugin new <name> [--dir DIR]      scaffold a plugin with one entity and a test
 *   tessera user create <username> [--admin]   create a user (password from TESSERA_PASSWORD or prompted)
 */
import { createServer } from 'node:net';
import { resolve } from 'node:path';

import { performance } from 'node:perf_hooks';
import { loadClientConfig, type ResolvedConfig } from './config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.js';
import { createTessera, ROOT_DIR, type Tessera } from './app.js';
import { formatPlan, UnsafeMigrationError } from './migrations/errors.js';
import { TesseraError } from './errors.js';
import { extraCommands } from './cli-commands.js';

const t0 = performance.now();

function flag(args: string[], name: string): boolean {
  return args.includes(name);
}
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function configPath(args: string[]): string {
  return resolve(option(args, '--config') ?? process.env.TESSERA_CONFIG ?? resolve(ROOT_DIR, 'tessera.config.json'));
}

export const dataDir = () => resolve(process.env.TESSERA_DATA_DIR ?? resolve(ROOT_DIR, '.tessera'));

/**
 * One line (or a few) that says what went wrong, whatever was thrown: never `undefined`, never
 * a raw stack (TESSERA_DEBUG=1 adds it).
 */
export function describeError(e: unknown): string {
  let text: string;
  if (e instanceof UnsafeMigrationError) text = e.message;
  else if (e instanceof TesseraError) text = `${e.message} [${e.code}]`;
  else if (e instanceof AggregateError && e.errors.length) text = [...new Set(e.errors.map((x) => describeError(x)))].join('; ');
  else if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    text = `${e.message || e.name || 'error'}${code && !e.message.includes(code) ? ` [${code}]` : ''}`;
  } else if (e === undefined || e === null) text = `an unknown error occurred (the failing code threw ${String(e)}); run again with TESSERA_DEBUG=1 for details`;
  else if (typeof e === 'object') text = JSON.stringify(e);
  else text = String(e);
  if (process.env.TESSERA_DEBUG && e instanceof Error && e.stack) text += `\n${e.stack}`;
  return text;
}

export interface DatabaseHandle {
  url: string;
  embedded?: EmbeddedDatabase;
}

/**
 * DATABASE_URL, else the configuration's database.url, else the embedded PostgreSQL under
 * TESSERA_DATA_DIR. With `reuse`, a command run next to a live server connects to that server's
 * embedded instance instead of refusing.
 */
export async function openDatabase(config: ResolvedConfig, opts: { reuse?: boolean } = {}): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL || config.database?.url;
  if (url) return { url };
  const embedded = await startEmbeddedPostgres(dataDir(), { reuse: opts.reuse });
  try {
    const admin = new (await import('pg')).default.Client({ connectionString: embedded.url('postgres') });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      const exists = await admin.query(`select 1 from pg_database where datname = 'tessera'`);
      if (!exists.rowCount) await admin.query('create database tessera');
    } finally {
      await admin.end();
    }
  } catch (e) {
    await embedded.stop().catch(() => undefined);
    throw e;
  }
  return { url: embedded.url('tessera'), embedded };
}

/** Whether something already listens on host:port (checked before anything is started). */
export function portInUse(port: number, host: string): Promise<boolean> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? res(true) : rej(e)));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => res(false)));
  });
}

const portInUseError = (port: number) => new TesseraError('PORT_IN_USE', 409, `port ${port} is in use; set PORT=... to a free port (or stop the program that uses ${port})`);

async function start(args: string[]): Promise<void> {
  const config = loadClientConfig(configPath(args));
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TesseraError('BAD_PORT', 400, `PORT=${process.env.PORT} is not a port number (0-65535)`);
  // Before anything is seeded or started: a taken port leaves nothing running.
  if (port !== 0 && (await portInUse(port, host))) throw portInUseError(port);
  const db = await openDatabase(config);
  let tessera: Tessera;
  try {
    tessera = await createTessera({ config, databaseUrl: db.url, demo: flag(args, '--demo'), logger: process.env.TESSERA_LOG ? { level: process.env.TESSERA_LOG } : false });
  } catch (e) {
    await db.embedded?.stop();
    throw e;
  }
  if (!(await tessera.auth!.hasAdmin()))
    console.warn('[tessera] No administrator exists yet. Create one with:\n  pnpm tessera user create admin --admin        (asks for the password, or set TESSERA_PASSWORD)');
  try {
    await tessera.app.listen({ port, host });
  } catch (e) {
    await closeBounded(tessera, 5000);
    await db.embedded?.stop();
    throw (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? portInUseError(port) : e;
  }
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const actualPort = (tessera.app.server.address() as { port: number } | null)?.port ?? port;
  // performance.now() counts from the process's start: module loading included.
  console.log(`Tessera ready in ${Math.round(performance.now())} ms (${Math.round(performance.now() - t0)} ms after loading): http://${shown}:${actualPort}/admin  (API docs: http://${shown}:${actualPort}/docs)`);
  console.log(`  database: ${db.embedded ? `embedded PostgreSQL on port ${db.embedded.port} (data in ${dataDir()})` : 'DATABASE_URL'}`);

  const shutdown = drainOnSignal(tessera, db);
  if (db.embedded) superviseEmbedded(db.embedded, shutdown);
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
    t.db.query('select 1').then(() => true, () => false),
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
    const cut = setTimeout(() => tessera.app.server.closeAllConnections(), budget);
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
      console.error(`[tessera] the embedded PostgreSQL in ${embedded.dataDir} stopped again (${how}) right after a restart; the server stops. Look at the PostgreSQL log lines above, then start again.`);
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

async function migrate(args: string[]): Promise<void> {
  const apply = flag(args, '--apply');
  const config = loadClientConfig(configPath(args));
  // --plan only reads: it may run next to a live server on the same data folder.
  const db = await openDatabase(config, { reuse: !apply });
  try {
    const t = await createTessera({ config, databaseUrl: db.url, migrateOnly: true });
    try {
      const plan = await t.migrator!.plan();
      if (apply) {
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

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  switch (cmd) {
    case 'start':
      return start(args);
    case 'migrate':
      return migrate(args);
    default: {
      const extra = extraCommands[cmd ?? ''];
      if (extra) return extra(args);
      console.log(`usage: tessera <command>
  start [--demo] [--config FILE]      run the server (PORT, HOST, DATABASE_URL, TESSERA_DATA_DIR)
  migrate --plan | --apply            review / apply schema changes that can lose data
${Object.keys(extraCommands).map((c) => `  ${c} ...`).join('\n')}`);
      process.exitCode = cmd ? 2 : 0;
    }
  }
}

/** Process-wide handlers: whatever escapes is printed readably (never `undefined`, no stack unless TESSERA_DEBUG). */
export function installGlobalErrorHandlers(): void {
  process.on('unhandledRejection', (e) => {
    // A stray rejection is a bug to report, not a reason to drop every request in flight.
    console.error(`[tessera] unhandled error: ${describeError(e)}`);
    process.exitCode = 1;
  });
  process.on('uncaughtException', (e) => {
    console.error(`[tessera] fatal error: ${describeError(e)}`);
    process.exit(1);
  });
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  installGlobalErrorHandlers();
  main().catch((e) => {
    console.error(describeError(e));
    process.exit(1);
  });
}
