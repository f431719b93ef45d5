/**
 * Tessera vs a hand-written Fastify + pg baseline, on the same 100,000-row table, in one run.
 *
 *   pnpm bench                      (root script: tsx bench/run.ts)
 *
 * 1. Database: a fresh database on DATABASE_URL's server when set, else an embedded PostgreSQL
 *    in a temporary folder. Tessera creates the tables once; 100,000 items are seeded with one
 *    INSERT ... SELECT generate_series; VACUUM ANALYZE.
 * 2. Two server processes: bench/baseline-server.ts and bench/tessera-server.ts.
 * 3. A pre-flight check that both answer the same requests with the same JSON.
 * 4. For each operation: a warm-up of each server, then BENCH_ROUNDS rounds of autocannon on the
 *    baseline and on Tessera (alternating which goes first), sampling each server's RSS
 *    (/proc/<pid>/status VmRSS) and CPU time during the load.
 * 5. A table of req/s and p99 as ratios to the baseline, targets, max RSS; bench/results/latest.json.
 *
 * Environment: BENCH_SECONDS (measured seconds per server and operation, 10), BENCH_ROUNDS (5),
 * BENCH_WARMUP (3), BENCH_CONNECTIONS (10), BENCH_OPS (comma list of get,list,search,create,update,
 * list_sql; also the diagnostics create_tx,update_tx), BENCH_ROWS (100000),
 * BENCH_PROFILE=1 (run both servers with --cpu-prof into bench/results/profiles/<server>/; summarize
 * with `pnpm exec tsx bench/profile-summary.ts bench/results/profiles/tessera`),
 * BENCH_PG_FAST=1 (embedded PostgreSQL with fsync off), BENCH_KEEP_DB=1 (don't drop the database).
 *
 * Exits non-zero on errors (a server failing, non-2xx responses, different answers), not on
 * missed targets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createTessera, resolveConfig, startEmbeddedPostgres } from '@tessera/core';
import { STATS_PREFIX } from './control.js';
import { BENCH_DIR, ITEM_PATH, ITEM_TABLE, CATEGORY_TABLE, LIST_FILTER, LIST_SORT, NOUNS, ADJECTIVES, PAGE, PLUGIN_PATH, READY_PREFIX, RESULTS_DIR, ROWS, CATEGORIES, seedSql, type ReadyInfo } from './shared.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PROFILE = process.env.BENCH_PROFILE === '1';
const ALL_OPS = ['get', 'list', 'search', 'create', 'update', 'list_sql', 'create_tx', 'update_tx'] as const;
type OpName = (typeof ALL_OPS)[number];
const DEFAULT_OPS: OpName[] = ['get', 'list', 'search', 'create', 'update'];
const OPS = (process.env.BENCH_OPS ? process.env.BENCH_OPS.split(',').map((s) => s.trim()) : DEFAULT_OPS) as OpName[];
for (const o of OPS) if (!ALL_OPS.includes(o)) throw new Error(`BENCH_OPS: unknown operation "${o}" (known: ${ALL_OPS.join(', ')})`);

/** Requests/s targets as a ratio to the baseline (the numbers); undefined = reported only. */
const TARGETS: Record<OpName, number | undefined> = { get: 0.7, list: 0.7, search: undefined, create: 0.5, update: 0.5, list_sql: undefined, create_tx: undefined, update_tx: undefined };
const RSS_LIMIT_MB = 300;

type Side = 'baseline' | 'tessera';
interface Server { side: Side; proc: ChildProcess; info: ReadyInfo; url: string; stderr: string[]; queries(): Promise<number> }
interface Measure {
  reqPerSec: number;
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  maxRssMb: number;
  cpuUsPerReq: number;
  queriesPerReq: number;
}

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const randInt = (n: number) => 1 + Math.floor(Math.random() * n);
const cleanups: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

// ------------------------------------------------------------------ the requests of each operation

const runTag = Date.now().toString(36).toUpperCase();
let createCounter = 0;
const listQuery = `?filter=${encodeURIComponent(JSON.stringify(LIST_FILTER))}&sort=${encodeURIComponent(LIST_SORT)}&limit=${PAGE}`;

interface Req { method: string; path: string; body?: string; headers?: Record<string, string> }
/** One request of an operation: the same generator serves both servers. */
function makeRequest(op: OpName, side: Side): Req {
  switch (op) {
    case 'get':
      return { method: 'GET', path: `${ITEM_PATH}/${randInt(ROWS)}` };
    case 'list':
      return { method: 'GET', path: `${ITEM_PATH}${listQuery}` };
    case 'list_sql':
      return { method: 'GET', path: `${ITEM_PATH}${listQuery}`, headers: { 'x-baseline-order': 'tessera' } };
    case 'search':
      return { method: 'GET', path: `${ITEM_PATH}?q=${NOUNS[randInt(NOUNS.length) - 1]}&limit=${PAGE}` };
    case 'create_tx':
    case 'update_tx':
      return { ...makeRequest(op === 'create_tx' ? 'create' : 'update', side), headers: { 'x-baseline-mode': 'tx-audit' } };
    case 'create': {
      const n = ++createCounter;
      return {
        method: 'POST',
        path: ITEM_PATH,
        body: JSON.stringify({
          code: `${side === 'tessera' ? 'T' : 'B'}-${runTag}-${n}`,
          name: `${ADJECTIVES[n % ADJECTIVES.length]} ${NOUNS[n % NOUNS.length]} new ${n}`,
          price: `${randInt(99999)}.${String(n % 100).padStart(2, '0')}`,
          qty: n % 500,
          status: 'active',
          available_from: '2026-11-01',
          active: true,
          category: randInt(CATEGORIES),
          notes: 'Created by the benchmark.',
        }),
      };
    }
    case 'update':
      return { method: 'PATCH', path: `${ITEM_PATH}/${randInt(ROWS)}`, body: JSON.stringify({ price: `${randInt(99999)}.${String(randInt(99)).padStart(2, '0')}`, qty: randInt(500) }) };
  }
}

function headersFor(server: Server, req: Req): Record<string, string> {
  const h: Record<string, string> = { ...(req.headers ?? {}) };
  if (req.body !== undefined) h['content-type'] = 'application/json';
  if (server.info.token) h.authorization = `Bearer ${server.info.token}`;
  return h;
}

// ------------------------------------------------------------------ database

async function prepareDatabase(): Promise<{ url: string; where: string }> {
  let adminUrl: string;
  let where: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    where = `DATABASE_URL's server (${new URL(adminUrl).host})`;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
    log(`no DATABASE_URL: starting an embedded PostgreSQL in ${dir}`);
    const t0 = Date.now();
    const emb = await startEmbeddedPostgres(dir, { fast: process.env.BENCH_PG_FAST === '1' });
    log(`embedded PostgreSQL ready in ${Date.now() - t0} ms`);
    cleanups.push(async () => {
      await emb.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });
    adminUrl = emb.url('postgres');
    where = 'embedded PostgreSQL';
  }
  const name = `tessera_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (process.env.BENCH_KEEP_DB !== '1')
    cleanups.unshift(async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`).catch((e) => log(`could not drop ${name}: ${e.message}`));
      await c.end();
    });
  else log(`keeping database ${name}`);
  return { url: url.toString(), where };
}

async function createAndSeed(url: string): Promise<Record<string, string>> {
  let t0 = Date.now();
  const t = await createTessera({ config: resolveConfig({ plugins: ['benchmark'] }, '(benchmark config)'), databaseUrl: url, pluginPaths: [PLUGIN_PATH] });
  await t.close();
  log(`Tessera created the tables in ${Date.now() - t0} ms`);
  t0 = Date.now();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const sql of seedSql()) await c.query(sql);
  await c.query(`vacuum analyze ${CATEGORY_TABLE}`);
  await c.query(`vacuum analyze ${ITEM_TABLE}`);
  await c.query('checkpoint').catch(() => undefined);
  await c.query(`select count(*) from ${ITEM_TABLE}`); // read the table into the cache
  const settings: Record<string, string> = {};
  for (const s of ['server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections']) settings[s] = (await c.query(`show ${s}`)).rows[0][s];
  const n = (await c.query(`select count(*)::int as n from ${ITEM_TABLE}`)).rows[0].n;
  await c.end();
  log(`seeded ${n} items (+${CATEGORIES} categories) and analyzed in ${Date.now() - t0} ms`);
  return settings;
}

// ------------------------------------------------------------------ servers

async function startServer(side: Side, databaseUrl: string): Promise<Server> {
  const script = join(BENCH_DIR, side === 'tessera' ? 'tessera-server.ts' : 'baseline-server.ts');
  const flags = ['--import', 'tsx'];
  if (PROFILE) {
    // One folder per server; node writes one profile per thread (the main thread's is the big one,
    // tsx's module loader thread has its own).
    const dir = join(RESULTS_DIR, 'profiles', side);
    mkdirSync(dir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const proc = spawn(process.execPath, [...flags, script], { cwd: BENCH_DIR, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(proc);
  const stderr: string[] = [];
  proc.stderr!.on('data', (d) => {
    stderr.push(String(d));
    if (stderr.length > 200) stderr.shift();
  });
  const waiting: ((n: number) => void)[] = [];
  const info = await new Promise<ReadyInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${side} server did not start within 60 s:\n${stderr.join('')}`)), 60_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${side} server exited with code ${code} before it was ready:\n${stderr.join('')}`));
    });
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.startsWith(STATS_PREFIX)) return waiting.shift()?.(JSON.parse(line.slice(STATS_PREFIX.length)).queries);
      if (!line.startsWith(READY_PREFIX)) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(READY_PREFIX.length)));
    });
  });
  proc.removeAllListeners('exit');
  proc.on('exit', (code, signal) => {
    if (code !== 0) log(`${side} server exited (code ${code}, signal ${signal}):\n${stderr.join('')}`);
  });
  cleanups.unshift(async () => {
    if (proc.exitCode !== null) return;
    const done = new Promise((r) => proc.once('exit', r));
    proc.stdin!.end('stop\n');
    await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
  });
  const queries = () =>
    new Promise<number>((resolve) => {
      waiting.push(resolve);
      proc.stdin!.write('stats\n');
    });
  const server: Server = { side, proc, info, url: `http://127.0.0.1:${info.port}`, stderr, queries };
  log(`${side} server pid ${info.pid} on port ${info.port}, pool ${info.poolSize}${info.token ? ', with a bearer token' : ''}, RSS ${rssMb(info.pid).toFixed(0)} MB at rest`);
  return server;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** utime + stime of a process, in microseconds. */
function cpuUs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

async function send(server: Server, req: Req): Promise<{ status: number; body: any }> {
  const res = await fetch(server.url + req.path, { method: req.method, headers: headersFor(server, req), body: req.body });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

// ------------------------------------------------------------------ pre-flight: same answers

/** Same keys, and the same JSON type wherever both values are set (ids and codes differ). */
function sameShape(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return isDeepStrictEqual(ka, kb) && ka.every((k) => a[k] === null || b[k] === null || typeof a[k] === typeof b[k]);
}

async function preflight(base: Server, tess: Server): Promise<string[]> {
  const problems: string[] = [];
  const same = async (label: string, req: Req, expect: number) => {
    const [a, b] = await Promise.all([send(base, req), send(tess, req)]);
    if (a.status !== expect || b.status !== expect) problems.push(`${label}: status baseline ${a.status}, tessera ${b.status} (expected ${expect}): ${JSON.stringify(b.status !== expect ? b.body : a.body).slice(0, 300)}`);
    return [a.body, b.body];
  };
  for (const id of [1, 4242, ROWS]) {
    const [a, b] = await same(`get ${id}`, { method: 'GET', path: `${ITEM_PATH}/${id}` }, 200);
    if (!isDeepStrictEqual(a, b)) problems.push(`get ${id}: different bodies\n  baseline ${JSON.stringify(a)}\n  tessera  ${JSON.stringify(b)}`);
  }
  {
    const [a, b] = await same('list', { method: 'GET', path: `${ITEM_PATH}${listQuery}` }, 200);
    if (!isDeepStrictEqual(a, b)) problems.push(`list: different bodies (total ${a?.total} vs ${b?.total}; first ids ${a?.data?.slice(0, 3).map((r: any) => r.id)} vs ${b?.data?.slice(0, 3).map((r: any) => r.id)})`);
    if (a?.data?.length !== PAGE) problems.push(`list: expected a full page of ${PAGE}, got ${a?.data?.length}`);
  }
  for (const noun of ['bracket', 'gea']) {
    const [a, b] = await same(`search ${noun}`, { method: 'GET', path: `${ITEM_PATH}?q=${noun}&limit=${PAGE}` }, 200);
    if (!isDeepStrictEqual(a, b)) problems.push(`search ${noun}: different bodies (total ${a?.total} vs ${b?.total})`);
    if (!(a?.total > 0)) problems.push(`search ${noun}: no match`);
  }
  const c = [await send(base, makeRequest('create', 'baseline')), await send(tess, makeRequest('create', 'tessera'))];
  if (c[0]!.status !== 201 || c[1]!.status !== 201) problems.push(`create: status baseline ${c[0]!.status}, tessera ${c[1]!.status}: ${JSON.stringify(c[1]!.body).slice(0, 300)}`);
  else if (!sameShape(c[0]!.body, c[1]!.body)) problems.push(`create: different shapes\n  baseline ${JSON.stringify(c[0]!.body)}\n  tessera  ${JSON.stringify(c[1]!.body)}`);
  const upd: Req = { method: 'PATCH', path: `${ITEM_PATH}/7`, body: JSON.stringify({ price: '12.30', qty: 7 }) };
  const u = [await send(base, upd), await send(tess, upd)];
  if (u[0]!.status !== 200 || u[1]!.status !== 200) problems.push(`update: status baseline ${u[0]!.status}, tessera ${u[1]!.status}: ${JSON.stringify(u[1]!.body).slice(0, 300)}`);
  else {
    const strip = (o: any) => ({ ...o, updated_at: undefined });
    if (!isDeepStrictEqual(strip(u[0]!.body), strip(u[1]!.body))) problems.push(`update: different bodies\n  baseline ${JSON.stringify(u[0]!.body)}\n  tessera  ${JSON.stringify(u[1]!.body)}`);
    if (u[1]!.body.price !== '12.30') problems.push(`update: price came back as ${JSON.stringify(u[1]!.body.price)}, expected "12.30"`);
  }
  return problems;
}

// ------------------------------------------------------------------ load

/**
 * Before every operation: VACUUM ANALYZE and CHECKPOINT, so it starts from a clean table (the
 * previous operation's writes are cleaned up) and no checkpoint or autovacuum of those writes
 * lands in its measured rounds.
 */
let quiesceClient: pg.Client | undefined;
async function quiesce(): Promise<void> {
  if (!quiesceClient) return;
  await quiesceClient.query(`vacuum analyze ${ITEM_TABLE}`);
  await quiesceClient.query('checkpoint').catch(() => undefined); // needs superuser or pg_checkpoint
}

interface Slice { requests: number; seconds: number; non2xx: number; errors: number; timeouts: number; cpuUs: number; queries: number }

/** One autocannon run; every response time goes into `latencies` (ms). */
async function cannon(server: Server, op: OpName, seconds: number, latencies?: number[]): Promise<Slice> {
  const template = makeRequest(op, server.side);
  const queries0 = await server.queries();
  return new Promise((resolve, reject) => {
    const cpu0 = cpuUs(server.info.pid);
    const instance = autocannon(
      {
        url: server.url,
        connections: CONNECTIONS,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
        requests: [
          {
            method: template.method as any,
            path: template.path,
            headers: headersFor(server, template),
            setupRequest: (req: any) => {
              const r = makeRequest(op, server.side);
              return { ...req, method: r.method, path: r.path, body: r.body, headers: headersFor(server, r) };
            },
          },
        ],
      },
      (err: Error | null, r: autocannon.Result) => {
        if (err) return reject(err);
        const cpu = cpuUs(server.info.pid) - cpu0;
        server.queries().then(
          (q1) => resolve({ requests: r.requests.total, seconds: r.duration, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, cpuUs: cpu, queries: q1 - queries0 }),
          reject,
        );
      },
    );
    if (latencies) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => void latencies.push(ms));
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

/**
 * One operation on both servers: a warm-up of each, then ROUNDS rounds in which each server gets
 * SECONDS/ROUNDS seconds of load, alternating which goes first. Interleaving spreads any outside
 * noise (other processes on a 2-core machine, checkpoints) over both sides instead of one.
 */
async function measureOp(op: OpName, servers: Record<Side, Server>): Promise<{ baseline: Measure; tessera: Measure; roundRatios: number[] }> {
  await quiesce();
  const acc = Object.fromEntries((['baseline', 'tessera'] as Side[]).map((side) => [side, { slices: [] as Slice[], latencies: [] as number[], maxRss: rssMb(servers[side].info.pid) }])) as Record<Side, { slices: Slice[]; latencies: number[]; maxRss: number }>;
  const sampler = setInterval(() => {
    for (const side of ['baseline', 'tessera'] as Side[]) acc[side].maxRss = Math.max(acc[side].maxRss, rssMb(servers[side].info.pid));
  }, 200);
  const roundRatios: number[] = [];
  try {
    if (WARMUP > 0) for (const side of ['baseline', 'tessera'] as Side[]) await cannon(servers[side], op, WARMUP);
    const slice = Math.max(1, Math.round(SECONDS / ROUNDS));
    for (let round = 0; round < ROUNDS; round++) {
      const order: Side[] = round % 2 === 0 ? ['baseline', 'tessera'] : ['tessera', 'baseline'];
      const rps: Partial<Record<Side, number>> = {};
      for (const side of order) {
        const sl = await cannon(servers[side], op, slice, acc[side].latencies);
        acc[side].slices.push(sl);
        rps[side] = sl.requests / sl.seconds;
        if (servers[side].proc.exitCode !== null) throw new Error(`${side} server died during ${op}:\n${servers[side].stderr.join('')}`);
      }
      roundRatios.push(rps.tessera! / rps.baseline!);
    }
  } finally {
    clearInterval(sampler);
  }
  const summarize = (side: Side): Measure => {
    const a = acc[side];
    const sum = (k: keyof Slice) => a.slices.reduce((n, sl) => n + sl[k], 0);
    const sorted = a.latencies.sort((x, y) => x - y);
    const total = sum('requests');
    return {
      reqPerSec: total / sum('seconds'),
      total,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      non2xx: sum('non2xx'),
      errors: sum('errors'),
      timeouts: sum('timeouts'),
      maxRssMb: a.maxRss,
      cpuUsPerReq: total ? sum('cpuUs') / total : 0,
      queriesPerReq: total ? sum('queries') / total : 0,
    };
  };
  return { baseline: summarize('baseline'), tessera: summarize('tessera'), roundRatios };
}

// ------------------------------------------------------------------ report

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r, ri) => {
    const line = r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

// ------------------------------------------------------------------ main

const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

async function main(): Promise<number> {
  const started = Date.now();
  const loadBefore = loadAverage();
  const errors: string[] = [];
  const { url, where } = await prepareDatabase();
  const pgSettings = await createAndSeed(url);
  const [base, tess] = [await startServer('baseline', url), await startServer('tessera', url)];
  const restRss = { baseline: rssMb(base.info.pid), tessera: rssMb(tess.info.pid) };

  quiesceClient = new pg.Client({ connectionString: url });
  await quiesceClient.connect();
  cleanups.unshift(async () => void (await quiesceClient?.end()));

  const problems = await preflight(base, tess);
  if (problems.length) {
    errors.push(...problems.map((p) => `pre-flight ${p}`));
    problems.forEach((p) => log(`PRE-FLIGHT: ${p}`));
  } else log('pre-flight: both servers give the same answers');

  // JIT and caches: a short warm-up of every read operation on both servers before anything is measured.
  const warmSeconds = Math.max(1, Math.min(WARMUP, 2));
  const warmOps = OPS.filter((o) => o === 'get' || o === 'list' || o === 'search');
  if (warmOps.length && WARMUP > 0) {
    log(`warming up both servers (${warmSeconds} s of ${warmOps.join(', ')} each) ...`);
    for (const server of [base, tess]) for (const op of warmOps) await cannon(server, op, warmSeconds);
  }

  const results: { op: OpName; baseline: Measure; tessera: Measure; roundRatios: number[] }[] = [];
  for (const op of OPS) {
    log(`${op}: ${WARMUP} s warm-up each, then ${ROUNDS} alternating rounds, ${SECONDS} s measured per server ...`);
    const r = await measureOp(op, { baseline: base, tessera: tess });
    for (const side of ['baseline', 'tessera'] as Side[]) {
      const m = r[side];
      if (m.non2xx || m.errors || m.timeouts) {
        const sample = await send(side === 'baseline' ? base : tess, makeRequest(op, side));
        errors.push(`${op} on ${side}: ${m.non2xx} non-2xx, ${m.errors} errors, ${m.timeouts} timeouts (a sample request now answers ${sample.status} ${JSON.stringify(sample.body).slice(0, 200)})`);
      }
    }
    log(`${op}: baseline ${fmt(r.baseline.reqPerSec)} req/s, tessera ${fmt(r.tessera.reqPerSec)} req/s (${fmt(r.tessera.reqPerSec / r.baseline.reqPerSec, 2)}x)`);
    results.push({ op, ...r });
  }

  // ---- print
  const header = ['op', 'base req/s', 'tessera req/s', 'ratio', 'rounds min-max', 'base p99 ms', 'tessera p99 ms', 'p99 ratio', 'target', 'result', 'non-2xx b/t', 'server cpu µs/req b/t', 'SQL/req b/t'];
  const rows: string[][] = [header];
  const summary: any[] = [];
  for (const { op, baseline: b, tessera: t, roundRatios } of results) {
    const ratio = t.reqPerSec / b.reqPerSec;
    const p99Ratio = t.p99 / b.p99;
    const target = TARGETS[op];
    const verdict = target === undefined ? 'info' : ratio >= target ? 'PASS' : 'FAIL';
    rows.push([
      TARGETS[op] === undefined && op !== 'search' ? `${op}*` : op,
      fmt(b.reqPerSec),
      fmt(t.reqPerSec),
      `${fmt(ratio, 2)}x`,
      `${fmt(Math.min(...roundRatios), 2)}-${fmt(Math.max(...roundRatios), 2)}`,
      fmt(b.p99, 1),
      fmt(t.p99, 1),
      `${fmt(p99Ratio, 2)}x`,
      target === undefined ? '-' : `>= ${target}x`,
      verdict,
      `${b.non2xx}/${t.non2xx}`,
      `${fmt(b.cpuUsPerReq)}/${fmt(t.cpuUsPerReq)}`,
      `${fmt(b.queriesPerReq, 1)}/${fmt(t.queriesPerReq, 1)}`,
    ]);
    summary.push({ op, ratio, roundRatios, medianRoundRatio: median(roundRatios), p99Ratio, target: target ?? null, pass: target === undefined ? null : ratio >= target, baseline: b, tessera: t });
  }
  const rss = {
    baseline: Math.max(...results.map((r) => r.baseline.maxRssMb)),
    tessera: Math.max(...results.map((r) => r.tessera.maxRssMb)),
  };
  const rssPass = rss.tessera < RSS_LIMIT_MB;

  const out: string[] = [];
  out.push('');
  out.push(`Tessera vs hand-written Fastify + pg baseline — ${ROWS.toLocaleString('en')} rows, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s measured per server and operation (${ROUNDS} alternating rounds)`);
  out.push(`database: ${where}, PostgreSQL ${pgSettings.server_version} (fsync ${pgSettings.fsync}, synchronous_commit ${pgSettings.synchronous_commit}); node ${process.version}; pool ${base.info.poolSize} (baseline) / ${tess.info.poolSize} (tessera)`);
  out.push('');
  out.push(table(rows));
  out.push('');
  out.push(`ratio = tessera req/s ÷ baseline req/s over all rounds (higher is better); rounds = the same ratio per round; p99 ratio = tessera p99 ÷ baseline p99 (lower is better)`);
  out.push(`server cpu = CPU time of the server process per request (user + system), the measure least disturbed by other load on the machine`);
  out.push(`SQL/req = SQL statements the server sent to PostgreSQL per request (begin/commit included): each is a round trip`);
  if (OPS.includes('list_sql')) out.push(`list_sql* = diagnostic: the list request with the baseline sorting "price desc nulls last" (Tessera's order before it switched to PostgreSQL's default NULLS placement)`);
  if (OPS.includes('create_tx') || OPS.includes('update_tx'))
    out.push(`create_tx*/update_tx* = diagnostic: the same write, but the baseline does what Tessera's design does (BEGIN, [SELECT ... FOR UPDATE,] the write, an audit row, COMMIT)`);
  out.push(`search has no target in the issue: reported only`);
  out.push(`max RSS under load: baseline ${fmt(rss.baseline)} MB, tessera ${fmt(rss.tessera)} MB (limit ${RSS_LIMIT_MB} MB: ${rssPass ? 'PASS' : 'FAIL'}); at rest ${fmt(restRss.baseline)} / ${fmt(restRss.tessera)} MB`);
  const loadAfter = loadAverage();
  out.push(`machine load average (1 min): ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${availableParallelism()} cores${Math.max(loadBefore, loadAfter) > availableParallelism() + 1 ? ' — other processes were competing for the CPU: req/s and p99 are noisy, trust the ratios of CPU µs/req and SQL/req more' : ''}`);
  out.push(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (errors.length) out.push('', 'ERRORS:', ...errors.map((e) => `  - ${e}`));
  console.log(out.join('\n'));

  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(RESULTS_DIR, 'latest.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        database: { where, ...pgSettings },
        settings: { rows: ROWS, connections: CONNECTIONS, warmupSeconds: WARMUP, seconds: SECONDS, rounds: ROUNDS, poolSize: { baseline: base.info.poolSize, tessera: tess.info.poolSize }, auth: !!tess.info.token },
        requests: { list: `${ITEM_PATH}${listQuery}`, search: `${ITEM_PATH}?q=<noun>&limit=${PAGE}`, get: `${ITEM_PATH}/<1..${ROWS}>`, update: `PATCH ${ITEM_PATH}/<1..${ROWS}> {price, qty}`, create: `POST ${ITEM_PATH}` },
        results: summary,
        rssMb: { underLoad: rss, atRest: restRss, limit: RSS_LIMIT_MB, pass: rssPass },
        loadAverage: { before: loadBefore, after: loadAverage() },
        errors,
        totalSeconds: (Date.now() - started) / 1000,
      },
      null,
      2,
    ),
  );
  log(`wrote ${join(RESULTS_DIR, 'latest.json')}`);
  return errors.length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(e);
  code = 1;
} finally {
  for (const c of cleanups) await c().catch((e) => log(`cleanup: ${e?.message ?? e}`));
}
process.exit(code);
