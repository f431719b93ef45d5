/**
 * Monthly sums of the daily balances (accounting_account_balance_month: account, month, debit,
 * credit), so a statement at any date reads at most accounts x months rows plus the daily rows
 * of the months its dates fall in, instead of every account-day since the first posting
 * (1,000,000 entries over two years: ~12,000 + ~15,000 rows instead of ~340,000).
 *
 * Kept by statement-level triggers on the daily balances, in the posting's own transaction:
 * postVoucher is unchanged, and a bulk load (backfill, the benchmark's generator) is one
 * aggregate per statement, not a trigger per row. The monthly rows are upserted after the
 * statement's daily rows, sorted by (account, month), the same order as the daily rows.
 * Trade-off: two transactions posting to one account on different days of the same month
 * now wait for each other on the monthly row (as two on the same day already did on the
 * daily row). An existing ledger is summed once when the table is created (start-up).
 * `monthlyProblems` (part of GET /api/accounting/reports/verify) checks it equals its days.
 */
import type { ServiceContext } from '@tessera/core';

export const MONTH_TABLE = 'accounting_account_balance_month';
const DAY_TABLE = 'accounting_account_balance';

const upsert = (select: string) => `insert into ${MONTH_TABLE} (account, month, debit, credit)
  ${select}
  on conflict (account, month) do update set debit = ${MONTH_TABLE}.debit + excluded.debit, credit = ${MONTH_TABLE}.credit + excluded.credit`;

const fn = (name: string, body: string) => `create or replace function ${name}() returns trigger language plpgsql as $$
begin
  ${body};
  return null;
end $$`;

export const MONTHLY_SQL = [
  `create table if not exists ${MONTH_TABLE} (
     account bigint not null references accounting_account (id) on delete restrict,
     month date not null,
     debit numeric(21,2) not null default 0,
     credit numeric(21,2) not null default 0,
     primary key (account, month))`,
  fn(
    'accounting_balance_month_ins',
    upsert(`select account, date_trunc('month', posting_date)::date, sum(debit), sum(credit) from new_rows group by 1, 2 order by 1, 2`),
  ),
  fn(
    'accounting_balance_month_upd',
    upsert(`select account, month, sum(debit), sum(credit) from (
       select account, date_trunc('month', posting_date)::date as month, debit, credit from new_rows
       union all select account, date_trunc('month', posting_date)::date, -debit, -credit from old_rows) x group by 1, 2 order by 1, 2`),
  ),
  fn(
    'accounting_balance_month_del',
    upsert(`select account, date_trunc('month', posting_date)::date, -sum(debit), -sum(credit) from old_rows group by 1, 2 order by 1, 2`),
  ),
  `create or replace trigger accounting_balance_month_ins after insert on ${DAY_TABLE} referencing new table as new_rows for each statement execute function accounting_balance_month_ins()`,
  `create or replace trigger accounting_balance_month_upd after update on ${DAY_TABLE} referencing old table as old_rows new table as new_rows for each statement execute function accounting_balance_month_upd()`,
  `create or replace trigger accounting_balance_month_del after delete on ${DAY_TABLE} referencing old table as old_rows for each statement execute function accounting_balance_month_del()`,
];

/** Creates the table and triggers (idempotent), in the caller's transaction; sums an existing ledger into an empty table once. */
export async function installMonthlyBalances(ctx: Pick<ServiceContext, 'sql'>): Promise<void> {
  // one start-up at a time installs (several instances may start together)
  await ctx.sql(`select pg_advisory_xact_lock(hashtext('accounting_account_balance_month'))`);
  for (const s of MONTHLY_SQL) await ctx.sql(s);
  const [state] = await ctx.sql<{ fill: boolean }>(`select not exists (select 1 from ${MONTH_TABLE}) and exists (select 1 from ${DAY_TABLE}) as fill`);
  if (state?.fill)
    await ctx.sql(`insert into ${MONTH_TABLE} (account, month, debit, credit)
                   select account, date_trunc('month', posting_date)::date, sum(debit), sum(credit) from ${DAY_TABLE} group by 1, 2 order by 1, 2`);
}

/** Monthly rows that differ from the sums of their days (none on a consistent ledger). */
export async function monthlyProblems(
  ctx: Pick<ServiceContext, 'sql'>,
): Promise<{ check: string; message: string; account: number; month: string; monthly: string; daily: string }[]> {
  const rows = await ctx.sql<{ account: number; month: string; monthly: string; daily: string }>(
    `select coalesce(m.account, d.account) as account, to_char(coalesce(m.month, d.month), 'YYYY-MM') as month,
            (coalesce(m.debit, 0) - coalesce(m.credit, 0))::text as monthly, (coalesce(d.debit, 0) - coalesce(d.credit, 0))::text as daily
       from ${MONTH_TABLE} m
       full join (select account, date_trunc('month', posting_date)::date as month, sum(debit) as debit, sum(credit) as credit from ${DAY_TABLE} group by 1, 2) d
         on d.account = m.account and d.month = m.month
      where coalesce(m.debit, 0) <> coalesce(d.debit, 0) or coalesce(m.credit, 0) <> coalesce(d.credit, 0)
      order by 1, 2 limit 100`,
  );
  return rows.map((r) => ({
    check: 'monthly_balance',
    message: `monthly balance of account ${r.account} in ${r.month}: ${r.monthly} <> the sum of its days ${r.daily}`,
    ...r,
  }));
}
