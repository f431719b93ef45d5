/**
 * Bounds before work: a leave period far over the 400-day limit is refused by arithmetic,
 * before a single date is built (it used to build every date from year 1 to 9999 first and
 * stall every client for seconds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { datesBetween, spanDays } from '../src/calendar.js';

let t: TestApp;
let employee: TestApp['req'];

beforeAll(async () => {
  t = await startApp({ plugins: ['hr'] }, { demo: true });
  const u = await t.db.query<{ id: string }>(`select id from auth_user where username = 'hr.employee'`);
  employee = t.as((await t.auth!.createApiToken(Number(u.rows[0]!.id), 'limits')).token);
});
afterAll(async () => t?.close());

describe('leave period bounds', () => {
  it('refuses 0001-01-05..9999-12-31 at once with PERIOD_TOO_LONG naming the limit, and other requests are not held up', async () => {
    const started = Date.now();
    const [r, other] = await Promise.all([
      employee('POST', '/api/hr/leave_application', { leave_type: 1, from_date: '0001-01-05', to_date: '9999-12-31' }),
      t.req('GET', '/api/hr/leave_type'),
    ]);
    const ms = Date.now() - started;
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error.code).toBe('PERIOD_TOO_LONG');
    expect(r.body.error.message).toContain('3652055 days; at most 400');
    expect(r.body.error.details[0].path).toBe('to_date');
    expect(other.status).toBe(200);
    expect(ms).toBeLessThan(1000);
  });

  it('datesBetween checks the span before building dates', () => {
    expect(spanDays('2026-03-01', '2026-03-31')).toBe(31);
    expect(datesBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    const started = performance.now();
    expect(() => datesBetween('0001-01-01', '9999-12-31')).toThrow(/at most 400/);
    expect(performance.now() - started).toBeLessThan(20);
  });
});
