import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, startApp, type Req, type TestApp } from '../../../tests/helpers.js';
import { localToUtc } from '../src/business-hours.js';
import { ok } from '@tessera/plugin-kit/testing';

type User = { id: number; token: string; req: Req };
let t: TestApp;

/** A Vilnius wall-clock time as UTC ISO text. */
const vln = (date: string, time: string) => {
  const [h, m] = time.split(':').map(Number);
  return new Date(localToUtc(date, h! * 60 + m!, 'Europe/Vilnius')).toISOString();
};
const same = (a: string | null) => (a ? new Date(a).toISOString() : null);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const ALL_DAYS = [...WEEKDAYS, 'saturday', 'sunday'];
let office: any; // Mon-Fri 08:00-16:00 Vilnius
let acme: any;
let holidayOrg: any;
let roundTheClock: any;
let alice: any; // contact at acme
let bob: any; // contact elsewhere
let lead: User;
let agentA: User;
let agentB: User;
let outsider: User;
let teamA: any;
let teamB: any;
let incident: number;
let question: number;

beforeAll(async () => {
  // The 5-minute schedule stays off: the tests run the check themselves and assert what it did.
  t = await startApp({ plugins: ['crm', 'helpdesk'], settings: { helpdesk: { scheduled_sla_check: false } } });
  lead = await t.createUser('lead', ['helpdesk.agent']);
  agentA = await t.createUser('agent.a', ['helpdesk.agent']);
  agentB = await t.createUser('agent.b', ['helpdesk.agent']);
  outsider = await t.createUser('agent.x', ['helpdesk.agent']);
  acme = ok(await t.req('POST', '/api/crm/organization', { name: 'Acme UAB' }), 201);
  holidayOrg = ok(await t.req('POST', '/api/crm/organization', { name: 'Holiday Works' }), 201);
  roundTheClock = ok(await t.req('POST', '/api/crm/organization', { name: 'Night Shift Ltd' }), 201);
  alice = ok(await t.req('POST', '/api/crm/contact', { first_name: 'Alice', last_name: 'Acme', organization: acme.id }), 201);
  bob = ok(await t.req('POST', '/api/crm/contact', { first_name: 'Bob', last_name: 'Other', organization: holidayOrg.id }), 201);

  office = ok(
    await t.req('POST', '/api/helpdesk/calendar', {
      name: 'Office',
      time_zone: 'Europe/Vilnius',
      hours: WEEKDAYS.map((weekday) => ({ weekday, start_time: '08:00', end_time: '16:00' })),
    }),
    201,
  );
  const withHoliday = ok(
    await t.req('POST', '/api/helpdesk/calendar', {
      name: 'Office with a holiday',
      time_zone: 'Europe/Vilnius',
      hours: WEEKDAYS.map((weekday) => ({ weekday, start_time: '08:00', end_time: '16:00' })),
      holidays: [{ holiday_date: '2026-11-27', description: 'Company day off' }],
    }),
    201,
  );
  const allDay = ok(
    await t.req('POST', '/api/helpdesk/calendar', {
      name: '24/7',
      time_zone: 'UTC',
      hours: ALL_DAYS.map((weekday) => ({ weekday, start_time: '00:00', end_time: '00:00' })),
    }),
    201,
  );
  const g1 = ok(await t.req('POST', '/api/helpdesk/customer_group', { name: 'Holiday customers', members: [{ organization: holidayOrg.id }] }), 201);
  const g2 = ok(await t.req('POST', '/api/helpdesk/customer_group', { name: 'Round the clock', members: [{ organization: roundTheClock.id }] }), 201);
  const targets = (fr: string, res: string) =>
    ['low', 'medium', 'high', 'urgent'].map((priority) => ({ priority, first_response_hours: fr, resolution_hours: res }));
  ok(await t.req('POST', '/api/helpdesk/sla_policy', { name: 'Standard', calendar: office.id, targets: targets('4', '16') }), 201);
  ok(await t.req('POST', '/api/helpdesk/sla_policy', { name: 'Holiday', calendar: withHoliday.id, customer_group: g1.id, targets: targets('4', '16') }), 201);
  ok(await t.req('POST', '/api/helpdesk/sla_policy', { name: '24/7', calendar: allDay.id, customer_group: g2.id, targets: targets('1', '10') }), 201);
  teamA = ok(
    await t.req('POST', '/api/helpdesk/team', {
      name: 'Team A',
      lead: lead.id,
      assignment_rule: 'round_robin',
      agents: [{ user: agentA.id }, { user: agentB.id }],
    }),
    201,
  );
  teamB = ok(await t.req('POST', '/api/helpdesk/team', { name: 'Team B', assignment_rule: 'least_open', agents: [{ user: outsider.id }] }), 201);
  incident = ok(await t.req('POST', '/api/helpdesk/ticket_type', { name: 'Incident' }), 201).id;
  question = ok(await t.req('POST', '/api/helpdesk/ticket_type', { name: 'Question' }), 201).id;
});
afterAll(async () => t?.close());

const newTicket = async (body: Record<string, unknown>, as: Req = t.req) =>
  ok(await as('POST', '/api/helpdesk/ticket', { subject: 'Printer is on fire', customer: acme.id, priority: 'medium', ...body }), 201);
const act = async (id: number, action: string, input: Record<string, unknown> = {}, as: Req = t.req) =>
  ok(await as('POST', `/api/helpdesk/ticket/${id}/actions/${action}`, input));

describe('SLA due times in working hours (DOMAIN.md, Mon-Fri 08:00-16:00)', () => {
  let ticket: any;

  it('a ticket opened Thu 15:00 is due Fri 11:00 (first response, 4 h) and Mon 15:00 (resolution, 16 h)', async () => {
    ticket = await newTicket({ opened_at: vln('2026-11-26', '15:00'), contact: alice.id, team: teamA.id, ticket_type: incident });
    expect(ticket.number).toMatch(/^HD-2026-\d{5}$/);
    expect(ticket.status).toBe('open');
    expect(same(ticket.first_response_due)).toBe(vln('2026-11-27', '11:00'));
    expect(same(ticket.resolution_due)).toBe(vln('2026-11-30', '15:00'));
    expect(ticket.sla_policy).not.toBeNull();
  });

  it('the first reply Fri 09:00 meets the first response; 2 h waiting on the customer moves the resolution to Tue 09:00', async () => {
    let t1 = await act(ticket.id, 'reply', { body: 'We are looking at it.', at: vln('2026-11-27', '09:00') });
    expect(t1).toMatchObject({ status: 'replied', first_response_status: 'met', first_response_minutes: '120.00' });
    expect(same(t1.first_response_at)).toBe(vln('2026-11-27', '09:00'));
    t1 = await act(ticket.id, 'wait_on_customer', { at: vln('2026-11-27', '09:00') });
    expect(t1).toMatchObject({ status: 'waiting_on_customer', resolution_status: 'paused' });
    t1 = await act(ticket.id, 'customer_replied', { body: 'Here is the photo.', at: vln('2026-11-27', '11:00') });
    expect(t1).toMatchObject({ status: 'open', paused_minutes: '120.00', paused_since: null });
    expect(same(t1.resolution_due)).toBe(vln('2026-12-01', '09:00'));
    // The first response keeps its due time: the pause came after it.
    expect(same(t1.first_response_due)).toBe(vln('2026-11-27', '11:00'));
  });

  it('resolving Tue 08:30 meets the resolution (930 working minutes), then the customer rates it and it is closed', async () => {
    let t1 = await act(ticket.id, 'resolve', { at: vln('2026-12-01', '08:30') });
    // Thu 15-16 (60) + Fri (480) + Mon (480) + Tue 08-08:30 (30) = 1050, less the 120 paused.
    expect(t1).toMatchObject({ status: 'resolved', resolution_status: 'met', resolution_minutes: '930.00' });
    t1 = await act(ticket.id, 'rate', { rating: 4, comment: 'Fine' });
    expect(t1).toMatchObject({ satisfaction: 4, satisfaction_comment: 'Fine' });
    t1 = await act(ticket.id, 'close');
    expect(t1.status).toBe('closed');
  });

  it('the thread holds the reply and the customer message; the customer’s CRM timeline shows the ticket', async () => {
    const thread = ok(await t.req('GET', `/api/helpdesk/ticket_message?filter=${filter({ ticket: ticket.id })}&sort=sent_at`));
    expect(thread.data.map((m: any) => [m.kind, m.body])).toEqual([
      ['reply', 'We are looking at it.'],
      ['customer', 'Here is the photo.'],
    ]);
    const timeline = ok(
      await t.req(
        'GET',
        `/api/crm/activity?filter=${filter({ organization: acme.id, reference_type: 'helpdesk.ticket', reference_id: ticket.id })}&sort=activity_at&limit=50`,
      ),
    );
    const subjects = timeline.data.map((a: any) => a.subject);
    expect(subjects[0]).toBe(`${ticket.number} Ticket opened: Printer is on fire`);
    expect(subjects).toContain(`${ticket.number} Reply: Printer is on fire`);
    expect(subjects).toContain(`${ticket.number} Customer wrote: Printer is on fire`);
    expect(subjects).toContain(`${ticket.number} Resolved: Printer is on fire`);
    expect(timeline.data.every((a: any) => a.activity_type === 'support_case' && a.contact === alice.id)).toBe(true);
  });

  it('a holiday on Friday moves both due times a working day on', async () => {
    const t1 = await newTicket({ opened_at: vln('2026-11-26', '15:00'), customer: holidayOrg.id, contact: bob.id });
    expect(same(t1.first_response_due)).toBe(vln('2026-11-30', '11:00'));
    expect(same(t1.resolution_due)).toBe(vln('2026-12-01', '15:00'));
  });

  it('a reply after the due time breaches the first response; an open ticket past due shows breached', async () => {
    const late = await newTicket({ opened_at: vln('2026-11-26', '15:00') });
    const t1 = await act(late.id, 'reply', { body: 'Sorry for the wait.', at: vln('2026-11-27', '11:01') });
    expect(t1).toMatchObject({ first_response_status: 'breached', first_response_minutes: '241.00' });
    const forgotten = await newTicket({ opened_at: vln('2026-11-20', '09:00') });
    expect(forgotten).toMatchObject({ first_response_status: 'breached', resolution_status: 'breached' });
  });

  it('changing the priority recomputes the due times', async () => {
    const t1 = await newTicket({ opened_at: vln('2026-11-26', '15:00') });
    ok(
      await t.req('PUT', '/api/helpdesk/sla_policy/1', {
        name: 'Standard',
        calendar: office.id,
        targets: [
          { priority: 'medium', first_response_hours: '4', resolution_hours: '16' },
          { priority: 'urgent', first_response_hours: '1', resolution_hours: '2' },
        ],
      }),
    );
    const t2 = ok(await t.req('PATCH', `/api/helpdesk/ticket/${t1.id}`, { priority: 'urgent' }));
    expect(same(t2.first_response_due)).toBe(vln('2026-11-26', '16:00'));
    expect(same(t2.resolution_due)).toBe(vln('2026-11-27', '09:00'));
  });
});

describe('bad input is refused with a clear error and writes nothing', () => {
  it('refuses a reply to a closed ticket, a rating before resolution, waiting twice, a future time', async () => {
    const tk = await newTicket({ opened_at: vln('2026-11-26', '15:00') });
    const rating = await t.req('POST', `/api/helpdesk/ticket/${tk.id}/actions/rate`, { rating: 5 });
    expect(rating.status).toBe(409);
    // The action is offered only on resolved or closed tickets (the core's gate names the status).
    expect(rating.body.error).toMatchObject({ code: 'ACTION_NOT_ALLOWED' });
    expect(rating.body.error.message).toMatch(/status is open \(needs resolved or closed\)/);
    const future = await t.req('POST', `/api/helpdesk/ticket/${tk.id}/actions/reply`, { body: 'x', at: '2099-01-01T00:00:00Z' });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: 'INVALID_TIME', details: [{ path: 'at' }] });
    await act(tk.id, 'wait_on_customer', { at: vln('2026-11-27', '09:00') });
    const twice = await t.req('POST', `/api/helpdesk/ticket/${tk.id}/actions/wait_on_customer`, {});
    expect(twice.status).toBe(409);
    const before = await t.req('POST', `/api/helpdesk/ticket/${tk.id}/actions/customer_replied`, { body: 'hello', at: vln('2026-11-27', '08:00') });
    expect(before.status).toBe(422);
    expect(before.body.error.message).toMatch(/must not be before/);
    await act(tk.id, 'resolve', { at: vln('2026-11-27', '10:00') });
    await act(tk.id, 'close', { at: vln('2026-11-27', '10:30') });
    const msgs = ok(await t.req('GET', `/api/helpdesk/ticket_message?filter=${filter({ ticket: tk.id })}`)).total;
    const closed = await t.req('POST', `/api/helpdesk/ticket/${tk.id}/actions/reply`, { body: 'late' });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toMatchObject({ code: 'ACTION_NOT_ALLOWED' });
    // Writing the message directly meets the helpdesk's own rule.
    const direct = await t.req('POST', '/api/helpdesk/ticket_message', { ticket: tk.id, kind: 'customer', body: 'late' });
    expect(direct.status).toBe(409);
    expect(direct.body.error).toMatchObject({ code: 'TICKET_STATE' });
    expect(direct.body.error.message).toMatch(/is closed: a closed ticket takes no more messages/);
    expect(ok(await t.req('GET', `/api/helpdesk/ticket_message?filter=${filter({ ticket: tk.id })}`)).total).toBe(msgs);
    const edit = await t.req('PATCH', `/api/helpdesk/ticket/${tk.id}`, { subject: 'changed' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('TICKET_CLOSED');
  });

  it('refuses a contact of another customer, an agent outside the team and a second policy for a group', async () => {
    const c = await t.req('POST', '/api/helpdesk/ticket', { subject: 'x', customer: acme.id, contact: bob.id });
    expect(c.status).toBe(422);
    expect(c.body.error).toMatchObject({ code: 'CONTACT_NOT_OF_CUSTOMER', details: [{ path: 'contact' }] });
    const a = await t.req('POST', '/api/helpdesk/ticket', { subject: 'x', customer: acme.id, team: teamA.id, agent: outsider.id });
    expect(a.status).toBe(422);
    expect(a.body.error).toMatchObject({ code: 'AGENT_NOT_IN_TEAM', details: [{ path: 'agent' }] });
    const p = await t.req('POST', '/api/helpdesk/sla_policy', {
      name: 'Another default',
      calendar: office.id,
      targets: [{ priority: 'low', first_response_hours: '1', resolution_hours: '2' }],
    });
    expect(p.status).toBe(409);
    expect(p.body.error.code).toBe('POLICY_FOR_GROUP_EXISTS');
    const tz = await t.req('POST', '/api/helpdesk/calendar', { name: 'Mars', time_zone: 'Mars/Olympus' });
    expect(tz.status).toBe(422);
    expect(tz.body.error.details[0].path).toBe('time_zone');
    const hours = await t.req('POST', '/api/helpdesk/calendar', { name: 'Backwards', hours: [{ weekday: 'monday', start_time: '16:00', end_time: '08:00' }] });
    expect(hours.status).toBe(422);
    expect(hours.body.error.details[0].path).toBe('hours/0/end_time');
    const none = ok(await t.req('GET', `/api/helpdesk/ticket?filter=${filter({ subject: 'x' })}`));
    expect(none.total).toBe(0);
  });
});

describe('assignment and the agents’ row rule', () => {
  it('round robin alternates the team’s agents; least open picks the agent with the fewest open tickets', async () => {
    const rr = await t.req('POST', '/api/helpdesk/team', { name: 'RR', assignment_rule: 'round_robin', agents: [{ user: agentA.id }, { user: agentB.id }] });
    const team = ok(rr, 201);
    const agents = [];
    for (let i = 0; i < 3; i++) agents.push((await newTicket({ team: team.id, subject: `rr ${i}` })).agent);
    expect(agents).toEqual([agentA.id, agentB.id, agentA.id]);
    const lo = ok(
      await t.req('POST', '/api/helpdesk/team', { name: 'LO', assignment_rule: 'least_open', agents: [{ user: agentA.id }, { user: agentB.id }] }),
      201,
    );
    // agentA now has more open tickets than agentB.
    expect((await newTicket({ team: lo.id, subject: 'lo 1' })).agent).toBe(agentB.id);
  });

  it('an agent sees their team’s tickets and thread, not another team’s; the lead sees the team', async () => {
    const ours = await newTicket({ team: teamA.id, subject: 'ours' });
    const theirs = await newTicket({ team: teamB.id, subject: 'theirs' });
    expect(theirs.agent).toBe(outsider.id);
    await act(theirs.id, 'add_note', { body: 'secret note' });
    const seen = ok(await agentA.req('GET', '/api/helpdesk/ticket?limit=200'));
    expect(seen.data.some((x: any) => x.id === ours.id)).toBe(true);
    expect(seen.data.some((x: any) => x.team === teamB.id)).toBe(false);
    expect((await agentA.req('GET', `/api/helpdesk/ticket/${theirs.id}`)).status).toBe(404);
    expect((await agentA.req('POST', `/api/helpdesk/ticket/${theirs.id}/actions/reply`, { body: 'hi' })).status).toBe(404);
    const notes = ok(await agentA.req('GET', `/api/helpdesk/ticket_message?filter=${filter({ ticket: theirs.id })}`));
    expect(notes.total).toBe(0);
    expect(ok(await outsider.req('GET', `/api/helpdesk/ticket_message?filter=${filter({ ticket: theirs.id })}`)).total).toBe(1);
    expect(ok(await lead.req('GET', `/api/helpdesk/ticket/${ours.id}`)).id).toBe(ours.id);
    expect((await lead.req('GET', `/api/helpdesk/ticket/${theirs.id}`)).status).toBe(404);
    // An agent replies to their own team's ticket.
    const r = await act(ours.id, 'reply', { body: 'On it' }, agentA.req);
    expect(r.status).toBe('replied');
    expect(ok(await agentA.req('GET', `/api/helpdesk/ticket_message?filter=${filter({ ticket: ours.id })}`)).data[0].author).toBe(agentA.id);
  });
});

describe('escalation at 80 % and the SLA check', () => {
  it('tells the team lead once when 80 % of the first response time is used', async () => {
    const tk = await newTicket({ customer: roundTheClock.id, team: teamA.id, agent: agentA.id, opened_at: minutesAgo(50), subject: 'escalate me' });
    const fresh = await newTicket({ customer: roundTheClock.id, team: teamA.id, agent: agentA.id, opened_at: minutesAgo(5), subject: 'fresh' });
    const run = ok(await t.req('POST', '/api/helpdesk/sla-check'));
    expect(run.escalated).toContainEqual({ ticket: tk.id, number: tk.number, target: 'first_response', lead: lead.id });
    expect(run.escalated.some((e: any) => e.ticket === fresh.id)).toBe(false);
    expect(run.escalated.some((e: any) => e.ticket === tk.id && e.target === 'resolution')).toBe(false);
    const tasks = ok(
      await t.req('GET', `/api/crm/activity?filter=${filter({ reference_type: 'helpdesk.ticket', reference_id: tk.id, activity_type: 'task' })}`),
    );
    expect(tasks.total).toBe(1);
    expect(tasks.data[0]).toMatchObject({ owner: lead.id, priority: 'high', done: false, organization: roundTheClock.id });
    expect(tasks.data[0].subject).toMatch(new RegExp(`^SLA 8\\d % used: ${tk.number} first response due`));
    const again = ok(await t.req('POST', '/api/helpdesk/sla-check'));
    expect(again.escalated.some((e: any) => e.ticket === tk.id)).toBe(false);
    expect(ok(await t.req('GET', `/api/helpdesk/ticket/${tk.id}`)).first_response_escalated).toBe(true);
  });

  it('flags a running target as breached once its due time has passed', async () => {
    const tk = await newTicket({ customer: roundTheClock.id, team: teamA.id, opened_at: minutesAgo(30), subject: 'will breach' });
    // Shorten the target below the elapsed time: the stored status is still "pending" until the check.
    await t.db.query(`update helpdesk_ticket set first_response_target_minutes = 20 where id = $1`, [tk.id]);
    const run = ok(await t.req('POST', '/api/helpdesk/sla-check'));
    expect(run.breached).toContainEqual({ ticket: tk.id, number: tk.number, target: 'first_response' });
    expect(ok(await t.req('GET', `/api/helpdesk/ticket/${tk.id}`)).first_response_status).toBe('breached');
  });

  it('agents without update permission cannot run it; unauthenticated callers get 401', async () => {
    const viewer = await t.createUser('viewer', []);
    expect((await viewer.req('POST', '/api/helpdesk/sla-check')).status).toBe(403);
    expect((await t.req('POST', '/api/helpdesk/sla-check', undefined, { authorization: '' })).status).toBe(401);
  });
});

describe('reports (24/7 calendar: working minutes = clock minutes)', () => {
  let rep: User;
  let team: any;
  beforeAll(async () => {
    rep = await t.createUser('report.agent', ['helpdesk.agent']);
    team = ok(await t.req('POST', '/api/helpdesk/team', { name: 'Reports', assignment_rule: 'manual', agents: [{ user: rep.id }] }), 201);
    const base = Date.parse('2026-10-05T08:00:00Z');
    const at = (m: number) => new Date(base + m * 60_000).toISOString();
    // First replies after 10, 20, 30, 40 and 100 minutes (target 60: four met, one breached).
    const replies = [10, 20, 30, 40, 100];
    for (const [i, m] of replies.entries()) {
      const tk = await newTicket({
        customer: roundTheClock.id,
        team: team.id,
        agent: rep.id,
        opened_at: at(0),
        subject: `report ${i}`,
        ticket_type: i < 3 ? incident : question,
      });
      await act(tk.id, 'reply', { body: 'answer', at: at(m) });
      // Two are resolved: after 5 h (met) and 11 h (target 10 h: breached).
      if (i === 0) await act(tk.id, 'resolve', { at: at(300) });
      if (i === 1) await act(tk.id, 'resolve', { at: at(660) });
    }
  });

  it('first response and resolution times: median and p90 in working minutes', async () => {
    const r = ok(await rep.req('GET', '/api/helpdesk/reports/response-times?from=2026-10-01&to=2026-10-31'));
    expect(r.first_response).toEqual({ count: 5, median: '30.00', p90: '76.00' });
    expect(r.resolution).toEqual({ count: 2, median: '480.00', p90: '624.00' });
    expect(r.data).toEqual([
      { measure: 'first_response', count: 5, median: '30.00', p90: '76.00' },
      { measure: 'resolution', count: 2, median: '480.00', p90: '624.00' },
    ]);
  });

  it('SLA compliance by month', async () => {
    const r = ok(await rep.req('GET', '/api/helpdesk/reports/sla-compliance?from=2026-10-01&to=2026-10-31'));
    expect(r.data).toEqual([
      { month: '2026-10', first_response: { met: 4, breached: 1, percent_met: '80.00' }, resolution: { met: 1, breached: 1, percent_met: '50.00' } },
    ]);
  });

  it('volume by type and open tickets by age, scoped to the agent’s team', async () => {
    const v = ok(await rep.req('GET', '/api/helpdesk/reports/volume-by-type?from=2026-10-01&to=2026-10-31'));
    expect(v).toEqual({
      data: [
        { ticket_type: incident, name: 'Incident', count: 3, open: 1 },
        { ticket_type: question, name: 'Question', count: 2, open: 2 },
      ],
      total: 2,
      totals: { total: 5 },
    });
    const age = ok(await rep.req('GET', `/api/helpdesk/reports/open-by-age?at=${encodeURIComponent('2026-10-09T08:00:00Z')}`));
    expect(age.data).toEqual([{ agent: rep.id, agent_name: 'report.agent', under_1d: 0, d1_3: 0, d3_7: 3, over_7d: 0, total: 3 }]);
    const all = ok(await t.req('GET', '/api/helpdesk/reports/open-by-age'));
    expect(all.totals.total).toBeGreaterThan(3);
    const bad = await rep.req('GET', '/api/helpdesk/reports/volume-by-type?from=yesterday');
    expect(bad.status).toBe(400);
  });

  it('dashboard widgets count the viewer’s tickets', async () => {
    expect(ok(await rep.req('GET', '/api/dashboard/helpdesk.open_tickets'))).toEqual({ value: 3 });
    const byAgent = ok(await rep.req('GET', '/api/dashboard/helpdesk.open_tickets_by_agent'));
    expect(byAgent.series).toEqual([{ label: 'report.agent', value: 3 }]);
  });
});
