import { describe, expect, it } from 'vitest';
import { datesBetween, spanDays, weekdayOf, MAX_PERIOD_DAYS } from './calendar.js';

describe('calendar maths', () => {
  it('counts days inclusively, across month ends and leap days', () => {
    expect(spanDays('2026-03-02', '2026-03-02')).toBe(1);
    expect(spanDays('2028-02-27', '2028-03-01')).toBe(4);
    expect(spanDays('2026-03-02', '2026-03-01')).toBe(0);
    expect(datesBetween('2026-03-30', '2026-04-02')).toEqual(['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02']);
  });

  it('names weekdays in UTC (no time-zone drift)', () => {
    expect(weekdayOf('2026-12-01')).toBe('tuesday');
    expect(weekdayOf('2026-03-29')).toBe('sunday');
  });

  it('refuses a period over the limit before building it (422 with the field path)', () => {
    expect(() => datesBetween('2026-01-01', '2027-12-31', 'to_date')).toThrow(expect.objectContaining({ code: 'PERIOD_TOO_LONG', status: 422 }));
    expect(datesBetween('2026-01-01', '2027-02-04')).toHaveLength(MAX_PERIOD_DAYS);
  });
});
