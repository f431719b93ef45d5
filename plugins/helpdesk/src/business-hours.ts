/**
 * Business-hours arithmetic on a working calendar: working intervals per weekday, dated
 * holidays and a time zone. Pure functions (no database), so the SLA rules are unit-tested
 * to the minute.
 *
 * Contract:
 * - Intervals are local wall-clock minutes of the day, [start, end) with 0 <= start < end <= 1440;
 *   a weekday may have several (a lunch break is two intervals).
 * - A holiday (local YYYY-MM-DD) has no working time at all.
 * - Each interval's edges are converted to UTC on their own day, so a DST change moves them
 *   with the wall clock (08:00 stays 08:00 local).
 * - addBusinessMinutes(t, 0) is t; otherwise the result is the instant at which exactly that
 *   much working time has passed after t (a due time landing on an interval's end stays there:
 *   Thu 15:00 + 1 h on 08:00-16:00 is Thu 16:00, not Fri 08:00).
 *
 * Example (Mon-Fri 08:00-16:00): Thu 15:00 + 4 h = Fri 11:00; + 16 h = Mon 15:00.
 */

export interface WorkingCalendar {
  /** IANA time zone, e.g. "Europe/Vilnius". */
  timeZone: string;
  /** Weekday (0 = Sunday ... 6 = Saturday) -> working intervals in local minutes [start, end). */
  hours: Partial<Record<number, [number, number][]>>;
  /** Local dates (YYYY-MM-DD) without working time. */
  holidays: Iterable<string>;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** No target spans more than this many calendar days (a guard against a calendar without working time). */
const MAX_DAYS = 3660;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (Vilnius in winter: +2 h). */
function offsetAt(timeZone: string, utcMs: number): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  const parts = formatter(timeZone).formatToParts(new Date(whole));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - whole;
}

/** The UTC instant of a local date + minute of the day. */
export function localToUtc(date: string, minuteOfDay: number, timeZone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE;
  const first = naive - offsetAt(timeZone, naive);
  const second = offsetAt(timeZone, first);
  return naive - second;
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(utcMs: number, timeZone: string): string {
  return new Date(utcMs + offsetAt(timeZone, utcMs)).toISOString().slice(0, 10);
}

const nextDate = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The working intervals of one local date as UTC [start, end) pairs. */
function workingIntervals(date: string, cal: WorkingCalendar, holidays: Set<string>): [number, number][] {
  if (holidays.has(date)) return [];
  return (cal.hours[weekday(date)] ?? []).map(([s, e]) => [localToUtc(date, s, cal.timeZone), localToUtc(date, e, cal.timeZone)]);
}

function hasWorkingTime(cal: WorkingCalendar): boolean {
  return Object.values(cal.hours).some((list) => (list ?? []).some(([s, e]) => e > s));
}

const asMs = (t: Date | number): number => (typeof t === 'number' ? t : t.getTime());

/** The instant at which `minutes` of working time have passed after `start`. */
export function addBusinessMinutes(start: Date | number, minutes: number, cal: WorkingCalendar): Date {
  const from = asMs(start);
  if (!(minutes > 0)) return new Date(from);
  if (!hasWorkingTime(cal)) throw new RangeError('the calendar has no working hours');
  const holidays = new Set(cal.holidays);
  let remaining = minutes * MINUTE;
  let date = localDate(from, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    for (const [s, e] of workingIntervals(date, cal, holidays)) {
      const begin = Math.max(s, from);
      if (begin >= e) continue;
      if (remaining <= e - begin) return new Date(begin + remaining);
      remaining -= e - begin;
    }
  }
  throw new RangeError(`the target of ${minutes} working minutes does not fit in ${MAX_DAYS} days of this calendar`);
}

/** Working minutes between two instants (0 when end <= start); fractions of a minute are kept. */
export function businessMinutesBetween(start: Date | number, end: Date | number, cal: WorkingCalendar): number {
  const a = asMs(start);
  const b = asMs(end);
  if (b <= a) return 0;
  const holidays = new Set(cal.holidays);
  const last = localDate(b, cal.timeZone);
  let total = 0;
  let date = localDate(a, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    for (const [s, e] of workingIntervals(date, cal, holidays)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
    if (date >= last) break;
  }
  return total / MINUTE;
}

/** "08:30" or "08:30:00" -> minutes of the day; "24:00" is the end of the day. */
export function minuteOfDay(time: string): number {
  const m = /^(\d{2}):(\d{2})/.exec(time);
  if (!m) throw new RangeError(`not a time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}
