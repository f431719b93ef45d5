/**
 * verifyLedger: the ledger's invariants, each problem named with what differs.
 *   - every voucher balances (debits = credits);
 *   - account_balance equals the sum of gl_entry per account and day;
 *   - each stock account equals the stock ledger value of its warehouses, today and at `asOf`
 *     (values from inventory's public stockBalance report);
 *   - every submitted document with accounting effect has live entries (postingRules), and
 *     no cancelled document keeps any.
 * It reads every voucher by design (an audit, not a statement).
 */
import { Decimal, type ServiceContext } from '@tessera/core';
import { stockBalance } from '@tessera/plugin-inventory/api';
import { candidates, enabledRules } from './documents.js';
import { controlAccountProblems } from '../receivables/verify.js';
import { accountFor, BALANCE_TABLE, GL_TABLE } from './post.js';

export interface LedgerProblem {
  check: 'voucher_balance' | 'daily_balance' | 'stock_account' | 'missing_entries' | 'cancelled_with_entries' | 'control_account' | 'outstanding_amount';
  message: string;
  [k: string]: unknown;
}

export interface LedgerVerifyResult {
  ok: boolean;
  problems: LedgerProblem[];
  checked: { vouchers: number; accounts_days: number; stock_accounts: number; documents: number; dates: string[] };
}

/** Stock values within a cent per account are rounding of per-line postings, not a mismatch. */
const STOCK_TOLERANCE = new Decimal('0.01');

export async function verifyLedger(ctx: ServiceContext, opts: { asOf?: string } = {}): Promise<LedgerVerifyResult> {
  const problems: LedgerProblem[] = [];
  const unbalanced = await ctx.sql<{ voucher_type: string; voucher_id: number; voucher_no: string; debit: string; credit: string }>(
    `select voucher_type, voucher_id, max(voucher_no) as voucher_no, sum(debit)::text as debit, sum(credit)::text as credit
       from ${GL_TABLE} group by voucher_type, voucher_id having sum(debit) <> sum(credit) order by 1, 2`,
  );
  for (const u of unbalanced)
    problems.push({ check: 'voucher_balance', message: `${u.voucher_type} ${u.voucher_no}: debits ${u.debit} <> credits ${u.credit}`, ...u });
  const [{ vouchers }] = (await ctx.sql<{ vouchers: number }>(`select count(distinct (voucher_type, voucher_id))::int as vouchers from ${GL_TABLE}`)) as [
    { vouchers: number },
  ];

  const days = await ctx.sql<{
    account: number;
    posting_date: string;
    balance_debit: string | null;
    balance_credit: string | null;
    entries_debit: string | null;
    entries_credit: string | null;
  }>(
    `select coalesce(b.account, g.account) as account, to_char(coalesce(b.posting_date, g.posting_date), 'YYYY-MM-DD') as posting_date,
            b.debit::text as balance_debit, b.credit::text as balance_credit, g.d::text as entries_debit, g.c::text as entries_credit
       from ${BALANCE_TABLE} b
       full join (select account, posting_date, sum(debit) as d, sum(credit) as c from ${GL_TABLE} group by account, posting_date) g
         on g.account = b.account and g.posting_date = b.posting_date
      where b.account is null or g.account is null or b.debit <> g.d or b.credit <> g.c`,
  );
  for (const d of days)
    problems.push({
      check: 'daily_balance',
      message: `account ${d.account} on ${d.posting_date}: daily balance ${d.balance_debit ?? '-'}/${d.balance_credit ?? '-'} <> entries ${d.entries_debit ?? '-'}/${d.entries_credit ?? '-'}`,
      ...d,
    });
  const [{ n: accountsDays }] = (await ctx.sql<{ n: number }>(`select count(*)::int as n from ${BALANCE_TABLE}`)) as [{ n: number }];

  // Stock accounts: each stock warehouse's account (its mapping or the default), plus every account of type stock.
  const today = new Date().toISOString().slice(0, 10);
  const dates = [...new Set([today, ...(opts.asOf ? [opts.asOf] : [])])];
  const warehouses = await ctx.sql<{ id: number; name: string }>(`select id, name from inventory_v_warehouse where not is_group order by id`);
  const accountOf = new Map<number, number>();
  const stockAccounts = new Set<number>(
    (await ctx.sql<{ id: number }>(`select id from accounting_account where account_type = 'stock' and not is_group`)).map((r) => Number(r.id)),
  );
  const hasStock = (await ctx.sql(`select 1 from inventory_v_stock_ledger limit 1`)).length > 0;
  if (hasStock || stockAccounts.size) {
    for (const w of warehouses) {
      try {
        const a = await accountFor(ctx, 'stock', { warehouse: Number(w.id) });
        accountOf.set(Number(w.id), a);
        stockAccounts.add(a);
      } catch (e) {
        if (hasStock) problems.push({ check: 'stock_account', message: `warehouse ${w.name}: ${(e as Error).message}`, warehouse: Number(w.id) });
      }
    }
  }
  for (const date of dates) {
    const expected = new Map<number, Decimal>([...stockAccounts].map((a) => [a, new Decimal(0)]));
    for (const [w, a] of accountOf) {
      const r = await stockBalance(ctx.sql, { as_of: date, warehouse: String(w), include_zero: 'true', limit: '1' });
      expected.set(a, expected.get(a)!.add(new Decimal(r.totals.value)));
    }
    if (!expected.size) continue;
    const gl = new Map(
      (
        await ctx.sql<{ account: number; balance: string }>(
          `select account, sum(debit - credit)::text as balance from ${BALANCE_TABLE} where account = any($1::bigint[]) and posting_date <= $2::date group by account`,
          [[...expected.keys()], date],
        )
      ).map((r) => [Number(r.account), new Decimal(r.balance)]),
    );
    for (const [a, value] of expected) {
      const ledger = gl.get(a) ?? new Decimal(0);
      if (ledger.sub(value).abs().gt(STOCK_TOLERANCE)) {
        const [acc] = await ctx.sql<{ number: string; name: string }>(`select number, name from accounting_account where id = $1`, [a]);
        problems.push({
          check: 'stock_account',
          message: `stock account ${acc?.number} ${acc?.name} on ${date}: ledger balance ${ledger.toFixed(2)} <> stock ledger value ${value.toFixed(2)} of its warehouses`,
          account: a,
          date,
          ledger: ledger.toFixed(2),
          stock_value: value.toFixed(2),
        });
      }
    }
  }

  // Documents: submitted ones have their entries (a rule's build() returning a voucher = missing).
  let documents = 0;
  for (const c of await candidates(ctx)) {
    documents++;
    // A rule that refuses (e.g. a missing account) means the entries are missing too: report why. (postings part)
    let v: Awaited<ReturnType<typeof c.rule.build>>;
    try {
      v = await c.rule.build(ctx, c.doc);
    } catch (e) {
      problems.push({
        check: 'missing_entries',
        message: `${c.rule.voucherType} ${c.doc.number ?? c.doc.id} is submitted but cannot be posted: ${(e as Error).message}`,
        voucher_type: c.rule.voucherType,
        voucher_id: Number(c.doc.id),
      });
      continue;
    }
    if (v?.lines.some((l) => !new Decimal(l.debit || 0).isZero() || !new Decimal(l.credit || 0).isZero()))
      problems.push({
        check: 'missing_entries',
        message: `${c.rule.voucherType} ${c.doc.number ?? c.doc.id} is submitted but has no (or not all its) ledger entries: run POST /api/accounting/backfill`,
        voucher_type: c.rule.voucherType,
        voucher_id: Number(c.doc.id),
      });
  }
  const ownTypes = [
    'accounting.journal_entry',
    'accounting.period_closing_voucher',
    'accounting.payment',
    'accounting.credit_note',
    'accounting.debit_note',
    'accounting.exchange_revaluation',
  ];
  for (const voucherType of [...enabledRules(ctx).map((r) => r.voucherType), ...ownTypes]) {
    const rule = { voucherType };
    const rows = await ctx.sql<{ id: number }>(
      `select distinct d.id from "${rule.voucherType.replace('.', '_')}" d join ${GL_TABLE} g on g.voucher_type = $1 and g.voucher_id = d.id
        where d.docstatus = 'cancelled' and not g.is_reversal and not exists (select 1 from ${GL_TABLE} r where r.reverses = g.id)`,
      [rule.voucherType],
    );
    for (const r of rows)
      problems.push({
        check: 'cancelled_with_entries',
        message: `${rule.voucherType} ${r.id} is cancelled but keeps live ledger entries`,
        voucher_type: rule.voucherType,
        voucher_id: Number(r.id),
      });
  }
  for (const [type, table] of [
    ['accounting.journal_entry', 'accounting_journal_entry'],
    ['accounting.period_closing_voucher', 'accounting_period_closing_voucher'],
    ['accounting.payment', 'accounting_payment'],
    ['accounting.credit_note', 'accounting_credit_note'],
    ['accounting.debit_note', 'accounting_debit_note'],
  ] as const) {
    const missing = await ctx.sql<{ id: number; number: string }>(
      `select d.id, d.number from ${table} d where d.docstatus = 'submitted' and not exists (select 1 from ${GL_TABLE} g where g.voucher_type = $1 and g.voucher_id = d.id and not g.is_reversal)`,
      [type],
    );
    for (const m of missing)
      problems.push({
        check: 'missing_entries',
        message: `${type} ${m.number} is submitted but has no ledger entries`,
        voucher_type: type,
        voucher_id: Number(m.id),
      });
  }
  // Receivables and payables (issue 14): control accounts = open items, stored outstanding amounts = the ledger.
  problems.push(...(await controlAccountProblems(ctx, dates)));
  return { ok: problems.length === 0, problems, checked: { vouchers, accounts_days: accountsDays, stock_accounts: stockAccounts.size, documents, dates } };
}
