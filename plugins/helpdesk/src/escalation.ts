/**
 * The SLA check (every 5 minutes, and on demand): for each open ticket with an SLA, flag
 * targets whose due time has passed as breached, and when a running target has used 80 % of
 * its working time, tell the team lead once: a high-priority task on the lead's list, linked
 * to the ticket (it shows on the ticket's and the customer's timeline).
 */
import type { Doc, ServiceContext } from '@tessera/core';
import { recordActivity } from '@tessera/plugin-crm/api';
import { slaClock } from './sla.js';
import { calendarOfPolicy, stateOf } from './ticket.js';
import { dbNow, toDate } from './util.js';

export const ESCALATE_AT = 0.8;

export interface SlaCheckResult {
  checked: number;
  breached: { ticket: number; number: string; target: 'first_response' | 'resolution' }[];
  escalated: { ticket: number; number: string; target: 'first_response' | 'resolution'; lead: number | null }[];
}

const fmt = (d: Date | null, tz: string) => (d ? new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' }).format(d) : '');

export async function runSlaCheck(ctx: ServiceContext): Promise<SlaCheckResult> {
  const now = await dbNow(ctx);
  const rows = await ctx.sql<{ id: number }>(
    `select id from helpdesk_ticket
      where status in ('open', 'replied') and sla_policy is not null
        and (first_response_status = 'pending' or resolution_status = 'pending'
             or (first_response_at is null and not first_response_escalated) or not resolution_escalated)
      order by id for update skip locked`,
  );
  const out: SlaCheckResult = { checked: rows.length, breached: [], escalated: [] };
  const tickets = ctx.entity('helpdesk.ticket');
  for (const { id } of rows) {
    const t: Doc = await tickets.get(Number(id));
    const cal = await calendarOfPolicy(ctx, t.sla_policy);
    if (!cal) continue;
    const c = slaClock(stateOf(t), { first_response: t.first_response_target_minutes, resolution: t.resolution_target_minutes }, cal, now);
    const changes: Doc = {};
    const [lead] = t.team == null ? [] : await ctx.sql<{ lead: number | null }>(`select lead from helpdesk_team where id = $1`, [t.team]);
    for (const target of ['first_response', 'resolution'] as const) {
      const status = c[`${target}_status`];
      if (status === 'breached' && t[`${target}_status`] !== 'breached') {
        changes[`${target}_status`] = 'breached';
        out.breached.push({ ticket: Number(t.id), number: t.number, target });
      }
      const running = status === 'pending' || status === 'breached';
      const used = c[`${target}_used`];
      if (running && used !== null && used >= ESCALATE_AT && !t[`${target}_escalated`]) {
        changes[`${target}_escalated`] = true;
        const what = target === 'first_response' ? 'first response' : 'resolution';
        const due = c[`${target}_due`];
        await recordActivity(ctx, {
          activity_type: 'task',
          subject: `SLA ${Math.floor(used * 100)} % used: ${t.number} ${what} due ${fmt(due, cal.timeZone)}`.slice(0, 200),
          body: `${t.subject}\n${what} due ${toDate(due)?.toISOString() ?? ''}`,
          reference_type: 'helpdesk.ticket',
          reference_id: Number(t.id),
          organization: t.customer ?? null,
          due_date: now.toISOString().slice(0, 10),
          priority: 'high',
          done: false,
          owner: lead?.lead != null ? Number(lead.lead) : null,
          document_ref: `helpdesk.ticket ${t.number}`.slice(0, 80),
        });
        out.escalated.push({ ticket: Number(t.id), number: t.number, target, lead: lead?.lead != null ? Number(lead.lead) : null });
      }
    }
    if (Object.keys(changes).length) await tickets.setServerFields(Number(t.id), changes);
  }
  return out;
}
