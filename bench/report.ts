/** The benchmark's report: a table per table size on stdout, bench/results/latest.json and latest.md (the README table). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DESCRIPTIONS, TARGETS, type OpName } from './ops.js';
import { RESULTS_DIR } from './shared.js';

export interface Measure {
  reqPerSec: number;
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  maxRssMb: number;
  cpuUsPerReq: number;
  dbCpuUsPerReq: number;
  queriesPerReq: number;
}

export interface OpResult {
  op: OpName;
  rows: number;
  baseline: Measure;
  tessera: Measure;
  roundRatios: number[];
}

export interface Report {
  runs: { rows: number; results: OpResult[]; restRss: { baseline: number; tessera: number } }[];
  where: string;
  pgSettings: Record<string, string>;
  settings: { connections: number; warmupSeconds: number; seconds: number; rounds: number; rssLimitMb: number; postgresCpu: boolean };
  loadAverage: { before: number; after: number; cores: number };
  errors: string[];
  totalSeconds: number;
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const rowsLabel = (n: number) => (n >= 1e6 ? `${fmt(n / 1e6, n % 1e6 ? 1 : 0)}M` : `${fmt(n / 1e3)}k`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r, ri) => {
      const line = r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

const verdict = (op: OpName, ratio: number) => (TARGETS[op] === undefined ? 'info' : ratio >= TARGETS[op]! ? 'PASS' : 'FAIL');

export function printReport(r: Report): void {
  const out: string[] = [];
  const { connections, warmupSeconds, seconds, rounds } = r.settings;
  out.push(
    '',
    `Tessera vs hand-written Fastify + pg baseline — ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s measured per server and operation (${rounds} alternating rounds), fresh server processes per operation`,
  );
  out.push(
    `database: ${r.where}, PostgreSQL ${r.pgSettings.server_version} (fsync ${r.pgSettings.fsync}, synchronous_commit ${r.pgSettings.synchronous_commit}); node ${process.version}`,
  );
  for (const run of r.runs) {
    const header = [
      'op',
      'base req/s',
      'tessera req/s',
      'ratio',
      'rounds',
      'p99 ms b/t',
      'target',
      'result',
      'app cpu µs/req b/t',
      'db cpu µs/req b/t',
      'SQL/req b/t',
      'RSS MB t',
    ];
    const rows: string[][] = [header];
    for (const { op, baseline: b, tessera: t, roundRatios } of run.results) {
      const ratio = t.reqPerSec / b.reqPerSec;
      rows.push([
        TARGETS[op] === undefined ? `${op}*` : op,
        fmt(b.reqPerSec),
        fmt(t.reqPerSec),
        `${fmt(ratio, 2)}x`,
        `${fmt(Math.min(...roundRatios), 2)}-${fmt(Math.max(...roundRatios), 2)}`,
        `${fmt(b.p99, 1)}/${fmt(t.p99, 1)}`,
        TARGETS[op] === undefined ? '-' : `>= ${TARGETS[op]}x`,
        verdict(op, ratio),
        `${fmt(b.cpuUsPerReq)}/${fmt(t.cpuUsPerReq)}`,
        r.settings.postgresCpu ? `${fmt(b.dbCpuUsPerReq)}/${fmt(t.dbCpuUsPerReq)}` : '-',
        `${fmt(b.queriesPerReq, 1)}/${fmt(t.queriesPerReq, 1)}`,
        fmt(t.maxRssMb),
      ]);
    }
    const rss = Math.max(...run.results.map((x) => x.tessera.maxRssMb));
    out.push('', `${run.rows.toLocaleString('en')} rows`, table(rows));
    out.push(
      `max RSS under load: tessera ${fmt(rss)} MB (limit ${r.settings.rssLimitMb} MB: ${rss < r.settings.rssLimitMb ? 'PASS' : 'FAIL'}), baseline ${fmt(Math.max(...run.results.map((x) => x.baseline.maxRssMb)))} MB; at rest ${fmt(run.restRss.tessera)} / ${fmt(run.restRss.baseline)} MB`,
    );
  }
  out.push('', 'ratio = tessera req/s ÷ baseline req/s over all rounds (higher is better); rounds = the lowest and highest per-round ratio');
  out.push(
    "app cpu = user + system CPU of the server process per request; db cpu = the same for PostgreSQL (postmaster and children) during that server's rounds; SQL/req = statements sent per request",
  );
  out.push(
    `machine load average (1 min): ${r.loadAverage.before.toFixed(1)} before, ${r.loadAverage.after.toFixed(1)} after, on ${r.loadAverage.cores} cores${Math.max(r.loadAverage.before, r.loadAverage.after) > r.loadAverage.cores + 1 ? ' — other processes competed for the CPU: req/s are noisy, the CPU µs/req and SQL/req columns less so' : ''}`,
  );
  out.push(`total time ${fmt(r.totalSeconds)} s`);
  if (r.errors.length) out.push('', 'ERRORS:', ...r.errors.map((e) => `  - ${e}`));
  console.log(out.join('\n'));

  mkdirSync(RESULTS_DIR, { recursive: true });
  // BENCH_OUT names the result files (default latest), so two runs can go side by side.
  const name = process.env.BENCH_OUT ?? 'latest';
  writeFileSync(join(RESULTS_DIR, `${name}.json`), JSON.stringify({ date: new Date().toISOString(), node: process.version, ...r }, null, 2));
  writeFileSync(join(RESULTS_DIR, `${name}.md`), markdown(r));
  process.stderr.write(`[bench] wrote ${join(RESULTS_DIR, `${name}.json`)} and ${name}.md\n`);
}

/** The README table: one row per operation, the ratio at each table size, CPU per request at the largest. */
export function markdown(r: Report): string {
  const sizes = r.runs.map((x) => x.rows);
  const last = r.runs[r.runs.length - 1]!;
  const ops = [...new Set(r.runs.flatMap((x) => x.results.map((y) => y.op)))];
  const lines = [
    `| operation | target | ${sizes.map((s) => `${rowsLabel(s)} rows`).join(' | ')} | app / db CPU µs per request at ${rowsLabel(last.rows)}, baseline → Tessera | SQL per request |`,
    `|---|---|${sizes.map(() => '---:|').join('')}---|---|`,
  ];
  for (const op of ops) {
    const cells = r.runs.map((run) => {
      const x = run.results.find((y) => y.op === op);
      if (!x) return '-';
      const ratio = x.tessera.reqPerSec / x.baseline.reqPerSec;
      return `${fmt(ratio, 2)}x ${verdict(op, ratio) === 'FAIL' ? '✗' : verdict(op, ratio) === 'PASS' ? '✓' : ''}`.trim();
    });
    const x = last.results.find((y) => y.op === op);
    const cpu = x
      ? `${fmt(x.baseline.cpuUsPerReq)} / ${r.settings.postgresCpu ? fmt(x.baseline.dbCpuUsPerReq) : '-'} → ${fmt(x.tessera.cpuUsPerReq)} / ${r.settings.postgresCpu ? fmt(x.tessera.dbCpuUsPerReq) : '-'}`
      : '-';
    const sql = x ? `${fmt(x.baseline.queriesPerReq, 1)} → ${fmt(x.tessera.queriesPerReq, 1)}` : '-';
    lines.push(`| ${op}: ${DESCRIPTIONS[op]} | ${TARGETS[op] === undefined ? '-' : `≥ ${TARGETS[op]}x`} | ${cells.join(' | ')} | ${cpu} | ${sql} |`);
  }
  const rss = r.runs.map((run) => `${fmt(Math.max(...run.results.map((x) => x.tessera.maxRssMb)))} MB at ${rowsLabel(run.rows)}`).join(', ');
  lines.push(
    '',
    `Server RSS under load (Tessera, limit ${r.settings.rssLimitMb} MB): ${rss}. Load average ${r.loadAverage.before.toFixed(1)} → ${r.loadAverage.after.toFixed(1)} on ${r.loadAverage.cores} cores; ${r.where}, PostgreSQL ${r.pgSettings.server_version}; ${r.settings.connections} connections, ${r.settings.seconds} s per server and operation in ${r.settings.rounds} alternating rounds.`,
  );
  return `${lines.join('\n')}\n`;
}
