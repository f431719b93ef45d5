/**
 * Import and export at scale (issue 16). Not a test.
 *
 *   pnpm exec tsx bench/data-io.ts                      (100k and 1M rows; several minutes)
 *   BENCH_SIZES=100000 pnpm exec tsx bench/data-io.ts   (100k only)
 *   BENCH_OPS=export BENCH_FORMATS=csv ...              (only some operations: import, export; csv, xlsx)
 *   BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/p'  (node options for the server process)
 *   BENCH_MEMORY=1                                      (the server's heap and RSS every second, on stderr)
 *   TESSERA_MAX_HEAP_MB=0                               (V8's own heap sizing instead of pnpm start's limit)
 *
 * A fresh database (DATABASE_URL's server, else an embedded PostgreSQL in a temporary folder)
 * with the inventory plugin; Tessera listens on a local port and is driven over real HTTP.
 * For each size N:
 *   import  a CSV of N units of measure (simple rows: no plugin code on create) and one of
 *           min(N, BENCH_ITEM_IMPORT) items (code, name, stock unit by name, rate, a boolean;
 *           a create hook per row) through POST /api/inventory/<entity>/import (a background
 *           job above 5,000 rows: polled until done), each against a hand-written baseline in
 *           the same run: the same rows inserted with multi-row INSERTs of 1,000 rows over one
 *           pg connection, in one transaction.
 *   export  GET /api/inventory/item?format=csv and ?format=xlsx of N items (topped up with
 *           generated rows), read as a
 *           stream and discarded, against a baseline: the same rows read through a pg cursor
 *           and joined into CSV lines by hand.
 * The server runs in its own process (bench/data-io-server.ts); its peak RSS (VmRSS) is
 * sampled every 50 ms during each operation.
 * Results: a table on stdout and bench/results/data-io.json.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '@tessera/core';
import { heapArgs } from '../core/src/heap.js';
import { RESULTS_DIR } from './shared.js';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
/** Items imported per size at most (the record-by-record path: 1M would take many minutes). */
const ITEM_IMPORT = Number(process.env.BENCH_ITEM_IMPORT ?? 100_000);
const OPS = new Set((process.env.BENCH_OPS ?? 'import,export').split(','));
const FORMATS = (process.env.BENCH_FORMATS ?? 'csv,xlsx').split(',');
const log = (m: string) => process.stderr.write(`[bench data-io] ${m}\n`);
const cleanups: (() => Promise<void>)[] = [];

/** Peak RSS of the server process (/proc/<pid>/status VmRSS), sampled every 50 ms. */
let serverPid = 0;
let peak = 0;
let sampler: NodeJS.Timeout | undefined;
const mb = (b: number) => Math.round(b / 1024 / 1024);
function rssMb(pid: number): number {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}
function watchRss(): void {
  peak = rssMb(serverPid);
  sampler = setInterval(() => (peak = Math.max(peak, rssMb(serverPid))), 50);
}
function stopRss(): number {
  if (sampler) clearInterval(sampler);
  return peak;
}

/** Starts bench/data-io-server.ts on the database; resolves with its address, pid and token. */
let stopServer = async () => undefined as void;
async function startServer(url: string): Promise<{ address: string; token: string }> {
  await stopServer();
  // The heap limit `pnpm start` gives the server (TESSERA_MAX_HEAP_MB, 0 for V8's own sizing), then
  // BENCH_NODE_ARGS: more node options for the server (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
  const nodeArgs = [...heapArgs(), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'data-io-server.ts'], {
    cwd: dirname(fileURLToPath(import.meta.url)),
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let exited = false;
  const exit = new Promise((r) => proc.once('exit', () => r((exited = true))));
  stopServer = async () => {
    if (exited) return;
    proc.stdin!.end('stop\n');
    await exit;
  };
  let buf = '';
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
    proc.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const m = /READY (\{.*\})/.exec(buf);
      if (!m) return;
      const info = JSON.parse(m[1]!);
      serverPid = info.pid;
      resolve({ address: `http://127.0.0.1:${info.port}`, token: info.token });
    });
  });
}

async function database(): Promise<string> {
  let base = process.env.DATABASE_URL;
  if (!base) {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-io-'));
    const emb = await startEmbeddedPostgres(dir, { fast: process.env.BENCH_PG_FAST === '1' });
    cleanups.push(async () => {
      await emb.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });
    base = emb.url('postgres');
  }
  const name = `tessera_bench_io_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

function uomCsv(n: number, prefix: string): string {
  const lines = ['Unit,Description,Whole numbers only'];
  for (let i = 0; i < n; i++) lines.push(`${prefix}${i},Unit ${i},${i % 2 ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
}

function csvOf(n: number, prefix: string): string {
  const lines = ['Item code,Name,Stock unit,Standard buying rate,Maintain stock'];
  for (let i = 0; i < n; i++) lines.push(`${prefix}${i},"Item ${i} ""bench""",Nos,${(i % 1000) / 100},${i % 2 ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ s: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { s: (performance.now() - t0) / 1000, value };
}

async function main() {
  const url = await database();
  let { address, token } = await startServer(url);
  cleanups.unshift(() => stopServer());
  log(`server pid ${serverPid}, RSS ${rssMb(serverPid)} MB at rest`);
  let auth = { authorization: `Bearer ${token}` };
  const baseline = new pg.Client({ connectionString: url });
  await baseline.connect();
  cleanups.unshift(() => baseline.end());
  const nos = (await baseline.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  const results: Record<string, unknown>[] = [];

  for (const n of SIZES) {
    // ---------------------------------------------------------------- import
    // Simple rows (units of measure: no plugin code on create, the bulk path), and items (a
    // create hook per row: the record-by-record path), each against the hand-written INSERTs.
    for (const kind of OPS.has('import') ? (['uom', 'item'] as const) : []) {
      const rows = kind === 'item' ? Math.min(n, ITEM_IMPORT) : n;
      if (!rows) continue;
      const body = kind === 'uom' ? uomCsv(rows, `U${n}-`) : csvOf(rows, `I${n}-`);
      watchRss();
      const imp = await timed(async () => {
        const res = await fetch(`${address}/api/inventory/${kind}/import`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body });
        let state: any = await res.json();
        if (res.status !== 202 && res.status !== 200) throw new Error(`import refused: ${JSON.stringify(state).slice(0, 500)}`);
        const poll = `${address}/api/inventory/${kind}/import/${state.batch}`;
        while (state.status === 'queued' || state.status === 'running') {
          await new Promise((r) => setTimeout(r, 250));
          state = await (await fetch(poll, { headers: auth })).json();
        }
        if (state.status !== 'done' || state.created !== rows) throw new Error(`import ended ${JSON.stringify(state).slice(0, 500)}`);
        return state;
      });
      const importRss = stopRss();
      const base = await timed(async () => {
        await baseline.query('begin');
        for (let i = 0; i < rows; i += 1000) {
          const vals: unknown[] = [];
          const tuples: string[] = [];
          for (let j = i; j < Math.min(rows, i + 1000); j++) {
            const k = vals.length;
            if (kind === 'uom') {
              vals.push(`B${n}-${j}`, `Unit ${j}`, j % 2 === 1);
              tuples.push(`($${k + 1}, $${k + 2}, $${k + 3})`);
            } else {
              vals.push(`B${n}-${j}`, `Item ${j} "bench"`, nos, String((j % 1000) / 100), j % 2 === 1);
              tuples.push(`($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}, $${k + 5})`);
            }
          }
          await baseline.query(
            kind === 'uom'
              ? `insert into inventory_uom (name, description, whole_number) values ${tuples.join(', ')}`
              : `insert into inventory_item (code, name, stock_uom, standard_rate, is_stock_item) values ${tuples.join(', ')}`,
            vals,
          );
        }
        await baseline.query('commit');
      });
      results.push({
        op: `import CSV (${kind === 'uom' ? 'units: simple rows' : 'items: create hook'})`,
        rows,
        seconds: +imp.s.toFixed(1),
        rowsPerSecond: Math.round(rows / imp.s),
        baselineSeconds: +base.s.toFixed(1),
        ratio: +(base.s / imp.s).toFixed(2),
        peakRssMb: importRss,
      });
      log(`import ${kind} ${rows}: ${imp.s.toFixed(1)} s (${Math.round(rows / imp.s)} rows/s), baseline ${base.s.toFixed(1)} s, peak RSS ${importRss} MB`);
    }
    // The export reads n items: top the table up with generated rows.
    const have = Number((await baseline.query(`select count(*) from inventory_item`)).rows[0].count);
    if (have < n)
      await baseline.query(
        `insert into inventory_item (code, name, stock_uom, standard_rate, is_stock_item) select 'G${n}-' || g, 'Generated ' || g, $1, (g % 1000)::numeric / 100, g % 2 = 0 from generate_series(1, ${n - have}) g`,
        [nos],
      );
    await baseline.query(
      `delete from inventory_item where id in (select id from inventory_item order by id desc limit greatest(0, (select count(*) from inventory_item) - ${n}))`,
    );
    await baseline.query('vacuum analyze inventory_item');
    // A fresh server for the exports: their memory is measured from rest, not on top of the imports'.
    ({ address, token } = await startServer(url));
    auth = { authorization: `Bearer ${token}` };
    const restRss = rssMb(serverPid);
    log(`export server RSS ${restRss} MB at rest`);

    // ---------------------------------------------------------------- export (n items)
    const total = Number((await baseline.query(`select count(*) from inventory_item`)).rows[0].count);
    for (const format of OPS.has('export') ? FORMATS : []) {
      watchRss();
      const exp = await timed(async () => {
        const res = await fetch(`${address}/api/inventory/item?format=${format}&sort=id`, { headers: auth });
        if (res.status !== 200) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
        let bytes = 0;
        for await (const chunk of res.body as any) bytes += chunk.length;
        return bytes;
      });
      const rss = stopRss();
      const ref = await timed(async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query('begin');
        await c.query(
          `declare b no scroll cursor for select i.id, i.code, i.name, u.name as uom, i.standard_rate, i.is_stock_item from inventory_item i left join inventory_uom u on u.id = i.stock_uom order by i.id`,
        );
        let bytes = 0;
        for (;;) {
          const r = await c.query('fetch 2000 from b');
          if (!r.rows.length) break;
          bytes += r.rows
            .map((x) => `${x.id},${x.code},"${String(x.name).replace(/"/g, '""')}",${x.uom},${x.standard_rate},${x.is_stock_item}`)
            .join('\r\n').length;
        }
        await c.query('commit');
        await c.end();
        return bytes;
      });
      results.push({
        op: `export ${format.toUpperCase()}`,
        restRssMb: restRss,
        rows: total,
        seconds: +exp.s.toFixed(1),
        rowsPerSecond: Math.round(total / exp.s),
        megabytes: mb(exp.value),
        baselineSeconds: +ref.s.toFixed(1),
        ratio: +(ref.s / exp.s).toFixed(2),
        peakRssMb: rss,
      });
      log(
        `export ${format} ${total}: ${exp.s.toFixed(1)} s (${Math.round(total / exp.s)} rows/s, ${mb(exp.value)} MB), baseline ${ref.s.toFixed(1)} s, peak RSS ${rss} MB`,
      );
    }
  }

  console.log(`\n| operation | rows | seconds | rows/s | baseline s | ratio (baseline/Tessera time) | peak RSS MB |\n|---|---|---|---|---|---|---|`);
  for (const r of results) console.log(`| ${r.op} | ${r.rows} | ${r.seconds} | ${r.rowsPerSecond} | ${r.baselineSeconds} | ${r.ratio}x | ${r.peakRssMb} |`);
  console.log(
    `\nload average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}, ${new Date().toISOString()}`,
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'data-io.json'), JSON.stringify({ at: new Date().toISOString(), loadavg: loadavg(), results }, null, 2));
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const c of cleanups) await c().catch(() => undefined);
  });
