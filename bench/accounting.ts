/**
 * Accounting at scale (issue 13, item 7): financial statements over 1,000,000 GL entries, and
 * what the posting adds to a sales invoice's submit. Not a test.
 *
 *   pnpm exec tsx bench/accounting.ts          (about 4-8 minutes on 2 shared cores)
 *
 * 1. Database: a fresh one on DATABASE_URL's server when set, else an embedded PostgreSQL in a
 *    temporary folder. Tessera (inventory, crm, sales, accounting) creates the tables and seeds
 *    the generic chart; ledger accounts are added under its root groups up to 500 accounts.
 * 2. 1,000,000 GL entries (500,000 balanced two-line vouchers, 2025-01-01 .. 2026-12-31) are
 *    generated with one INSERT ... SELECT generate_series straight into accounting_gl_entry, and
 *    the matching daily balances (accounting_account_balance) from them; VACUUM ANALYZE.
 *    A real journal entry is posted first in each year through the API (fiscal years, periods).
 * 3. Trial balance, P&L and balance sheet at several dates through the HTTP routes (Fastify
 *    inject, in-process: the time is the server's), BENCH_RUNS requests each (median, p95),
 *    against two hand-written SQL baselines of the same figures in the same run: one query over
 *    accounting_gl_entry (what a ledger without daily balances must do) and one over
 *    accounting_account_balance.
 * 4. Sales invoice with 10 lines: submit time with accounting on (the big ledger's database)
 *    and off (a second database with the same plugins less accounting), BENCH_INVOICES each,
 *    submitted in alternating rounds (on, off, on, off...) so load and warm-up fall on both alike.
 * Results: a table on stdout and bench/results/accounting.json.
 *
 * Environment: BENCH_RUNS (30), BENCH_GL_ENTRIES (1000000), BENCH_ACCOUNTS (500),
 * BENCH_INVOICES (30), BENCH_PG_FAST=1 (embedded PostgreSQL with fsync off), BENCH_KEEP_DB=1.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTessera, resolveConfig, startEmbeddedPostgres, type Tessera } from '@tessera/core';
import { RESULTS_DIR } from './shared.js';
import { balanceSheet, profitAndLoss, trialBalance } from '../plugins/accounting/src/reports/statements.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const ENTRIES = Number(process.env.BENCH_GL_ENTRIES ?? 1_000_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 500);
const INVOICES = Number(process.env.BENCH_INVOICES ?? 30);
const TARGET_MS = 100;
const INVOICE_TARGET = 1.3;

const log = (m: string) => process.stderr.write(`[bench accounting] ${m}\n`);
const cleanups: (() => Promise<void>)[] = [];

// ------------------------------------------------------------------ databases

let adminUrl = '';
async function startServer(): Promise<string> {
  if (process.env.DATABASE_URL) return `DATABASE_URL's server (${new URL(process.env.DATABASE_URL).host})`;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-acct-'));
  const emb = await startEmbeddedPostgres(dir, { fast: process.env.BENCH_PG_FAST === '1' });
  cleanups.push(async () => {
    await emb.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  adminUrl = emb.url('postgres');
  return 'embedded PostgreSQL';
}

async function createDatabase(): Promise<string> {
  const base = process.env.DATABASE_URL ?? adminUrl;
  const name = `tessera_bench_acct_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  if (process.env.BENCH_KEEP_DB !== '1')
    cleanups.unshift(async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
      await c.end();
    });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function start(plugins: string[]): Promise<{ t: Tessera; req: (method: string, url: string, body?: unknown) => Promise<{ status: number; body: any }> }> {
  const t = await createTessera({
    config: resolveConfig({ plugins, company: { name: 'Bench UAB', currency: 'EUR', locale: 'en', fiscalYearStart: '01-01' } } as any, '(accounting bench)'),
    databaseUrl: await createDatabase(),
    logger: false,
    jobWorkers: false,
  });
  cleanups.unshift(() => t.close());
  let token = '';
  if (t.auth) {
    const { id } = await t.auth.createUser({ username: 'bench-admin', password: randomBytes(12).toString('hex'), roles: [], isAdmin: true });
    token = (await t.auth.createApiToken(id, 'bench')).token;
  }
  const req = async (method: string, url: string, body?: unknown) => {
    const res = await t.app.inject({
      method: method as any,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = (res.headers['content-type'] ?? '').toString().includes('json') ? res.json() : res.body;
    return { status: res.statusCode, body: parsed };
  };
  return { t, req };
}

const must = (r: { status: number; body: any }, status: number, what: string) => {
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
};

// ------------------------------------------------------------------ the ledger

async function seedLedger(t: Tessera, req: Awaited<ReturnType<typeof start>>['req']): Promise<{ ledgers: number; accounts: number }> {
  const q = (text: string, params: unknown[] = []) => t.db.query(text, params);
  const roots = (await q(`select id, root_type from accounting_account where parent is null and is_group order by number`)).rows as {
    id: number;
    root_type: string;
  }[];
  const rootOf = new Map<string, number>();
  for (const r of roots) if (!rootOf.has(r.root_type)) rootOf.set(r.root_type, r.id);
  const existing = Number((await q(`select count(*)::int as n from accounting_account`)).rows[0].n);
  const add = Math.max(0, ACCOUNTS - existing);
  // shares of the added ledger accounts per root type, with current/long-term and a few types
  await q(
    `insert into accounting_account (number, name, parent, is_group, root_type, account_type, is_current)
     select 'B' || lpad(i::text, 4, '0'), 'Bench account ' || i, r.parent, false, r.root_type,
            case when r.root_type = 'asset' and i % 10 = 0 then 'bank'
                 when r.root_type = 'asset' and i % 10 = 1 then 'stock'
                 when r.root_type = 'asset' and i % 10 in (2, 3, 4, 5) then 'current_asset'
                 when r.root_type = 'asset' then 'fixed_asset'
                 when r.root_type = 'liability' and i % 3 <> 0 then 'current_liability'
                 when r.root_type = 'income' then 'income'
                 when r.root_type = 'expense' and i % 5 = 0 then 'cogs'
                 when r.root_type = 'expense' then 'expense'
                 else null end,
            (r.root_type = 'asset' and i % 10 < 6) or (r.root_type = 'liability' and i % 3 <> 0)
       from generate_series(1, $1::int) i
       cross join lateral (select case when i % 20 < 8 then 'asset' when i % 20 < 12 then 'liability' when i % 20 < 13 then 'equity' when i % 20 < 15 then 'income' else 'expense' end as root_type) k
       cross join lateral (select k.root_type, (array[$2::bigint, $3::bigint, $4::bigint, $5::bigint, $6::bigint])[array_position(array['asset','liability','equity','income','expense'], k.root_type)] as parent) r`,
    [add, rootOf.get('asset'), rootOf.get('liability'), rootOf.get('equity'), rootOf.get('income'), rootOf.get('expense')],
  );
  const ledgerIds = (
    await q(
      `select id from accounting_account where not is_group and not frozen and not disabled and coalesce(account_type, '') not in ('receivable', 'payable', 'temporary') order by id`,
    )
  ).rows.map((r: any) => Number(r.id));
  // a real journal in each year first: fiscal years and periods exist, and posting works on this database
  for (const date of ['2025-01-01', '2026-01-01']) {
    const j = must(
      await req('POST', '/api/accounting/journal_entry', {
        entry_type: 'journal',
        posting_date: date,
        lines: [
          { account: ledgerIds[0], debit: '1.00' },
          { account: ledgerIds[1], credit: '1.00' },
        ],
      }),
      201,
      'journal',
    );
    must(await req('POST', `/api/accounting/journal_entry/${j.id}/submit`), 200, 'journal submit');
  }
  const vouchers = Math.floor(ENTRIES / 2);
  const t0 = Date.now();
  await q(
    `insert into accounting_gl_entry (posting_date, account, debit, credit, voucher_type, voucher_id, voucher_no, is_reversal, fiscal_year, remarks)
     select d.day, case when s.side = 1 then ($2::bigint[])[1 + (hashint8(v::bigint)::bigint + 2147483648) % $3] else ($2::bigint[])[1 + (hashint8(v::bigint + 1000000007)::bigint + 2147483648) % $3] end,
            case when s.side = 1 then a.amount else 0 end, case when s.side = 2 then a.amount else 0 end,
            'bench.voucher', v, 'BV-' || v, false, fy.id, null
       from generate_series(1, $1::int) v
       cross join lateral (select ('2025-01-01'::date + (v % 730))::date as day) d
       cross join lateral (select round(((v::bigint * 7919) % 1000000) / 100.0 + 0.01, 2) as amount) a
       cross join (values (1), (2)) s(side)
       join accounting_fiscal_year fy on d.day between fy.start_date and fy.end_date`,
    [vouchers, ledgerIds, ledgerIds.length],
  );
  log(`${vouchers * 2} GL entries in ${Date.now() - t0} ms`);
  const t1 = Date.now();
  // daily balances of the generated entries, added to those the two journals wrote
  await q(
    `insert into accounting_account_balance (account, posting_date, debit, credit)
     select account, posting_date, sum(debit), sum(credit) from accounting_gl_entry where voucher_type = 'bench.voucher' group by account, posting_date
     on conflict (account, posting_date) do update set debit = accounting_account_balance.debit + excluded.debit, credit = accounting_account_balance.credit + excluded.credit`,
  );
  log(`daily balances in ${Date.now() - t1} ms`);
  await q('vacuum analyze accounting_gl_entry');
  await q('vacuum analyze accounting_account_balance');
  await q('vacuum analyze accounting_account');
  const counts = (
    await q(
      `select (select count(*) from accounting_gl_entry)::int as gl, (select count(*) from accounting_account_balance)::int as days, (select count(*) from accounting_account)::int as accounts`,
    )
  ).rows[0];
  log(`ledger: ${counts.gl} entries, ${counts.days} account-days, ${counts.accounts} accounts`);
  return { ledgers: ledgerIds.length, accounts: Number(counts.accounts) };
}

// ------------------------------------------------------------------ timing

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
};

async function time(n: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await fn(); // warm-up: plans and caches
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return { median: median(xs), p95: p95(xs) };
}

/** The same figures, hand-written: one query over a source (the entries or the daily balances). */
const baselineSql = {
  'trial-balance': (src: string) =>
    `select b.account, sum(b.debit - b.credit) filter (where b.posting_date < $1) as opening, sum(b.debit) filter (where b.posting_date >= $1) as debit,
            sum(b.credit) filter (where b.posting_date >= $1) as credit, sum(b.debit - b.credit) as closing
       from ${src} b where b.posting_date <= $2 group by b.account`,
  'profit-and-loss': (src: string) =>
    `select b.account, sum(b.credit - b.debit) as amount from ${src} b join accounting_account a on a.id = b.account
      where b.posting_date between $1 and $2 and a.root_type in ('income', 'expense') group by b.account`,
  'balance-sheet': (src: string) => `select b.account, sum(b.debit - b.credit) as balance from ${src} b where b.posting_date <= $1 group by b.account`,
};

// ------------------------------------------------------------------ sales invoice submit

/** Prepares INVOICES + 1 draft invoices of 10 lines and returns a function that submits the next one. */
async function invoiceSubmits(req: Awaited<ReturnType<typeof start>>['req'], label: string): Promise<() => Promise<unknown>> {
  const wh = must(await req('POST', '/api/inventory/warehouse', { name: `Bench ${label}` }), 201, 'warehouse');
  const uom = (await req('GET', '/api/inventory/uom?limit=1')).body.data[0];
  const items: number[] = [];
  for (let i = 0; i < 10; i++)
    items.push(
      must(
        await req('POST', '/api/inventory/item', {
          code: `BI-${label}-${i}`,
          name: `Bench item ${i}`,
          stock_uom: uom.id,
          is_stock_item: false,
          standard_rate: '10.00',
        }),
        201,
        'item',
      ).id,
    );
  const customer = must(await req('POST', '/api/sales/customer', { name: `Bench customer ${label}`, default_warehouse: wh.id }), 201, 'customer').id;
  const order = must(
    await req('POST', '/api/sales/sales_order', {
      customer,
      order_date: '2026-06-01',
      delivery_date: '2026-06-30',
      warehouse: wh.id,
      lines: items.map((item, i) => ({ item, qty: '1000', rate: `${10 + i}.25`, warehouse: wh.id })),
    }),
    201,
    'sales order',
  );
  const submitted = must(await req('POST', `/api/sales/sales_order/${order.id}/submit`), 200, 'order submit');
  const drafts: number[] = [];
  for (let i = 0; i < INVOICES + 1; i++)
    drafts.push(
      must(
        await req('POST', '/api/sales/sales_invoice', {
          sales_order: order.id,
          posting_date: '2026-06-15',
          lines: submitted.lines.map((l: any) => ({ sales_order_item: l.id, qty: '1' })),
        }),
        201,
        'invoice',
      ).id,
    );
  let k = 0;
  return async () => must(await req('POST', `/api/sales/sales_invoice/${drafts[k++]}/submit`), 200, 'invoice submit');
}

/** Times two operations in alternating rounds (a, b, a, b...), so load and warm-up fall on both alike. */
async function interleaved(
  n: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[{ median: number; p95: number }, { median: number; p95: number }]> {
  await a(); // warm-up: plans and caches
  await b();
  const xa: number[] = [];
  const xb: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const [fn, xs] of [
      [a, xa],
      [b, xb],
    ] as const) {
      const t0 = performance.now();
      await fn();
      xs.push(performance.now() - t0);
    }
  }
  return [
    { median: median(xa), p95: p95(xa) },
    { median: median(xb), p95: p95(xb) },
  ];
}

// ------------------------------------------------------------------ run

const startLoad = loadavg()
  .map((x) => x.toFixed(1))
  .join(' / ');

async function main() {
  const where = await startServer();
  log(`database: ${where}`);
  const big = await start(['inventory', 'crm', 'sales', 'accounting']);
  const { accounts } = await seedLedger(big.t, big.req);
  const dates = ['2025-03-31', '2025-12-31', '2026-06-30', '2026-12-31'];
  type T = { median: number; p95: number };
  const rows: { report: string; date: string; tessera: T; fn: T; balances: T; entries: T }[] = [];
  // the report functions alone (no HTTP, auth, transaction): where the time goes
  const trace: { text: string; params: unknown[]; ms: number }[] = [];
  const ctx = {
    sql: async (text: string, params?: unknown[]) => {
      const t0 = performance.now();
      const res = await big.t.db.query(text, params ?? []);
      trace.push({ text, params: params ?? [], ms: performance.now() - t0 });
      return res.rows;
    },
    rowFilter: () => 'true',
    config: big.t.registry.config,
  } as any;
  const fns = { 'trial-balance': trialBalance, 'profit-and-loss': profitAndLoss, 'balance-sheet': balanceSheet } as Record<
    string,
    (c: any, q: any) => Promise<unknown>
  >;
  const sqlq = (text: string, params: unknown[]) => big.t.db.query(text, params);
  for (const date of dates) {
    const from = `${date.slice(0, 4)}-01-01`;
    const reports: [string, string, unknown[], Record<string, string>][] = [
      ['trial-balance', `/api/accounting/reports/trial-balance?from=${from}&to=${date}`, [from, date], { from, to: date }],
      ['profit-and-loss', `/api/accounting/reports/profit-and-loss?from=${from}&to=${date}`, [from, date], { from, to: date }],
      ['balance-sheet', `/api/accounting/reports/balance-sheet?as_of=${date}`, [date], { as_of: date }],
    ];
    for (const [report, url, params, query] of reports) {
      const sql = baselineSql[report as keyof typeof baselineSql];
      const tessera = await time(RUNS, async () => must(await big.req('GET', url), 200, report));
      const fn = await time(RUNS, () => fns[report]!(ctx, query));
      if (process.env.BENCH_EXPLAIN === '1') {
        trace.length = 0;
        const t0 = performance.now();
        await fns[report]!(ctx, query);
        const total = performance.now() - t0;
        log(
          `  ${report} ${date}: ${total.toFixed(1)} ms = SQL ${trace.map((x) => x.ms.toFixed(1)).join(' + ')} ms + JS ${(total - trace.reduce((a, x) => a + x.ms, 0)).toFixed(1)} ms`,
        );
        const slowest = trace.reduce((a, x) => (x.ms > a.ms ? x : a));
        const plan = await big.t.db.query(`explain (analyze, buffers) ${slowest.text}`, slowest.params);
        log(plan.rows.map((r: any) => `    ${r['QUERY PLAN']}`).join('\n'));
      }
      const balances = await time(RUNS, () => sqlq(sql('accounting_account_balance'), params));
      const entries = await time(Math.min(RUNS, 10), () => sqlq(sql('accounting_gl_entry'), params));
      rows.push({ report, date, tessera, fn, balances, entries });
      log(
        `${report} ${date}: Tessera ${tessera.median.toFixed(1)} ms (report function ${fn.median.toFixed(1)} ms), SQL over balances ${balances.median.toFixed(1)} ms, SQL over entries ${entries.median.toFixed(1)} ms`,
      );
    }
  }
  // the statements balance on the generated ledger
  const tb = must(await big.req('GET', '/api/accounting/reports/trial-balance?from=2025-01-01&to=2026-12-31'), 200, 'trial balance');
  const bs = must(await big.req('GET', '/api/accounting/reports/balance-sheet?as_of=2026-12-31'), 200, 'balance sheet');
  if (!tb.balanced || !bs.balanced)
    throw new Error(`the generated ledger does not balance: trial balance ${JSON.stringify(tb.totals)}, balance sheet check ${bs.totals.check}`);

  // The same plugins with and without accounting, submits in alternating rounds; "on" runs on the big ledger.
  log('sales invoice submits, accounting on (the big ledger) and off, interleaved');
  const submitOn = await invoiceSubmits(big.req, 'on');
  const submitOff = await invoiceSubmits((await start(['inventory', 'crm', 'sales'])).req, 'off');
  const [on, off] = await interleaved(INVOICES, submitOn, submitOff);
  const ratio = on.median / off.median;

  const f = (x: number) => x.toFixed(1);
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
  const lines = [
    `Machine load average (1 / 5 / 15 min) at the end: ${load}; at the start: ${startLoad}`,
    `Accounting benchmark: ${ENTRIES.toLocaleString('en')} GL entries, ${accounts} accounts, 2025-01-01..2026-12-31 (${where}); ${RUNS} requests per figure (SQL over entries: ${Math.min(RUNS, 10)})`,
    '',
    '| report | date | Tessera median / p95 (ms) | of which the report function (ms) | SQL over daily balances median (ms) | SQL over entries median (ms) | Tessera / balances SQL | Tessera / entries SQL | target < 100 ms |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.report} | ${r.date} | ${f(r.tessera.median)} / ${f(r.tessera.p95)} | ${f(r.fn.median)} | ${f(r.balances.median)} | ${f(r.entries.median)} | ${(r.tessera.median / r.balances.median).toFixed(2)}x | ${(r.tessera.median / r.entries.median).toFixed(2)}x | ${r.tessera.p95 < TARGET_MS ? 'met' : r.tessera.median < TARGET_MS ? 'median met, p95 not' : 'MISSED'} |`,
    ),
    '',
    `Sales invoice (10 lines) submit: accounting off ${f(off.median)} ms (p95 ${f(off.p95)}), on ${f(on.median)} ms (p95 ${f(on.p95)}): ${ratio.toFixed(2)}x (+${((ratio - 1) * 100).toFixed(0)} %), target at most +${((INVOICE_TARGET - 1) * 100).toFixed(0)} %: ${ratio <= INVOICE_TARGET ? 'met' : 'MISSED'}`,
  ];
  console.log(lines.join('\n'));
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(RESULTS_DIR, 'accounting.json'),
    JSON.stringify(
      {
        at: new Date().toISOString(),
        load: { start: startLoad, end: loadavg() },
        where,
        entries: ENTRIES,
        accounts,
        runs: RUNS,
        rows,
        invoice: { on, off, ratio },
      },
      null,
      2,
    ),
  );
}

try {
  await main();
} finally {
  for (const c of cleanups) await c().catch(() => undefined);
}
process.exit(0);
