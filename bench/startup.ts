/**
 * Start-up to ready of the production server against an existing database (issue #19):
 * `node core/dist/cli.mjs start` (what `pnpm start` runs after compiling) and, for comparison,
 * the former `tsx core/src/cli.ts start`. Each run is a fresh process; "ready" is the first
 * answer of GET /api/health, timed from the spawn. Also the server's RSS when ready and how
 * many processes it took (the tsx CLI is a parent process plus the server).
 *
 *   pnpm exec tsx bench/startup.ts            (BENCH_STARTS=5 runs each; DATABASE_URL or an embedded PostgreSQL;
 *                                             BENCH_PORT=3950 the server's port)
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '@tessera/core';
import { cpuUs, rssMb } from './proc-stats.js';
import { BENCH_DIR } from './shared.js';

const ROOT = join(BENCH_DIR, '..');
const RUNS = Number(process.env.BENCH_STARTS ?? 5);
const TARGET_MS = 1000;
const PORT = Number(process.env.BENCH_PORT ?? 3950);
const log = (m: string) => process.stderr.write(`[startup] ${m}\n`);

const children = (pid: number) =>
  readdirSync('/proc')
    .filter(
      (d) =>
        /^\d+$/.test(d) &&
        (() => {
          try {
            return readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(pid);
          } catch {
            return false;
          }
        })(),
    )
    .map(Number);
const tree = (pid: number): number[] => [pid, ...children(pid).flatMap(tree)];

async function once(
  cmd: string[],
  url: string,
  port: number,
): Promise<{ ms: number; rssMb: number; cpuMs: number; processes: number; said: string; phases: string[] }> {
  const t0 = performance.now();
  const proc = spawn(cmd[0]!, cmd.slice(1), {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), TESSERA_RATE_LIMIT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let said = '';
  proc.stdout!.on('data', (d) => (said += String(d)));
  proc.stderr!.on('data', (d) => (said += String(d)));
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the server exited: ${said}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - t0;
  const pids = tree(proc.pid!).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/comm`, 'utf8').trim().startsWith('node');
    } catch {
      return false;
    }
  });
  const out = {
    ms,
    rssMb: pids.reduce((n, p) => n + rssMb(p), 0),
    cpuMs: pids.reduce((n, p) => n + cpuUs(p), 0) / 1000,
    processes: pids.length,
    said: /Tessera ready in [^:]*/.exec(said)?.[0] ?? '',
    // TESSERA_TIMING=1: the server's own start-up phases (core/src/app.ts).
    phases: said.split('\n').filter((l) => l.startsWith('[tessera timing]')),
  };
  const done = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await done;
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let adminUrl = process.env.DATABASE_URL;
let stop = async () => undefined as void;
if (!adminUrl) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-startup-'));
  const emb = await startEmbeddedPostgres(dir, {});
  adminUrl = emb.url('postgres');
  stop = async () => {
    await emb.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
const name = `tessera_startup_${randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
execFileSync('node', [join(ROOT, 'core', 'scripts', 'build-server.mjs')], { stdio: 'inherit' });
// BENCH_DEMO=0: an empty database instead of the demo data (its first load is slow on a busy machine).
const demo = process.env.BENCH_DEMO === '0' ? [] : ['--demo'];
const variants: [string, string[]][] = [
  [`node core/dist/cli.mjs start ${demo.join('')} (pnpm start)`, [process.execPath, 'core/dist/cli.mjs', 'start', ...demo]],
  [`tsx core/src/cli.ts start ${demo.join('')} (before)`, [join(ROOT, 'node_modules', '.bin', 'tsx'), 'core/src/cli.ts', 'start', ...demo]],
];
const results: { compiled?: number } = {};
try {
  // The first start creates the tables and loads the demo data: not measured.
  log('first start: migrations and demo data ...');
  await once(variants[0]![1], url, PORT);
  for (const [label, cmd] of variants) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(cmd, url, PORT));
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const readyMs = Math.round(median(runs.map((r) => r.ms)));
    if (cmd[1] === 'core/dist/cli.mjs') results.compiled = readyMs;
    console.log(
      `${label}: ready in ${readyMs} ms median (runs ${runs.map((r) => Math.round(r.ms)).join('/')}), CPU ${Math.round(median(runs.map((r) => r.cpuMs)))} ms, ${runs[0]!.processes} Node process(es), RSS ${Math.round(median(runs.map((r) => r.rssMb)))} MB at ready; load average ${load}; it said "${runs[0]!.said}"`,
    );
    if (runs.at(-1)!.phases.length)
      console.log(
        `  phases of the last run: ${runs
          .at(-1)!
          .phases.map((l) => l.replace('[tessera timing] ', ''))
          .join(', ')}`,
      );
  }
  // Issue #19: start-up to ready under 1 s against an existing database (the compiled server).
  console.log(
    `target: pnpm start ready < ${TARGET_MS} ms against an existing database: ${results.compiled! < TARGET_MS ? 'PASS' : 'FAIL'} (${results.compiled} ms)`,
  );
  if (process.env.BENCH_STRICT === '1' && !(results.compiled! < TARGET_MS)) process.exitCode = 1;
} finally {
  await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
  await admin.end();
  await stop();
}
