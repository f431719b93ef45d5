/**
 * Working calendars and SLA policies as the SLA clock needs them: a calendar row with its
 * hours and holidays becomes a WorkingCalendar; a ticket's policy is the active policy of its
 * customer's group, else the active policy without a group; its targets are the row for the
 * ticket's priority.
 */
import type { Hook, ServiceContext } from '@tessera/core';
import { isTimeZone, minuteOfDay, type WorkingCalendar } from './business-hours.js';
import { helpdeskError } from './errors.js';

type Sql = Pick<ServiceContext, 'sql'>;

const WEEKDAY_NUMBER: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

export async function loadCalendar(ctx: Sql, id: number): Promise<WorkingCalendar> {
  const [cal] = await ctx.sql<{ time_zone: string }>(`select time_zone from helpdesk_calendar where id = $1`, [id]);
  const hours = await ctx.sql<{ weekday: string; s: string; e: string }>(
    `select weekday, start_time::text as s, end_time::text as e from helpdesk_calendar_hours where parent_id = $1 order by weekday, start_time`,
    [id],
  );
  const holidays = await ctx.sql<{ d: string }>(`select holiday_date::text as d from helpdesk_calendar_holiday where parent_id = $1`, [id]);
  const byDay: WorkingCalendar['hours'] = {};
  for (const h of hours) (byDay[WEEKDAY_NUMBER[h.weekday]!] ??= []).push([minuteOfDay(h.s), h.e.startsWith('00:00') ? 1440 : minuteOfDay(h.e)]);
  return { timeZone: cal?.time_zone ?? 'UTC', hours: byDay, holidays: holidays.map((h) => h.d) };
}

export interface PolicyChoice {
  policy: number;
  calendar: number;
  first_response_minutes: number;
  resolution_minutes: number;
}

/** The SLA policy and targets for a customer and priority, or null when no policy applies. */
export async function choosePolicy(ctx: Sql, customer: number | null, priority: string): Promise<PolicyChoice | null> {
  const [row] = await ctx.sql<{ id: number; calendar: number; fr: string; res: string }>(
    `select p.id, p.calendar, t.first_response_hours::text as fr, t.resolution_hours::text as res
       from helpdesk_sla_policy p
       join helpdesk_sla_target t on t.parent_id = p.id and t.priority = $2
      where p.active
        and (p.customer_group in (select m.parent_id from helpdesk_customer_group_member m where m.organization = $1) or p.customer_group is null)
      order by (p.customer_group is null), p.id
      limit 1`,
    [customer, priority],
  );
  if (!row) return null;
  // Hours have two decimals: minutes are exact to 0.6 min; rounded to whole minutes.
  return {
    policy: Number(row.id),
    calendar: Number(row.calendar),
    first_response_minutes: Math.round(Number(row.fr) * 60),
    resolution_minutes: Math.round(Number(row.res) * 60),
  };
}

/** Calendar rules: a known time zone, hours that end after they start. */
export const checkCalendar: Hook = ({ doc }) => {
  if (doc.time_zone != null && !isTimeZone(doc.time_zone))
    throw helpdeskError(
      'INVALID_CALENDAR',
      { path: 'time_zone', reason: `"${doc.time_zone}" is not a known time zone (use an IANA name such as Europe/Vilnius)` },
      'time_zone',
    );
  for (const [i, h] of ((doc.hours ?? []) as any[]).entries()) {
    const end = String(h.end_time).startsWith('00:00') ? 1440 : minuteOfDay(String(h.end_time));
    if (end <= minuteOfDay(String(h.start_time)))
      throw helpdeskError('INVALID_CALENDAR', { path: `hours/${i}/end_time`, reason: `must be after ${h.start_time}` }, `hours/${i}/end_time`);
  }
};

/** One target per priority; one active policy per customer group (and one without a group). */
export const checkPolicy: Hook = async ({ doc, old, sql }) => {
  const seen = new Set<string>();
  for (const [i, t] of ((doc.targets ?? []) as any[]).entries()) {
    if (seen.has(t.priority)) throw helpdeskError('DUPLICATE_TARGET', { index: i, priority: t.priority }, `targets/${i}/priority`);
    seen.add(t.priority);
  }
  if (doc.active === false) return;
  const [other] = await sql<{ name: string }>(
    `select name from helpdesk_sla_policy where active and customer_group is not distinct from $1 and id <> $2 limit 1`,
    [doc.customer_group ?? null, old?.id ?? 0],
  );
  if (other)
    throw helpdeskError(
      'POLICY_FOR_GROUP_EXISTS',
      { other: other.name, group: doc.customer_group ? `customer group ${doc.customer_group}` : 'customers without a group' },
      'customer_group',
    );
};

/** An organization belongs to one support group at most (so its policy is unambiguous). */
export const checkCustomerGroup: Hook = async ({ doc, old, sql }) => {
  const seen = new Set<number>();
  for (const [i, m] of ((doc.members ?? []) as any[]).entries()) {
    const org = Number(m.organization);
    if (seen.has(org)) throw helpdeskError('CUSTOMER_IN_OTHER_GROUP', { index: i, organization: org, other: doc.name }, `members/${i}/organization`);
    seen.add(org);
    const [other] = await sql<{ name: string }>(
      `select g.name from helpdesk_customer_group_member m join helpdesk_customer_group g on g.id = m.parent_id where m.organization = $1 and g.id <> $2 limit 1`,
      [org, old?.id ?? 0],
    );
    if (other) throw helpdeskError('CUSTOMER_IN_OTHER_GROUP', { index: i, organization: org, other: other.name }, `members/${i}/organization`);
  }
};
