import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, localToUtc, type WorkingCalendar } from '../src/business-hours.js';
import { slaClock, type SlaState } from '../src/sla.js';

const H = 60;
const weekdays = (from: number, to: number): WorkingCalendar['hours'] => Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [[from, to]]]));
/** Mon-Fri 08:00-16:00 in Vilnius (UTC+2 in winter, +3 in summer). */
const vilnius: WorkingCalendar = { timeZone: 'Europe/Vilnius', hours: weekdays(8 * H, 16 * H), holidays: [] };
/** A local Vilnius wall-clock time as an instant. */
const at = (date: string, time: string, cal = vilnius) => {
  const [h, m] = time.split(':').map(Number);
  return new Date(localToUtc(date, h! * 60 + m!, cal.timeZone));
};
const local = (d: Date, tz = 'Europe/Vilnius') =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  }).format(d);

// 2026-11-26 is a Thursday.
const thu1500 = at('2026-11-26', '15:00');

describe('business hours (DOMAIN.md: Mon-Fri 08:00-16:00)', () => {
  it('Thu 15:00 + 4 working hours is due Fri 11:00', () => {
    expect(addBusinessMinutes(thu1500, 4 * H, vilnius).toISOString()).toBe(at('2026-11-27', '11:00').toISOString());
    expect(addBusinessMinutes(thu1500, 4 * H, vilnius).toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('Thu 15:00 + 16 working hours skips the weekend: Mon 15:00', () => {
    expect(local(addBusinessMinutes(thu1500, 16 * H, vilnius))).toBe(local(at('2026-11-30', '15:00')));
    expect(addBusinessMinutes(thu1500, 16 * H, vilnius).toISOString()).toBe('2026-11-30T13:00:00.000Z');
  });

  it('a holiday on the Friday moves both targets a working day on', () => {
    const cal = { ...vilnius, holidays: ['2026-11-27'] };
    expect(addBusinessMinutes(thu1500, 4 * H, cal).toISOString()).toBe(at('2026-11-30', '11:00').toISOString());
    expect(addBusinessMinutes(thu1500, 16 * H, cal).toISOString()).toBe(at('2026-12-01', '15:00').toISOString());
  });

  it('a start outside working hours counts from the next opening; a due time may end a day', () => {
    expect(addBusinessMinutes(at('2026-11-28', '10:00'), 30, vilnius).toISOString()).toBe(at('2026-11-30', '08:30').toISOString());
    expect(addBusinessMinutes(thu1500, 60, vilnius).toISOString()).toBe(at('2026-11-26', '16:00').toISOString());
    expect(addBusinessMinutes(thu1500, 61, vilnius).toISOString()).toBe(at('2026-11-27', '08:01').toISOString());
    expect(addBusinessMinutes(thu1500, 0, vilnius).toISOString()).toBe(thu1500.toISOString());
  });

  it('counts working minutes between two instants across a weekend and a lunch break', () => {
    expect(businessMinutesBetween(thu1500, at('2026-11-30', '09:00'), vilnius)).toBe(10 * H);
    expect(businessMinutesBetween(at('2026-11-30', '09:00'), thu1500, vilnius)).toBe(0);
    const lunch: WorkingCalendar = {
      timeZone: 'Europe/Vilnius',
      hours: {
        1: [
          [8 * H, 12 * H],
          [13 * H, 17 * H],
        ],
      },
      holidays: [],
    };
    expect(businessMinutesBetween(at('2026-11-30', '11:00'), at('2026-11-30', '14:00'), lunch)).toBe(2 * H);
    expect(addBusinessMinutes(at('2026-11-30', '11:00'), 2 * H, lunch).toISOString()).toBe(at('2026-11-30', '14:00').toISOString());
  });

  it('keeps the wall clock across a DST change (Vilnius, last Sunday of March)', () => {
    // Fri 2026-03-27 15:00 (UTC+2) + 2 h -> Mon 2026-03-30 09:00 (UTC+3).
    const due = addBusinessMinutes(at('2026-03-27', '15:00'), 2 * H, vilnius);
    expect(due.toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('refuses a calendar without working hours instead of looping', () => {
    expect(() => addBusinessMinutes(thu1500, 60, { timeZone: 'UTC', hours: {}, holidays: [] })).toThrow(/no working hours/);
  });
});

describe('SLA clock', () => {
  const targets = { first_response: 4 * H, resolution: 16 * H };
  const open = (over: Partial<SlaState> = {}): SlaState => ({
    opened_at: thu1500,
    first_response_at: null,
    resolved_at: null,
    paused_since: null,
    paused_minutes: 0,
    first_response_minutes: null,
    resolution_minutes: null,
    ...over,
  });

  it('a new ticket: first response due Fri 11:00, resolution Mon 15:00, both running', () => {
    const c = slaClock(open(), targets, vilnius, at('2026-11-27', '09:00'));
    expect(c.first_response_due!.toISOString()).toBe(at('2026-11-27', '11:00').toISOString());
    expect(c.resolution_due!.toISOString()).toBe(at('2026-11-30', '15:00').toISOString());
    expect(c).toMatchObject({ first_response_status: 'pending', resolution_status: 'pending' });
    expect(c.first_response_used).toBe(0.5);
  });

  it('a 2-hour pause on Friday moves the resolution to Tue 09:00', () => {
    // Replied Fri 09:00 (met), waiting on the customer until Fri 11:00.
    const paused = open({ first_response_at: at('2026-11-27', '09:00'), paused_since: at('2026-11-27', '09:00') });
    const during = slaClock(paused, targets, vilnius, at('2026-11-27', '10:00'));
    expect(during).toMatchObject({ first_response_status: 'met', first_response_minutes: 2 * H, resolution_status: 'paused' });
    const resumed = open({ first_response_at: at('2026-11-27', '09:00'), first_response_minutes: 2 * H, paused_minutes: 2 * H });
    const c = slaClock(resumed, targets, vilnius, at('2026-11-27', '11:00'));
    expect(c.resolution_due!.toISOString()).toBe(at('2026-12-01', '09:00').toISOString());
    // The first response keeps its own due time: the pause came after it.
    expect(c.first_response_due!.toISOString()).toBe(at('2026-11-27', '11:00').toISOString());
  });

  it('breach = the event after its due time; an open ticket past due is breached', () => {
    const late = slaClock(open({ first_response_at: at('2026-11-27', '11:01') }), targets, vilnius, at('2026-11-27', '11:01'));
    expect(late).toMatchObject({ first_response_status: 'breached', first_response_minutes: 4 * H + 1 });
    const onTime = slaClock(open({ first_response_at: at('2026-11-27', '11:00') }), targets, vilnius, at('2026-11-27', '11:00'));
    expect(onTime.first_response_status).toBe('met');
    const overdue = slaClock(open(), targets, vilnius, at('2026-11-30', '15:01'));
    expect(overdue).toMatchObject({ first_response_status: 'breached', resolution_status: 'breached' });
    expect(overdue.resolution_used).toBeCloseTo((16 * H + 1) / (16 * H), 6);
  });
});
