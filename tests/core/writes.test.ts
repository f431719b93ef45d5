import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;
let product: number;
const count = async (table: string) => Number((await t.db.query(`select count(*)::int as n from ${table}`)).rows[0]!.n);

beforeAll(async () => {
  t = await startApp({ plugins: ['catalog'] });
  product = (await t.req('POST', '/api/catalog/product', { code: 'W-1', name: 'Widget', price: '2.00' })).body.id;
});
afterAll(async () => t?.close());

const order = (lines: unknown[], extra: Record<string, unknown> = {}) => ({ customer_name: 'Acme', order_date: '2026-03-01', lines, ...extra });

describe('validation errors are 4xx with the field path, and nothing is half-written', () => {
  const cases: [string, unknown, number, string, RegExp][] = [
    ['unknown field', { code: 'X-1', name: 'x', price: '1', colour: 'red' }, 422, 'colour', /is not a field/],
    ['wrong type', { code: 'X-1', name: 'x', price: '1', stock_qty: 'many' }, 422, 'stock_qty', /must be integer/],
    ['missing required', { code: 'X-1', price: '1' }, 422, 'name', /is required/],
    ['too long', { code: 'X-1', name: 'x'.repeat(121), price: '1' }, 422, 'name', /at most 120 characters/],
    ['pattern', { code: 'lower', name: 'x', price: '1' }, 422, 'code', /pattern/],
    ['decimal with too many places', { code: 'X-1', name: 'x', price: '1.005' }, 422, 'price', /at most 2 decimal places/],
    ['decimal too large', { code: 'X-1', name: 'x', price: '12345678901.00' }, 422, 'price', /at most 10 digits before/],
    ['decimal below minimum', { code: 'X-1', name: 'x', price: '-1' }, 422, 'price', />= 0/],
    ['decimal in exponent form', { code: 'X-1', name: 'x', price: '1e3' }, 422, 'price', /decimal number/],
    ['float that is not exact', { code: 'X-1', name: 'x', price: 1e21 }, 422, 'price', /decimal number/],
    ['bad enum', { code: 'X-1', name: 'x', price: '1', status: 'sold' }, 422, 'status', /must be one of "draft", "active", "discontinued"/],
    ['bad date', { code: 'X-1', name: 'x', price: '1', launch_date: '2026-02-30' }, 422, 'launch_date', /date/],
    ['bad email', { code: 'X-1', name: 'x', price: '1', supplier_email: 'not-an-email' }, 422, 'supplier_email', /email/],
    ['bad time', { code: 'X-1', name: 'x', price: '1', opening_time: '25:00' }, 422, 'opening_time', /time/],
    ['integer out of range', { code: 'X-1', name: 'x', price: '1', stock_qty: 2147483648 }, 422, 'stock_qty', /<= 2147483647/],
    ['null for a required field', { code: 'X-1', name: null, price: '1' }, 422, 'name', /must be string/],
    [
      'reference to a missing row',
      { code: 'X-1', name: 'x', price: '1', category: 999999 },
      422,
      'category',
      /refers to Category 999999, which does not exist/,
    ],
  ];
  for (const [name, body, status, path, msg] of cases) {
    it(name, async () => {
      const before = await count('catalog_product');
      const r = await t.req('POST', '/api/catalog/product', body);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      const d = r.body.error.details.find((x: any) => x.path === path);
      expect(d, JSON.stringify(r.body)).toBeTruthy();
      expect(d.message).toMatch(msg);
      expect(r.body.error.message).toContain(path);
      expect(await count('catalog_product')).toBe(before);
    });
  }

  it('duplicate unique value is a 409 naming the field', async () => {
    const r = await t.req('POST', '/api/catalog/product', { code: 'W-1', name: 'dup', price: '1' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('UNIQUE_VIOLATION');
    expect(r.body.error.details[0].path).toBe('code');
  });

  it('line-item errors name the line, and no header or line is written', async () => {
    const headers = await count('catalog_order');
    const lines = await count('catalog_order_line');
    const r = await t.req(
      'POST',
      '/api/catalog/order',
      order([
        { product, qty: '1', rate: '1' },
        { product, qty: '1', rate: '1' },
        { product, qty: '0', rate: '1' },
      ]),
    );
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('lines/2/qty must be > 0');
    const missingRef = await t.req(
      'POST',
      '/api/catalog/order',
      order([
        { product, qty: '1', rate: '1' },
        { product: 424242, qty: '1', rate: '1' },
      ]),
    );
    expect(missingRef.status).toBe(422);
    expect(missingRef.body.error.details[0].path).toBe('lines/1/product');
    const empty = await t.req('POST', '/api/catalog/order', order([]));
    expect(empty.status).toBe(422);
    expect(empty.body.error.details[0].path).toBe('lines');
    expect(await count('catalog_order')).toBe(headers);
    expect(await count('catalog_order_line')).toBe(lines);
  });

  it('invalid JSON and wrong body types are 400/422, never 500', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/product',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` },
      payload: '{"code":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_JSON');
    const arr = await t.req('POST', '/api/catalog/product', [1, 2]);
    expect(arr.status).toBe(422);
    const notFound = await t.req('GET', '/api/catalog/product/999999');
    expect(notFound.status).toBe(404);
    expect(notFound.body.error.code).toBe('NOT_FOUND');
    const badId = await t.req('GET', '/api/catalog/product/abc');
    expect(badId.status).toBe(400);
    const noRoute = await t.req('GET', '/api/nowhere');
    expect(noRoute.status).toBe(404);
    expect(noRoute.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('create and update with line items in one transaction', () => {
  it('updates, inserts and deletes lines as a set and recomputes totals', async () => {
    const p2 = (await t.req('POST', '/api/catalog/product', { code: 'W-2', name: 'Gadget', price: '5.00' })).body.id;
    const c = await t.req(
      'POST',
      '/api/catalog/order',
      order([
        { product, qty: '2', rate: '2.00' },
        { product: p2, qty: '1', rate: '5.00' },
        { product, qty: '10', rate: '0.10' },
      ]),
    );
    expect(c.status).toBe(201);
    expect(c.body.total).toBe('10.00');
    expect(c.body.number).toMatch(/^ORD-2026-\d{5}$/);
    const [l0, , l2] = c.body.lines;
    const u = await t.req('PUT', `/api/catalog/order/${c.body.id}`, {
      ...c.body,
      lines: [{ ...l2, qty: '20' }, { product: p2, qty: '3', rate: '5.00' }, { id: l0.id }],
    });
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    expect(u.body.lines.map((l: any) => [l.id === l2.id, l.id === l0.id, l.qty, l.amount])).toEqual([
      [true, false, '20.000', '2.00'],
      [false, false, '3.000', '15.00'],
      [false, true, '2.000', '4.00'],
    ]);
    expect(u.body.total).toBe('21.00');
    const rows = await t.db.query('select count(*)::int as n from catalog_order_line where parent_id = $1', [c.body.id]);
    expect(rows.rows[0]!.n).toBe(3);
  });

  it('refuses a line id of another document and changes nothing', async () => {
    const a = await t.req('POST', '/api/catalog/order', order([{ product, qty: '1', rate: '1' }]));
    const b = await t.req('POST', '/api/catalog/order', order([{ product, qty: '1', rate: '1' }]));
    const r = await t.req('PATCH', `/api/catalog/order/${a.body.id}`, { customer_name: 'Changed', lines: [{ id: b.body.lines[0].id, qty: '9' }] });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].path).toBe('lines/0/id');
    const again = await t.req('GET', `/api/catalog/order/${a.body.id}`);
    expect(again.body.customer_name).toBe('Acme');
  });

  it('patch changes only the given fields', async () => {
    const r = await t.req('PATCH', `/api/catalog/product/${product}`, { price: '2.25' });
    expect(r.status).toBe(200);
    expect(r.body.price).toBe('2.25');
    expect(r.body.name).toBe('Widget');
  });
});

describe('deletes', () => {
  it('refuses to delete a row others refer to, naming them', async () => {
    const r = await t.req('DELETE', `/api/catalog/product/${product}`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('STILL_REFERENCED');
    expect(r.body.error.message).toMatch(/Widget cannot be deleted: \d+ Order line records? still refers? to it/);
    expect((await t.req('GET', `/api/catalog/product/${product}`)).status).toBe(200);
  });

  it('deletes a document with its lines', async () => {
    const o = await t.req('POST', '/api/catalog/order', order([{ product, qty: '1', rate: '1' }]));
    const d = await t.req('DELETE', `/api/catalog/order/${o.body.id}`);
    expect(d.status).toBe(200);
    expect(d.body.id).toBe(o.body.id);
    const lines = await t.db.query('select count(*)::int as n from catalog_order_line where parent_id = $1', [o.body.id]);
    expect(lines.rows[0]!.n).toBe(0);
  });

  it('update-many and delete-many are all or nothing', async () => {
    const mk = async (code: string) => (await t.req('POST', '/api/catalog/product', { code, name: code, price: '1' })).body.id;
    const a = await mk('M-1');
    const b = await mk('M-2');
    const um = await t.req('PATCH', `/api/catalog/product?ids=${a},${b}`, { status: 'active' });
    expect(um.status).toBe(200);
    expect(um.body.data).toEqual([a, b]);
    const check = await t.req('GET', `/api/catalog/product?ids=${a},${b}`);
    expect(check.body.data.every((x: any) => x.status === 'active')).toBe(true);
    const dm = await t.req('DELETE', `/api/catalog/product?ids=${a},${product}`);
    expect(dm.status).toBe(409);
    expect((await t.req('GET', `/api/catalog/product/${a}`)).status).toBe(200);
    const ok = await t.req('DELETE', `/api/catalog/product?ids=${a},${b}`);
    expect(ok.status).toBe(200);
    expect((await t.req('GET', `/api/catalog/product/${a}`)).status).toBe(404);
  });
});
