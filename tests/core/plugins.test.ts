import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startApp, type TestApp } from '../helpers.js';
import { validateClientConfig } from '../../core/src/config.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});
async function start(...args: Parameters<typeof startApp>) {
  const a = await startApp(...args);
  apps.push(a);
  return a;
}

describe('plugins load in dependency order, and bad dependencies stop start-up by name', () => {
  it('loads a plugin after the one it depends on, with cross-plugin references', async () => {
    const t = await start({ plugins: ['catalog_ext', 'catalog'] });
    expect(t.plugins.map((p) => p.def.name)).toEqual(['auth', 'catalog', 'catalog_ext', 'messaging']);
    const p = await t.req('POST', '/api/catalog/product', { code: 'R-1', name: 'Reviewed', price: '1' });
    const r = await t.req('POST', '/api/catalog_ext/review', { product: p.body.id, rating: 5 });
    expect(r.status).toBe(201);
    // on-delete cascade declared on the review's reference
    expect((await t.req('DELETE', `/api/catalog/product/${p.body.id}`)).status).toBe(200);
    expect((await t.req('GET', `/api/catalog_ext/review/${r.body.id}`)).status).toBe(404);
  });

  it('refuses a missing dependency', async () => {
    await expect(startApp({ plugins: ['catalog_ext'] }, { exactPlugins: true })).rejects.toThrow(
      /plugin "catalog_ext" depends on "catalog", which is not enabled/,
    );
    await expect(startApp({ plugins: ['needs_missing'] }, { exactPlugins: true })).rejects.toThrow(/"needs_missing" depends on "nowhere"/);
  });

  it('refuses a circular dependency, naming the cycle', async () => {
    await expect(startApp({ plugins: ['cyclic_a', 'cyclic_b'] })).rejects.toThrow(/circular plugin dependency: cyclic_a -> cyclic_b -> cyclic_a/);
  });

  it('refuses an unknown plugin, listing the available ones', async () => {
    await expect(startApp({ plugins: ['nope'] })).rejects.toThrow(/plugin "nope" is enabled but no package provides it \(available: .*catalog/);
  });

  it('keeps the tables of a plugin that is switched off', async () => {
    const url = await createTestDatabase();
    const a = await startApp({ plugins: ['catalog', 'catalog_ext'] }, { url });
    await a.close();
    const b = await start({ plugins: ['catalog'] }, { url });
    expect((await b.db.query(`select to_regclass('catalog_ext_review') as t`)).rows[0]!.t).toBe('catalog_ext_review');
  });
});

describe('optional dependencies (optionalDependsOn)', () => {
  const OPTIONAL = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'optional-plugins');
  const paths = { pluginPaths: [join(OPTIONAL, 'b_optional'), join(OPTIONAL, 'c_unlisted')] };

  it('loads an enabled optional dependency first and runs the hooks and actions keyed on it', async () => {
    const t = await start({ plugins: ['b_optional', 'catalog'] }, paths);
    // alphabetically b_optional would come first: the optional dependency orders it
    expect(t.plugins.map((p) => p.def.name)).toEqual(['auth', 'catalog', 'b_optional', 'messaging']);
    const p = await t.req('POST', '/api/catalog/product', { code: 'O-1', name: 'Optional', price: '1' });
    const refused = await t.req('POST', '/api/catalog/order', {
      customer_name: 'OPTIONAL-REFUSE',
      order_date: '2026-01-05',
      lines: [{ product: p.body.id, qty: '1', rate: '1' }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/refused by b_optional/);
    const o = await t.req('POST', '/api/catalog/order', {
      customer_name: 'Fine',
      order_date: '2026-01-05',
      lines: [{ product: p.body.id, qty: '1', rate: '1' }],
    });
    expect((await t.req('POST', `/api/catalog/order/${o.body.id}/actions/ping`, {})).body).toEqual({ pong: true });
  });

  it('ignores hooks and actions on an optional dependency that is switched off', async () => {
    const t = await start({ plugins: ['b_optional'] }, paths);
    expect(t.plugins.map((p) => p.def.name)).toEqual(['auth', 'b_optional', 'messaging']);
  });

  it('still refuses hooks on a plugin that is neither enabled nor listed as optional', async () => {
    await expect(startApp({ plugins: ['c_unlisted'] }, paths)).rejects.toThrow(/plugin "c_unlisted" declares hooks for unknown entity "catalog.order"/);
  });
});

describe("plugins add fields to other plugins' entities (extendEntities) and follow their actions (afterAction)", () => {
  const OPTIONAL = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'optional-plugins');
  const paths = { pluginPaths: [join(OPTIONAL, 'd_extender')] };

  it('adds header and line fields while both plugins are on, and runs afterAction with the action and its input', async () => {
    const t = await start({ plugins: ['d_extender', 'catalog'] }, paths);
    const p = await t.req('POST', '/api/catalog/product', { code: 'X-1', name: 'Extended', price: '1' });
    const o = await t.req('POST', '/api/catalog/order', {
      customer_name: 'Ext',
      order_date: '2026-01-05',
      ext_ref: 'R-7',
      lines: [{ product: p.body.id, qty: '1', rate: '1', ext_code: 'C1' }],
    });
    expect(o.status, JSON.stringify(o.body)).toBe(201);
    expect(o.body).toMatchObject({ ext_ref: 'R-7', ext_last_action: null });
    expect(o.body.lines[0].ext_code).toBe('C1');
    const meta = (await t.req('GET', '/api/meta')).body.entities.find((e: any) => e.key === 'catalog.order');
    expect(meta.fields.map((f: any) => f.name)).toEqual(expect.arrayContaining(['ext_ref', 'ext_last_action']));
    expect((await t.req('POST', `/api/catalog/order/${o.body.id}/actions/touch`, { n: 3 })).body).toEqual({ touched: true });
    expect((await t.req('GET', `/api/catalog/order/${o.body.id}`)).body.ext_last_action).toBe('touch:{"n":3}');
    // a bad value in an added field is refused like any other field
    const bad = await t.req('POST', '/api/catalog/order', {
      customer_name: 'Ext',
      order_date: '2026-01-05',
      ext_ref: 'x'.repeat(21),
      lines: [{ product: p.body.id, qty: '1', rate: '1' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('ext_ref');
  });

  it('skips the extension when the extended plugin is an optional dependency that is off', async () => {
    const t = await start({ plugins: ['d_extender'] }, paths);
    expect(t.plugins.map((p) => p.def.name)).toEqual(['auth', 'd_extender', 'messaging']);
  });

  it('refuses an added field that clashes with an existing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-ext-'));
    mkdirSync(join(dir, 'e_clash'));
    writeFileSync(
      join(dir, 'e_clash', 'package.json'),
      JSON.stringify({ name: 'e-clash', version: '1.0.0', type: 'module', main: 'index.js', tessera: { plugin: 'e_clash' } }),
    );
    writeFileSync(
      join(dir, 'e_clash', 'index.js'),
      `export default { name: 'e_clash', version: '1.0.0', label: 'Clash', dependsOn: ['catalog'], extendEntities: { 'catalog.order': { fields: { notes: { type: 'string' } } } } };`,
    );
    await expect(startApp({ plugins: ['e_clash', 'catalog'] }, { pluginPaths: [join(dir, 'e_clash')] })).rejects.toThrow(
      /plugin "e_clash" adds the field "notes" to catalog.order, which already has one/,
    );
  });
});

describe('a bad declaration stops start-up with the file, the JSON pointer and the reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bad-'));
  function plugin(name: string, entity: unknown): void {
    mkdirSync(join(dir, name, 'entities'), { recursive: true });
    writeFileSync(join(dir, name, 'package.json'), JSON.stringify({ name, type: 'module', main: 'index.js', tessera: { plugin: name } }));
    writeFileSync(join(dir, name, 'index.js'), `export default { name: '${name}', version: '1.0.0', label: '${name}' };`);
    writeFileSync(join(dir, name, 'entities', 'thing.json'), typeof entity === 'string' ? entity : JSON.stringify(entity));
  }
  const cases: [string, unknown, RegExp][] = [
    [
      'float type',
      { name: 'thing', type: 'object', properties: { x: { type: 'number' } } },
      /thing\.json at \/properties\/x\/type: type must be one of .*exact decimals/,
    ],
    [
      'unknown keyword',
      { name: 'thing', type: 'object', properties: { x: { type: 'string', 'x-colour': 'red' } } },
      /at \/properties\/x\/x-colour: unknown keyword "x-colour"/,
    ],
    [
      'decimal without precision',
      { name: 'thing', type: 'object', properties: { x: { type: 'string', format: 'decimal' } } },
      /at \/properties\/x: must have required property 'x-precision'/,
    ],
    ['reserved field name', { name: 'thing', type: 'object', properties: { id: { type: 'integer' } } }, /at \/properties\/id: is a reserved name/],
    [
      'reference to an unknown entity',
      { name: 'thing', type: 'object', properties: { x: { type: 'integer', 'x-ref': 'nowhere.entity' } } },
      /at \/properties\/x\/x-ref: refers to unknown entity "nowhere.entity"/,
    ],
    [
      'search over a missing field',
      { name: 'thing', type: 'object', 'x-search': ['nope'], properties: { x: { type: 'string' } } },
      /at \/x-search\/0: names no field of .*"nope"/,
    ],
    ['not JSON', '{ "name": ', /thing\.json: is not valid JSON/],
    ['bad identifier', { name: 'Thing', type: 'object', properties: { x: { type: 'string' } } }, /at \/name: must match pattern/],
  ];
  cases.forEach(([name, decl, msg], i) => {
    it(name, async () => {
      const p = `bad${i}`;
      plugin(p, decl);
      await expect(startApp({ plugins: [p] }, { pluginPaths: [dir] })).rejects.toThrow(msg);
    });
  });
});

describe('the client configuration', () => {
  it('is validated with the path of the mistake', () => {
    expect(() => validateClientConfig({ plugins: ['catalog'], company: { currency: 'euro' } }, 'client.json')).toThrow(
      /client\.json at \/company\/currency: must match pattern/,
    );
    expect(() => validateClientConfig({ plugins: ['catalog'], colour: 1 }, 'client.json')).toThrow(/client\.json at \/colour: is not a known setting/);
    expect(() =>
      validateClientConfig({ plugins: ['catalog'], customizations: { 'catalog.product': { addFields: { color: { type: 'string' } } } } }, 'c.json'),
    ).toThrow(/addFields/);
  });

  it('validates plugin settings against the plugin schema', async () => {
    await expect(startApp({ plugins: ['catalog'], settings: { catalog: { defaultStatus: 'gone' } } })).rejects.toThrow(
      /\/settings\/catalog\/defaultStatus: must be equal to one of the allowed values/,
    );
    await expect(startApp({ plugins: ['catalog'], settings: { catalog: { colour: 1 } } })).rejects.toThrow(
      /\/settings\/catalog\/colour: is not a setting of this plugin/,
    );
  });

  it('layers customizations over the declarations: columns, API fields and metadata', async () => {
    const t = await start({
      plugins: ['catalog'],
      company: { name: 'Client A', currency: 'USD', locale: 'lt' },
      customizations: {
        'catalog.product': {
          title: 'Article',
          addFields: {
            x_color: { type: 'string', maxLength: 30, title: 'Color' },
            x_weight: { type: 'string', format: 'decimal', 'x-precision': 10, 'x-scale': 3 },
          },
          fields: {
            name: { title: 'Article name', labels: { lt: { title: 'Pavadinimas' } } },
            status: { enum: ['draft', 'active', 'discontinued', 'archived'], enumLabels: { archived: 'Archived' } },
            notes: { hidden: true },
            category: { required: true },
          },
        },
        'catalog.order': { naming: { pattern: 'SO-.YY.MM.-.####' } },
      },
    });
    const cols = await t.db.query(`select column_name, data_type, is_nullable from information_schema.columns where table_name = 'catalog_product'`);
    const byName = Object.fromEntries(cols.rows.map((c) => [c.column_name, c]));
    expect(byName.x_color.data_type).toBe('character varying');
    expect(byName.x_weight.data_type).toBe('numeric');
    expect(byName.category.is_nullable).toBe('NO');

    const cat = await t.req('POST', '/api/catalog/category', { name: 'C' });
    const noCat = await t.req('POST', '/api/catalog/product', { code: 'K-1', name: 'n', price: '1' });
    expect(noCat.status).toBe(422);
    expect(noCat.body.error.details[0].path).toBe('category');
    const ok = await t.req('POST', '/api/catalog/product', {
      code: 'K-1',
      name: 'n',
      price: '1',
      category: cat.body.id,
      x_color: 'blue',
      x_weight: '1.250',
      status: 'archived',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ x_color: 'blue', x_weight: '1.250', status: 'archived' });

    const meta = (await t.req('GET', '/api/meta')).body;
    expect(meta.company).toMatchObject({ name: 'Client A', currency: 'USD', locale: 'lt' });
    const product = meta.entities.find((e: any) => e.key === 'catalog.product');
    expect(product.label).toBe('Article');
    expect(product.path).toBe('/api/catalog/product');
    const f = Object.fromEntries(product.fields.map((x: any) => [x.name, x]));
    expect(f.x_color).toMatchObject({ kind: 'string', label: 'Color', custom: true, maxLength: 30 });
    expect(f.x_weight).toMatchObject({ kind: 'decimal', precision: 10, scale: 3 });
    expect(f.name).toMatchObject({ label: 'Article name', labels: { lt: 'Pavadinimas' } });
    expect(f.status.choices.map((c: any) => c.id)).toEqual(['draft', 'active', 'discontinued', 'archived']);
    expect(f.notes.hidden).toBe(true);
    expect(f.category).toMatchObject({ required: true, ref: { entity: 'catalog.category', path: '/api/catalog/category', titleField: 'name' } });
    expect(product.referencedBy.map((r: any) => r.entity)).toContain('catalog.order');

    const o = await t.req('POST', '/api/catalog/order', {
      customer_name: 'A',
      order_date: '2026-07-04',
      lines: [{ product: ok.body.id, qty: '1', rate: '1' }],
    });
    expect(o.body.number).toBe('SO-2607-0001');
  });

  it('refuses customizations that do not fit the declarations', async () => {
    await expect(startApp({ plugins: ['catalog'], customizations: { 'catalog.product': { fields: { nope: { title: 'x' } } } } })).rejects.toThrow(
      /customizations\/catalog\.product\/fields\/nope: catalog\.product has no field "nope"/,
    );
    await expect(startApp({ plugins: ['catalog'], customizations: { 'catalog.nothing': { title: 'x' } } })).rejects.toThrow(
      /no enabled plugin declares the entity "catalog\.nothing"/,
    );
  });
});

describe('OpenAPI and docs', () => {
  it('serves an OpenAPI 3 document generated from the declarations, and interactive docs', async () => {
    const t = await start({ plugins: ['catalog'] });
    const r = await t.req('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/catalog/product', '/api/catalog/product/{id}', '/api/catalog/order/{id}/submit']));
    const post = r.body.paths['/api/catalog/product'].post;
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['code', 'name', 'price']));
    expect(schema.properties.price['x-decimal']).toMatchObject({ precision: 12, scale: 2 });
    const docs = await t.app.inject({ method: 'GET', url: '/docs/', headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
