/**
 * Working days: the days of a period less the weekly days off and the dated holidays of the
 * employee's holiday list (or the company default list).
 */
import { Errors, type LocalText, type ServiceContext } from '@tessera/core';
import { errors } from '../errors.js';

type Sql = Pick<ServiceContext, 'sql'>;

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
/** The longest period one application or report may span. */
export const MAX_PERIOD_DAYS = 400;

export interface HolidayList {
  id: number;
  name: string;
  weekly_off: string[];
}

/** The employee's holiday list, else the company default; null when neither exists. */
export async function holidayListFor(ctx: Sql, employee: number): Promise<HolidayList | null> {
  const [row] = await ctx.sql<HolidayList>(
    `select h.id, h.name, h.weekly_off from hr_holiday_list h
      where h.id = coalesce((select holiday_list from hr_employee where id = $1), (select id from hr_holiday_list where is_default limit 1))`,
    [employee],
  );
  return row ? { ...row, id: Number(row.id), weekly_off: row.weekly_off ?? [] } : null;
}

/** Days from..to inclusive, by arithmetic (0 or less when to is before from). */
export function spanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Every date from..to (inclusive) as YYYY-MM-DD; refuses a span over MAX_PERIOD_DAYS before building any. */
export function datesBetween(from: string, to: string, path = 'to_date'): string[] {
  const span = spanDays(from, to);
  if (!(span <= MAX_PERIOD_DAYS)) throw periodTooLong(span, path);
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function periodTooLong(span: number, path: string) {
  const what = Number.isFinite(span) ? `the period spans ${span} days` : 'the period is not a valid date range';
  return Errors.unprocessable(
    'PERIOD_TOO_LONG',
    errors.t('most_apply_longer_absence_several', {
      path: String(path),
      what: Number.isFinite(span) ? { en: what, lt: `laikotarpis apima ${span} d.` } : { en: what, lt: 'laikotarpis nėra tinkamas datų intervalas' },
      MAX_PERIOD_DAYS,
    }),
    [
      {
        path,
        ...errors.t('most', {
          what: Number.isFinite(span) ? { en: what, lt: `laikotarpis apima ${span} d.` } : { en: what, lt: 'laikotarpis nėra tinkamas datų intervalas' },
          MAX_PERIOD_DAYS,
        }),
      },
    ],
  );
}

const WEEKLY_OFF: LocalText = { en: 'weekly off', lt: 'savaitinė poilsio diena' };

export const weekdayOf = (date: string): string => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;

export interface WorkingDays {
  list: HolidayList | null;
  /** Working days in the period. */
  days: string[];
  /** Days skipped, with the reason (a weekly day off, in each language, or the holiday's description). */
  skipped: { date: string; reason: LocalText }[];
}

export async function workingDays(ctx: Sql, employee: number, from: string, to: string, path = 'to_date'): Promise<WorkingDays> {
  // Bounds before work: the span is checked by arithmetic, before a single date is built.
  const all = datesBetween(from, to, path);
  const list = await holidayListFor(ctx, employee);
  const holidays = new Map<string, string>();
  if (list) {
    const rows = await ctx.sql<{ d: string; description: string }>(
      `select holiday_date::text as d, description from hr_holiday where parent_id = $1 and holiday_date between $2 and $3`,
      [list.id, from, to],
    );
    for (const r of rows) holidays.set(r.d, r.description);
  }
  const off = new Set(list?.weekly_off ?? []);
  const days: string[] = [];
  const skipped: { date: string; reason: LocalText }[] = [];
  for (const d of all) {
    if (holidays.has(d)) skipped.push({ date: d, reason: { en: holidays.get(d)!, lt: holidays.get(d)! } });
    else if (off.has(weekdayOf(d))) skipped.push({ date: d, reason: WEEKLY_OFF });
    else days.push(d);
  }
  return { list, days, skipped };
}
