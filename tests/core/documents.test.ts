import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;
let product: number;
const count = async (table: string) => Number((await t.db.query(`select count(*)::int as n from ${table}`)).rows[0]!.n);
const order = (extra: Record<string, unknown> = {}) => ({
  customer_name: 'Acme',
  order_date: '2026-06-01',
  lines: [{ product, qty: '2', rate: '3.50' }],
  ...extra,
});

beforeAll(async () => {
  t = await startApp({ plugins: ['catalog', 'catalog_ext'] });
  product = (await t.req('POST', '/api/catalog/product', { code: 'DOC-1', name: 'Doc product', price: '3.50' })).body.id;
});
afterAll(async () => t?.close());

describe('numbering series', () => {
  it('1,000 concurrent creates get 1,000 distinct, consecutive numbers', async () => {
    const before = await count('catalog_order');
    const results = await Promise.all(Array.from({ length: 1000 }, () => t.req('POST', '/api/catalog/order', order({ order_date: '2031-01-15' }))));
    expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
    const numbers = results.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(1000);
    const seq = numbers.map((n) => Number(/^ORD-2031-(\d{5})$/.exec(n)![1])).sort((a, b) => a - b);
    expect(seq[0]).toBe(1);
    expect(seq[999]).toBe(1000);
    expect(await count('catalog_order')).toBe(before + 1000);
  });

  it('keeps a counter per resolved prefix and gives numbers back on rollback', async () => {
    const a = await t.req('POST', '/api/catalog/order', order({ order_date: '2032-03-01' }));
    const refused = await t.req('POST', '/api/catalog/order', order({ order_date: '2032-03-01', customer_name: 'REFUSE' }));
    expect(refused.status).toBe(422);
    const b = await t.req('POST', '/api/catalog/order', order({ order_date: '2032-03-01' }));
    expect([a.body.number, b.body.number]).toEqual(['ORD-2032-00001', 'ORD-2032-00002']);
  });
});

describe('document lifecycle', () => {
  it('a submitted document is immutable except editable-after-submit fields; drafts are editable', async () => {
    const o = (await t.req('POST', '/api/catalog/order', order())).body;
    expect(o.docstatus).toBe('draft');
    expect((await t.req('PATCH', `/api/catalog/order/${o.id}`, { customer_name: 'Draft edit' })).status).toBe(200);
    const s = await t.req('POST', `/api/catalog/order/${o.id}/submit`);
    expect(s.status).toBe(200);
    expect(s.body.docstatus).toBe('submitted');
    const edit = await t.req('PATCH', `/api/catalog/order/${o.id}`, { customer_name: 'Changed', lines: [{ product, qty: '99', rate: '1' }] });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('DOCUMENT_NOT_EDITABLE');
    expect(edit.body.error.message).toMatch(/customer_name, lines cannot be changed \(only notes\)/);
    const after = (await t.req('GET', `/api/catalog/order/${o.id}`)).body;
    expect(after.customer_name).toBe('Draft edit');
    expect(after.lines.map((l: any) => l.qty)).toEqual(['2.000']);
    const note = await t.req('PATCH', `/api/catalog/order/${o.id}`, { notes: 'allowed after submit' });
    expect(note.status).toBe(200);
    expect(note.body.notes).toBe('allowed after submit');
    // sending the whole record back unchanged (as a form does) is fine
    const same = await t.req('PUT', `/api/catalog/order/${o.id}`, { ...note.body, notes: 'again' });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect((await t.req('DELETE', `/api/catalog/order/${o.id}`)).status).toBe(409);
    expect((await t.req('POST', `/api/catalog/order/${o.id}/submit`)).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('cancel is refused while a submitted document depends on it, naming it', async () => {
    const o = (await t.req('POST', '/api/catalog/order', order())).body;
    await t.req('POST', `/api/catalog/order/${o.id}/submit`);
    const sh = (await t.req('POST', '/api/catalog_ext/shipment', { order: o.id, carrier: 'DHL' })).body;
    // a draft dependent does not block
    expect((await t.req('POST', `/api/catalog_ext/shipment/${sh.id}/submit`)).status).toBe(200);
    const c = await t.req('POST', `/api/catalog/order/${o.id}/cancel`);
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('HAS_SUBMITTED_DEPENDENTS');
    expect(c.body.error.message).toContain(`submitted Shipment ${sh.number} depends on it`);
    expect((await t.req('GET', `/api/catalog/order/${o.id}`)).body.docstatus).toBe('submitted');
    expect((await t.req('POST', `/api/catalog_ext/shipment/${sh.id}/cancel`)).status).toBe(200);
    const c2 = await t.req('POST', `/api/catalog/order/${o.id}/cancel`);
    expect(c2.status).toBe(200);
    expect(c2.body.docstatus).toBe('cancelled');
  });

  it('amend produces X-1 linked to X, then X-2', async () => {
    const o = (await t.req('POST', '/api/catalog/order', order())).body;
    await t.req('POST', `/api/catalog/order/${o.id}/submit`);
    expect((await t.req('POST', `/api/catalog/order/${o.id}/amend`)).body.error.code).toBe('INVALID_TRANSITION');
    await t.req('POST', `/api/catalog/order/${o.id}/cancel`);
    const a1 = await t.req('POST', `/api/catalog/order/${o.id}/amend`);
    expect(a1.status).toBe(201);
    expect(a1.body).toMatchObject({ number: `${o.number}-1`, amended_from: o.id, docstatus: 'draft', customer_name: 'Acme', total: '7.00' });
    expect(a1.body.lines).toHaveLength(1);
    expect((await t.req('POST', `/api/catalog/order/${o.id}/amend`)).body.error.code).toBe('ALREADY_AMENDED');
    await t.req('POST', `/api/catalog/order/${a1.body.id}/submit`);
    await t.req('POST', `/api/catalog/order/${a1.body.id}/cancel`);
    const a2 = await t.req('POST', `/api/catalog/order/${a1.body.id}/amend`);
    expect(a2.body).toMatchObject({ number: `${o.number}-2`, amended_from: a1.body.id });
  });
});

describe('hooks run in the transaction', () => {
  it('a hook that throws leaves no rows behind and returns a clear 4xx', async () => {
    const orders = await count('catalog_order');
    const lines = await count('catalog_order_line');
    const createdLogs = async () => Number((await t.db.query(`select count(*)::int as n from catalog_ext_event_log where event = 'order.created'`)).rows[0]!.n);
    const logs = await createdLogs();
    const before = await t.req('POST', '/api/catalog/order', order({ customer_name: 'REFUSE' }));
    expect(before.status).toBe(422);
    expect(before.body.error).toMatchObject({ code: 'HOOK_REFUSED', message: 'customer REFUSE is blocked' });
    const after = await t.req('POST', '/api/catalog/order', order({ customer_name: 'REFUSE-AFTER' }));
    expect(after.status).toBe(422);
    expect(after.body.error.code).toBe('CUSTOMER_BLOCKED');
    expect([await count('catalog_order'), await count('catalog_order_line'), await createdLogs()]).toEqual([orders, lines, logs]);
    const ok = await t.req('POST', '/api/catalog/order', order());
    expect(ok.status).toBe(201);
    expect(await createdLogs()).toBe(logs + 1);
  });

  it('a before-submit hook can refuse the transition', async () => {
    const o = (await t.req('POST', '/api/catalog/order', order({ notes: 'no submit' }))).body;
    const s = await t.req('POST', `/api/catalog/order/${o.id}/submit`);
    expect(s.status).toBe(409);
    expect(s.body.error.code).toBe('SUBMIT_BLOCKED');
    expect((await t.req('GET', `/api/catalog/order/${o.id}`)).body.docstatus).toBe('draft');
  });
});

describe('document actions', () => {
  it('validates the action input like any body, and runs it in one transaction', async () => {
    const o = (await t.req('POST', '/api/catalog/order', order())).body;
    const bad = await t.req('POST', `/api/catalog/order/${o.id}/actions/duplicate`, { customer_name: '', colour: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['colour', 'customer_name']);
    const missing = await t.req('POST', `/api/catalog/order/${o.id}/actions/duplicate`, {});
    expect(missing.body.error.details[0]).toMatchObject({ path: 'customer_name', message: 'is required' });
    const ok = await t.req('POST', `/api/catalog/order/${o.id}/actions/duplicate`, { customer_name: 'Copy Ltd' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ customer_name: 'Copy Ltd', total: o.total, docstatus: 'draft' });
    expect((await t.req('POST', `/api/catalog/order/${o.id}/actions/nope`, {})).status).toBe(404);
    const meta = (await t.req('GET', '/api/meta')).body.entities.find((e: any) => e.key === 'catalog.order');
    expect(meta.actions).toEqual([expect.objectContaining({ name: 'duplicate', label: 'Duplicate', allowed: true })]);
    const api = (await t.req('GET', '/api/openapi.json')).body;
    expect(api.paths['/api/catalog/order/{id}/actions/duplicate'].post.requestBody.content['application/json'].schema.required).toEqual(['customer_name']);
  });
});

describe('after-commit events go through the job queue', () => {
  it('runs the subscriber after the submit commits', async () => {
    const o = (await t.req('POST', '/api/catalog/order', order())).body;
    await t.req('POST', `/api/catalog/order/${o.id}/submit`);
    const deadline = Date.now() + 20_000;
    let rows: any[] = [];
    while (Date.now() < deadline) {
      rows = (await t.db.query(`select * from catalog_ext_event_log where event = 'order.submitted (job)' and record = $1`, [o.id])).rows;
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows).toHaveLength(1);
    const jobs = await t.db.query(`select state from pgboss.job where name = 'tessera-catalog_order_submitted' and data->>'id' = $1`, [String(o.id)]);
    expect(jobs.rows.map((r) => r.state)).toEqual(['completed']);
  });
});
