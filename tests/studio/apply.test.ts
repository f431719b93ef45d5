/**
 * The studio's plan and apply in one running server (real PostgreSQL, Fastify inject):
 *  - a required custom field on sales.customer while customers exist: the plan names the rows
 *    and asks for a default; apply without it is 422, with it the field is in the API, meta,
 *    OpenAPI and validation at once, no restart; a logged-in session survives the reload;
 *  - a plan made before another apply is refused (409);
 *  - a lossy change (dropping a custom field with data) is refused without acceptLossy;
 *  - revert to an earlier revision; the history lists who, when, comment and diff;
 *  - the generations share the process's one pg-boss.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;
let base: any;

beforeAll(async () => {
  t = await startApp({ plugins: ['sales'], company: { name: 'Studio Test UAB', currency: 'EUR' } });
  for (const name of ['Alpha UAB', 'Beta UAB', 'Gama UAB']) {
    const r = await t.req('POST', '/api/sales/customer', { name });
    expect(r.status).toBe(201);
  }
  base = (await t.req('GET', '/api/config')).body.config;
});
afterAll(async () => {
  await t?.close();
});

const withTier = (c: any) => ({
  ...c,
  customizations: {
    ...(c.customizations ?? {}),
    'sales.customer': {
      addFields: { x_tier: { type: 'string', enum: ['gold', 'silver'], title: 'Tier', 'x-labels': { lt: { title: 'Lygis' } } } },
      fields: { x_tier: { required: true } },
    },
  },
});

describe('a required custom field while customers exist', () => {
  it('is planned with the row count and a question, refused without the answer, applied with it without a restart', async () => {
    // A session cookie from before the reload keeps working after it.
    const user = await t.createUser('studio_rep', ['sales.user'], { password: 'rep-password-1' });
    const login = await t.req('POST', '/api/auth/login', { username: 'studio_rep', password: 'rep-password-1' }, { authorization: '' });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    void user;

    const cfg = await t.req('GET', '/api/config');
    expect(cfg.status).toBe(200);
    expect(cfg.body.version).toBe(1);
    const plan = await t.req('POST', '/api/config/plan', { config: withTier(cfg.body.config) });
    expect(plan.status).toBe(200);
    expect(plan.body.baseVersion).toBe(1);
    const add = plan.body.changes.find((c: any) => c.id === 'field.add:sales.customer.x_tier');
    expect(add).toMatchObject({ kind: 'field.add', rowsAffected: 3, lossy: false });
    expect(add.steps.join('\n')).toMatch(/alter table "sales_customer" add column "x_tier"/);
    // In the order they run: add the column, fill it from the answer, then set NOT NULL.
    const at = (re: RegExp) => add.steps.findIndex((s: string) => re.test(s));
    expect(at(/add column "x_tier"/)).toBe(0);
    expect(at(/^update sales_customer set x_tier = <answer/)).toBeGreaterThan(at(/add column "x_tier"/));
    expect(at(/alter column x_tier set not null/)).toBe(add.steps.length - 1);
    expect(plan.body.questions).toEqual([
      expect.objectContaining({ key: 'default:sales.customer.x_tier', changeId: add.id, schema: expect.objectContaining({ enum: ['gold', 'silver'] }) }),
    ]);
    expect(plan.body.questions[0].message.en).toMatch(/3 existing record/);
    expect(plan.body.questions[0].message.lt).toMatch(/3 esamų/);
    expect(plan.body.ok).toBe(false);

    const without = await t.req('POST', '/api/config/apply', { hash: plan.body.hash });
    expect(without.status).toBe(422);
    expect(without.body.error.code).toBe('CONFIG_ANSWER_REQUIRED');
    expect(without.body.error.details[0].path).toBe('answers/default:sales.customer.x_tier');
    const badAnswer = await t.req('POST', '/api/config/apply', { hash: plan.body.hash, answers: { 'default:sales.customer.x_tier': 'bronze' } });
    expect(badAnswer.status).toBe(422);
    // Nothing was written by the refusals.
    expect((await t.req('GET', '/api/config')).body.version).toBe(1);

    // The generations share one pg-boss (issue #18): the reload adds its workers to it, it starts none.
    const jobsBefore = t.jobs as any;
    const bossBefore = jobsBefore.boss;
    expect(bossBefore).toBeDefined();
    const started = performance.now();
    const applied = await t.req('POST', '/api/config/apply', {
      hash: plan.body.hash,
      answers: { 'default:sales.customer.x_tier': 'silver' },
      comment: 'customer tiers',
    });
    const applyMs = Math.round(performance.now() - started);
    expect(applied.status).toBe(200);
    expect(applied.body.version).toBe(2);
    expect(t.configVersion).toBe(2);
    expect(t.jobs).not.toBe(jobsBefore);
    expect((t.jobs as any).boss).toBe(bossBefore);
    expect((t.jobs as any).workerIds.length).toBeGreaterThan(0);
    console.log(
      `[studio] apply ${applyMs} ms (${applyMs - applied.body.reloadMs} ms before the commit); in-process reload: new generation served ${applied.body.reloadMs} ms after the commit`,
    );

    // The same process serves the new model: read, create, validation, meta, OpenAPI.
    const list = await t.req('GET', '/api/sales/customer?sort=name');
    expect(list.body.data.map((c: any) => c.x_tier)).toEqual(['silver', 'silver', 'silver']);
    const missing = await t.req('POST', '/api/sales/customer', { name: 'Delta UAB' });
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.body.error.details)).toMatch(/x_tier/);
    const wrong = await t.req('POST', '/api/sales/customer', { name: 'Delta UAB', x_tier: 'bronze' });
    expect(wrong.status).toBe(422);
    const created = await t.req('POST', '/api/sales/customer', { name: 'Delta UAB', x_tier: 'gold' });
    expect(created.status).toBe(201);
    expect((await t.req('GET', `/api/sales/customer/${created.body.id}`)).body.x_tier).toBe('gold');
    const meta = await t.req('GET', '/api/meta');
    const field = meta.body.entities.find((e: any) => e.key === 'sales.customer').fields.find((f: any) => f.name === 'x_tier');
    expect(field).toMatchObject({ required: true });
    const openapi = await t.req('GET', '/api/openapi.json');
    expect(JSON.stringify(openapi.body)).toMatch(/x_tier/);

    // The session made before the reload.
    const me = await t.req('GET', '/api/sales/customer?limit=1', undefined, { authorization: '', cookie });
    expect(me.status).toBe(200);
    expect(me.body.data[0]).toHaveProperty('x_tier');

    const history = await t.req('GET', '/api/config/revisions');
    expect(history.body.total).toBe(2);
    expect(history.body.data[0]).toMatchObject({ version: 2, comment: 'customer tiers' });
    expect(history.body.data[0].created_by).toMatch(/^admin_/);
    expect(history.body.data[0].summary.join(' ')).toMatch(/sales\.customer/);
    const rev = await t.req('GET', '/api/config/revisions/2');
    expect(rev.body.diff.map((c: any) => c.id)).toContain('customization.change:sales.customer');
  });

  it('refuses a plan made before another apply (409), and a lossy change without acceptLossy', async () => {
    const cfg = (await t.req('GET', '/api/config')).body;
    const relabel = structuredClone(cfg.config);
    relabel.customizations['sales.customer'].addFields.x_tier.title = 'Customer tier';
    const stale = await t.req('POST', '/api/config/plan', { config: relabel });
    const other = await t.req('POST', '/api/config/plan', {
      patch: [
        {
          op: 'add',
          path: '/customizations/sales.customer/addFields/x_note',
          value: { type: 'string', maxLength: 40, title: 'Note', 'x-labels': { lt: { title: 'Pastaba' } } },
        },
      ],
    });
    expect(other.status).toBe(200);
    expect(other.body.ok).toBe(true);
    expect((await t.req('POST', '/api/config/apply', { hash: other.body.hash })).status).toBe(200);
    const refused = await t.req('POST', '/api/config/apply', { hash: stale.body.hash });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFIG_CHANGED');

    const note = await t.req('PATCH', `/api/sales/customer/1`, { x_note: 'VIP' });
    expect(note.status).toBe(200);
    const drop = await t.req('POST', '/api/config/plan', { patch: [{ op: 'remove', path: '/customizations/sales.customer/addFields/x_note' }] });
    expect(drop.body.lossy).toEqual(['field.remove:sales.customer.x_note']);
    expect(drop.body.changes.find((c: any) => c.id === 'field.remove:sales.customer.x_note').rowsAffected).toBe(1);
    const lossy = await t.req('POST', '/api/config/apply', { hash: drop.body.hash });
    expect(lossy.status).toBe(422);
    expect(lossy.body.error.code).toBe('CONFIG_LOSSY');
    expect((await t.req('GET', '/api/sales/customer/1')).body.x_note).toBe('VIP');
    const accepted = await t.req('POST', '/api/config/apply', { hash: drop.body.hash, acceptLossy: ['field.remove:sales.customer.x_note'] });
    expect(accepted.status).toBe(200);
    expect((await t.req('GET', '/api/sales/customer/1')).body).not.toHaveProperty('x_note');
  });

  it('reverts to an earlier revision with a normal plan and apply', async () => {
    const plan = await t.req('POST', '/api/config/revert', { version: 1 });
    expect(plan.status).toBe(200);
    expect(plan.body.lossy).toEqual(['field.remove:sales.customer.x_tier']);
    const applied = await t.req('POST', '/api/config/apply', { hash: plan.body.hash, acceptLossy: plan.body.lossy, comment: 'back to the start' });
    expect(applied.status).toBe(200);
    const now = (await t.req('GET', '/api/config')).body;
    expect(now.config).toEqual(base);
    expect((await t.req('POST', '/api/sales/customer', { name: 'Epsilon UAB' })).status).toBe(201);
    expect((await t.req('POST', '/api/config/revert', { version: 99 })).body.error.code).toBe('CONFIG_REVISION_NOT_FOUND');
  });

  it('is for administrators and consultants only', async () => {
    const rep = await t.createUser('studio_rep2', ['sales.user']);
    expect((await rep.req('GET', '/api/config')).status).toBe(403);
    expect((await rep.req('POST', '/api/config/plan', { config: base })).status).toBe(403);
    const consultant = await t.createUser('studio_consultant', ['core.consultant']);
    expect((await consultant.req('GET', '/api/config')).status).toBe(200);
  });

  it("serves the studio's read routes: plugins with dependencies, an entity, a numbering preview, the package", async () => {
    const plugins = (await t.req('GET', '/api/config/plugins')).body.data;
    const sales = plugins.find((p: any) => p.name === 'sales');
    expect(sales).toMatchObject({ enabled: true, dependsOn: ['crm', 'inventory'], label: { en: 'Sales', lt: 'Pardavimai' } });
    expect(plugins.find((p: any) => p.name === 'inventory').requiredBy).toEqual(expect.arrayContaining(['sales', 'purchasing']));
    const entity = (await t.req('GET', '/api/config/entities/sales.customer')).body;
    expect(entity.fields.find((f: any) => f.name === 'name')).toMatchObject({ type: 'string', custom: false, label: { en: 'Name', lt: expect.any(String) } });
    expect((await t.req('GET', '/api/config/entities/sales.nothing')).status).toBe(404);
    const year = new Date().getUTCFullYear();
    const preview = await t.req('GET', `/api/config/numbering-preview?entity=sales.sales_order&pattern=${encodeURIComponent('SO-.YYYY.-.#####')}`);
    expect(preview.body.next).toBe(`SO-${year}-00001`);
    // The preview consumes no number.
    expect((await t.req('GET', `/api/config/numbering-preview?entity=sales.sales_order&pattern=${encodeURIComponent('SO-.YYYY.-.#####')}`)).body.next).toBe(
      `SO-${year}-00001`,
    );
    const bad = await t.req('GET', '/api/config/numbering-preview?entity=sales.sales_order&pattern=SO-');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('pattern');
    const pkg = (await t.req('GET', '/api/config/export')).body;
    expect(pkg.tessera).toBe('config-package/1');
    expect(Object.keys(pkg.masterData)).toEqual(expect.arrayContaining(['crm.stage', 'crm.lost_reason', 'inventory.uom', 'inventory.warehouse']));
    expect(JSON.stringify(pkg)).not.toMatch(/password/);
  });

  it('keeps the old generation serving when the new one fails to load, and says why', async () => {
    const plan = await t.req('POST', '/api/config/plan', {
      patch: [
        { op: 'add', path: '/plugins/-', value: 'fragile' },
        { op: 'add', path: '/settings', value: { fragile: { fail_setup: true } } },
      ],
    });
    expect(plan.status).toBe(200);
    const before = t.configVersion;
    const failed = await t.req('POST', '/api/config/apply', { hash: plan.body.hash });
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe('CONFIG_RELOAD_FAILED');
    expect(failed.body.error.message).toMatch(/fail_setup is true/);
    expect(t.configVersion).toBe(before);
    expect((await t.req('GET', '/api/sales/customer?limit=1')).status).toBe(200);
    const cfg = (await t.req('GET', '/api/config')).body;
    expect(cfg.serving).toBe(before);
    expect(cfg.reloadError).toMatch(/fail_setup/);
    const fix = await t.req('POST', '/api/config/plan', { patch: [{ op: 'replace', path: '/settings/fragile/fail_setup', value: false }] });
    const fixed = await t.req('POST', '/api/config/apply', { hash: fix.body.hash });
    expect(fixed.status).toBe(200);
    expect(t.configVersion).toBe(fixed.body.version);
    expect((await t.req('GET', '/api/config')).body.reloadError).toBeUndefined();
  });
});
