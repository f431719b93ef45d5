/**
 * Fiscal years and monthly accounting periods. Years follow `company.fiscalYearStart`
 * ("MM-DD") and are created on demand (with their twelve open periods) the first time a
 * posting or the seed needs them, so a posting never fails for want of a year; insert ... on
 * conflict do nothing keeps parallel postings from colliding.
 */
import type { EntityHooks, Hook, ServiceContext } from '@tessera/core';
import { ledgerError } from './errors.js';

export const FY_TABLE = 'accounting_fiscal_year';
export const PERIOD_TABLE = 'accounting_accounting_period';

/** Start and end (ISO dates) of the fiscal year that contains `date`. */
export function fiscalYearBounds(fiscalYearStart: string, date: string): { start: string; end: string; name: string } {
  const [mm, dd] = fiscalYearStart.split('-').map(Number) as [number, number];
  const y = Number(date.slice(0, 4));
  const startThis = `${y}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  const sy = date >= startThis ? y : y - 1;
  const start = `${sy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  const endDate = new Date(Date.UTC(sy + 1, mm - 1, dd) - 86_400_000);
  const end = endDate.toISOString().slice(0, 10);
  const name = mm === 1 && dd === 1 ? String(sy) : `${sy}-${sy + 1}`;
  return { start, end, name };
}

/** Creates the fiscal year containing `date` and its monthly periods, if missing. */
export async function ensureFiscalYear(ctx: Pick<ServiceContext, 'sql' | 'config'>, date: string): Promise<void> {
  const b = fiscalYearBounds(ctx.config.company.fiscalYearStart, date);
  await ctx.sql(`insert into ${FY_TABLE} (name, start_date, end_date) values ($1, $2, $3) on conflict do nothing`, [b.name, b.start, b.end]);
  await ctx.sql(
    `insert into ${PERIOD_TABLE} (name, fiscal_year, start_date, end_date, status)
     select to_char(m, 'YYYY-MM'), fy.id, m::date, (m + interval '1 month' - interval '1 day')::date, 'open'
       from ${FY_TABLE} fy, generate_series($1::date, $2::date, interval '1 month') m
      where fy.start_date = $1::date
     on conflict do nothing`,
    [b.start, b.end],
  );
}

export interface PeriodState {
  fiscalYear: number;
  fiscalYearName: string;
  fiscalYearClosed: boolean;
  period: string | null;
  periodClosed: boolean;
}

export async function periodOf(ctx: Pick<ServiceContext, 'sql' | 'config'>, date: string): Promise<PeriodState> {
  const find = () =>
    ctx.sql<{ id: number; name: string; closed: boolean; period: string | null; status: string | null }>(
      `select fy.id, fy.name, fy.closed, p.name as period, p.status
         from ${FY_TABLE} fy left join ${PERIOD_TABLE} p on $1::date between p.start_date and p.end_date
        where $1::date between fy.start_date and fy.end_date
        order by p.status = 'closed' desc limit 1`,
      [date],
    );
  let [row] = await find();
  if (!row) {
    await ensureFiscalYear(ctx, date);
    [row] = await find();
  }
  return {
    fiscalYear: Number(row!.id),
    fiscalYearName: row!.name,
    fiscalYearClosed: row!.closed,
    period: row!.period,
    periodClosed: row!.status === 'closed',
  };
}

/** Throws PERIOD_CLOSED (naming the period or year) unless postings dated `date` are allowed. */
export async function assertOpen(ctx: Pick<ServiceContext, 'sql' | 'config'>, date: string, path = 'posting_date'): Promise<PeriodState> {
  const p = await periodOf(ctx, date);
  if (p.periodClosed)
    throw ledgerError(
      'PERIOD_CLOSED',
      `${path}: the accounting period ${p.period} is closed; ${date} takes no postings (reopen the period in accounting.accounting_period or post in an open period)`,
      [{ path, message: `accounting period ${p.period} is closed`, code: 'period_closed' }],
    );
  if (p.fiscalYearClosed)
    throw ledgerError(
      'PERIOD_CLOSED',
      `${path}: the fiscal year ${p.fiscalYearName} is closed by its period-closing voucher; ${date} takes no postings (cancel that voucher to reopen the year)`,
      [{ path, message: `fiscal year ${p.fiscalYearName} is closed`, code: 'period_closed' }],
    );
  return p;
}

/** Monthly periods of a fiscal year, from its start to its end (the last one may be short). */
async function createPeriods(ctx: Pick<ServiceContext, 'sql'>, fiscalYear: number): Promise<void> {
  await ctx.sql(
    `insert into ${PERIOD_TABLE} (name, fiscal_year, start_date, end_date, status)
     select to_char(m, 'YYYY-MM'), fy.id, m::date, least((m + interval '1 month' - interval '1 day')::date, fy.end_date), 'open'
       from ${FY_TABLE} fy, generate_series(fy.start_date, fy.end_date, interval '1 month') m
      where fy.id = $1
     on conflict do nothing`,
    [fiscalYear],
  );
}

const checkFiscalYear: Hook = async (args) => {
  const { doc, old } = args;
  if (doc.end_date <= doc.start_date)
    throw ledgerError('INVALID_FISCAL_YEAR', `end_date ${doc.end_date} must be after start_date ${doc.start_date}`, [
      { path: 'end_date', message: 'must be after the start date' },
    ]);
  const [overlap] = await args.sql<{ name: string }>(
    `select name from ${FY_TABLE} where id <> coalesce($3::bigint, -1) and start_date <= $2::date and end_date >= $1::date limit 1`,
    [doc.start_date, doc.end_date, old?.id ?? null],
  );
  if (overlap)
    throw ledgerError('INVALID_FISCAL_YEAR', `start_date: ${doc.start_date} to ${doc.end_date} overlaps fiscal year ${overlap.name}`, [
      { path: 'start_date', message: `overlaps fiscal year ${overlap.name}` },
    ]);
  if (old && (doc.start_date !== old.start_date || doc.end_date !== old.end_date)) {
    const used = await args.sql(`select 1 from accounting_gl_entry where fiscal_year = $1 limit 1`, [old.id]);
    if (used.length)
      throw ledgerError('INVALID_FISCAL_YEAR', `start_date: fiscal year ${old.name} has ledger entries, its dates cannot change`, [
        { path: 'start_date', message: 'the year has ledger entries' },
      ]);
  }
};

const addPeriods: Hook = async (args) => createPeriods(args, Number(args.doc.id));

export const periodHooks: Record<string, EntityHooks> = {
  fiscal_year: { beforeCreate: checkFiscalYear, beforeUpdate: checkFiscalYear, afterCreate: addPeriods },
};
