/**
 * Fiscal years and monthly accounting periods. Years follow `company.fiscalYearStart`
 * ("MM-DD") and are created on demand (with their twelve open periods) the first time a
 * posting or the seed needs them, so a posting never fails for want of a year; insert ... on
 * conflict do nothing keeps parallel postings from colliding.
 */
import type { EntityHooks, Hook, ServiceContext } from '@tessera/core';
import { ledgerError } from './errors.js';
import { errors } from './errors.js';

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
    throw ledgerError('PERIOD_CLOSED', errors.t('accounting_period_closed_takes_no', { path: String(path), period: String(p.period), date: String(date) }), [
      { path, ...errors.t('accounting_period_closed', { period: String(p.period) }), code: 'period_closed' },
    ]);
  if (p.fiscalYearClosed)
    throw ledgerError(
      'PERIOD_CLOSED',
      errors.t('fiscal_year_closed_period_closing', { path: String(path), fiscalYearName: String(p.fiscalYearName), date: String(date) }),
      [{ path, ...errors.t('fiscal_year_closed', { fiscalYearName: String(p.fiscalYearName) }), code: 'period_closed' }],
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
    throw ledgerError('INVALID_FISCAL_YEAR', errors.t('end_date_after_start_date', { end_date: String(doc.end_date), start_date: String(doc.start_date) }), [
      { path: 'end_date', ...errors.t('after_start_date') },
    ]);
  const [overlap] = await args.sql<{ name: string }>(
    `select name from ${FY_TABLE} where id <> coalesce($3::bigint, -1) and start_date <= $2::date and end_date >= $1::date limit 1`,
    [doc.start_date, doc.end_date, old?.id ?? null],
  );
  if (overlap)
    throw ledgerError(
      'INVALID_FISCAL_YEAR',
      errors.t('start_date_overlaps_fiscal_year', { start_date: String(doc.start_date), end_date: String(doc.end_date), name: String(overlap.name) }),
      [{ path: 'start_date', ...errors.t('overlaps_fiscal_year', { name: String(overlap.name) }) }],
    );
  if (old && (doc.start_date !== old.start_date || doc.end_date !== old.end_date)) {
    const used = await args.sql(`select 1 from accounting_gl_entry where fiscal_year = $1 limit 1`, [old.id]);
    if (used.length)
      throw ledgerError('INVALID_FISCAL_YEAR', errors.t('start_date_fiscal_year_ledger', { name: String(old.name) }), [
        { path: 'start_date', ...errors.t('year_ledger_entries') },
      ]);
  }
};

const addPeriods: Hook = async (args) => createPeriods(args, Number(args.doc.id));

export const periodHooks: Record<string, EntityHooks> = {
  fiscal_year: { beforeCreate: checkFiscalYear, beforeUpdate: checkFiscalYear, afterCreate: addPeriods },
};
