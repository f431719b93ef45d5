/**
 * docs/configuration.md's examples are executed: every ```json config block validates offline
 * (`config check`), and the first-day example is planned and applied on a running server. The
 * issue's defects: a numeric probability, a stage added later between two others with its
 * Lithuanian name, options translated, and "only crm + sales" planned with inventory enabled
 * and named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../core/src/paths.js';
import { checkPackage } from '../../core/src/cli/config.js';
import { startApp, type TestApp } from '../helpers.js';

const doc = readFileSync(join(ROOT_DIR, 'docs', 'configuration.md'), 'utf8');
const blocks = [...doc.matchAll(/```json config\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!));

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ plugins: ['crm'] }, { exactPlugins: true });
});
afterAll(async () => {
  await t?.close();
});

describe('docs/configuration.md', () => {
  it('has examples, and each validates offline', async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const config of blocks) expect(await checkPackage({ tessera: 'config-package/1', config, masterData: {} }, 'docs/configuration.md')).toEqual([]);
  });

  it('plans "only crm + sales" with inventory enabled, saying why in English and Lithuanian', async () => {
    const plan = await t.req('POST', '/api/config/plan', { config: { plugins: ['crm', 'sales'] } });
    expect(plan.status).toBe(200);
    expect(plan.body.config.plugins).toEqual(['crm', 'sales', 'inventory']);
    const inv = plan.body.changes.find((c: any) => c.id === 'plugin.enable:inventory');
    expect(inv.description.en).toBe('enable Inventory (inventory): Sales needs it');
    expect(inv.description.lt).toMatch(/jo reikia moduliui „Pardavimai“/);
    expect(plan.body.changes.find((c: any) => c.id === 'plugin.enable:sales').description.en).toMatch(/it needs CRM, Inventory/);
  });

  it('the first-day example applies on a running server, with its stages in order and in Lithuanian', async () => {
    const plan = await t.req('POST', '/api/config/plan', { config: blocks[0] });
    expect(plan.status).toBe(200);
    expect(plan.body.ok).toBe(true);
    const ids = plan.body.changes.map((c: any) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining(['plugin.enable:sales', 'plugin.enable:inventory', 'entity.add:sales.customer', 'entity.add:purchasing.purchase_order']),
    );
    const applied = await t.req('POST', '/api/config/apply', { hash: plan.body.hash, comment: 'first day' });
    expect(applied.status).toBe(200);
    const lt = (await t.req('GET', '/api/meta')).body.entities.find((e: any) => e.key === 'crm.stage').titleTranslations.lt;
    const stages = (await t.req('GET', '/api/crm/stage?sort=sort_order&limit=50')).body.data.map((s: any) => [s.name, s.probability, lt[s.name]]);
    expect(stages.filter((s: any) => ['Qualified', 'Proposal'].includes(s[0]))).toEqual([
      ['Qualified', '20.00', 'Kvalifikuotas'],
      ['Proposal', '60.00', 'Pasiūlymas'],
    ]);
    const meta = (await t.req('GET', '/api/meta')).body;
    const customer = meta.entities.find((e: any) => e.key === 'sales.customer');
    const tier = customer.fields.find((f: any) => f.name === 'x_tier');
    expect(JSON.stringify(tier)).toMatch(/Sidabrinis/);
    // The designer's keys of the example: place in the form, filter, option colours, sort, titles.
    expect(customer.fields[customer.fields.findIndex((f: any) => f.name === 'name') + 1].name).toBe('x_tier');
    expect(customer.filters).toContain('x_tier');
    expect(tier.choices.map((c: any) => c.color)).toEqual(['#d4a017', '#9e9e9e']);
    expect(customer.defaultSort).toBe('-created_at');
    expect(meta.entities.find((e: any) => e.key === 'crm.lost_reason').titleTranslations.lt['Price too high']).toBe('Kaina per didelė');
  });

  it('places a stage added later between the two around it', async () => {
    const cur = (await t.req('GET', '/api/config')).body.config;
    const stages = [...cur.settings.crm.stages];
    stages.splice(1, 0, { name: 'Demo', probability: 40, labels: { lt: 'Demonstracija' } });
    const plan = await t.req('POST', '/api/config/plan', { patch: [{ op: 'replace', path: '/settings/crm/stages', value: stages }] });
    expect(plan.body.changes.map((c: any) => c.id)).toEqual(['setting.change:crm', 'masterdata.add:crm.stage.Demo']);
    expect(plan.body.changes[1].description).toEqual({
      en: 'add the pipeline stage "Demo" (in Lithuanian "Demonstracija")',
      lt: 'pridėti įrašą „Demonstracija“ (Piltuvo etapas, angliškai „Demo“)',
    });
    expect((await t.req('POST', '/api/config/apply', { hash: plan.body.hash })).status).toBe(200);
    const order = Object.fromEntries((await t.req('GET', '/api/crm/stage?limit=50')).body.data.map((s: any) => [s.name, s.sort_order]));
    expect(order.Demo).toBeGreaterThan(order.Qualified);
    expect(order.Demo).toBeLessThan(order.Proposal);
    expect(order.Demo).toBeLessThan(order.Won);
  });

  it('keeps what an enabled plugin needs when others are switched off; an unknown plugin or a bad setting is a 422', async () => {
    const cur = (await t.req('GET', '/api/config')).body.config;
    const { 'purchasing.purchase_order': _po, ...kept } = cur.customizations;
    const plan = await t.req('POST', '/api/config/plan', { config: { ...cur, plugins: ['crm', 'sales'], customizations: kept } });
    expect(plan.status).toBe(200);
    // inventory stays on (sales needs it); purchasing is switched off.
    expect(plan.body.config.plugins).toEqual(['crm', 'sales', 'inventory']);
    expect(plan.body.changes.map((c: any) => c.id)).toContain('plugin.disable:purchasing');
    // A customization of a module that would be off is named.
    const named = await t.req('POST', '/api/config/plan', { config: { ...cur, plugins: ['crm', 'sales'] } });
    expect(named.status).toBe(422);
    expect(named.body.error.message).toMatch(/purchasing\.purchase_order/);
    const off = await t.req('POST', '/api/config/plan', { config: { ...cur, plugins: ['crm'], customizations: {}, roles: {} } });
    expect(off.body.changes.map((c: any) => c.id)).toEqual(expect.arrayContaining(['plugin.disable:sales', 'plugin.disable:inventory']));
    const bad = await t.req('POST', '/api/config/plan', { config: { ...cur, plugins: ['crm', 'nosuch'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('CONFIG_INVALID');
    expect(bad.body.error.message).toMatch(/nosuch/);
    const invalid = await t.req('POST', '/api/config/plan', { config: { ...cur, company: { currency: 'euro' } } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.message).toMatch(/company\/currency/);
  });
});
