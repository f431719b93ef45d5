import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, startApp, type TestApp } from '../helpers.js';

let t: TestApp;
let tools: number;
let parts: number;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await startApp({ plugins: ['catalog'] });
  tools = (await t.req('POST', '/api/catalog/category', { name: 'Tools' })).body.id;
  parts = (await t.req('POST', '/api/catalog/category', { name: 'Parts' })).body.id;
  const rows = [
    { code: 'A-1', name: 'Alpha wrench', category: tools, price: '10.00', status: 'active', launch_date: '2026-01-10', active: true, stock_qty: 5 },
    { code: 'B-2', name: 'Beta bolt', category: parts, price: '2.50', status: 'active', launch_date: '2026-02-10', active: true, stock_qty: 100 },
    { code: 'C-3', name: 'Gamma 100% pure_nut', category: parts, price: '0.10', status: 'draft', launch_date: '2026-03-10', active: false, stock_qty: 0 },
    { code: 'D-4', name: 'Delta wrench set', category: tools, price: '99.99', status: 'discontinued', active: true, stock_qty: 1 },
    { code: 'E-5', name: 'Epsilon', price: '10.00', status: 'active', launch_date: '2026-02-10', stock_qty: 7 },
  ];
  for (const r of rows) {
    const res = await t.req('POST', '/api/catalog/product', r);
    expect(res.status).toBe(201);
    ids[r.code] = res.body.id;
  }
  const order = (lines: { code: string; qty: string }[]) =>
    t.req('POST', '/api/catalog/order', {
      customer_name: 'C',
      order_date: '2026-05-01',
      lines: lines.map((l) => ({ product: ids[l.code], qty: l.qty, rate: '1.00' })),
    });
  await order([{ code: 'A-1', qty: '1' }]);
  await order([
    { code: 'B-2', qty: '5' },
    { code: 'C-3', qty: '2' },
  ]);
});
afterAll(async () => t?.close());

async function codes(f: unknown, extra = ''): Promise<string[]> {
  const r = await t.req('GET', `/api/catalog/product?filter=${filter(f)}&sort=code&limit=100${extra}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.total).toBe(r.body.data.length);
  return r.body.data.map((x: any) => x.code);
}

describe('filter operators are pushed down to SQL', () => {
  it('eq, ne, implicit eq and in', async () => {
    expect(await codes({ status: 'active' })).toEqual(['A-1', 'B-2', 'E-5']);
    expect(await codes({ status: { eq: 'draft' } })).toEqual(['C-3']);
    expect(await codes({ status: { ne: 'active' } })).toEqual(['C-3', 'D-4']);
    expect(await codes({ code: ['A-1', 'D-4'] })).toEqual(['A-1', 'D-4']);
    expect(await codes({ code: { in: ['B-2'] } })).toEqual(['B-2']);
    expect(await codes({ code: { nin: ['A-1', 'B-2'] } })).toEqual(['C-3', 'D-4', 'E-5']);
  });
  it('ne includes empty values (IS DISTINCT FROM)', async () => {
    expect(await codes({ category: { ne: tools } })).toEqual(['B-2', 'C-3', 'E-5']);
  });
  it('lt, lte, gt, gte on decimals compare exactly', async () => {
    expect(await codes({ price: { lt: '2.50' } })).toEqual(['C-3']);
    expect(await codes({ price: { lte: '2.50' } })).toEqual(['B-2', 'C-3']);
    expect(await codes({ price: { gt: '10' } })).toEqual(['D-4']);
    expect(await codes({ price: { gte: '10.00' } })).toEqual(['A-1', 'D-4', 'E-5']);
    expect(await codes({ stock_qty: { gt: 4, lt: 100 } })).toEqual(['A-1', 'E-5']);
  });
  it('contains (case-insensitive, wildcards escaped), startsWith, endsWith', async () => {
    expect(await codes({ name: { contains: 'WRENCH' } })).toEqual(['A-1', 'D-4']);
    expect(await codes({ name: { contains: '100%' } })).toEqual(['C-3']);
    expect(await codes({ name: { contains: '%' } })).toEqual(['C-3']);
    expect(await codes({ name: { contains: '_' } })).toEqual(['C-3']);
    expect(await codes({ name: { startsWith: 'be' } })).toEqual(['B-2']);
    expect(await codes({ name: { endsWith: 'set' } })).toEqual(['D-4']);
  });
  it('isNull and between', async () => {
    expect(await codes({ launch_date: { isNull: true } })).toEqual(['D-4']);
    expect(await codes({ category: { isNull: false } })).toEqual(['A-1', 'B-2', 'C-3', 'D-4']);
    expect(await codes({ category: null })).toEqual(['E-5']);
    expect(await codes({ launch_date: { between: ['2026-02-01', '2026-02-28'] } })).toEqual(['B-2', 'E-5']);
    expect(await codes({ price: { between: ['0.10', '2.50'] } })).toEqual(['B-2', 'C-3']);
  });
  it('and, or, not nest', async () => {
    expect(await codes({ or: [{ status: 'draft' }, { price: { gt: '50' } }] })).toEqual(['C-3', 'D-4']);
    expect(await codes({ and: [{ status: 'active' }, { or: [{ category: tools }, { category: null }] }] })).toEqual(['A-1', 'E-5']);
    expect(await codes({ not: { status: 'active' } })).toEqual(['C-3', 'D-4']);
    expect(await codes({ active: true, status: 'active' })).toEqual(['A-1', 'B-2', 'E-5']);
    expect(await codes({ active: 'false' })).toEqual(['C-3']);
  });
  it('filters documents by their line items', async () => {
    const r = await t.req('GET', `/api/catalog/order?filter=${filter({ 'lines.product': ids['C-3'] })}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(1);
    const r2 = await t.req('GET', `/api/catalog/order?filter=${filter({ 'lines.qty': { gte: '1' } })}`);
    expect(r2.body.total).toBe(2);
  });
});

describe('sort, pagination, search, fields, expand, ids', () => {
  it('sorts on several fields', async () => {
    const r = await t.req('GET', '/api/catalog/product?sort=-price,code&limit=10');
    expect(r.body.data.map((x: any) => x.code)).toEqual(['D-4', 'A-1', 'E-5', 'B-2', 'C-3']);
  });
  it('pages with a total count', async () => {
    const p1 = await t.req('GET', '/api/catalog/product?sort=code&limit=2&offset=0');
    const p3 = await t.req('GET', '/api/catalog/product?sort=code&limit=2&offset=4');
    expect(p1.body.total).toBe(5);
    expect(p1.body.data.map((x: any) => x.code)).toEqual(['A-1', 'B-2']);
    expect(p3.body.data.map((x: any) => x.code)).toEqual(['E-5']);
    expect(p1.headers['x-total-count']).toBe('5');
  });
  it('searches the declared search fields (all words, prefixes)', async () => {
    const r = await t.req('GET', '/api/catalog/product?q=wren&sort=code');
    expect(r.body.data.map((x: any) => x.code)).toEqual(['A-1', 'D-4']);
    const r2 = await t.req('GET', '/api/catalog/product?q=delta%20wrench');
    expect(r2.body.data.map((x: any) => x.code)).toEqual(['D-4']);
    const r3 = await t.req('GET', '/api/catalog/product?q=b-2');
    expect(r3.body.data.map((x: any) => x.code)).toEqual(['B-2']);
    const r4 = await t.req('GET', `/api/catalog/product?q=wrench&filter=${filter({ status: 'discontinued' })}`);
    expect(r4.body.total).toBe(1);
  });
  it('selects fields', async () => {
    const r = await t.req('GET', '/api/catalog/product?fields=code,price&sort=code&limit=1');
    expect(r.body.data[0]).toEqual({ id: ids['A-1'], code: 'A-1', price: '10.00' });
  });
  it('expands references and line items', async () => {
    const r = await t.req('GET', `/api/catalog/product/${ids['A-1']}?expand=category`);
    expect(r.body._expanded.category.name).toBe('Tools');
    const o = await t.req('GET', `/api/catalog/order?expand=lines.product&sort=id`);
    expect(o.body.data[1].lines).toHaveLength(2);
    expect(o.body.data[1].lines[0]._expanded.product.code).toBe('B-2');
    const bad = await t.req('GET', '/api/catalog/product?expand=name');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('expand');
  });
  it('gets many by id', async () => {
    const r = await t.req('GET', `/api/catalog/product?ids=${ids['B-2']},${ids['D-4']}&sort=code`);
    expect(r.body.data.map((x: any) => x.code)).toEqual(['B-2', 'D-4']);
  });
  it('exports CSV with the same filter', async () => {
    const r = await t.req('GET', `/api/catalog/product?format=csv&filter=${filter({ status: 'active' })}&sort=code`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    const lines = (r.body as string)
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('A-1,Alpha wrench');
    const names = await t.req('GET', `/api/catalog/product?format=csv&headers=names&filter=${filter({ status: 'active' })}&sort=code`);
    expect((names.body as string).replace(/^\ufeff/, '').startsWith('id,code,name')).toBe(true);
  });
});

describe('bad queries get a clear 400', () => {
  const cases: [string, string, RegExp, string?][] = [
    ['unknown filter field', `filter=${filter({ nope: 1 })}`, /filter\/nope/],
    ['unknown operator', `filter=${filter({ price: { gtx: '1' } })}`, /filter\/price\/gtx/],
    ['wrong value type', `filter=${filter({ stock_qty: { gt: 'many' } })}`, /filter\/stock_qty\/gt/],
    ['bad enum value', `filter=${filter({ status: 'sold' })}`, /filter\/status/],
    ['contains on a number', `filter=${filter({ price: { contains: '1' } })}`, /filter\/price\/contains/],
    ['filter not JSON', 'filter=%7Bnope', /filter/],
    ['unknown sort field', 'sort=nope', /sort/],
    ['limit too large', 'limit=5000', /limit/, 'LIMIT_EXCEEDED'],
    ['unknown query parameter', 'colour=red', /colour/],
    ['bad decimal in filter', `filter=${filter({ price: { gt: '1e5' } })}`, /filter\/price\/gt/],
  ];
  for (const [name, qs, path, code = 'INVALID_QUERY'] of cases) {
    it(name, async () => {
      const r = await t.req('GET', `/api/catalog/product?${qs}`);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message).toMatch(path);
    });
  }
});
