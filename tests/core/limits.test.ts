/**
 * Every request is bounded (docs/api.md, "Limits"): each limit answers a 4xx with a stable code
 * and a message that names the limit and the way around it, before any work is done.
 */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, filter, type TestApp } from '../helpers.js';
import { LIMITS } from '../../core/src/schema/limits.js';

let t: TestApp;
let product: number;
const line = () => ({ product, qty: '1', rate: '1.00' });
const order = (lines: unknown[]) => ({ customer_name: 'Limits', order_date: '2026-06-01', lines });
const count = async (table: string) => Number((await t.db.query(`select count(*)::int as n from ${table}`)).rows[0]!.n);

function expectLimit(r: { status: number; body: any }, status: number, code: string, ...words: string[]) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error).toMatchObject({ code, status });
  for (const w of words) expect(r.body.error.message).toContain(w);
}

/** A plugin with an extra route that declares a body schema (written at run time: no package to install). */
const extraDir = mkdtempSync(join(tmpdir(), 'tessera-extra-'));
mkdirSync(join(extraDir, 'extra_routes'));
writeFileSync(
  join(extraDir, 'extra_routes', 'package.json'),
  JSON.stringify({ name: 'extra-routes', version: '1.0.0', type: 'module', main: 'index.js', tessera: { plugin: 'extra_routes' } }),
);
writeFileSync(
  join(extraDir, 'extra_routes', 'index.js'),
  `export default { name: 'extra_routes', version: '1.0.0', label: 'Extra routes', setup({ app }) {
     app.post('/api/extra_routes/echo', { schema: { body: { type: 'object', additionalProperties: false, required: ['n'], properties: { n: { type: 'integer', maximum: 10 }, when: { type: 'string', format: 'date' } } } } },
       async (req) => ({ n: req.body.n, kind: typeof req.body.n }));
   } };`,
);

beforeAll(async () => {
  t = await startApp({ plugins: ['catalog', 'extra_routes'] }, { pluginPaths: [extraDir] });
  product = (await t.req('POST', '/api/catalog/product', { code: 'LIM-1', name: 'Limit product', price: '1.00' })).body.id;
});
afterAll(async () => {
  await t?.close();
  rmSync(extraDir, { recursive: true, force: true });
});

describe('extra routes of plugins', () => {
  it('a body schema on a plugin route is enforced (it used to be ignored: only entity bodies were validated)', async () => {
    const bad = await t.req('POST', '/api/extra_routes/echo', { n: '5' });
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'n' }] });
    expect((await t.req('POST', '/api/extra_routes/echo', { n: 11 })).status).toBe(422);
    expect((await t.req('POST', '/api/extra_routes/echo', { n: 1, when: '2026-02-30' })).body.error.details[0].path).toBe('when');
    expect((await t.req('POST', '/api/extra_routes/echo', { n: 1, extra: true })).status).toBe(422);
    expect((await t.req('POST', '/api/extra_routes/echo', { n: 5 })).body).toEqual({ n: 5, kind: 'number' });
  });
});

describe('lines per document', () => {
  it('refuses a 10,000-line document before validating or writing any line', async () => {
    // 10,000 lines used to take seconds of validation and inserts.
    const before = await count('catalog_order');
    const started = Date.now();
    const big = await t.req('POST', '/api/catalog/order', order(Array.from({ length: 10_000 }, line)));
    expectLimit(big, 422, 'TOO_MANY_LINES', '10000 lines', 'at most 200', 'split');
    expect(big.body.error.details[0]).toMatchObject({ path: 'lines', code: 'maxItems' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await count('catalog_order')).toBe(before);
  });

  it("a declaration's maxItems sets the limit (catalog.order: 200), and the default is in OpenAPI", async () => {
    expect((await t.req('POST', '/api/catalog/order', order(Array.from({ length: 200 }, line)))).status).toBe(201);
    expectLimit(await t.req('POST', '/api/catalog/order', order(Array.from({ length: 201 }, line))), 422, 'TOO_MANY_LINES', 'at most 200');
    const doc = (await t.req('GET', '/api/openapi.json')).body;
    expect(doc.paths['/api/catalog/order'].post.requestBody.content['application/json'].schema.properties.lines.maxItems).toBe(200);
    expect(LIMITS.linesPerDocument).toBe(1000);
  });
});

describe('request size', () => {
  it('a body over 5 MB is 413 PAYLOAD_TOO_LARGE', async () => {
    const r = await t.req('POST', '/api/catalog/product', { code: 'BIG', name: 'x'.repeat(LIMITS.bodyBytes + 10), price: '1' });
    expectLimit(r, 413, 'PAYLOAD_TOO_LARGE', '5 MB', 'split');
  });

  it('headers over 16 KB are 431 HEADERS_TOO_LARGE and a path parameter over 100 characters is 414 URI_TOO_LONG, in the standard shape', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const raw = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${t.adminToken}`, ...headers } }, (res) => {
          let data = '';
          res.on('data', (c) => (data += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(data) }));
        });
        req.on('error', reject);
        req.end();
      });
    expectLimit(await raw('/api/catalog/product', { 'x-padding': 'p'.repeat(20_000) }), 431, 'HEADERS_TOO_LARGE', '16 KB');
    expectLimit(await raw(`/api/catalog/product/${'9'.repeat(120)}`), 414, 'URI_TOO_LONG', '100 characters');
  });
});

describe('list queries', () => {
  it('ids: at most 1,000, each a representable id', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => i + 1).join(',');
    expectLimit(await t.req('GET', `/api/catalog/product?ids=${many}`), 400, 'TOO_MANY_IDS', 'at most 1000', 'several requests');
    expectLimit(await t.req('DELETE', `/api/catalog/product?ids=${many}`), 400, 'TOO_MANY_IDS');
    expectLimit(await t.req('PATCH', `/api/catalog/product?ids=${many}`, { name: 'x' }), 400, 'TOO_MANY_IDS');
    expect((await t.req('GET', `/api/catalog/product?ids=${Array.from({ length: 1000 }, (_, i) => i + 1).join(',')}`)).status).toBe(200);
  });

  it('limit: 1 to 1,000 (any for an export); offset at most 10,000, deeper pages use after', async () => {
    expectLimit(await t.req('GET', '/api/catalog/product?limit=1001'), 400, 'LIMIT_EXCEEDED', 'from 1 to 1000', 'after');
    expectLimit(await t.req('GET', '/api/catalog/product?limit=0'), 400, 'INVALID_QUERY');
    const deep = await t.req('GET', '/api/catalog/product?offset=10001');
    expectLimit(deep, 400, 'LIMIT_EXCEEDED', '10000', 'after=', '"next" cursor');
    expect(deep.body.error.details).toEqual([expect.objectContaining({ path: 'offset', code: 'limit' })]);
    expect((await t.req('GET', '/api/catalog/product?limit=1000&offset=10000')).status).toBe(200);
  });

  it('expand: at most 20 names and 2 levels (lines.product); fields: at most 200 names', async () => {
    expectLimit(await t.req('GET', '/api/catalog/order?expand=lines.product.category'), 400, 'EXPAND_TOO_LARGE', 'at most 2', 'own request');
    expectLimit(await t.req('GET', `/api/catalog/order?expand=${Array(21).fill('lines').join(',')}`), 400, 'EXPAND_TOO_LARGE', 'at most 20');
    expectLimit(await t.req('GET', `/api/catalog/order/1?expand=a.b.c`), 400, 'EXPAND_TOO_LARGE');
    expectLimit(await t.req('GET', `/api/catalog/product?fields=${Array(201).fill('name').join(',')}`), 400, 'TOO_MANY_FIELDS', 'at most 200');
    expect((await t.req('GET', '/api/catalog/order?expand=lines.product')).status).toBe(200);
  });

  it('filter: at most 8 levels of and/or/not, 100 conditions, 1,000 values in a list and 8 KB of JSON', async () => {
    let deep: any = { name: 'x' };
    for (let i = 0; i < 10; i++) deep = { not: deep };
    expectLimit(await t.req('GET', `/api/catalog/product?filter=${filter(deep)}`), 400, 'FILTER_TOO_COMPLEX', '8 levels', 'simplify');
    const wide = { or: Array.from({ length: 101 }, (_, i) => ({ code: `C${i}` })) };
    expectLimit(await t.req('GET', `/api/catalog/product?filter=${filter(wide)}`), 400, 'FILTER_TOO_COMPLEX', '100 conditions');
    const values = { id: { in: Array.from({ length: 1001 }, (_, i) => i + 1) } };
    expectLimit(await t.req('GET', `/api/catalog/product?filter=${filter(values)}`), 400, 'INVALID_QUERY', '1 to 1000 values');
    const bulky = { name: { contains: 'n'.repeat(9000) } };
    expectLimit(await t.req('GET', `/api/catalog/product?filter=${filter(bulky)}`), 400, 'FILTER_TOO_COMPLEX', '8192 bytes');
    let ok: any = { name: 'x' };
    for (let i = 0; i < 7; i++) ok = { not: ok };
    expect((await t.req('GET', `/api/catalog/product?filter=${filter(ok)}`)).status).toBe(200);
  });

  it('an export has no row cap (tests/core/export.test.ts streams 100,009 rows); offset and limit still export a part', async () => {
    await t.db.query(`insert into catalog_category (name) select 'bulk ' || g from generate_series(1, 20) g`);
    const part = await t.req('GET', '/api/catalog/category?format=csv&sort=id&offset=10&limit=3');
    expect(part.status).toBe(200);
    expect(part.body.trim().split('\n')).toHaveLength(4); // header + 3 rows
    const filtered = await t.req('GET', `/api/catalog/category?format=csv&filter=${filter({ name: { startsWith: 'bulk 1' } })}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.trim().split('\n')).toHaveLength(12); // bulk 1, 10-19
    expect((await t.req('GET', '/api/catalog/category?format=csv&limit=200000')).status).toBe(200);
  });
});
