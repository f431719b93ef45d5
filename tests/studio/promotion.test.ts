/**
 * Promotion and other processes, with real child processes of the CLI:
 *  - two `tessera start` servers on one database: an apply on one is served by the other within 5 s;
 *  - `config export` -> `config apply` on a fresh database -> `config export` gives the same
 *    document (master data included); applying it again changes nothing; `config check` runs
 *    offline and names what is wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, startApp } from '../helpers.js';
import { killChildren, randomPort, runCli } from '../processes.js';

const tmp = mkdtempSync(join(tmpdir(), 'tessera-studio-'));
const file = (name: string, c: unknown) => {
  const f = join(tmp, name);
  writeFileSync(f, JSON.stringify(c, null, 2));
  return f;
};
const PLUGINS = ['inventory', 'crm', 'sales'];
const config = { plugins: PLUGINS, company: { name: 'Promo UAB', currency: 'EUR' } };

afterEach(killChildren);
afterAll(async () => {
  await killChildren();
  rmSync(tmp, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const p = runCli(args, env);
  const { code } = await p.exited;
  return { code, out: p.out(), err: p.err() };
}

const http = async (port: number, token: string, method: string, path: string, body?: unknown) => {
  const r = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: (await r.json()) as any };
};

describe('two server processes on one database', () => {
  it('the other process serves a field applied on one within 5 s', async () => {
    const url = await createTestDatabase('studio');
    const setup = await startApp(config, { url });
    const token = setup.adminToken;
    await setup.req('POST', '/api/sales/customer', { name: 'Alpha UAB' });
    await setup.close();
    const cfg = file('two.json', config);
    const [p1, p2] = [await randomPort(), await randomPort()];
    const a = runCli(['start', '--config', cfg], { DATABASE_URL: url, PORT: String(p1) });
    const b = runCli(['start', '--config', cfg], { DATABASE_URL: url, PORT: String(p2) });
    await Promise.all([a.waitFor(/Tessera ready/), b.waitFor(/Tessera ready/)]);

    const plan = await http(p1, token, 'POST', '/api/config/plan', {
      patch: [
        {
          op: 'add',
          path: '/customizations',
          value: {
            'sales.customer': { addFields: { x_region: { type: 'string', maxLength: 40, title: 'Region', 'x-labels': { lt: { title: 'Regionas' } } } } },
          },
        },
      ],
    });
    expect(plan.status).toBe(200);
    expect((await http(p2, token, 'POST', '/api/sales/customer', { name: 'Beta UAB', x_region: 'North' })).status).toBe(422);
    const t0 = Date.now();
    const applied = await http(p1, token, 'POST', '/api/config/apply', { hash: plan.body.hash });
    expect(applied.status).toBe(200);
    const applyMs = Date.now() - t0;
    // The applying process serves the field as soon as it answers.
    expect((await http(p1, token, 'POST', '/api/sales/customer', { name: 'Gama UAB', x_region: 'South' })).status).toBe(201);
    const t1 = Date.now();
    let served = -1;
    while (Date.now() - t1 < 5000) {
      const r = await http(p2, token, 'POST', '/api/sales/customer', { name: `Beta ${Date.now()}`, x_region: 'North' });
      if (r.status === 201) {
        served = Date.now() - t1;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log(
      `[studio] apply (plan, migrate, commit, reload) ${applyMs} ms (in-process reload ${applied.body.reloadMs} ms); the other process served the field ${served} ms after the apply answered`,
    );
    // 0 ms: the other process had reloaded before the apply's answer arrived.
    expect(served).toBeGreaterThanOrEqual(0);
    const meta = await http(p2, token, 'GET', '/api/meta');
    expect(JSON.stringify(meta.body)).toMatch(/x_region/);
  }, 300_000);
});

describe('promotion from one instance to another', () => {
  it('export -> apply on a fresh instance -> export gives the same document; applying again changes nothing', async () => {
    const urlA = await createTestDatabase('promo_a');
    const a = await startApp(config, { url: urlA });
    const cur = (await a.req('GET', '/api/config')).body.config;
    const plan = await a.req('POST', '/api/config/plan', {
      config: {
        ...cur,
        settings: { crm: { lost_reasons: ['Price too high', 'Went silent'] } },
        customizations: {
          'sales.customer': {
            addFields: { x_segment: { type: 'string', enum: ['retail', 'wholesale'], title: 'Segment', 'x-labels': { lt: { title: 'Segmentas' } } } },
          },
          'sales.sales_order': { naming: { pattern: 'SO-.YYYY.-.#####' } },
        },
      },
    });
    expect(plan.status).toBe(200);
    expect((await a.req('POST', '/api/config/apply', { hash: plan.body.hash, comment: 'client set-up' })).status).toBe(200);
    // Master data made in the admin screens travels with the package.
    expect((await a.req('POST', '/api/inventory/warehouse', { name: 'Kaunas', code: 'KNS' })).status).toBe(201);
    expect((await a.req('POST', '/api/crm/stage', { name: 'Demo given', probability: '50', sort_order: 45 })).status).toBe(201);
    await a.close();

    const boot = file('boot.json', { plugins: [] });
    const exported = await cli(['config', 'export', '--config', boot], { DATABASE_URL: urlA });
    expect(exported.code).toBe(0);
    const pkg = JSON.parse(exported.out);
    expect(pkg.config.customizations['sales.customer'].addFields.x_segment).toBeDefined();
    expect(pkg.masterData['crm.stage']['Demo given']).toMatchObject({ probability: '50.00', sort_order: 45 });
    expect(pkg.masterData['crm.lost_reason']['Went silent']).toBeDefined();
    const pkgFile = file('client.json', pkg);

    const check = await cli(['config', 'check', pkgFile], {});
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/is valid/);

    const urlB = await createTestDatabase('promo_b');
    const diff = await cli(['config', 'diff', pkgFile, '--config', boot], { DATABASE_URL: urlB });
    expect(diff.code).toBe(0);
    expect(diff.out).toMatch(/plugin\.enable:sales/);
    expect(diff.out).toMatch(/entity\.add:sales\.customer/);
    const first = await cli(['config', 'apply', pkgFile, '--config', boot], { DATABASE_URL: urlB });
    expect(first.code, first.out + first.err).toBe(0);
    expect(first.out).toMatch(/Applied as revision 2/);
    const again = await cli(['config', 'apply', pkgFile, '--config', boot], { DATABASE_URL: urlB });
    expect(again.code, again.out + again.err).toBe(0);
    expect(again.out).toMatch(/already revision 2; nothing applied/);
    expect(again.out).toMatch(/0 created, 0 updated/);
    const exportedB = await cli(['config', 'export', '--config', boot], { DATABASE_URL: urlB });
    expect(JSON.parse(exportedB.out)).toEqual(pkg);
  }, 600_000);

  it('config apply refuses a lossy package with the plan, and applies it when --accept-lossy names the change', async () => {
    const url = await createTestDatabase('promo_lossy');
    const withNote = {
      ...config,
      customizations: {
        'sales.customer': { addFields: { x_note: { type: 'string', maxLength: 80, title: 'Note', 'x-labels': { lt: { title: 'Pastaba' } } } } },
      },
    };
    const a = await startApp(withNote, { url });
    expect((await a.req('POST', '/api/sales/customer', { name: 'Noted UAB', x_note: 'keep me' })).status).toBe(201);
    const pkg = file('without-note.json', {
      tessera: 'config-package/1',
      config: { ...(await a.req('GET', '/api/config')).body.config, customizations: {} },
      masterData: {},
    });
    await a.close();
    // The server the CLI starts runs the instance's own file (a different one would be taken over: only the file changed it so far).
    const boot = file('boot-lossy.json', withNote);
    const refused = await cli(['config', 'apply', pkg, '--config', boot], { DATABASE_URL: url });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/Lossy \(refused unless named\): --accept-lossy field\.remove:sales\.customer\.x_note/);
    expect(refused.out + refused.err).toMatch(/CONFIG_LOSSY|loses data/);
    const applied = await cli(['config', 'apply', pkg, '--config', boot, '--accept-lossy', 'field.remove:sales.customer.x_note'], { DATABASE_URL: url });
    expect(applied.code, applied.out + applied.err).toBe(0);
    expect(applied.out).toMatch(/Applied as revision \d+/);
    const b = await startApp({ plugins: [] }, { url, exactPlugins: true });
    try {
      const cols = await b.db.query(`select 1 from information_schema.columns where table_name = 'sales_customer' and column_name = 'x_note'`);
      expect(cols.rows).toEqual([]);
    } finally {
      await b.close();
    }
  }, 600_000);

  it('config check names a missing dependency and an unknown field offline', async () => {
    const onlySales = file('only-sales.json', { plugins: ['crm', 'sales'] });
    const r = await cli(['config', 'check', onlySales], {});
    expect(r.code).toBe(1);
    expect(r.out + r.err).toMatch(/"inventory" is needed by sales/);
    const badField = file('bad-field.json', { plugins: PLUGINS, customizations: { 'sales.customer': { fields: { nope: { hidden: true } } } } });
    const r2 = await cli(['config', 'check', badField], {});
    expect(r2.code).toBe(1);
    expect(r2.out + r2.err).toMatch(/sales\.customer has no field "nope"/);
  }, 300_000);
});
