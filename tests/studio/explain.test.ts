/**
 * The studio's permission tools (issue 18): "why can't user X see record Y"
 * (GET /api/auth/explain) and "view as a role" (X-Tessera-View-As), against real PostgreSQL.
 * Each explanation is checked against what the user actually gets from the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;
type User = Awaited<ReturnType<TestApp['createUser']>>;
let rep: User;
let otherRep: User;
let marketing: User;
let viewer: User;
let narrowed: User;
let org: number;
let repDeal: number;
let otherDeal: number;
let adminDeal: number;

const ok = (r: { status: number; body: any }, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};
const explain = (user: string | number, entity: string, id: number | string) =>
  t.req('GET', `/api/auth/explain?user=${encodeURIComponent(String(user))}&entity=${entity}&id=${id}`);
const asRole = (role: string) => ({ 'x-tessera-view-as': role });

beforeAll(async () => {
  t = await startApp({
    plugins: ['crm'],
    company: { currency: 'EUR' },
    roles: {
      'acme.deal_viewer': {
        label: 'Deal viewer',
        permissions: { 'crm.opportunity': ['read'], 'crm.organization': ['read'] },
        fields: { 'crm.opportunity': { amount: 'hidden', probability: 'read' } },
      },
      // The plugin-wide line would grant read, but the entity's own line decides (export only).
      'acme.narrowed': { label: 'Narrowed', permissions: { 'crm.*': ['read'], 'crm.opportunity': ['export'] } },
    },
  });
  rep = await t.createUser('explain.rep', ['crm.sales_rep']);
  otherRep = await t.createUser('explain.other', ['crm.sales_rep']);
  marketing = await t.createUser('explain.marketing', ['crm.marketing']);
  viewer = await t.createUser('explain.viewer', ['acme.deal_viewer']);
  narrowed = await t.createUser('explain.narrowed', ['acme.narrowed']);
  org = ok(await t.req('POST', '/api/crm/organization', { name: 'Explain Org' }), 201).id;
  repDeal = ok(await rep.req('POST', '/api/crm/opportunity', { name: 'Rep deal', organization: org, amount: '100.00' }), 201).id;
  otherDeal = ok(await otherRep.req('POST', '/api/crm/opportunity', { name: 'Other deal', organization: org, amount: '200.00' }), 201).id;
  adminDeal = ok(await t.req('POST', '/api/crm/opportunity', { name: 'Admin deal', organization: org, amount: '300.00' }), 201).id;
});
afterAll(async () => t?.close());

describe('GET /api/auth/explain: why a user can or cannot see a record', () => {
  it("names the row rule that hides another rep's deal, as the API itself does", async () => {
    expect((await rep.req('GET', `/api/crm/opportunity/${otherDeal}`)).status).toBe(404);
    const x = ok(await explain('explain.rep', 'crm.opportunity', otherDeal));
    expect(x).toMatchObject({ allowed: false, action: 'read', deniedBy: 'row-rule', entity: 'crm.opportunity', id: otherDeal });
    expect(x.user).toMatchObject({ id: rep.id, username: 'explain.rep', isAdmin: false, roles: ['crm.sales_rep'] });
    expect(x.rowRule).toEqual({ role: 'crm.sales_rep', name: 'own', result: 'excludes' });
    expect(x.roleRules).toEqual([
      expect.objectContaining({
        role: 'crm.sales_rep',
        result: 'grants',
        line: expect.objectContaining({ entity: 'crm.opportunity', rowRule: 'own', actions: expect.arrayContaining(['read', 'mark_won']) }),
      }),
    ]);
    expect(x.reason.en).toContain('row rule own');
    expect(x.reason.lt).toContain('eilučių taisyklė own');
  });

  it("admits the rep's own deal (by id as well as by username)", async () => {
    expect((await rep.req('GET', `/api/crm/opportunity/${repDeal}`)).status).toBe(200);
    const x = ok(await explain(rep.id, 'crm.opportunity', repDeal));
    expect(x).toMatchObject({ allowed: true, deniedBy: null, rowRule: { role: 'crm.sales_rep', name: 'own', result: 'admits' } });
    expect(x.user.username).toBe('explain.rep');
  });

  it('says no role has a permission line when none grants the entity', async () => {
    expect((await marketing.req('GET', `/api/crm/opportunity/${repDeal}`)).status).toBe(403);
    const x = ok(await explain('explain.marketing', 'crm.opportunity', repDeal));
    expect(x).toMatchObject({ allowed: false, deniedBy: 'permission', rowRules: [] });
    expect(x.roleRules).toEqual([expect.objectContaining({ role: 'crm.marketing', line: null, result: 'no-line' })]);
    expect(x.reason.en).toContain('crm.opportunity');
  });

  it("reports the wider line as overridden and the entity's own line as the one that denies", async () => {
    expect((await narrowed.req('GET', `/api/crm/opportunity/${repDeal}`)).status).toBe(403);
    expect((await narrowed.req('GET', `/api/crm/organization/${org}`)).status).toBe(200);
    const x = ok(await explain('explain.narrowed', 'crm.opportunity', repDeal));
    expect(x).toMatchObject({ allowed: false, deniedBy: 'permission' });
    expect(x.roleRules.map((r: any) => [r.line.entity, r.result])).toEqual([
      ['crm.*', 'overridden'],
      ['crm.opportunity', 'denies'],
    ]);
    expect(x.reason.en).toContain('does not include read');
    const org2 = ok(await explain('explain.narrowed', 'crm.organization', org));
    expect(org2).toMatchObject({ allowed: true, rowRule: { name: null, result: 'admits' } });
  });

  it('lists the field rules that hide or lock fields, and the API hides the same fields', async () => {
    const got = ok(await viewer.req('GET', `/api/crm/opportunity/${repDeal}`));
    expect(got).not.toHaveProperty('amount');
    expect(got).toHaveProperty('probability');
    const x = ok(await explain('explain.viewer', 'crm.opportunity', repDeal));
    expect(x.allowed).toBe(true);
    expect(x.fieldRules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'amount', access: 'hidden', roles: ['acme.deal_viewer'] }),
        expect.objectContaining({ field: 'probability', access: 'read', roles: ['acme.deal_viewer'] }),
      ]),
    );
    expect(x.fieldRules.find((f: any) => f.field === 'amount').reason.lt).toContain('paslėptas');
  });

  it('an administrator sees everything; a deactivated user nothing', async () => {
    const admin = await t.createUser('explain.admin', [], { isAdmin: true });
    expect(ok(await explain(admin.id, 'crm.opportunity', otherDeal))).toMatchObject({ allowed: true, deniedBy: null });
    const gone = await t.createUser('explain.gone', ['crm.manager']);
    ok(await t.req('PATCH', `/api/auth/user/${gone.id}`, { active: false }));
    const x = ok(await explain('explain.gone', 'crm.opportunity', otherDeal));
    expect(x).toMatchObject({ allowed: false, deniedBy: 'user', user: { active: false, roles: ['crm.manager'] } });
  });

  it('refuses bad questions with the parameter to fix, and strangers with 403', async () => {
    const bad = await t.req('GET', '/api/auth/explain?entity=crm.nothing&id=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_QUERY');
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['entity', 'id', 'user']);
    const noUser = await explain('nobody.here', 'crm.opportunity', repDeal);
    expect([noUser.status, noUser.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const noRecord = await explain('explain.rep', 'crm.opportunity', 999999);
    expect([noRecord.status, noRecord.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(noRecord.body.error.message).toContain('999999');
    const stranger = await rep.req('GET', `/api/auth/explain?user=explain.other&entity=crm.opportunity&id=${otherDeal}`);
    expect([stranger.status, stranger.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('X-Tessera-View-As: an administrator views as a role', () => {
  it('answers /api/meta as the role: its entities and permissions, no administrator rights', async () => {
    const mine = ok(await t.req('GET', '/api/meta'));
    expect(mine.user.isAdmin).toBe(true);
    expect(mine.user.viewAs).toBeUndefined();
    const res = await t.req('GET', '/api/meta', undefined, asRole('crm.sales_rep'));
    const meta = ok(res);
    expect(res.headers['x-tessera-viewing-as']).toBe('crm.sales_rep');
    expect(meta.user).toMatchObject({ isAdmin: false, roles: ['crm.sales_rep'], viewAs: 'crm.sales_rep' });
    const keys = meta.entities.map((e: any) => e.key);
    expect(keys).toContain('crm.opportunity');
    expect(keys).not.toContain('auth.user');
    expect(keys).not.toContain('auth.role');
    expect(mine.entities.map((e: any) => e.key)).toContain('auth.user');
    const stage = meta.entities.find((e: any) => e.key === 'crm.stage');
    expect(stage.permissions).toMatchObject({ read: true, create: false, update: false, delete: false });
    const viewerMeta = ok(await t.req('GET', '/api/meta', undefined, asRole('acme.deal_viewer')));
    const deal = viewerMeta.entities.find((e: any) => e.key === 'crm.opportunity');
    expect(deal.fields.map((f: any) => f.name)).not.toContain('amount');
  });

  it("lists and reads through the role's row rules ('own' is the viewer's own rows)", async () => {
    const all = ok(await t.req('GET', '/api/crm/opportunity?limit=100'));
    expect(all.data.map((d: any) => d.id).sort()).toEqual([repDeal, otherDeal, adminDeal].sort());
    const asRep = ok(await t.req('GET', '/api/crm/opportunity?limit=100', undefined, asRole('crm.sales_rep')));
    expect(asRep.data.map((d: any) => d.id)).toEqual([adminDeal]);
    expect((await t.req('GET', `/api/crm/opportunity/${otherDeal}`, undefined, asRole('crm.sales_rep'))).status).toBe(404);
    expect((await t.req('GET', '/api/auth/user', undefined, asRole('crm.sales_rep'))).status).toBe(403);
    const asViewer = ok(await t.req('GET', `/api/crm/opportunity/${otherDeal}`, undefined, asRole('acme.deal_viewer')));
    expect(asViewer).not.toHaveProperty('amount');
  });

  it('refuses every write with VIEW_AS_READ_ONLY and writes nothing', async () => {
    const before = (await t.db.query('select count(*)::int as n from crm_organization')).rows[0]!.n;
    const r = await t.req('POST', '/api/crm/organization', { name: 'Written while viewing' }, asRole('crm.manager'));
    expect([r.status, r.body.error.code]).toEqual([403, 'VIEW_AS_READ_ONLY']);
    expect(r.body.error.message).toContain('crm.manager');
    const p = await t.req('PATCH', `/api/crm/organization/${org}`, { name: 'Renamed while viewing' }, asRole('crm.manager'));
    expect([p.status, p.body.error.code]).toEqual([403, 'VIEW_AS_READ_ONLY']);
    expect((await t.req('DELETE', `/api/crm/opportunity/${adminDeal}`, undefined, asRole('crm.manager'))).status).toBe(403);
    expect((await t.db.query('select count(*)::int as n from crm_organization')).rows[0]!.n).toBe(before);
    expect(ok(await t.req('GET', `/api/crm/organization/${org}`)).name).toBe('Explain Org');
  });

  it('refuses a role that does not exist, naming it', async () => {
    const r = await t.req('GET', '/api/meta', undefined, asRole('acme.nobody'));
    expect([r.status, r.body.error.code]).toEqual([422, 'UNKNOWN_ROLE']);
    expect(r.body.error.message).toContain('acme.nobody');
  });

  it('a consultant (core.consultant) may view as a role and explain, like an administrator', async () => {
    const consultant = await t.createUser('explain.consultant', ['core.consultant']);
    const meta = ok(await consultant.req('GET', '/api/meta', undefined, asRole('crm.sales_rep')));
    expect(meta.user).toMatchObject({ viewAs: 'crm.sales_rep', roles: ['crm.sales_rep'], isAdmin: false });
    const w = await consultant.req('POST', '/api/crm/organization', { name: 'Consultant write' }, asRole('crm.sales_rep'));
    expect([w.status, w.body.error.code]).toEqual([403, 'VIEW_AS_READ_ONLY']);
    const x = ok(await consultant.req('GET', `/api/auth/explain?user=explain.rep&entity=crm.opportunity&id=${otherDeal}`));
    expect(x).toMatchObject({ allowed: false, deniedBy: 'row-rule' });
    // While viewing as a role the studio's tools are that role's: none.
    const inside = await consultant.req('GET', `/api/auth/explain?user=explain.rep&entity=crm.opportunity&id=${otherDeal}`, undefined, asRole('crm.sales_rep'));
    expect(inside.status).toBe(403);
    expect((await consultant.req('GET', '/api/config', undefined, asRole('crm.sales_rep'))).status).toBe(403);
  });

  it("is not honoured for a sales rep: the header changes nothing of the rep's own rights", async () => {
    const meta = ok(await rep.req('GET', '/api/meta', undefined, asRole('crm.manager')));
    expect(meta.user).toMatchObject({ isAdmin: false, roles: ['crm.sales_rep'] });
    expect(meta.user.viewAs).toBeUndefined();
    expect(meta.entities.find((e: any) => e.key === 'crm.stage').permissions.create).toBe(false);
    const list = ok(await rep.req('GET', '/api/crm/opportunity?limit=100', undefined, asRole('crm.manager')));
    expect(list.data.map((d: any) => d.id)).toEqual([repDeal]);
    // Nor does it make the rep read-only: their own writes go through.
    ok(await rep.req('PATCH', `/api/crm/opportunity/${repDeal}`, { name: 'Rep deal, renamed' }, asRole('crm.manager')));
    const explainAsRep = await rep.req('GET', `/api/auth/explain?user=explain.rep&entity=crm.opportunity&id=${repDeal}`, undefined, asRole('crm.manager'));
    expect(explainAsRep.status).toBe(403);
  });
});
