/**
 * Child processes of the real CLI (`tsx core/src/cli.ts ...`) for tests of start-up, crashes and
 * shutdown. Every child is tracked; killChildren() (call it in afterEach/afterAll) kills those
 * still running and the embedded PostgreSQL they left, so a failing test leaves nothing behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { heapArgs } from '../core/src/heap.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'core', 'src', 'cli.ts');

export interface CliProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  out: () => string;
  err: () => string;
  /** Resolves when the output matches (rejects when the process exits first or after ms). */
  waitFor: (pattern: RegExp, ms?: number) => Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();
const dataDirs = new Set<string>();

/** `compiled`: the bundle `pnpm start` runs (core/dist/cli.mjs, made by core/scripts/build-server.mjs), with its heap limit. */
export function runCli(args: string[], env: Record<string, string | undefined>, opts: { compiled?: boolean } = {}): CliProcess {
  // node --import tsx: one process (the tsx binary would run the CLI in a second one, which a
  // kill -9 of the first would leave running).
  const child = spawn(process.execPath, [...(opts.compiled ? [...heapArgs(), join(ROOT, 'core', 'dist', 'cli.mjs')] : ['--import', 'tsx', CLI]), ...args], {
    cwd: ROOT,
    env: { ...process.env, TESSERA_LOG: undefined, TESSERA_DEBUG: undefined, DATABASE_URL: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  if (env.TESSERA_DATA_DIR) dataDirs.add(env.TESSERA_DATA_DIR);
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = (out + err).match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout!.on('data', (d) => {
    out += d;
    check();
  });
  child.stderr!.on('data', (d) => {
    err += d;
    check();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      res({ code, signal });
    }),
  );
  const waitFor = (pattern: RegExp, ms = 120_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const m = (out + err).match(pattern);
      if (m) return resolve(m);
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${out}\n${err}`)), ms);
      waiters.push({ pattern, resolve: (x) => (clearTimeout(timer), resolve(x)) });
      void exited.then(({ code, signal }) => {
        // Let the last output through first.
        setImmediate(() => {
          const m2 = (out + err).match(pattern);
          if (m2) return resolve(m2);
          clearTimeout(timer);
          reject(new Error(`process exited (${code ?? signal}) before ${pattern}; output:\n${out}\n${err}`));
        });
      });
    });
  return { child, out: () => out, err: () => err, waitFor, exited };
}

/** The postmaster pid recorded in a data folder, if that process is alive. */
export function postmasterOf(dataDir: string): number | undefined {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return alive(pid) ? pid : undefined;
}

export function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // an exited process nobody reaped yet is gone too
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Kills every child still running and any postmaster of their data folders. */
export async function killChildren(): Promise<void> {
  for (const c of children) c.kill('SIGKILL');
  for (const d of dataDirs) {
    const pid = postmasterOf(d);
    if (pid) process.kill(pid, 'SIGINT');
  }
  dataDirs.clear();
}

export function randomPort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as any).port as number;
      srv.close(() => res(port));
    });
  });
}

/** Resolves when pid is gone (not our child: no exit event to await). */
export async function waitGone(pid: number, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > until) throw new Error(`process ${pid} is still running`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
