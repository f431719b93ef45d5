/**
 * The plugin API's extension points, through a fixture plugin that uses nothing else
 * (tests/fixtures/plugins/catalog_reports): a report declared with `run` is listed in
 * /api/meta and served by the core (query string validated, permissions and hidden fields
 * checked, row rules applied, CSV export), and a command the plugin contributes runs as
 * `tessera <plugin> <command>`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_PLUGINS, startApp, type TestApp } from '../helpers.js';
import { runCli } from '../../core/src/cli/main.js';

let t: TestApp;

beforeAll(async () => {
  t = await startApp({
    plugins: ['catalog_reports'],
    roles: {
      'test.own_products': { label: 'Own products', permissions: { 'catalog.product': ['read', 'create'] }, rows: { 'catalog.product': 'own' } },
      'test.no_prices': { label: 'No prices', permissions: { 'catalog.product': ['read'] }, fields: { 'catalog.product': { price: 'hidden' } } },
    },
  });
  for (const [code, price] of [
    ['A-1', '1.00'],
    ['B-2', '20.00'],
    ['C-3', '300.00'],
  ])
    expect((await t.req('POST', '/api/catalog/product', { code, name: `Product ${code}`, price })).status).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

describe('reports as an extension point', () => {
  it('are listed in /api/meta without their code, and served with a validated query string', async () => {
    const meta = (await t.req('GET', '/api/meta')).body;
    const r = meta.reports.find((x: any) => x.id === 'catalog_reports.price-list');
    expect(r).toMatchObject({ plugin: 'catalog_reports', url: '/api/catalog_reports/price-list', entity: 'catalog.product', labels: { lt: 'Kainoraštis' } });
    expect(r.rowSchema.properties.price).toEqual({ type: 'string' });
    expect(r).not.toHaveProperty('run');
    const all = (await t.req('GET', '/api/catalog_reports/price-list?min_price=10')).body;
    expect(all.rows).toEqual([
      { code: 'B-2', name: 'Product B-2', price: '20.00' },
      { code: 'C-3', name: 'Product C-3', price: '300.00' },
    ]);
    expect(all.total).toBe(2);
    const paged = (await t.req('GET', '/api/catalog_reports/price-list?limit=1&offset=1')).body;
    expect(paged.rows.map((x: any) => x.code)).toEqual(['B-2']);
    const bad = await t.req('GET', '/api/catalog_reports/price-list?min_price=cheap');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_QUERY');
    expect(JSON.stringify(bad.body.error.details)).toContain('min_price');
  });

  it('export their rows as CSV', async () => {
    const csv = await t.req('GET', '/api/catalog_reports/price-list?format=csv');
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(csv.body).toBe('code,name,price\r\nA-1,Product A-1,1.00\r\nB-2,Product B-2,20.00\r\nC-3,Product C-3,300.00\r\n');
  });

  it("apply the viewer's row rules, and refuse a viewer who may not see a field the report reads", async () => {
    const own = await t.createUser('owner', ['test.own_products']);
    expect((await own.req('POST', '/api/catalog/product', { code: 'D-4', name: 'Mine', price: '4.00' })).status).toBe(201);
    expect((await own.req('GET', '/api/catalog_reports/price-list')).body.rows.map((x: any) => x.code)).toEqual(['D-4']);
    const blind = await t.createUser('blind', ['test.no_prices']);
    const refused = await blind.req('GET', '/api/catalog_reports/price-list');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FIELD_HIDDEN');
    expect((await blind.req('GET', '/api/meta')).body.reports ?? []).not.toContainEqual(expect.objectContaining({ id: 'catalog_reports.price-list' }));
    const nobody = await t.createUser('nobody', []);
    expect((await nobody.req('GET', '/api/catalog_reports/price-list')).status).toBe(403);
  });
});

describe('commands as an extension point', () => {
  it('`tessera catalog_reports count` runs the plugin command with parsed options and its exit code', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.url;
    // The plugin is found through the configuration's plugin paths (fixtures live outside plugins/).
    const config = join(mkdtempSync(join(tmpdir(), 'tessera-cli-')), 'tessera.config.json');
    writeFileSync(config, JSON.stringify({ plugins: ['catalog', 'catalog_reports'], pluginPaths: [FIXTURE_PLUGINS] }));
    try {
      await runCli(['catalog_reports', 'count', '--config', config]);
      expect(log.mock.calls.at(-1)![0]).toBe('4 products');
      expect(process.exitCode ?? 0).toBe(0);
      await runCli(['catalog_reports', 'count', '--colour', '--config', config]);
      expect(process.exitCode).toBe(2);
      expect(String(log.mock.calls.at(-1)![0])).toContain("Unknown option '--colour'");
      await runCli(['catalog_reports', '--config', config]);
      expect(String(log.mock.calls.at(-1)![0])).toContain('tessera catalog_reports count [--active] [--config FILE]   prints the number of products');
    } finally {
      process.exitCode = 0;
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
      log.mockRestore();
    }
  });
});
