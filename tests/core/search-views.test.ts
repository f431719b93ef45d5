/**
 * Global search (GET /api/search) and saved list views (/api/views), issue 17 items 7 and 8:
 * accent-insensitive matching inside words, the viewer's row rules, grouping by entity; views
 * personal or shared, checked against the entity, changed only by their owner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;
let rep: Awaited<ReturnType<TestApp['createUser']>>;
let other: Awaited<ReturnType<TestApp['createUser']>>;

beforeAll(async () => {
  t = await startApp({ plugins: ['crm'], company: { currency: 'EUR' } });
  rep = await t.createUser('rep', ['crm.sales_rep']);
  other = await t.createUser('other', ['crm.sales_rep']);
  for (const [first, last] of [
    ['Jonas', 'Žukauskas'],
    ['Rūta', 'Petrauskienė'],
    ['Anna', 'Smith'],
  ])
    expect((await t.req('POST', '/api/crm/contact', { first_name: first, last_name: last })).status).toBe(201);
  expect((await t.req('POST', '/api/crm/lead', { name: 'Admin lead Žukauskas', owner: 1 })).status).toBe(201);
  expect((await rep.req('POST', '/api/crm/lead', { name: 'Rep lead Žukauskas' })).status).toBe(201);
});
afterAll(async () => t?.close());

describe('global search', () => {
  it('finds "Žukauskas" by "zukauskas" and "Rūta" by "ruta", inside words too, grouped by entity', async () => {
    const r = await t.req('GET', '/api/search?q=zukauskas');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const contacts = r.body.groups.find((g: any) => g.entity === 'crm.contact');
    expect(contacts.results.map((h: any) => h.title)).toEqual(['Jonas Žukauskas']);
    expect(r.body.groups.find((g: any) => g.entity === 'crm.lead').results).toHaveLength(2);
    const inside = await t.req('GET', '/api/search?q=trausk');
    expect(inside.body.groups.flatMap((g: any) => g.results.map((h: any) => h.title))).toEqual(['Rūta Petrauskienė']);
    const ruta = await t.req('GET', '/api/search?q=ruta%20petr');
    expect(ruta.body.groups.find((g: any) => g.entity === 'crm.contact').results.map((h: any) => h.title)).toEqual(['Rūta Petrauskienė']);
  });

  it('finds a seeded record by its title in another language: "svetaine" finds the lead source stored as "Website"', async () => {
    const r = await t.req('GET', '/api/search?q=svetaine&entities=crm.lead_source');
    expect(r.status).toBe(200);
    expect(r.body.groups.map((g: any) => [g.entity, g.results.map((h: any) => h.title)])).toEqual([['crm.lead_source', ['Website']]]);
    const stored = await t.req('GET', '/api/search?q=webs&entities=crm.lead_source');
    expect(stored.body.groups[0].results.map((h: any) => h.title)).toEqual(['Website']);
    expect((await t.req('GET', '/api/search?q=svetainez&entities=crm.lead_source')).body.groups).toEqual([]);
  });

  it("applies the viewer's row rules: a sales rep finds only their own leads", async () => {
    const r = await rep.req('GET', '/api/search?q=zukauskas');
    expect(r.status).toBe(200);
    expect(r.body.groups.find((g: any) => g.entity === 'crm.lead').results.map((h: any) => h.title)).toEqual(['Rep lead Žukauskas']);
    // users and roles are not readable by a rep: never searched
    expect(r.body.groups.some((g: any) => g.entity.startsWith('auth.'))).toBe(false);
  });

  it('limits per entity and says when there are more; bad input is a 400 naming the parameter', async () => {
    const r = await t.req('GET', '/api/search?q=lead&limit=1&entities=crm.lead');
    expect(r.body.groups).toHaveLength(1);
    expect(r.body.groups[0]).toMatchObject({ entity: 'crm.lead', more: true });
    expect(r.body.groups[0].results).toHaveLength(1);
    for (const [qs, path] of [
      ['', 'q'],
      ['q=a&limit=0', 'limit'],
      ['q=a&entities=nope.x', 'entities'],
      [`q=${'x'.repeat(101)}`, 'q'],
    ]) {
      const bad = await t.req('GET', `/api/search?${qs}`);
      expect(bad.status, qs).toBe(400);
      expect(bad.body.error.details[0].path).toBe(path);
    }
    expect((await t.req('GET', '/api/search?q=%25%25')).body.groups).toEqual([]);
  });
});

describe('saved views', () => {
  const state = { filter: { do_not_contact: false }, columns: ['full_name', 'email'], sort: { field: 'full_name', order: 'ASC' } };
  it('stores personal and shared views; others see only the shared ones', async () => {
    const mine = await rep.req('POST', '/api/views', { entity: 'crm.contact', name: 'My callable', state });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body).toMatchObject({ name: 'My callable', shared: false, mine: true, state });
    const shared = await rep.req('POST', '/api/views', { entity: 'crm.contact', name: 'Team list', shared: true, state: { columns: ['full_name'] } });
    expect(shared.status).toBe(201);
    expect((await rep.req('GET', '/api/views?entity=crm.contact')).body.data.map((v: any) => v.name)).toEqual(['My callable', 'Team list']);
    const seen = (await other.req('GET', '/api/views?entity=crm.contact')).body.data;
    expect(seen.map((v: any) => [v.name, v.mine, v.owner])).toEqual([['Team list', false, 'rep']]);
    // only the owner (or an administrator) changes or deletes a view
    expect((await other.req('PATCH', `/api/views/${shared.body.id}`, { name: 'Mine now' })).status).toBe(403);
    expect((await other.req('DELETE', `/api/views/${mine.body.id}`)).status).toBe(404);
    const renamed = await rep.req('PATCH', `/api/views/${shared.body.id}`, { name: 'Team', state: { columns: ['full_name', 'phone'] } });
    expect(renamed.body).toMatchObject({ name: 'Team', state: { columns: ['full_name', 'phone'] } });
    expect((await rep.req('DELETE', `/api/views/${mine.body.id}`)).status).toBe(204);
    expect((await rep.req('GET', '/api/views?entity=crm.contact')).body.data.map((v: any) => v.name)).toEqual(['Team']);
  });

  it('refuses unknown fields, duplicate names and unreadable entities with the path, writing nothing', async () => {
    const bad = await rep.req('POST', '/api/views', {
      entity: 'crm.contact',
      name: '',
      state: { columns: ['nope'], sort: { field: 'full_name', order: 'UP' }, extra: 1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['name', 'state/columns/0', 'state/extra', 'state/sort']);
    expect((await rep.req('POST', '/api/views', { entity: 'crm.contact', name: 'team', state: {} })).status).toBe(409);
    expect((await rep.req('POST', '/api/views', { entity: 'auth.user', name: 'x', state: {} })).status).toBe(403);
    expect((await rep.req('GET', '/api/views?entity=nope')).status).toBe(422);
    expect(Number((await t.db.query('select count(*) as n from tessera_saved_view')).rows[0].n)).toBe(1);
  });
});

describe('grouped lists', () => {
  it("counts and sums a list per group, exactly, with the list's filter and row rules", async () => {
    const stages = (await t.req('GET', '/api/crm/stage?limit=100')).body.data;
    const [first, second] = stages;
    const org = (await t.req('POST', '/api/crm/organization', { name: 'Grouped UAB' })).body.id;
    for (const [amount, stage, who] of [
      ['100.10', first.id, t],
      ['200.25', first.id, t],
      ['0.05', second.id, t],
      ['7.00', first.id, rep],
    ] as const) {
      const r = await (who === t ? t.req : rep.req)('POST', '/api/crm/opportunity', { name: `Deal ${amount}`, amount, stage, organization: org });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const all = await t.req('GET', '/api/groups?entity=crm.opportunity&by=stage&sum=amount');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.groups).toEqual([
      { key: first.id, count: 3, sums: { amount: '307.35' } },
      { key: second.id, count: 1, sums: { amount: '0.05' } },
    ]);
    // the sales rep's row rule: only their own deal
    expect((await rep.req('GET', '/api/groups?entity=crm.opportunity&by=stage&sum=amount')).body.groups).toEqual([
      { key: first.id, count: 1, sums: { amount: '7.00' } },
    ]);
    const filtered = await t.req(
      'GET',
      `/api/groups?entity=crm.opportunity&by=stage&sum=amount&filter=${encodeURIComponent(JSON.stringify({ amount: { gte: '100' } }))}`,
    );
    expect(filtered.body.groups).toEqual([{ key: first.id, count: 2, sums: { amount: '300.35' } }]);
  });

  it('refuses fields it cannot group or sum with their paths', async () => {
    const r = await t.req('GET', '/api/groups?entity=crm.opportunity&by=description_x&sum=name,amount');
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: any) => d.path)).toEqual(['by', 'sum/0']);
    expect((await t.req('GET', '/api/groups?entity=crm.opportunity&by=stage&filter=%7B')).body.error.details[0].path).toBe('filter');
    expect((await t.req('GET', '/api/groups?entity=crm.opportunity&by=stage&filter=%7B%22nope%22%3A1%7D')).status).toBe(400);
    expect((await rep.req('GET', '/api/groups?entity=auth.user&by=username')).status).toBe(403);
  });
});
