/**
 * Demo data: office hours (Mon-Fri 08:00-16:00, Vilnius, Lithuanian holidays), a standard
 * and a premium SLA policy, a first-line team, canned replies and tickets in every state with
 * their SLA timers running, met or breached. Times are relative to now, so the timers look alive.
 */
import type { DataContext, Doc } from '@tessera/core';

async function userNamed(ctx: DataContext, username: string): Promise<number | null> {
  return ((await ctx.entity('auth.user').list({ filter: { username }, limit: 1, fields: ['id'] })).data[0]?.id as number | undefined) ?? null;
}

/** now - hours, as ISO text (the database's clock). */
async function ago(ctx: DataContext, hours: number): Promise<string> {
  const [r] = await ctx.sql<{ t: Date }>(`select now() - make_interval(secs => $1::float8 * 3600) as t`, [hours]);
  return new Date(r!.t).toISOString();
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const targets = (rows: [string, string, string][]) =>
  rows.map(([priority, first_response_hours, resolution_hours]) => ({ priority, first_response_hours, resolution_hours }));

export async function helpdeskDemo(ctx: DataContext): Promise<void> {
  const orgs = (await ctx.entity('crm.organization').list({ sort: 'id', limit: 6, fields: ['id', 'name'] })).data;
  if (orgs.length < 3) return;
  const contacts = (await ctx.entity('crm.contact').list({ sort: 'id', limit: 20, fields: ['id', 'organization'] })).data;
  const contactOf = (org: number) => contacts.find((c) => Number(c.organization) === org)?.id ?? null;
  const agent = await userNamed(ctx, 'helpdesk.agent');
  const manager = await userNamed(ctx, 'helpdesk.support_manager');
  const admin = await userNamed(ctx, 'admin');

  const calendar = await ctx.entity('helpdesk.calendar').create({
    name: 'Office hours / Darbo laikas',
    time_zone: 'Europe/Vilnius',
    hours: WEEKDAYS.map((weekday) => ({ weekday, start_time: '08:00', end_time: '16:00' })),
    holidays: [
      { holiday_date: '2026-12-24', description: 'Christmas Eve / Kūčios' },
      { holiday_date: '2026-12-25', description: 'Christmas / Kalėdos' },
      { holiday_date: '2026-12-26', description: 'Christmas (2nd day) / Kalėdos (antra diena)' },
      { holiday_date: '2027-01-01', description: "New Year's Day / Naujieji metai" },
    ],
  });
  const premium = await ctx
    .entity('helpdesk.customer_group')
    .create({ name: 'Premium support / Aukščiausio lygio aptarnavimas', members: [{ organization: orgs[0]!.id }] });
  await ctx.entity('helpdesk.sla_policy').create({
    name: 'Standard / Standartinė',
    calendar: calendar.id,
    targets: targets([
      ['low', '8', '40'],
      ['medium', '4', '16'],
      ['high', '2', '8'],
      ['urgent', '1', '4'],
    ]),
  });
  await ctx.entity('helpdesk.sla_policy').create({
    name: 'Premium / Aukščiausio lygio',
    customer_group: premium.id,
    calendar: calendar.id,
    targets: targets([
      ['low', '4', '16'],
      ['medium', '2', '8'],
      ['high', '1', '4'],
      ['urgent', '0.5', '2'],
    ]),
  });
  const types: Record<string, number> = {};
  for (const [name, description] of [
    ['Question / Klausimas', 'How do I...? / Kaip...?'],
    ['Incident / Incidentas', 'Something is broken / Kažkas neveikia'],
    ['Complaint / Skundas', 'Unhappy with a product or service / Nepatenkintas preke ar paslauga'],
    ['Feature request / Pageidavimas', 'Asks for something new / Prašo naujos galimybės'],
  ] as const)
    types[name.split(' ')[0]!] = (await ctx.entity('helpdesk.ticket_type').create({ name, description })).id;
  const team = await ctx.entity('helpdesk.team').create({
    name: 'First line / Pirmoji linija',
    lead: manager,
    assignment_rule: 'round_robin',
    agents: [agent, admin].filter((u): u is number => u != null).map((user) => ({ user })),
  });
  await ctx.entity('helpdesk.canned_reply').create({
    title: 'We are on it / Jau sprendžiame',
    body: 'Hello,\n\nthank you for ticket {{number}} ({{subject}}). We are looking into it and will come back to you shortly.\n\nSveiki, dėkojame už užklausą {{number}}. Jau sprendžiame ir netrukus atsakysime.',
  });
  await ctx.entity('helpdesk.canned_reply').create({
    title: 'Need more details / Reikia daugiau informacijos',
    team: team.id,
    body: 'Could you send us the order number and a photo of the problem?\n\nGal galėtumėte atsiųsti užsakymo numerį ir problemos nuotrauką?',
  });

  const tickets = ctx.entity('helpdesk.ticket');
  const open = async (org: Doc, subject: string, type: string, priority: string, hoursAgo: number, channel = 'email'): Promise<Doc> =>
    tickets.create({
      subject,
      description: subject,
      customer: org.id,
      contact: contactOf(Number(org.id)),
      ticket_type: types[type],
      priority,
      channel,
      team: team.id,
      opened_at: await ago(ctx, hoursAgo),
    });
  const act = async (t: Doc, action: string, hoursAgo: number, input: Doc = {}) => tickets.action(t.id, action, { ...input, at: await ago(ctx, hoursAgo) });

  // Open, timer running.
  await open(orgs[1]!, 'Drill battery does not charge / Neįsikrauna grąžto baterija', 'Incident', 'high', 1, 'phone');
  // Open and overdue: both targets breached.
  await open(orgs[2]!, 'Invoice shows the wrong VAT / Sąskaitoje neteisingas PVM', 'Question', 'medium', 24 * 6);
  // Replied.
  const replied = await open(orgs[0]!, 'Delivery time for 200 saws / Pristatymo laikas 200 pjūklų', 'Question', 'medium', 30);
  await act(replied, 'reply', 28, { body: 'We will confirm the date tomorrow. / Datą patvirtinsime rytoj.' });
  // Waiting on the customer: the clock is paused.
  const waiting = await open(orgs[1]!, 'Damaged packaging / Pažeista pakuotė', 'Complaint', 'low', 50);
  await act(waiting, 'reply', 49, { body: 'Could you send a photo? / Gal galite atsiųsti nuotrauką?' });
  await act(waiting, 'wait_on_customer', 49);
  // Resolved and rated.
  const resolved = await open(orgs[0]!, 'Need a copy of the warranty / Reikia garantijos kopijos', 'Question', 'low', 72);
  await act(resolved, 'reply', 71, { body: 'Attached. / Pridedame.' });
  await act(resolved, 'resolve', 70);
  await tickets.action(resolved.id, 'rate', { rating: 5, comment: 'Quick, thank you! / Greitai, ačiū!' });
  // Closed.
  const closed = await open(orgs[2]!, 'Add a bulk order form / Pridėkite didmeninio užsakymo formą', 'Feature', 'low', 24 * 10);
  await act(closed, 'add_note', 24 * 10 - 1, { body: 'Forwarded to the web team. / Perduota svetainės komandai.' });
  await act(closed, 'reply', 24 * 9, { body: 'Thank you, it is on our list. / Ačiū, įtraukėme į planą.' });
  await act(closed, 'resolve', 24 * 8);
  await act(closed, 'close', 24 * 7);
}
