/**
 * Exchange rates (accounting.exchange_rate): the rate of a currency pair on a date is the latest
 * one recorded on or before it, taken directly (from -> to) or inverted (to -> from). A document
 * in a transaction currency stores the rate it used, so re-reading it never changes its books.
 */
import { Decimal, type ServiceContext } from '@tessera/core';
import { ledgerError } from '../ledger/errors.js';
import { errors } from '../ledger/errors.js';

export const RATE_TABLE = 'accounting_exchange_rate';

/** Company-currency units per unit of `from` on `date`; throws NO_EXCHANGE_RATE (naming `path`) when none is recorded. */
export async function rateOn(ctx: Pick<ServiceContext, 'sql' | 'config'>, from: string, date: string, path = 'currency', to?: string): Promise<Decimal> {
  const target = to ?? ctx.config.company.currency;
  if (from === target) return new Decimal(1);
  const [hit] = await ctx.sql<{ rate: string; inverse: boolean }>(
    `select rate::text, inverse from (
       select rate, false as inverse, rate_date from ${RATE_TABLE} where from_currency = $1 and to_currency = $2 and rate_date <= $3::date
       union all
       select rate, true, rate_date from ${RATE_TABLE} where from_currency = $2 and to_currency = $1 and rate_date <= $3::date
     ) r order by rate_date desc, inverse limit 1`,
    [from, target, date],
  );
  if (!hit)
    throw ledgerError(
      'EXCHANGE_RATE_MISSING',
      errors.t('no_exchange_rate_recorded_before', { path: String(path), from: String(from), target: String(target), date: String(date) }),
      [{ path, ...errors.t('no_exchange_rate_before', { from: String(from), target: String(target), date: String(date) }) }],
    );
  const rate = new Decimal(hit.rate);
  return hit.inverse ? new Decimal(1).div(rate).toDecimalPlaces(9, Decimal.ROUND_HALF_UP) : rate;
}

/** Parses a CSV of rates: header `date,from,to,rate` (comma or semicolon); returns rows or the problems per line. */
export function parseRatesCsv(text: string): {
  rows: { rate_date: string; from_currency: string; to_currency: string; rate: string }[];
  problems: { path: string; message: string }[];
} {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const problems: { path: string; message: string }[] = [];
  const rows: { rate_date: string; from_currency: string; to_currency: string; rate: string }[] = [];
  if (!lines.length) return { rows, problems: [{ path: 'csv', ...errors.t('empty_expected_header_date_from') }] };
  const sep = lines[0]!.includes(';') ? ';' : ',';
  const head = lines[0]!.split(sep).map((h) => h.trim().toLowerCase());
  const col = (names: string[]) => head.findIndex((h) => names.includes(h));
  const idx = {
    date: col(['date', 'rate_date', 'data']),
    from: col(['from', 'from_currency', 'currency', 'valiuta']),
    to: col(['to', 'to_currency']),
    rate: col(['rate', 'kursas']),
  };
  for (const [k, v] of Object.entries(idx))
    if (v < 0 && k !== 'to') problems.push({ path: 'csv/0', ...errors.t('header_no_column_expected_date', { k: String(k) }) });
  if (problems.length) return { rows, problems };
  lines.slice(1).forEach((line, n) => {
    const cells = line.split(sep).map((c) => c.trim());
    const date = cells[idx.date] ?? '';
    const from = (cells[idx.from] ?? '').toUpperCase();
    const to = idx.to >= 0 ? (cells[idx.to] ?? '').toUpperCase() : '';
    const rate = (cells[idx.rate] ?? '').replace(',', '.');
    const path = `csv/${n + 1}`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push({ path, ...errors.t('date_yyyy_mm_dd', { date: String(date) }) });
    else if (!/^[A-Z]{3}$/.test(from)) problems.push({ path, ...errors.t('currency_three_letter_code', { from: String(from) }) });
    else if (to && !/^[A-Z]{3}$/.test(to)) problems.push({ path, ...errors.t('currency_three_letter_code_2', { to: String(to) }) });
    else if (!/^\d+(\.\d+)?$/.test(rate) || new Decimal(rate).lte(0)) problems.push({ path, ...errors.t('rate_positive_decimal', { rate: String(rate) }) });
    else rows.push({ rate_date: date, from_currency: from, to_currency: to, rate });
  });
  return { rows, problems };
}
