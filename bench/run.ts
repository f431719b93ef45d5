/**
 * Tessera vs a hand-written Fastify + pg baseline, on the same table, in one run, at each size
 * of BENCH_ROWS (default 100,000 then 1,000,000; 10,000,000 on demand).
 *
 *   pnpm bench                      (root script: tsx bench/run.ts)
 *
 * 1. Database: a fresh database on DATABASE_URL's server when set, else an embedded PostgreSQL
 *    in a temporary folder. Tessera creates the tables once; the items are seeded with one
 *    INSERT ... SELECT generate_series (secondary indexes dropped meanwhile and rebuilt after, as
 *    a bulk load does), the baseline's own trigram index on name is added; VACUUM ANALYZE.
 * 2. Two server processes: bench/baseline-server.ts (through tsx) and bench/tessera-server.ts,
 *    compiled first as `pnpm start`'s server is (core/scripts/build-server.mjs --bench: esbuild,
 *    one ES module, core/dist/bench-server.mjs), so the benchmark measures the code production runs.
 * 3. A pre-flight check that both answer the same requests with the same JSON.
 * 4. For each operation: a warm-up of each server, then BENCH_ROUNDS rounds of autocannon on the
 *    baseline and on Tessera (alternating which goes first), sampling each server's RSS
 *    (/proc/<pid>/status VmRSS) and CPU time during the load.
 *    CPU per request is read from /proc for the server process and for PostgreSQL (the
 *    postmaster and its children: rounds run one server at a time, so it is that server's).
 * 5. A table of req/s and p99 as ratios to the baseline, targets, max RSS; bench/results/latest.json
 *    and bench/results/latest.md (the README table).
 *
 * Environment: BENCH_SECONDS (measured seconds per server and operation, 10), BENCH_ROUNDS (5),
 * BENCH_WARMUP (3), BENCH_CONNECTIONS (10), BENCH_OPS (comma list of bench/ops.ts's operations;
 * also the diagnostics list_sql,create_tx,update_tx), BENCH_ROWS (100000,1000000),
 * BENCH_PROFILE=1 (run both servers with --cpu-prof into bench/results/profiles/<server>/; summarize
 * with `pnpm exec tsx bench/profile-summary.ts bench/results/profiles/tessera`),
 * BENCH_PG_FAST=1 (embedded PostgreSQL with fsync off), BENCH_KEEP_DB=1 (don't drop the database).
 *
 * Exits non-zero on errors (a server failing, non-2xx responses, different answers), not on
 * missed targets.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createTessera, resolveConfig, startEmbeddedPostgres } from '@tessera/core';
import { STATS_PREFIX } from './control.js';
import {
  BENCH_DIR,
  ITEM_PATH,
  ITEM_TABLE,
  CATEGORY_TABLE,
  PAGE,
  PLUGIN_PATH,
  READY_PREFIX,
  RESULTS_DIR,
  ROW_COUNTS,
  CATEGORIES,
  seedSql,
  type ReadyInfo,
} from './shared.js';
import { ALL_OPS, DEFAULT_OPS, idCursor, keysetDepth, makeRequest as opRequest, orderBody, submitRequest, type OpName, type Req, type Side } from './ops.js';
import { cpuUs, postgresCpuUs, postmasterPid, rssMb } from './proc-stats.js';
import { printReport, type Measure, type OpResult } from './report.js';
import { heapArgs } from '../core/src/heap.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PROFILE = process.env.BENCH_PROFILE === '1';
const OPS = (process.env.BENCH_OPS ? process.env.BENCH_OPS.split(',').map((s) => s.trim()) : DEFAULT_OPS) as OpName[];
for (const o of OPS) if (!ALL_OPS.includes(o)) throw new Error(`BENCH_OPS: unknown operation "${o}" (known: ${ALL_OPS.join(', ')})`);

const RSS_LIMIT_MB = 250;
/** BENCH_START_TIMEOUT: seconds a server may take to be ready (a loaded machine needs more than 60). */
const START_TIMEOUT_S = Number(process.env.BENCH_START_TIMEOUT ?? 60);

interface Server {
  side: Side;
  proc: ChildProcess;
  info: ReadyInfo;
  url: string;
  stderr: string[];
  queries(): Promise<number>;
  stop(): Promise<void>;
}

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const cleanups: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

// ------------------------------------------------------------------ the requests of each operation

/** The table size of the run under way (one run per BENCH_ROWS entry). */
let rows = ROW_COUNTS[0]!;
const makeRequest = (op: OpName, side: Side): Req => opRequest(op, side, rows);
let postmaster: number | undefined;

function headersFor(server: Server, req: Req): Record<string, string> {
  const h: Record<string, string> = { ...(req.headers ?? {}) };
  if (req.body !== undefined) h['content-type'] = 'application/json';
  if (server.info.token) h.authorization = `Bearer ${server.info.token}`;
  return h;
}

// ------------------------------------------------------------------ database

let embeddedServer: { adminUrl: string; where: string } | undefined;
async function prepareDatabase(): Promise<{ url: string; where: string }> {
  let adminUrl: string;
  let where: string;
  if (embeddedServer) ({ adminUrl, where } = embeddedServer);
  else if (process.env.DATABASE_URL) {
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
    embeddedServer = { adminUrl, where };
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
  await c.query(`set maintenance_work_mem = '256MB'`);
  // A bulk load: the secondary indexes are dropped, the rows inserted, the indexes rebuilt.
  const indexes = (await c.query(`select indexname, indexdef from pg_indexes where tablename = $1 and indexdef not like 'CREATE UNIQUE%'`, [ITEM_TABLE])).rows;
  for (const i of indexes) await c.query(`drop index "${i.indexname}"`);
  for (const sql of seedSql(rows)) await c.query(sql);
  log(`inserted ${rows.toLocaleString('en')} items in ${Date.now() - t0} ms; building ${indexes.length} indexes ...`);
  for (const i of indexes) await c.query(i.indexdef);
  // The baseline's own trigram index for its "name ilike '%word%'" (Tessera's is over tessera_unaccent(name)).
  await c.query(`create index benchmark_item_name_trgm_baseline on ${ITEM_TABLE} using gin (name gin_trgm_ops)`);
  await c.query(`vacuum analyze ${CATEGORY_TABLE}`);
  await c.query(`vacuum analyze ${ITEM_TABLE}`);
  await c.query('checkpoint').catch(() => undefined);
  await c.query(`select count(*) from ${ITEM_TABLE}`); // read the table into the cache
  const settings: Record<string, string> = {};
  for (const s of ['server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections']) settings[s] = (await c.query(`show ${s}`)).rows[0][s];
  const n = (await c.query(`select count(*)::int as n from ${ITEM_TABLE}`)).rows[0].n;
  await c.end();
  log(`seeded ${n} items (+${CATEGORIES} categories), indexed and analyzed in ${Date.now() - t0} ms`);
  return settings;
}

// ------------------------------------------------------------------ servers

async function startServer(side: Side, databaseUrl: string): Promise<Server> {
  // Tessera runs compiled, with the heap limit `pnpm start` gives it (TESSERA_MAX_HEAP_MB, core/src/heap.ts).
  const script = side === 'tessera' ? TESSERA_BUNDLE : join(BENCH_DIR, 'baseline-server.ts');
  const flags = side === 'tessera' ? heapArgs() : ['--import', 'tsx'];
  if (PROFILE) {
    // One folder per server; node writes one profile per thread (the main thread's is the big one,
    // tsx's module loader thread has its own, on the baseline's side).
    const dir = join(RESULTS_DIR, 'profiles', side);
    mkdirSync(dir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const proc = spawn(process.execPath, [...flags, script], {
    cwd: BENCH_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(proc);
  const stderr: string[] = [];
  proc.stderr!.on('data', (d) => {
    stderr.push(String(d));
    if (stderr.length > 200) stderr.shift();
  });
  const waiting: ((n: number) => void)[] = [];
  let server_stop = async () => undefined as void;
  const info = await new Promise<ReadyInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${side} server did not start within ${START_TIMEOUT_S} s:\n${stderr.join('')}`)), START_TIMEOUT_S * 1000);
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
  server_stop = async () => {
    if (proc.exitCode !== null) return;
    const done = new Promise((r) => proc.once('exit', r));
    proc.stdin!.end('stop\n');
    await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
  };
  const queries = () =>
    new Promise<number>((resolve) => {
      waiting.push(resolve);
      proc.stdin!.write('stats\n');
    });
  const server: Server = { side, proc, info, url: `http://127.0.0.1:${info.port}`, stderr, queries, stop: server_stop };
  log(
    `${side} server pid ${info.pid} on port ${info.port}, pool ${info.poolSize}${info.token ? ', with a bearer token' : ''}, RSS ${rssMb(info.pid).toFixed(0)} MB at rest`,
  );
  return server;
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
    if (a.status !== expect || b.status !== expect)
      problems.push(
        `${label}: status baseline ${a.status}, tessera ${b.status} (expected ${expect}): ${JSON.stringify(b.status !== expect ? b.body : a.body).slice(0, 300)}`,
      );
    return [a.body, b.body];
  };
  const identical = async (label: string, req: Req, check?: (body: any) => string | undefined) => {
    const [a, b] = await same(label, req, 200);
    if (!isDeepStrictEqual(a, b))
      problems.push(
        `${label}: different bodies (total ${a?.total} vs ${b?.total}; next ${a?.next} vs ${b?.next}; first ids ${a?.data?.slice?.(0, 3).map((r: any) => r.id)} vs ${b?.data?.slice?.(0, 3).map((r: any) => r.id)})`,
      );
    const why = check?.(b);
    if (why) problems.push(`${label}: ${why}`);
  };
  for (const id of [1, 4242, rows]) await identical(`get ${id}`, { method: 'GET', path: `${ITEM_PATH}/${id}` });
  const full = (b: any) => (b?.data?.length === PAGE ? undefined : `expected a full page of ${PAGE}, got ${b?.data?.length}`);
  await identical('list', makeRequest('list', 'tessera'), full);
  for (const noun of ['bracket', 'gea']) {
    await identical(`search ${noun}`, { method: 'GET', path: `${ITEM_PATH}?q=${noun}&limit=${PAGE}&total=exact` }, (b) =>
      b?.total > 0 ? undefined : 'no match',
    );
    await identical(
      `contains ${noun}`,
      { method: 'GET', path: `${ITEM_PATH}?filter=${encodeURIComponent(JSON.stringify({ name: { contains: noun } }))}&limit=${PAGE}&total=none` },
      full,
    );
  }
  {
    // Estimates come from each side's own plan: equal pages, both flagged.
    const req: Req = {
      method: 'GET',
      path: `${ITEM_PATH}?filter=${encodeURIComponent(JSON.stringify({ name: { contains: 'bolt' } }))}&limit=${PAGE}&total=estimate`,
    };
    const [a, b] = await same('contains estimate', req, 200);
    if (!isDeepStrictEqual(a?.data, b?.data) || a?.next !== b?.next) problems.push('contains estimate: different pages');
    if (a?.totalIsEstimate !== true || b?.totalIsEstimate !== true || !(b?.total > 0))
      problems.push(`contains estimate: not flagged as estimates (${JSON.stringify({ a: a?.total, b: b?.total })})`);
  }
  const depth = keysetDepth(rows);
  await identical('keyset', { method: 'GET', path: `${ITEM_PATH}?sort=id&limit=${PAGE}&total=none&after=${idCursor(depth)}` }, (b) =>
    b?.data?.[0]?.id === depth + 1 ? undefined : `the page after id ${depth} starts at ${b?.data?.[0]?.id}`,
  );
  const c = [await send(base, makeRequest('create', 'baseline')), await send(tess, makeRequest('create', 'tessera'))];
  if (c[0]!.status !== 201 || c[1]!.status !== 201)
    problems.push(`create: status baseline ${c[0]!.status}, tessera ${c[1]!.status}: ${JSON.stringify(c[1]!.body).slice(0, 300)}`);
  else if (!sameShape(c[0]!.body, c[1]!.body))
    problems.push(`create: different shapes\n  baseline ${JSON.stringify(c[0]!.body)}\n  tessera  ${JSON.stringify(c[1]!.body)}`);
  const upd: Req = { method: 'PATCH', path: `${ITEM_PATH}/7`, body: JSON.stringify({ price: '12.30', qty: 7 }) };
  const u = [await send(base, upd), await send(tess, upd)];
  if (u[0]!.status !== 200 || u[1]!.status !== 200)
    problems.push(`update: status baseline ${u[0]!.status}, tessera ${u[1]!.status}: ${JSON.stringify(u[1]!.body).slice(0, 300)}`);
  else {
    const strip = (o: any) => ({ ...o, updated_at: undefined, version: undefined }); // both update row 7, one after the other
    if (!isDeepStrictEqual(strip(u[0]!.body), strip(u[1]!.body)))
      problems.push(`update: different bodies\n  baseline ${JSON.stringify(u[0]!.body)}\n  tessera  ${JSON.stringify(u[1]!.body)}`);
    if (u[1]!.body.price !== '12.30') problems.push(`update: price came back as ${JSON.stringify(u[1]!.body.price)}, expected "12.30"`);
  }
  // The document: the same order on both sides, the same totals; submit answers the same shape.
  const body = orderBody(1, rows);
  const docs = [
    await send(base, { method: 'POST', path: '/api/benchmark/order', body }),
    await send(tess, { method: 'POST', path: '/api/benchmark/order', body }),
  ];
  if (docs[0]!.status !== 201 || docs[1]!.status !== 201)
    problems.push(`doc create: status baseline ${docs[0]!.status}, tessera ${docs[1]!.status}: ${JSON.stringify(docs[1]!.body).slice(0, 300)}`);
  else {
    const [bd, td] = [docs[0]!.body, docs[1]!.body];
    if (!sameShape(bd, td) || !sameShape(bd.lines[0], td.lines[0]))
      problems.push(`doc create: different shapes\n  baseline ${JSON.stringify(bd).slice(0, 400)}\n  tessera  ${JSON.stringify(td).slice(0, 400)}`);
    if (
      bd.total !== td.total ||
      !isDeepStrictEqual(
        bd.lines.map((l: any) => l.amount),
        td.lines.map((l: any) => l.amount),
      )
    )
      problems.push(`doc create: totals differ (${bd.total} vs ${td.total})`);
    const subs = [await send(base, submitRequest(bd.id)), await send(tess, submitRequest(td.id))];
    if (subs[0]!.status !== 200 || subs[1]!.status !== 200 || subs[1]!.body.docstatus !== 'submitted' || subs[0]!.body.docstatus !== 'submitted')
      problems.push(`doc submit: status baseline ${subs[0]!.status}, tessera ${subs[1]!.status}: ${JSON.stringify(subs[1]!.body).slice(0, 300)}`);
  }
  return problems;
}

// ------------------------------------------------------------------ load

/**
 * Before every operation: the statements the previous operation's servers left running are
 * cancelled (PostgreSQL finishes a query whose client went away: at 10M rows an exact count
 * runs on for seconds and would load the next operation), then VACUUM ANALYZE and CHECKPOINT,
 * so it starts from a clean table (the previous operation's writes are cleaned up) and no
 * checkpoint or autovacuum of those writes lands in its measured rounds.
 */
let quiesceClient: pg.Client | undefined;
async function quiesce(): Promise<void> {
  if (!quiesceClient) return;
  for (let i = 0; i < 50; i++) {
    const r = await quiesceClient.query(
      `select count(pg_cancel_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and backend_type = 'client backend' and application_name not like 'tessera-%'`,
    );
    if (!r.rows[0].n) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await quiesceClient.query(`vacuum analyze ${ITEM_TABLE}`);
  await quiesceClient.query('checkpoint').catch(() => undefined); // needs superuser or pg_checkpoint
}

interface Slice {
  requests: number;
  seconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  cpuUs: number;
  dbCpuUs: number;
  queries: number;
}

/** autocannon's request list for an operation: one request, or create then submit for doc. */
function cannonRequests(server: Server, op: OpName): object[] {
  const template = makeRequest(op, server.side);
  const first = {
    method: template.method as any,
    path: template.path,
    headers: headersFor(server, template),
    setupRequest: (req: any) => {
      const r = makeRequest(op, server.side);
      return { ...req, method: r.method, path: r.path, body: r.body, headers: headersFor(server, r) };
    },
    onResponse:
      op === 'doc'
        ? (status: number, body: string, context: Record<string, unknown>) => void (context.id = status === 201 ? JSON.parse(body).id : undefined)
        : undefined,
  };
  if (op !== 'doc') return [first];
  const submit = submitRequest(1);
  return [
    first,
    {
      method: 'POST',
      path: submit.path,
      headers: headersFor(server, submit),
      setupRequest: (req: any, context: Record<string, unknown>) => ({ ...req, path: submitRequest(Number(context.id)).path }),
    },
  ];
}

/** One autocannon run; every response time goes into `latencies` (ms). */
async function cannon(server: Server, op: OpName, seconds: number, latencies?: number[]): Promise<Slice> {
  const queries0 = await server.queries();
  return new Promise((resolve, reject) => {
    const cpu0 = cpuUs(server.info.pid);
    const db0 = postmaster ? postgresCpuUs(postmaster) : 0;
    const instance = autocannon(
      { url: server.url, connections: CONNECTIONS, pipelining: 1, duration: seconds, timeout: 10, requests: cannonRequests(server, op) as any },
      (err: Error | null, r: autocannon.Result) => {
        if (err) return reject(err);
        const cpu = cpuUs(server.info.pid) - cpu0;
        const db = postmaster ? postgresCpuUs(postmaster) - db0 : 0;
        server.queries().then(
          (q1) =>
            resolve({
              requests: r.requests.total,
              seconds: r.duration,
              non2xx: r.non2xx,
              errors: r.errors,
              timeouts: r.timeouts,
              cpuUs: cpu,
              dbCpuUs: db,
              queries: q1 - queries0,
            }),
          reject,
        );
      },
    );
    if (latencies) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => void latencies.push(ms));
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

/**
 * One operation on both servers: a warm-up of each, then ROUNDS rounds in which each server gets
 * SECONDS/ROUNDS seconds of load, alternating which goes first. Interleaving spreads any outside
 * noise (other processes on a 2-core machine, checkpoints) over both sides instead of one.
 */
async function measureOp(op: OpName, servers: Record<Side, Server>): Promise<{ baseline: Measure; tessera: Measure; roundRatios: number[] }> {
  await quiesce();
  const acc = Object.fromEntries(
    (['baseline', 'tessera'] as Side[]).map((side) => [side, { slices: [] as Slice[], latencies: [] as number[], maxRss: rssMb(servers[side].info.pid) }]),
  ) as Record<Side, { slices: Slice[]; latencies: number[]; maxRss: number }>;
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
      dbCpuUsPerReq: total ? sum('dbCpuUs') / total : 0,
      queriesPerReq: total ? sum('queries') / total : 0,
    };
  };
  return { baseline: summarize('baseline'), tessera: summarize('tessera'), roundRatios };
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');

// ------------------------------------------------------------------ main

const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/** One table size: a database, the pre-flight, then every operation on fresh server processes. */
async function runSize(
  size: number,
  errors: string[],
): Promise<{ results: OpResult[]; where: string; pgSettings: Record<string, string>; restRss: Record<Side, number> }> {
  rows = size;
  const { url, where } = await prepareDatabase();
  const pgSettings = await createAndSeed(url);
  quiesceClient = new pg.Client({ connectionString: url });
  quiesceClient.on('error', (e) => log(`maintenance connection: ${e.message}`));
  await quiesceClient.connect();
  postmaster = await postmasterPid((sql) => quiesceClient!.query(sql));
  if (!postmaster) log('PostgreSQL CPU is not measured: its data directory or postmaster.pid could not be read (not a superuser, or another machine)');
  let [base, tess] = [await startServer('baseline', url), await startServer('tessera', url)];
  const restRss = { baseline: rssMb(base.info.pid), tessera: rssMb(tess.info.pid) };
  const problems = await preflight(base, tess);
  if (problems.length) {
    errors.push(...problems.map((p) => `${size} rows: pre-flight ${p}`));
    problems.forEach((p) => log(`PRE-FLIGHT: ${p}`));
  } else log('pre-flight: both servers give the same answers');
  const results: OpResult[] = [];
  for (const op of OPS) {
    // One process per measurement: both servers start afresh for every operation.
    if (results.length) [base, tess] = [await startServer('baseline', url), await startServer('tessera', url)];
    log(`${size} rows, ${op}: ${WARMUP} s warm-up each, then ${ROUNDS} alternating rounds, ${SECONDS} s measured per server ...`);
    const r = await measureOp(op, { baseline: base, tessera: tess });
    for (const side of ['baseline', 'tessera'] as Side[]) {
      const m = r[side];
      if (m.non2xx || m.errors || m.timeouts) {
        const sample = await send(side === 'baseline' ? base : tess, makeRequest(op, side));
        errors.push(
          `${size} rows, ${op} on ${side}: ${m.non2xx} non-2xx, ${m.errors} errors, ${m.timeouts} timeouts (a sample request now answers ${sample.status} ${JSON.stringify(sample.body).slice(0, 200)})`,
        );
      }
    }
    log(
      `${op}: baseline ${fmt(r.baseline.reqPerSec)} req/s, tessera ${fmt(r.tessera.reqPerSec)} req/s (${fmt(r.tessera.reqPerSec / r.baseline.reqPerSec, 2)}x)`,
    );
    results.push({ op, rows: size, ...r });
    await Promise.all([base.stop(), tess.stop()]);
  }
  await quiesceClient.end();
  quiesceClient = undefined;
  return { results, where, pgSettings, restRss };
}

/** bench/tessera-server.ts as `pnpm start` runs the server: compiled by esbuild into one module (core/scripts/build-server.mjs --bench). */
const TESSERA_BUNDLE = join(BENCH_DIR, '..', 'core', 'dist', 'bench-server.mjs');
function buildTesseraServer(): void {
  execFileSync(process.execPath, [join(BENCH_DIR, '..', 'core', 'scripts', 'build-server.mjs'), '--bench'], { stdio: ['ignore', 'ignore', 'inherit'] });
  log(`compiled bench/tessera-server.ts into ${TESSERA_BUNDLE.slice(join(BENCH_DIR, '..').length + 1)}`);
}

async function main(): Promise<number> {
  const started = Date.now();
  buildTesseraServer();
  const loadBefore = loadAverage();
  const errors: string[] = [];
  const runs: Awaited<ReturnType<typeof runSize>>[] = [];
  for (const size of ROW_COUNTS) runs.push(await runSize(size, errors));
  printReport({
    runs: runs.map((r) => ({ rows: r.results[0]?.rows ?? 0, results: r.results, restRss: r.restRss })),
    where: runs[0]!.where,
    pgSettings: runs[0]!.pgSettings,
    settings: {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP,
      seconds: SECONDS,
      rounds: ROUNDS,
      rssLimitMb: RSS_LIMIT_MB,
      postgresCpu: postmaster !== undefined || runs.some((r) => r.results.some((x) => x.tessera.dbCpuUsPerReq > 0)),
    },
    loadAverage: { before: loadBefore, after: loadAverage(), cores: availableParallelism() },
    errors,
    totalSeconds: (Date.now() - started) / 1000,
  });
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
