import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@tessera/core';
import { startApp, filter, type TestApp } from '../../../tests/helpers.js';
import { ok, requests } from '@tessera/plugin-kit/testing';

let t: TestApp;
const stage: Record<string, number> = {};
const reason: Record<string, number> = {};
const count = async (table: string) => Number((await t.db.query(`select count(*)::int as n from ${table}`)).rows[0]!.n);
const { post } = requests({ req: (method, path, body, headers) => t.req(method, path, body, headers) });

beforeAll(async () => {
  t = await startApp({ plugins: ['crm'], company: { currency: 'EUR' } });
  for (const s of (await t.req('GET', '/api/crm/stage?limit=100')).body.data) stage[s.name] = s.id;
  for (const r of (await t.req('GET', '/api/crm/lost_reason?limit=100')).body.data) reason[r.name] = r.id;
});
afterAll(async () => t?.close());

describe('pipeline settings', () => {
  it('seeds the default stages, lost reasons and lead sources once, in board order', async () => {
    const stages = (await t.req('GET', '/api/crm/stage?limit=100')).body.data;
    expect(stages.map((s: any) => [s.name, s.probability, s.is_won, s.is_lost])).toEqual([
      ['Prospecting', '10.00', false, false],
      ['Qualification', '20.00', false, false],
      ['Needs analysis', '40.00', false, false],
      ['Proposal', '60.00', false, false],
      ['Negotiation', '80.00', false, false],
      ['Won', '100.00', true, false],
      ['Lost', '0.00', false, true],
    ]);
    expect(await count('crm_lost_reason')).toBe(6);
    expect(await count('crm_lead_source')).toBe(8);
  });

  it('a client configures its own stages; seeding again on restart adds nothing and keeps edits', async () => {
    const config = {
      plugins: ['crm'],
      settings: {
        crm: {
          stages: [
            { name: 'Užklausa', probability: '15' },
            { name: 'Pasiūlymas', probability: '50.5' },
            { name: 'Laimėta', probability: '100', is_won: true },
            { name: 'Prarasta', probability: '0', is_lost: true },
          ],
          lost_reasons: ['Kaina'],
          lead_sources: ['Svetainė'],
        },
      },
    };
    const a = await startApp(config);
    try {
      const stages = (await a.req('GET', '/api/crm/stage')).body.data;
      expect(stages.map((s: any) => `${s.name} ${s.probability}`)).toEqual(['Užklausa 15.00', 'Pasiūlymas 50.50', 'Laimėta 100.00', 'Prarasta 0.00']);
      await a.req('PATCH', `/api/crm/stage/${stages[1].id}`, { probability: '55' });
    } finally {
      await a.close();
    }
    const b = await startApp(config, { url: a.url });
    try {
      const stages = (await b.req('GET', '/api/crm/stage')).body.data;
      expect(stages.map((s: any) => `${s.name} ${s.probability}`)).toEqual(['Užklausa 15.00', 'Pasiūlymas 55.00', 'Laimėta 100.00', 'Prarasta 0.00']);
      expect((await b.req('GET', '/api/crm/lost_reason')).body.total).toBe(1);
    } finally {
      await b.close();
    }
  });

  it('refuses a configuration without a won stage, naming the setting', async () => {
    await expect(
      startApp({
        plugins: ['crm'],
        settings: {
          crm: {
            stages: [
              { name: 'A', probability: '10' },
              { name: 'B', probability: '20' },
              { name: 'Lost', probability: '0', is_lost: true },
            ],
          },
        },
      }),
    ).rejects.toThrow(/settings.crm.stages: needs a won stage/);
  });

  it('declares the board and the timeline for the admin UI', async () => {
    const meta = (await t.req('GET', '/api/meta')).body;
    const deal = meta.entities.find((e: any) => e.key === 'crm.opportunity');
    expect(deal.kanban).toEqual({ groupBy: 'stage', title: 'name', amount: 'amount', subtitle: 'organization' });
    expect(deal.labels.lt.title).toBe('Sandoris');
    const org = meta.entities.find((e: any) => e.key === 'crm.organization');
    expect(org.timelines).toEqual([
      {
        entity: 'crm.activity',
        path: '/api/crm/activity',
        label: 'Activities',
        typeField: 'reference_type',
        idField: 'reference_id',
        dateField: 'activity_at',
      },
    ]);
    expect(org.actions.map((a: any) => a.name)).toEqual(['log_call', 'schedule_task']);
    // Sales documents are timeline links only while sales is on: without it, CRM records alone.
    const activity = meta.entities.find((e: any) => e.key === 'crm.activity');
    expect(activity.fields.find((f: any) => f.name === 'reference_type').choices.map((c: any) => c.id)).toEqual([
      'crm.organization',
      'crm.contact',
      'crm.lead',
      'crm.opportunity',
      'crm.campaign',
    ]);
    expect(meta.dashboard.map((w: any) => w.id)).toEqual(['crm.open_pipeline_weighted', 'crm.pipeline_by_stage', 'crm.overdue_activities']);
  });
});

describe('lead conversion', () => {
  it('turns a lead into an organization, a contact and a deal, linked both ways; the lead history follows', async () => {
    const lead = await post('/api/crm/lead', {
      name: 'Ieva Žukauskaitė',
      company_name: 'Žuko Statyba',
      email: 'ieva@zukostatyba.lt',
      phone: '+370 600 00001',
      needs: 'Fasteners for 40 flats',
      city: 'Vilnius',
      country: 'LT',
    });
    expect(lead.status).toBe('new');
    const call = await post(`/api/crm/lead/${lead.id}/actions/log_call`, { subject: 'Intro call' }, 200);
    expect(call).toMatchObject({ activity_type: 'call', done: true, reference_type: 'crm.lead', reference_id: lead.id, organization: null });

    const r = await post(
      `/api/crm/lead/${lead.id}/actions/convert`,
      { create_opportunity: true, amount: '12000.00', opportunity_name: 'Project fasteners' },
      200,
    );
    expect(r.organization).toMatchObject({ name: 'Žuko Statyba', lead: lead.id, city: 'Vilnius' });
    expect(r.contact).toMatchObject({
      first_name: 'Ieva',
      last_name: 'Žukauskaitė',
      full_name: 'Ieva Žukauskaitė',
      email: 'ieva@zukostatyba.lt',
      organization: r.organization.id,
      lead: lead.id,
    });
    expect(r.opportunity).toMatchObject({
      name: 'Project fasteners',
      organization: r.organization.id,
      lead: lead.id,
      contact: r.contact.id,
      amount: '12000.00',
      currency: 'EUR',
      party_type: 'organization',
      stage: stage.Prospecting,
      probability: '10.00',
      weighted_amount: '1200.00',
      status: 'open',
      description: 'Fasteners for 40 flats',
    });
    expect(r.lead).toMatchObject({
      status: 'converted',
      converted_organization: r.organization.id,
      converted_contact: r.contact.id,
      converted_opportunity: r.opportunity.id,
    });
    expect(r.lead.converted_at).toBeTruthy();
    expect((await t.req('GET', `/api/crm/activity/${call.id}`)).body.organization).toBe(r.organization.id);

    const again = await t.req('POST', `/api/crm/lead/${lead.id}/actions/convert`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('LEAD_ALREADY_CONVERTED');
  });

  it('a failed conversion writes nothing', async () => {
    await post('/api/crm/organization', { name: 'Taken Name UAB' });
    const lead = await post('/api/crm/lead', { name: 'Petras Petraitis', company_name: 'Taken Name UAB' });
    const before = [await count('crm_organization'), await count('crm_contact'), await count('crm_opportunity')];
    const r = await t.req('POST', `/api/crm/lead/${lead.id}/actions/convert`, { create_opportunity: true });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('POSSIBLE_DUPLICATE');
    expect([await count('crm_organization'), await count('crm_contact'), await count('crm_opportunity')]).toEqual(before);
    expect((await t.req('GET', `/api/crm/lead/${lead.id}`)).body.status).toBe('new');
  });

  it('refuses setting a lead to Converted by hand', async () => {
    const lead = await post('/api/crm/lead', { name: 'Hand Converted' });
    const r = await t.req('PATCH', `/api/crm/lead/${lead.id}`, { status: 'converted' });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].path).toBe('status');
  });
});

describe('duplicates', () => {
  it('refuses an organization with an existing e-mail or name (409 naming it) unless allow_duplicate is sent', async () => {
    const acme = await post('/api/crm/organization', { name: 'Acme Tools', email: 'info@acme.lt' });
    const byEmail = await t.req('POST', '/api/crm/organization', { name: 'ACME Tools Vilnius', email: 'INFO@acme.lt' });
    expect(byEmail.status).toBe(409);
    expect(byEmail.body.error.code).toBe('POSSIBLE_DUPLICATE');
    expect(byEmail.body.error.details).toEqual([
      {
        path: 'email',
        message: `Organization ${acme.id} "Acme Tools" has the same e-mail`,
        code: 'duplicate',
        key: 'crm.duplicate_visible',
        params: { entity: { en: 'Organization', lt: 'Organizacija' }, id: String(acme.id), title: 'Acme Tools', by: { en: 'e-mail', lt: 'el. pašto adresą' } },
      },
    ]);
    const byName = await t.req('POST', '/api/crm/organization', { name: '  acme   TOOLS ' });
    expect(byName.status).toBe(409);
    expect(byName.body.error.details[0].path).toBe('name');
    const forced = await post('/api/crm/organization', { name: 'Acme Tools', email: 'info@acme.lt', allow_duplicate: true });
    expect(forced.allow_duplicate).toBe(true);
    const report = (await t.req('GET', '/api/crm/reports/duplicates?entity=crm.organization')).body;
    expect(report.data).toEqual(
      expect.arrayContaining([
        {
          match: 'email',
          value: 'info@acme.lt',
          count: 2,
          records: [
            { id: acme.id, title: 'Acme Tools' },
            { id: forced.id, title: 'Acme Tools' },
          ],
        },
        {
          match: 'name',
          value: 'acme tools',
          count: 2,
          records: [
            { id: acme.id, title: 'Acme Tools' },
            { id: forced.id, title: 'Acme Tools' },
          ],
        },
      ]),
    );
  });

  it('contacts: same e-mail, or same name at the same organization; an edit is checked too', async () => {
    const org = await post('/api/crm/organization', { name: 'Dup Contacts UAB' });
    await post('/api/crm/contact', { first_name: 'Jonas', last_name: 'Jonaitis', organization: org.id, email: 'jonas@dup.lt' });
    expect((await t.req('POST', '/api/crm/contact', { first_name: 'jonas', last_name: 'JONAITIS', organization: org.id })).status).toBe(409);
    const elsewhere = await post('/api/crm/contact', { first_name: 'Jonas', last_name: 'Jonaitis' });
    const edit = await t.req('PATCH', `/api/crm/contact/${elsewhere.id}`, { email: 'Jonas@dup.lt' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.details[0].path).toBe('email');
    expect((await t.req('GET', '/api/crm/reports/duplicates?entity=crm.nothing')).status).toBe(400);
  });
});

describe('deals and the pipeline', () => {
  let org: number;
  let a: any, b: any, c: any;

  beforeAll(async () => {
    const p = await t.req('GET', '/api/crm/reports/pipeline');
    expect(p.status).toBe(200);
    org = (await post('/api/crm/organization', { name: 'Pipeline Customer' })).id;
    // Earlier tests created one open deal of 12000.00 in Prospecting (10%): weighted 1200.00.
    a = await post('/api/crm/opportunity', { name: 'A', organization: org, amount: '10000.00', stage: stage.Proposal, expected_close: '2026-07-01' });
    b = await post('/api/crm/opportunity', { name: 'B', organization: org, amount: '2500.50', stage: stage.Qualification });
    c = await post('/api/crm/opportunity', { name: 'C', organization: org, amount: '3333.33', stage: stage.Negotiation });
  });

  it('takes probability from the stage and computes the weighted amount exactly', () => {
    expect([a.probability, a.weighted_amount]).toEqual(['60.00', '6000.00']);
    expect([b.probability, b.weighted_amount]).toEqual(['20.00', '500.10']);
    expect([c.probability, c.weighted_amount]).toEqual(['80.00', '2666.66']);
  });

  it('reports the weighted pipeline by stage (amount x probability, rounded once)', async () => {
    const r = (await t.req('GET', '/api/crm/reports/pipeline')).body;
    expect(r.currency).toBe('EUR');
    expect(r.data.map((s: any) => [s.name, s.count, s.amount, s.weighted_amount])).toEqual([
      ['Prospecting', 1, '12000.00', '1200.00'],
      ['Qualification', 1, '2500.50', '500.10'],
      ['Needs analysis', 0, '0.00', '0.00'],
      ['Proposal', 1, '10000.00', '6000.00'],
      ['Negotiation', 1, '3333.33', '2666.66'],
    ]);
    // 1200 + 500.10 + 6000 + 2666.664 = 10366.764
    expect(r.totals).toEqual({ count: 4, amount: '27833.83', weighted_amount: '10366.76' });
    const widget = (await t.req('GET', '/api/dashboard/crm.open_pipeline_weighted')).body;
    expect(widget.value).toBe('10366.76');
  });

  it('moving a card to another stage takes its probability; an explicit probability is kept', async () => {
    const moved = await t.req('PATCH', `/api/crm/opportunity/${b.id}`, { stage: stage.Proposal });
    expect([moved.body.probability, moved.body.weighted_amount]).toEqual(['60.00', '1500.30']);
    const tuned = await t.req('PATCH', `/api/crm/opportunity/${b.id}`, { stage: stage.Negotiation, probability: '70' });
    expect([tuned.body.probability, tuned.body.weighted_amount]).toEqual(['70.00', '1750.35']);
    const back = await t.req('PATCH', `/api/crm/opportunity/${b.id}`, { stage: stage.Qualification });
    expect([back.body.probability, back.body.weighted_amount]).toEqual(['20.00', '500.10']);
    // A probability the request sends is kept even when it equals the current one.
    const same = await t.req('PATCH', `/api/crm/opportunity/${b.id}`, { stage: stage.Proposal, probability: '20.00' });
    expect([same.body.stage, same.body.probability, same.body.weighted_amount]).toEqual([stage.Proposal, '20.00', '500.10']);
    const reset = await t.req('PATCH', `/api/crm/opportunity/${b.id}`, { stage: stage.Qualification });
    expect(reset.body.probability).toBe('20.00');
  });

  it('a lost deal needs a reason and leaves the open pipeline', async () => {
    const noReason = await t.req('PATCH', `/api/crm/opportunity/${c.id}`, { stage: stage.Lost });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details).toEqual([
      { path: 'lost_reason', message: 'is required: the deal is in the lost stage "Lost"', key: 'crm.lost_reason_required', params: { name: 'Lost' } },
    ]);
    const missing = await t.req('POST', `/api/crm/opportunity/${c.id}/actions/mark_lost`, {});
    expect(missing.status).toBe(422);
    expect(missing.body.error.details[0].path).toBe('lost_reason');
    const lost = await post(
      `/api/crm/opportunity/${c.id}/actions/mark_lost`,
      { lost_reason: reason['Price too high'], lost_detail: 'Competitor 12% cheaper' },
      200,
    );
    expect(lost).toMatchObject({ status: 'lost', stage: stage.Lost, probability: '0.00', weighted_amount: '0.00', lost_reason: reason['Price too high'] });
    expect(lost.closed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const r = (await t.req('GET', '/api/crm/reports/pipeline')).body;
    expect(r.totals).toEqual({ count: 3, amount: '24500.50', weighted_amount: '7700.10' });
    expect(r.data.find((s: any) => s.name === 'Negotiation').count).toBe(0);
    const again = await t.req('POST', `/api/crm/opportunity/${c.id}/actions/mark_lost`, { lost_reason: reason['No budget'] });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
      message: 'Mark lost is not possible on Deal C: its status is lost (needs open or won)',
    });
  });

  it('won and lost over time, with win rate and lost reasons', async () => {
    await post(`/api/crm/opportunity/${a.id}/actions/mark_won`, {}, 200);
    const won = (await t.req('GET', `/api/crm/opportunity/${a.id}`)).body;
    expect(won).toMatchObject({ status: 'won', probability: '100.00', weighted_amount: '10000.00' });
    const r = (await t.req('GET', '/api/crm/reports/won-lost?interval=year')).body;
    expect(r.data).toEqual([
      { period: won.closed_on.slice(0, 4), won_count: 1, won_amount: '10000.00', lost_count: 1, lost_amount: '3333.33', win_rate: '50.00' },
    ]);
    expect(r.lost_reasons).toEqual([{ lost_reason: reason['Price too high'], name: 'Price too high', count: 1, amount: '3333.33' }]);
    const reopened = await post(`/api/crm/opportunity/${c.id}/actions/reopen`, { stage: stage.Proposal }, 200);
    expect(reopened).toMatchObject({ status: 'open', probability: '60.00', lost_reason: null, closed_on: null });
    expect((await t.req('GET', '/api/crm/reports/won-lost?interval=week')).status).toBe(400);
  });

  it("the stage actions are offered by the deal's status (409 otherwise), and the metadata says when", async () => {
    const d = await post('/api/crm/opportunity', { name: 'D', organization: org, amount: '10.00' });
    const reopen = await t.req('POST', `/api/crm/opportunity/${d.id}/actions/reopen`, {});
    expect(reopen.status).toBe(409);
    expect(reopen.body.error).toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
      message: 'Reopen is not possible on Deal D: its status is open (needs won or lost)',
    });
    await post(`/api/crm/opportunity/${d.id}/actions/mark_won`, {}, 200);
    expect((await t.req('POST', `/api/crm/opportunity/${d.id}/actions/mark_won`, {})).body.error.code).toBe('ACTION_NOT_ALLOWED');
    // won -> lost directly, as before
    expect(await post(`/api/crm/opportunity/${d.id}/actions/mark_lost`, { lost_reason: reason['Bad timing'] }, 200)).toMatchObject({ status: 'lost' });
    const meta = (await t.req('GET', '/api/meta')).body.entities.find((e: any) => e.key === 'crm.opportunity');
    expect(Object.fromEntries(meta.actions.filter((a: any) => a.when).map((a: any) => [a.name, a.when]))).toEqual({
      mark_won: { status: ['open', 'lost'] },
      mark_lost: { status: ['open', 'won'] },
      reopen: { status: ['won', 'lost'] },
    });
  });

  it('a deal needs a party', async () => {
    const r = await t.req('POST', '/api/crm/opportunity', { name: 'Nobody', amount: '1.00' });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].path).toBe('organization');
  });
});

describe('activities', () => {
  it('log a call and schedule tasks on any CRM record; overdue tasks per owner; the timeline query', async () => {
    const ona = await t.createUser('ona', ['crm.sales_rep']);
    const jonas = await t.createUser('jonas', ['crm.sales_rep']);
    const org = await post('/api/crm/organization', { name: 'Timeline Org', owner: ona.id });
    const contact = await post('/api/crm/contact', { first_name: 'Rūta', organization: org.id });
    const deal = await post('/api/crm/opportunity', { name: 'Timeline deal', organization: org.id, contact: contact.id, amount: '100.00', owner: ona.id });
    await post(`/api/crm/organization/${org.id}/actions/log_call`, { subject: 'Review', duration_minutes: 15, outcome: 'OK' }, 200);
    const t1 = await post(`/api/crm/contact/${contact.id}/actions/schedule_task`, { subject: 'Send catalogue', due_date: '2020-01-10', owner: ona.id }, 200);
    expect(t1).toMatchObject({ activity_type: 'task', done: false, organization: org.id, contact: contact.id, owner: ona.id });
    await post(`/api/crm/opportunity/${deal.id}/actions/schedule_task`, { subject: 'Follow up', due_date: '2020-02-01', owner: ona.id, priority: 'high' }, 200);
    await post(`/api/crm/opportunity/${deal.id}/actions/schedule_task`, { subject: 'Later', due_date: '2099-01-01', owner: ona.id }, 200);
    await post(`/api/crm/organization/${org.id}/actions/schedule_task`, { subject: 'Someone else', due_date: '2020-03-01', owner: jonas.id }, 200);
    const bad = await t.req('POST', `/api/crm/contact/${contact.id}/actions/schedule_task`, { subject: 'No date' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('due_date');

    const overdue = (await t.req('GET', '/api/crm/reports/overdue-activities?as_of=2026-01-01')).body;
    expect(overdue.data).toEqual([
      { owner: ona.id, username: 'ona', count: 2, oldest_due_date: '2020-01-10', high_priority: 1 },
      { owner: jonas.id, username: 'jonas', count: 1, oldest_due_date: '2020-03-01', high_priority: 0 },
    ]);
    expect((await post(`/api/crm/activity/${t1.id}/actions/complete`, { outcome: 'Sent' }, 200)).done_at).toBeTruthy();
    expect((await t.req('GET', '/api/crm/reports/overdue-activities?as_of=2026-01-01')).body.totals.total).toBe(2);

    // The organization's timeline (as the admin UI asks for it), and its whole history by the organization field.
    const own = (await t.req('GET', `/api/crm/activity?filter=${filter({ reference_type: 'crm.organization', reference_id: org.id })}`)).body;
    expect(own.total).toBe(2);
    const all = (await t.req('GET', `/api/crm/activity?filter=${filter({ organization: org.id })}`)).body;
    expect(all.total).toBe(5);
    // A sales rep sees only the activities assigned to them (row rule "own" on the owner field).
    const mine = (await ona.req('GET', `/api/crm/activity?filter=${filter({ organization: org.id })}`)).body;
    expect(mine.data.map((a: any) => a.subject).sort()).toEqual(['Follow up', 'Later', 'Send catalogue']);
  });

  it("re-linking an activity moves it to the new record's organization", async () => {
    const a = await post('/api/crm/organization', { name: 'Relink A' });
    const b = await post('/api/crm/organization', { name: 'Relink B' });
    const contact = await post('/api/crm/contact', { first_name: 'Relink', organization: b.id });
    const note = await post('/api/crm/activity', { activity_type: 'note', subject: 'Moved', reference_type: 'crm.organization', reference_id: a.id });
    expect(note.organization).toBe(a.id);
    const moved = await t.req('PATCH', `/api/crm/activity/${note.id}`, { reference_type: 'crm.contact', reference_id: contact.id });
    expect([moved.body.organization, moved.body.contact]).toEqual([b.id, contact.id]);
    // An organization the request names is kept, even the one the activity already had.
    const named = await t.req('PATCH', `/api/crm/activity/${note.id}`, { reference_type: 'crm.organization', reference_id: a.id, organization: b.id });
    expect(named.body.organization).toBe(b.id);
  });

  it('refuses a link to a record that does not exist, or half a link', async () => {
    const r = await t.req('POST', '/api/crm/activity', { activity_type: 'note', subject: 'x', reference_type: 'crm.contact', reference_id: 999999 });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([
      {
        path: 'reference_id',
        message: 'Contact 999999 does not exist',
        key: 'crm.record_missing',
        params: { entity: { en: 'Contact', lt: 'Kontaktas' }, id: '999999' },
      },
    ]);
    const half = await t.req('POST', '/api/crm/activity', { activity_type: 'note', subject: 'x', reference_type: 'crm.contact' });
    expect(half.body.error.details[0].path).toBe('reference_id');
    const wrongType = await t.req('POST', '/api/crm/activity', { activity_type: 'note', subject: 'x', reference_type: 'sales.quotation', reference_id: 1 });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error.details[0].path).toBe('reference_type');
  });
});

describe('roles and permissions', () => {
  it('a sales rep works their own leads and deals; others stay invisible', async () => {
    const rep = await t.createUser('rep.a', ['crm.sales_rep']);
    const other = await t.createUser('rep.b', ['crm.sales_rep']);
    const lead = ok(await rep.req('POST', '/api/crm/lead', { name: 'Rep Lead', company_name: 'Rep Co' }), 201);
    expect(lead.owner).toBe(rep.id);
    expect((await other.req('GET', `/api/crm/lead/${lead.id}`)).status).toBe(404);
    expect((await other.req('GET', `/api/crm/lead?filter=${filter({ id: lead.id })}`)).body.total).toBe(0);
    const converted = ok(await rep.req('POST', `/api/crm/lead/${lead.id}/actions/convert`, { create_opportunity: true, amount: '500.00' }));
    expect(converted.opportunity.owner).toBe(rep.id);
    expect((await rep.req('GET', `/api/crm/opportunity/${converted.opportunity.id}`)).status).toBe(200);
    expect((await other.req('PATCH', `/api/crm/opportunity/${converted.opportunity.id}`, { amount: '1.00' })).status).toBe(404);
    // organizations and contacts are shared
    expect((await other.req('GET', `/api/crm/organization/${converted.organization.id}`)).status).toBe(200);
    // pipeline settings are read-only for reps
    expect((await rep.req('POST', '/api/crm/stage', { name: 'Mine', probability: '5', sort_order: 1 })).status).toBe(403);
    expect((await rep.req('GET', '/api/crm/reports/pipeline')).status).toBe(200);
  });

  it('reports need an authenticated user who may read what they aggregate', async () => {
    const nobody = await t.createUser('no.roles', []);
    const r = await nobody.req('GET', '/api/crm/reports/pipeline');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect((await t.req('GET', '/api/crm/reports/pipeline', undefined, { authorization: '' })).status).toBe(401);
    expect((await nobody.req('GET', '/api/crm/reports/duplicates?entity=crm.contact')).status).toBe(403);
  });
});

describe("reports and widgets follow the caller's row rules", () => {
  it("a sales rep's reports and widgets count only their own deals, leads and activities; a manager's count all", async () => {
    const rep = await t.createUser('rows.rep', ['crm.sales_rep']);
    const manager = await t.createUser('rows.manager', ['crm.manager']);
    const org = await post('/api/crm/organization', { name: 'Row Rules Org' });
    const campaign = await post('/api/crm/campaign', { name: 'Row rules campaign' });
    const deal = (body: object) => ({ organization: org.id, campaign: campaign.id, ...body });
    // The rep's own deals (owner: the rep) and others' (created by the administrator, who owns them).
    const mineOpen = ok(await rep.req('POST', '/api/crm/opportunity', deal({ name: 'Rows: mine', amount: '1000.00', stage: stage.Proposal })), 201);
    const mineWon = ok(await rep.req('POST', '/api/crm/opportunity', deal({ name: 'Rows: mine, won', amount: '200.00', stage: stage.Qualification })), 201);
    await post('/api/crm/opportunity', deal({ name: 'Rows: theirs', amount: '5000.00', stage: stage.Proposal }));
    const theirsLost = await post('/api/crm/opportunity', deal({ name: 'Rows: theirs, lost', amount: '300.00', stage: stage.Qualification }));
    ok(await rep.req('POST', `/api/crm/opportunity/${mineWon.id}/actions/mark_won`, {}));
    await post(`/api/crm/opportunity/${theirsLost.id}/actions/mark_lost`, { lost_reason: reason['No budget'] }, 200);
    ok(await rep.req('POST', '/api/crm/lead', { name: 'Rows Lead Mine', campaign: campaign.id }), 201);
    await post('/api/crm/lead', { name: 'Rows Lead Theirs', campaign: campaign.id });
    ok(await rep.req('POST', `/api/crm/opportunity/${mineOpen.id}/actions/schedule_task`, { subject: 'Rows: my overdue task', due_date: '2020-01-01' }));
    await post(`/api/crm/organization/${org.id}/actions/schedule_task`, { subject: 'Rows: their overdue task', due_date: '2020-01-01' }, 200);
    // Possible duplicates: one lead of the rep's, one of someone else's.
    ok(await rep.req('POST', '/api/crm/lead', { name: 'Rows Twin', company_name: 'Twin Co' }), 201);
    await post('/api/crm/lead', { name: 'Rows Twin', company_name: 'Twin Co', allow_duplicate: true });

    const as = async (who: { req: typeof t.req }, path: string) => ok(await who.req('GET', path));
    const admin = { req: t.req };

    // The rep: only their own rows.
    const pipeline = await as(rep, '/api/crm/reports/pipeline');
    expect(pipeline.totals).toEqual({ count: 1, amount: '1000.00', weighted_amount: '600.00' });
    expect(pipeline.data.filter((s: any) => s.count > 0).map((s: any) => [s.name, s.count])).toEqual([['Proposal', 1]]);
    expect(await as(rep, '/api/dashboard/crm.open_pipeline_weighted')).toMatchObject({ value: '600.00', count: 1, amount: '1000.00' });
    expect((await as(rep, '/api/dashboard/crm.pipeline_by_stage')).series.filter((s: any) => s.count > 0)).toEqual([
      { label: 'Proposal', key: expect.any(Number), value: '600.00', count: 1, amount: '1000.00' },
    ]);
    const wonLost = await as(rep, '/api/crm/reports/won-lost?interval=year');
    expect(wonLost.data).toEqual([{ period: expect.any(String), won_count: 1, won_amount: '200.00', lost_count: 0, lost_amount: '0.00', win_rate: '100.00' }]);
    expect(wonLost.lost_reasons).toEqual([]);
    const overdue = await as(rep, '/api/crm/reports/overdue-activities?as_of=2026-01-01');
    expect(overdue.data).toEqual([{ owner: rep.id, username: 'rows.rep', count: 1, oldest_due_date: '2020-01-01', high_priority: 0 }]);
    expect((await as(rep, '/api/dashboard/crm.overdue_activities')).value).toBe(1);
    const campaigns = await as(rep, '/api/crm/reports/campaigns');
    expect(campaigns.data.find((c: any) => c.campaign === campaign.id)).toMatchObject({ leads: 1, deals: 2, won_amount: '200.00' });
    expect((await as(rep, '/api/crm/reports/duplicates?entity=crm.lead')).data.filter((g: any) => g.value === 'rows twin')).toEqual([]);

    // The manager: every row, the same figures as the administrator's.
    for (const path of [
      '/api/crm/reports/pipeline',
      '/api/crm/reports/won-lost?interval=year',
      '/api/crm/reports/overdue-activities?as_of=2026-01-01',
      '/api/crm/reports/campaigns',
      '/api/crm/reports/duplicates?entity=crm.lead',
      '/api/dashboard/crm.open_pipeline_weighted',
      '/api/dashboard/crm.pipeline_by_stage',
      '/api/dashboard/crm.overdue_activities',
    ])
      expect(await as(manager, path), path).toEqual(await as(admin, path));
    const all = await as(manager, '/api/crm/reports/pipeline');
    expect(all.data.find((s: any) => s.name === 'Proposal').count).toBeGreaterThanOrEqual(2);
    expect((await as(manager, '/api/crm/reports/campaigns')).data.find((c: any) => c.campaign === campaign.id)).toMatchObject({
      leads: 2,
      deals: 4,
      won_amount: '200.00',
    });
    expect((await as(manager, '/api/crm/reports/overdue-activities?as_of=2026-01-01')).data.map((o: any) => o.owner)).toContain(rep.id);
    expect(
      (await as(manager, '/api/crm/reports/duplicates?entity=crm.lead')).data.filter((g: any) => g.value === 'rows twin').map((g: any) => g.count),
    ).toEqual([2]);
    const managerWonLost = await as(manager, '/api/crm/reports/won-lost?interval=year');
    expect(managerWonLost.lost_reasons.map((r: any) => r.name)).toContain('No budget');
  });
});

describe('demo data', () => {
  it('loads organizations, leads, deals in every stage and overdue activities', async () => {
    const d = await startApp({ plugins: ['crm'] }, { demo: true });
    try {
      const rep = (await d.db.query(`select id from auth_user where username = 'crm.sales_rep'`)).rows[0]!.id;
      expect((await d.db.query(`select count(*)::int as n from crm_opportunity where owner = $1`, [rep])).rows[0]!.n).toBeGreaterThanOrEqual(3);
      const stages = (
        await d.db.query(
          `select s.name, count(o.id)::int as n from crm_stage s left join crm_opportunity o on o.stage = s.id group by s.id order by s.sort_order`,
        )
      ).rows;
      expect(stages.every((s: any) => s.n >= 1)).toBe(true);
      // The demo's sales representative logs in with the demo password; their dashboard counts their own deals only.
      const login = await d.req('POST', '/api/auth/login', { username: 'crm.sales_rep', password: DEMO_PASSWORD }, { authorization: '' });
      expect(login.status, JSON.stringify(login.body)).toBe(200);
      const session = { authorization: '', cookie: String(login.headers['set-cookie']).split(';')[0]! };
      const open = async (owner?: number) =>
        (await d.db.query(`select count(*)::int as n from crm_opportunity where status = 'open' and ($1::bigint is null or owner = $1)`, [owner ?? null]))
          .rows[0]!.n;
      expect((await d.req('GET', '/api/dashboard/crm.open_pipeline_weighted', undefined, session)).body.count).toBe(await open(rep));
      expect((await d.req('GET', '/api/dashboard/crm.open_pipeline_weighted')).body.count).toBe(await open());
      expect(await open(rep)).toBeLessThan(await open());
      expect((await d.req('GET', '/api/crm/reports/overdue-activities')).body.totals.total).toBeGreaterThanOrEqual(3);
      expect((await d.req('GET', `/api/crm/lead?filter=${filter({ status: 'converted' })}`)).body.total).toBe(1);
      const campaigns = (await d.req('GET', '/api/crm/reports/campaigns')).body;
      expect(campaigns.data.map((c: any) => [c.name, c.leads, c.converted_leads, c.deals, c.won_amount])).toEqual([
        ['Tools newsletter', 2, 1, 1, '0.00'],
        ['Spring trade fair', 2, 0, 3, '9900.00'],
      ]);
    } finally {
      await d.close();
    }
  });
});
