import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ plugins: ['catalog'] });
});
afterAll(async () => t?.close());

describe('every field type round-trips exactly', () => {
  it('stores and returns each type without loss', async () => {
    const cat = await t.req('POST', '/api/catalog/category', { name: 'Round trip' });
    expect(cat.status).toBe(201);
    const input = {
      code: 'RT-1',
      name: 'Ünïcödé – name with "quotes" and \'apostrophes\'',
      category: cat.body.id,
      price: '9999999999.99',
      cost: '-123456789012.123456',
      stock_qty: 2147483647,
      big_counter: 9007199254740991,
      active: false,
      launch_date: '2024-02-29',
      last_sold_at: '2026-11-26T10:15:30.123+02:00',
      opening_time: '08:30:15',
      status: 'discontinued',
      supplier_email: 'buyer@example.com',
      website: 'https://example.com/a?b=c&d=e',
      phone: '+370 600 12345',
      attributes: { size: 'M', tags: ['a', 'b'], nested: { n: 1.5, ok: true } },
      notes: 'line 1\nline 2\n\ttabbed',
    };
    const created = await t.req('POST', '/api/catalog/product', input);
    expect(created.status).toBe(201);
    const got = await t.req('GET', `/api/catalog/product/${created.body.id}`);
    expect(got.status).toBe(200);
    const b = got.body;
    expect(b.code).toBe('RT-1');
    expect(b.name).toBe(input.name);
    expect(b.category).toBe(cat.body.id);
    expect(b.price).toBe('9999999999.99');
    expect(b.cost).toBe('-123456789012.123456');
    expect(b.stock_qty).toBe(2147483647);
    expect(b.big_counter).toBe(9007199254740991);
    expect(b.active).toBe(false);
    expect(b.launch_date).toBe('2024-02-29');
    expect(b.last_sold_at).toBe('2026-11-26T08:15:30.123Z');
    expect(b.opening_time).toBe('08:30:15');
    expect(b.status).toBe('discontinued');
    expect(b.supplier_email).toBe('buyer@example.com');
    expect(b.website).toBe('https://example.com/a?b=c&d=e');
    expect(b.phone).toBe('+370 600 12345');
    expect(b.attributes).toEqual(input.attributes);
    expect(b.notes).toBe(input.notes);
    expect(typeof b.id).toBe('number');
    expect(b.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('reads timestamps as ISO-8601 UTC to the millisecond, whatever form and time zone PostgreSQL prints them in', async () => {
    const cases: [string, string][] = [
      ['2026-11-26 10:15:30.123456+00', '2026-11-26T10:15:30.123Z'],
      ['2026-11-26 10:15:30.9999+00', '2026-11-26T10:15:30.999Z'],
      ['2026-11-26 10:15:30.5+00', '2026-11-26T10:15:30.500Z'],
      ['2026-11-26 10:15:30+00', '2026-11-26T10:15:30.000Z'],
      ['2026-11-26 10:15:30.25+02:30', '2026-11-26T07:45:30.250Z'],
      ['0099-03-01 00:00:00+00', '0099-03-01T00:00:00.000Z'],
    ];
    for (const [input, iso] of cases) {
      const r = (await t.db.query(`select $1::timestamptz as tz, ($1::timestamptz at time zone 'UTC') as ts`, [input])).rows[0]!;
      expect([r.tz, r.ts], input).toEqual([iso, iso]);
    }
    // A session in another zone prints offsets: the same instants.
    const c = await t.db.connect();
    try {
      await c.query(`set time zone 'Europe/Vilnius'`);
      for (const [input, iso] of cases) expect((await c.query(`select $1::timestamptz as tz`, [input])).rows[0].tz, input).toBe(iso);
    } finally {
      await c.query('reset time zone');
      c.release();
    }
  });

  it('keeps decimals exact to the last digit and pads to the declared scale', async () => {
    const cases: [string, string][] = [
      ['0.01', '0.01'],
      ['0.1', '0.10'],
      ['1234567890.12', '1234567890.12'],
      ['0', '0.00'],
      ['5', '5.00'],
      ['7.50', '7.50'],
    ];
    for (const [i, [price, stored]] of cases.entries()) {
      const r = await t.req('POST', '/api/catalog/product', { code: `DEC-${i}`, name: 'd', price, cost: '0.000001' });
      expect(r.status).toBe(201);
      expect(r.body.price).toBe(stored);
      expect(r.body.cost).toBe('0.000001');
    }
    // A JSON number is accepted when it is an exact decimal text.
    const n = await t.req('POST', '/api/catalog/product', { code: 'DEC-N', name: 'd', price: 19.99 });
    expect(n.status).toBe(201);
    expect(n.body.price).toBe('19.99');
  });

  it('applies declared defaults', async () => {
    const r = await t.req('POST', '/api/catalog/product', { code: 'DEF-1', name: 'defaults', price: '1' });
    expect(r.status).toBe(201);
    expect(r.body.active).toBe(true);
    expect(r.body.status).toBe('draft');
    expect(r.body.stock_qty).toBe(0);
    expect(r.body.notes).toBeNull();
  });

  it('sums line items exactly (no binary floats)', async () => {
    const p = await t.req('POST', '/api/catalog/product', { code: 'SUM-1', name: 'sum', price: '0.10' });
    const lines = Array.from({ length: 10 }, () => ({ product: p.body.id, qty: '1', rate: '0.10' }));
    const o = await t.req('POST', '/api/catalog/order', { customer_name: 'Exact', order_date: '2026-01-15', lines });
    expect(o.status).toBe(201);
    expect(o.body.total).toBe('1.00');
    expect(o.body.lines).toHaveLength(10);
    const o2 = await t.req('POST', '/api/catalog/order', {
      customer_name: 'Rounding',
      order_date: '2026-01-15',
      lines: [
        { product: p.body.id, qty: '3.333', rate: '0.33' },
        { product: p.body.id, qty: '0.005', rate: '1.00' },
      ],
    });
    // 3.333 x 0.33 = 1.09989 -> 1.10 (half up); 0.005 x 1.00 = 0.005 -> 0.01
    expect(o2.body.lines.map((l: any) => l.amount)).toEqual(['1.10', '0.01']);
    expect(o2.body.total).toBe('1.11');
  });
});
