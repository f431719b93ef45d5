/**
 * Tickets: opening (numbering by the core, assignment, SLA policy), the status flow and the
 * SLA clock kept on the row.
 *
 * Status flow (only these actions change it; the field is read-only):
 *   open --reply--> replied --wait_on_customer--> waiting_on_customer --customer message--> open
 *   open | replied | waiting --resolve--> resolved --close--> closed;  resolved --reopen / customer message--> open
 * Waiting on the customer pauses the SLA clock; so does the time between a resolution and a
 * reopen. Every change recomputes due times and met/breached flags (sla.ts) from the stored
 * state, in the same transaction.
 *
 * Events may carry their time (`at`, default now) so a reply taken by phone can be recorded
 * later; it may not lie in the future nor before the ticket's last state change.
 */
import { message as catalogued, type ActionDefinition, type Doc, type Hook, type HookArgs, type ServiceContext } from '@tessera/core';
import { contactOf, organizationNames, recordActivity } from '@tessera/plugin-crm/api';
import { businessMinutesBetween, type WorkingCalendar } from './business-hours.js';
import { choosePolicy, loadCalendar } from './calendar.js';
import { helpdeskError } from './errors.js';
import { slaClock, type SlaState } from './sla.js';
import { dbNow, fieldError, iso, minutesText, num, toDate, userId } from './util.js';

export type TicketStatus = 'open' | 'replied' | 'waiting_on_customer' | 'resolved' | 'closed';
export const OPEN_STATUSES: TicketStatus[] = ['open', 'replied', 'waiting_on_customer'];
/** Clock skew allowed for a sent time that is "now" on the caller's machine. */
const SKEW_MS = 60_000;

export function stateOf(t: Doc): SlaState {
  return {
    opened_at: toDate(t.opened_at)!,
    first_response_at: toDate(t.first_response_at),
    resolved_at: toDate(t.resolved_at),
    paused_since: toDate(t.paused_since),
    paused_minutes: num(t.paused_minutes),
    first_response_minutes: t.first_response_minutes == null ? null : Number(t.first_response_minutes),
    resolution_minutes: t.resolution_minutes == null ? null : Number(t.resolution_minutes),
  };
}

export async function calendarOfPolicy(ctx: Pick<ServiceContext, 'sql'>, policy: number | null | undefined): Promise<WorkingCalendar | null> {
  if (policy == null) return null;
  const [p] = await ctx.sql<{ calendar: number }>(`select calendar from helpdesk_sla_policy where id = $1`, [policy]);
  return p ? loadCalendar(ctx, Number(p.calendar)) : null;
}

/**
 * The SLA fields of a ticket in state `t` at `now`. With `reselect` the policy and targets
 * are chosen again (opening, new customer or priority); otherwise the stored ones are kept,
 * so a resolved ticket's verdict does not change when a policy is edited later.
 */
export async function slaFields(ctx: Pick<ServiceContext, 'sql'>, t: Doc, now: Date, reselect: boolean): Promise<Doc> {
  let policy: number | null = t.sla_policy ?? null;
  let targets = { first_response: t.first_response_target_minutes ?? null, resolution: t.resolution_target_minutes ?? null };
  if (reselect) {
    const choice = await choosePolicy(ctx, t.customer ?? null, t.priority ?? 'medium');
    policy = choice?.policy ?? null;
    targets = { first_response: choice?.first_response_minutes ?? null, resolution: choice?.resolution_minutes ?? null };
  }
  const cal = await calendarOfPolicy(ctx, policy);
  const base = { sla_policy: policy, first_response_target_minutes: targets.first_response, resolution_target_minutes: targets.resolution };
  if (!cal) {
    return {
      ...base,
      sla_policy: null,
      first_response_due: null,
      first_response_status: null,
      first_response_minutes: null,
      resolution_due: null,
      resolution_status: null,
      resolution_minutes: null,
    };
  }
  const c = slaClock(stateOf(t), targets, cal, now);
  return {
    ...base,
    first_response_due: iso(c.first_response_due),
    first_response_status: c.first_response_status,
    first_response_minutes: minutesText(c.first_response_minutes),
    resolution_due: iso(c.resolution_due),
    resolution_status: c.resolution_status,
    resolution_minutes: minutesText(c.resolution_minutes),
  };
}

/** The fields the server keeps on a ticket (written with setServerFields by the actions). */
const SERVER_FIELDS = [
  'status',
  'sla_policy',
  'first_response_target_minutes',
  'resolution_target_minutes',
  'first_response_due',
  'first_response_at',
  'first_response_status',
  'first_response_minutes',
  'resolution_due',
  'resolved_at',
  'resolution_status',
  'resolution_minutes',
  'paused_since',
  'paused_minutes',
  'closed_at',
  'satisfaction',
  'satisfaction_comment',
  'first_response_escalated',
  'resolution_escalated',
] as const;

/** The time of an event on a ticket: `sent` or now; refused in the future or before the ticket's last state change. */
export function eventTime(t: Doc, sent: unknown, now: Date, path = 'at'): Date {
  const at = sent == null ? now : toDate(sent)!;
  if (at.getTime() > now.getTime() + SKEW_MS) throw helpdeskError('INVALID_TIME', { path, reason: `${at.toISOString()} is in the future` }, path);
  const floor = [toDate(t.opened_at), toDate(t.paused_since), toDate(t.resolved_at)].filter((d): d is Date => d !== null).reduce((a, b) => (a > b ? a : b));
  if (at < floor) throw helpdeskError('INVALID_TIME', { path, reason: `must not be before ${floor.toISOString()} (the ticket's last change of state)` }, path);
  return at;
}

/** Ends a running pause at `at`: its working minutes join the paused total. */
function resume(t: Doc, at: Date, cal: WorkingCalendar | null): Doc {
  const since = toDate(t.paused_since);
  if (!since) return {};
  const add = cal ? businessMinutesBetween(since, at, cal) : 0;
  return { paused_since: null, paused_minutes: (num(t.paused_minutes) + add).toFixed(2) };
}

export type TicketEvent =
  | { kind: 'reply' }
  | { kind: 'note' }
  | { kind: 'customer' }
  | { kind: 'wait' }
  | { kind: 'resolve' }
  | { kind: 'reopen' }
  | { kind: 'close' }
  | { kind: 'rate'; rating: number; comment?: string | null };

/** Which statuses each event is allowed from, and what to tell the user otherwise. */
const ALLOWED: Record<TicketEvent['kind'], { from: TicketStatus[]; what: string }> = {
  reply: { from: ['open', 'replied', 'waiting_on_customer'], what: 'reply to open tickets only (reopen a resolved one first)' },
  note: { from: ['open', 'replied', 'waiting_on_customer', 'resolved', 'closed'], what: '' },
  customer: { from: ['open', 'replied', 'waiting_on_customer', 'resolved'], what: 'a closed ticket takes no more messages; open a new ticket' },
  wait: { from: ['open', 'replied'], what: 'only an open or replied ticket can wait on the customer' },
  resolve: { from: ['open', 'replied', 'waiting_on_customer'], what: 'only an open ticket can be resolved' },
  reopen: { from: ['resolved'], what: 'only a resolved ticket can be reopened' },
  close: { from: ['resolved'], what: 'resolve the ticket before closing it' },
  rate: { from: ['resolved', 'closed'], what: 'a rating is taken after resolution' },
};

export function assertAllowed(t: Doc, kind: TicketEvent['kind']): void {
  const rule = ALLOWED[kind];
  if (rule.from.includes(t.status)) return;
  if (kind === 'rate') throw helpdeskError('RATING_NOT_RESOLVED', { number: t.number, status: t.status });
  if (t.status === 'closed' && kind === 'reopen') throw helpdeskError('TICKET_CLOSED', { number: t.number });
  throw helpdeskError('TICKET_STATE', { number: t.number, status: t.status, what: rule.what });
}

/** The state changes of one event at `at` (before the SLA recomputation). */
function transition(t: Doc, e: TicketEvent, at: Date, cal: WorkingCalendar | null): Doc {
  switch (e.kind) {
    case 'reply':
      return {
        ...(t.first_response_at ? {} : { first_response_at: at.toISOString(), first_response_minutes: null }),
        status: t.status === 'waiting_on_customer' ? t.status : 'replied',
      };
    case 'note':
      return {};
    case 'customer':
      if (t.status === 'resolved') return { ...reopenChanges(t, at, cal) };
      return { ...resume(t, at, cal), status: 'open' };
    case 'wait':
      return { paused_since: at.toISOString(), status: 'waiting_on_customer' };
    case 'resolve':
      return { ...resume(t, at, cal), resolved_at: at.toISOString(), resolution_minutes: null, status: 'resolved' };
    case 'reopen':
      return reopenChanges(t, at, cal);
    case 'close':
      return { closed_at: at.toISOString(), status: 'closed' };
    case 'rate':
      return { satisfaction: e.rating, satisfaction_comment: e.comment ?? null };
  }
}

/** Reopening: the time the ticket stood resolved does not count against the resolution target. */
function reopenChanges(t: Doc, at: Date, cal: WorkingCalendar | null): Doc {
  const resolved = toDate(t.resolved_at)!;
  const add = cal ? businessMinutesBetween(resolved, at, cal) : 0;
  return {
    paused_minutes: (num(t.paused_minutes) + add).toFixed(2),
    resolved_at: null,
    resolution_minutes: null,
    satisfaction: null,
    satisfaction_comment: null,
    status: 'open',
  };
}

/**
 * Applies an event to a stored ticket (locked), recomputes its SLA and writes the server
 * fields (audited). Returns the updated ticket.
 */
export async function applyEvent(ctx: ServiceContext, ticketId: number, e: TicketEvent, sentAt?: unknown): Promise<Doc> {
  const tickets = ctx.entity('helpdesk.ticket');
  const stored = await tickets.get(ticketId, { forUpdate: true });
  assertAllowed(stored, e.kind);
  const now = await dbNow(ctx);
  const at = eventTime(stored, sentAt, now);
  const cal = await calendarOfPolicy(ctx, stored.sla_policy);
  const next: Doc = { ...stored, ...transition(stored, e, at, cal) };
  Object.assign(next, await slaFields(ctx, next, now, false));
  const changed = Object.fromEntries(
    SERVER_FIELDS.filter((f) => next[f] !== stored[f] && !(next[f] == null && stored[f] == null)).map((f) => [f, next[f] ?? null]),
  );
  return Object.keys(changed).length ? tickets.setServerFields(ticketId, changed) : stored;
}

// ---------------------------------------------------------------------------------------------
// Assignment

const OPEN_SQL = `('open', 'replied', 'waiting_on_customer')`;

/** The next agent of a team by its rule (null: manual, or no active agent). Locks the team row. */
export async function pickAgent(ctx: Pick<ServiceContext, 'sql'>, team: number): Promise<number | null> {
  const [t] = await ctx.sql<{ assignment_rule: string; last_assigned: number | null }>(
    `select assignment_rule, last_assigned from helpdesk_team where id = $1 for update`,
    [team],
  );
  if (!t || t.assignment_rule === 'manual') return null;
  const agents = (await ctx.sql<{ user: number }>(`select "user" from helpdesk_team_agent where parent_id = $1 and active order by idx, id`, [team])).map((a) =>
    Number(a.user),
  );
  if (!agents.length) return null;
  if (t.assignment_rule === 'round_robin') {
    const i = t.last_assigned == null ? -1 : agents.indexOf(Number(t.last_assigned));
    return agents[(i + 1) % agents.length]!;
  }
  const [least] = await ctx.sql<{ user: number }>(
    `select a."user" from helpdesk_team_agent a
       left join helpdesk_ticket k on k.agent = a."user" and k.status in ${OPEN_SQL}
      where a.parent_id = $1 and a.active
      group by a."user", a.idx, a.id order by count(k.id), a.idx, a.id limit 1`,
    [team],
  );
  return least ? Number(least.user) : null;
}

async function checkAgent(ctx: Pick<ServiceContext, 'sql'>, team: number, agent: number): Promise<void> {
  const [row] = await ctx.sql(
    `select 1 from helpdesk_team t where t.id = $1 and (t.lead = $2 or exists (select 1 from helpdesk_team_agent a where a.parent_id = t.id and a."user" = $2))`,
    [team, agent],
  );
  if (!row) {
    const [t] = await ctx.sql<{ name: string }>(`select name from helpdesk_team where id = $1`, [team]);
    throw helpdeskError('AGENT_NOT_IN_TEAM', { agent, team: t?.name ?? team }, 'agent');
  }
}

async function checkContact(ctx: Pick<ServiceContext, 'sql'>, doc: Doc): Promise<void> {
  if (doc.contact == null || doc.customer == null) return;
  const c = await contactOf(ctx, Number(doc.contact));
  if (c && c.organization != null && c.organization !== Number(doc.customer)) {
    const name = (await organizationNames(ctx, [doc.customer])).get(Number(doc.customer));
    throw helpdeskError('CONTACT_NOT_OF_CUSTOMER', { contact: c.full_name, customer: name ?? doc.customer }, 'contact');
  }
}

// ---------------------------------------------------------------------------------------------
// Hooks

const openTicket: Hook = async (args: HookArgs) => {
  const { doc } = args;
  const now = await dbNow(args);
  const opened = doc.opened_at ? toDate(doc.opened_at)! : now;
  if (opened.getTime() > now.getTime() + SKEW_MS)
    throw helpdeskError('INVALID_TIME', { path: 'opened_at', reason: `${opened.toISOString()} is in the future` }, 'opened_at');
  doc.opened_at = opened.toISOString();
  doc.status = 'open';
  doc.paused_minutes = '0.00';
  await checkContact(args, doc);
  if (doc.team != null && doc.agent == null) doc.agent = await pickAgent(args, doc.team);
  else if (doc.team != null && doc.agent != null) await checkAgent(args, doc.team, doc.agent);
  Object.assign(doc, await slaFields(args, doc, now, true));
};

const afterOpen: Hook = async (args: HookArgs) => {
  const { doc } = args;
  if (doc.team != null && doc.agent != null) {
    const [t] = await args.sql<{ assignment_rule: string }>(`select assignment_rule from helpdesk_team where id = $1`, [doc.team]);
    if (t?.assignment_rule === 'round_robin') await args.entity('helpdesk.team').setServerFields(doc.team, { last_assigned: doc.agent });
  }
  await onTimeline(args, doc, 'Ticket opened', doc.description ?? null, doc.opened_at);
};

const editTicket: Hook = async (args: HookArgs) => {
  const { doc, old, patch } = args;
  if (old!.status === 'closed') throw helpdeskError('TICKET_CLOSED', { number: old!.number });
  const sent = patch ?? {};
  const now = await dbNow(args);
  if ('opened_at' in sent) {
    const opened = toDate(doc.opened_at) ?? toDate(old!.opened_at)!;
    if (opened.getTime() > now.getTime() + SKEW_MS)
      throw helpdeskError('INVALID_TIME', { path: 'opened_at', reason: `${opened.toISOString()} is in the future` }, 'opened_at');
    doc.opened_at = opened.toISOString();
  }
  await checkContact(args, doc);
  const teamChanged = Number(doc.team ?? 0) !== Number(old!.team ?? 0);
  if (doc.team != null && doc.agent == null && teamChanged) doc.agent = await pickAgent(args, doc.team);
  else if (doc.team != null && doc.agent != null && (teamChanged || Number(doc.agent) !== Number(old!.agent ?? 0))) await checkAgent(args, doc.team, doc.agent);
  const reselect =
    OPEN_STATUSES.includes(old!.status) && (Number(doc.customer) !== Number(old!.customer) || doc.priority !== old!.priority || 'opened_at' in sent);
  Object.assign(doc, await slaFields(args, { ...old, ...doc }, now, reselect));
};

export const ticketHooks = { beforeCreate: openTicket, afterCreate: afterOpen, beforeUpdate: editTicket };

// ---------------------------------------------------------------------------------------------
// The CRM timeline

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Puts a ticket event on the customer's CRM timeline (linked to the ticket, owned by its author). */
export async function onTimeline(ctx: ServiceContext, t: Doc, what: string, body: string | null, at: unknown, owner?: number | null): Promise<Doc> {
  return recordActivity(ctx, {
    activity_type: 'support_case',
    subject: cut(`${t.number} ${what}: ${t.subject}`, 200),
    body,
    reference_type: 'helpdesk.ticket',
    reference_id: Number(t.id),
    organization: t.customer ?? null,
    contact: t.contact ?? null,
    activity_at: toDate(at)?.toISOString() ?? undefined,
    done: true,
    document_ref: cut(`helpdesk.ticket ${t.number}`, 80),
    ...(owner !== undefined ? { owner } : userId(ctx) ? { owner: userId(ctx) } : {}),
  });
}

/** crm.activity linked to a ticket by hand (a logged call): it belongs to the ticket's customer. */
export const activityOnTicket: Hook = async ({ doc, old, patch, sql }) => {
  if (doc.reference_type !== 'helpdesk.ticket' || doc.reference_id == null) return;
  if (old && old.reference_type === doc.reference_type && Number(old.reference_id) === Number(doc.reference_id)) return;
  const [t] = await sql<{ customer: number; contact: number | null }>(`select customer, contact from helpdesk_ticket where id = $1`, [doc.reference_id]);
  if (!t) return;
  const sent = patch ?? doc;
  if (sent.organization == null) doc.organization = t.customer;
  if (sent.contact == null) doc.contact = t.contact ?? null;
};

// ---------------------------------------------------------------------------------------------
// Actions

const at = {
  type: 'string',
  format: 'date-time',
  description: 'When it happened; empty: now.',
  'x-labels': { lt: { description: 'Kada tai įvyko; tuščia: dabar.' } },
};
const body = { type: 'string', minLength: 1, maxLength: 100000 };
const message =
  (kind: 'reply' | 'note' | 'customer') =>
  async ({ doc, input, entity, sql }: any) => {
    // Checked here too so the error names the action's field (the message's own is sent_at).
    if (input.at) eventTime(doc, input.at, await dbNow({ sql }), 'at');
    let text: string | undefined = input.body;
    if (kind === 'reply' && !text && input.canned_reply) text = await cannedText({ entity } as any, doc, input.canned_reply);
    if (!text) throw fieldError('body', catalogued('helpdesk.body_required'));
    await entity('helpdesk.ticket_message').create({ ticket: doc.id, kind, body: text, ...(input.at ? { sent_at: input.at } : {}) });
    return entity('helpdesk.ticket').get(doc.id);
  };

async function cannedText(ctx: Pick<ServiceContext, 'entity'>, t: Doc, id: number): Promise<string> {
  const canned = await ctx.entity('helpdesk.canned_reply').get(id);
  const customer = t.customer ? ((await ctx.entity('crm.organization').find(t.customer))?.name ?? '') : '';
  const values: Record<string, string> = { number: t.number ?? '', subject: t.subject ?? '', customer };
  return String(canned.body).replace(/\{\{(\w+)\}\}/g, (m, k) => values[k] ?? m);
}

const event =
  (e: TicketEvent['kind']) =>
  async ({ doc, input, ...ctx }: any) => {
    const t = await applyEvent(ctx, doc.id, { kind: e } as TicketEvent, input?.at);
    const label = { wait: 'Waiting on the customer', resolve: 'Resolved', reopen: 'Reopened', close: 'Closed' }[e as 'wait'];
    if (label) await onTimeline(ctx, t, label, input?.note ?? null, input?.at ?? null);
    return t;
  };

export const ticketActions: Record<string, ActionDefinition> = {
  reply: {
    label: 'Reply',
    labels: { lt: 'Atsakyti' },
    icon: 'reply',
    when: { status: ['open', 'replied', 'waiting_on_customer'] },
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        body: { ...body, title: 'Reply', 'x-ui': { widget: 'textarea' } },
        canned_reply: { type: 'integer', minimum: 1, 'x-ref': 'helpdesk.canned_reply', title: 'Canned reply' },
        at,
      },
    },
    handler: message('reply'),
  },
  add_note: {
    label: 'Internal note',
    labels: { lt: 'Vidinė pastaba' },
    icon: 'sticky_note_2',
    input: { type: 'object', required: ['body'], additionalProperties: false, properties: { body: { ...body, title: 'Note' }, at } },
    handler: message('note'),
  },
  customer_replied: {
    label: 'Customer replied',
    labels: { lt: 'Klientas atsakė' },
    icon: 'mark_email_unread',
    when: { status: ['open', 'replied', 'waiting_on_customer', 'resolved'] },
    input: { type: 'object', required: ['body'], additionalProperties: false, properties: { body: { ...body, title: 'Customer message' }, at } },
    handler: message('customer'),
  },
  wait_on_customer: {
    label: 'Wait on customer',
    labels: { lt: 'Laukti kliento' },
    icon: 'pause_circle',
    when: { status: ['open', 'replied'] },
    input: { type: 'object', additionalProperties: false, properties: { at, note: { type: 'string', maxLength: 2000 } } },
    handler: event('wait'),
  },
  resolve: {
    label: 'Resolve',
    labels: { lt: 'Išspręsti' },
    icon: 'task_alt',
    when: { status: ['open', 'replied', 'waiting_on_customer'] },
    input: { type: 'object', additionalProperties: false, properties: { at, note: { type: 'string', maxLength: 2000, title: 'Resolution' } } },
    handler: event('resolve'),
  },
  reopen: {
    label: 'Reopen',
    labels: { lt: 'Atnaujinti' },
    icon: 'restart_alt',
    when: { status: ['resolved'] },
    input: { type: 'object', additionalProperties: false, properties: { at, note: { type: 'string', maxLength: 2000 } } },
    handler: event('reopen'),
  },
  close: {
    label: 'Close',
    labels: { lt: 'Uždaryti' },
    icon: 'lock',
    when: { status: ['resolved'] },
    input: { type: 'object', additionalProperties: false, properties: { at } },
    handler: event('close'),
  },
  rate: {
    label: 'Customer rating',
    labels: { lt: 'Kliento įvertinimas' },
    icon: 'star',
    when: { status: ['resolved', 'closed'] },
    input: {
      type: 'object',
      required: ['rating'],
      additionalProperties: false,
      properties: {
        rating: { type: 'integer', minimum: 1, maximum: 5, title: 'Rating (1-5)' },
        comment: { type: 'string', maxLength: 1000, title: 'Comment' },
      },
    },
    handler: async ({ doc, input, ...ctx }) => applyEvent(ctx, doc.id, { kind: 'rate', rating: input.rating, comment: input.comment ?? null }),
  },
};
