/**
 * What a document write costs in SQL statements (issue #19: a 10-line create + submit sent 25
 * statements, one INSERT per line). Every statement the server sends is counted on
 * pg.Client.prototype.query (the pool and transactions both go through it); the job queue's
 * own polling is left out. The single-statement paths must keep every behaviour of the full
 * pipeline: the same stored document and response, the same audit change set as diffDocs,
 * gap-free numbering, the line named in an error, and the full pipeline's answers when the
 * statement changes nothing.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDocs } from '../../core/src/auth/audit.js';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;
let product: number;
let sent: string[] | undefined;

beforeAll(async () => {
  t = await startApp({ plugins: ['catalog'] });
  const proto = pg.Client.prototype as any;
  const original = proto.query;
  proto.query = function (this: unknown, ...args: any[]) {
    const text = typeof args[0] === 'string' ? args[0] : String(args[0]?.text ?? '');
    // Left out: the job queue's polling, and the API token's last-use touch (at most once a minute).
    if (sent && !/pgboss|tessera_api_token/.test(text)) sent.push(text);
    return original.apply(this, args);
  };
  const p = await t.req('POST', '/api/catalog/product', { code: 'WS-1', name: 'Bolt', price: '1.00', status: 'active' });
  expect(p.status).toBe(201);
  product = p.body.id;
});
afterAll(async () => t?.close());

async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  sent = [];
  try {
    const result = await fn();
    return { result, sql: sent };
  } finally {
    sent = undefined;
  }
}

const tenLines = () => Array.from({ length: 10 }, (_, i) => ({ product, qty: `${i + 1}.125`, rate: `${i}.50` }));
const auditOf = async (id: number, action: string) =>
  (await t.db.query(`select changes from tessera_audit where entity = 'catalog.order' and record_id = $1 and action = $2`, [id, action])).rows;

describe('a document with 10 lines', () => {
  it('is created by one statement and submitted by one (it was 14 + 11), with the full pipeline’s document and audit', async () => {
    const create = await counted(() => t.req('POST', '/api/catalog/order', { customer_name: 'Acme', order_date: '2026-11-02', lines: tenLines() }));
    expect(create.result.status).toBe(201);
    expect(create.sql).toHaveLength(1);
    const doc = create.result.body;
    expect(doc.lines).toHaveLength(10);
    expect(doc.lines.map((l: any) => l.idx)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(doc.lines[3]).toMatchObject({ product, qty: '4.125', rate: '3.50', amount: '14.44' });
    // total = sum of the rounded line amounts, exact
    expect(doc.total).toBe('363.75');
    expect(doc.number).toMatch(/^ORD-\d{4}-\d{5}$/);
    // What it answered is what is stored (a read sees the same document).
    const read = await t.req('GET', `/api/catalog/order/${doc.id}`);
    expect(read.body).toEqual(doc);
    // The audit row is the change set the full pipeline computes (diffDocs), lines included.
    const e = t.service.entity('catalog.order');
    const [created] = await auditOf(doc.id, 'create');
    expect(created.changes).toEqual(JSON.parse(JSON.stringify(diffDocs(e, undefined, read.body))));
    expect(created.changes.lines.added).toHaveLength(10);
    expect(created.changes.docstatus).toEqual({ old: null, new: 'draft' });

    const submit = await counted(() => t.req('POST', `/api/catalog/order/${doc.id}/submit`));
    expect(submit.result.status).toBe(200);
    expect(submit.sql).toHaveLength(1);
    expect(submit.result.body).toMatchObject({ id: doc.id, docstatus: 'submitted', version: doc.version + 1, lines: doc.lines });
    expect((await t.req('GET', `/api/catalog/order/${doc.id}`)).body).toEqual(submit.result.body);
    expect((await auditOf(doc.id, 'submit')).map((r) => r.changes)).toEqual([{ docstatus: { old: 'draft', new: 'submitted' } }]);
  });

  it('numbers stay gap-free: a refused create takes no number, and names the line', async () => {
    const a = await t.req('POST', '/api/catalog/order', { customer_name: 'A', order_date: '2026-11-03', lines: tenLines() });
    const lines = tenLines();
    lines[6]!.product = 987654;
    const bad = await t.req('POST', '/api/catalog/order', { customer_name: 'B', order_date: '2026-11-03', lines });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('lines/6/product');
    expect((await t.db.query(`select count(*)::int as n from catalog_order where customer_name = 'B'`)).rows[0].n).toBe(0);
    const b = await t.req('POST', '/api/catalog/order', { customer_name: 'C', order_date: '2026-11-03', lines: tenLines() });
    const n = (x: string) => Number(x.split('-').pop());
    expect(n(b.body.number)).toBe(n(a.body.number) + 1);
  });

  it('a submit that changes nothing answers as the full pipeline does (not a draft, stale version, missing)', async () => {
    const doc = (await t.req('POST', '/api/catalog/order', { customer_name: 'D', order_date: '2026-11-04', lines: tenLines() })).body;
    const stale = await t.req('POST', `/api/catalog/order/${doc.id}/submit`, undefined, { 'if-match': `"${doc.version + 5}"` });
    expect(stale.status).toBe(412);
    expect((await t.req('POST', `/api/catalog/order/${doc.id}/submit`, undefined, { 'if-match': `"${doc.version}"` })).status).toBe(200);
    const again = await t.req('POST', `/api/catalog/order/${doc.id}/submit`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
    expect((await t.req('POST', '/api/catalog/order/99999999/submit')).status).toBe(404);
    expect(await auditOf(doc.id, 'submit')).toHaveLength(1);
  });
});
