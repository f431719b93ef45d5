/**
 * The data provider against a real Tessera (catalog fixture, demo data) over HTTP, as the
 * browser uses it: list queries, references, writes with line items, server errors mapped
 * to form fields, documents, actions, CSV export, history, and the auth provider's session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import type { Meta } from '../meta/types.js';
import { catalogMeta } from '../test-support/catalogMeta.js';
import { createDataProvider, isStale, type TesseraDataProvider } from './dataProvider.js';
import { createAuthProvider, canAccessIn } from './authProvider.js';
import { HttpClient } from './http.js';
import { metaStore } from './metaStore.js';

let t: TestApp;
let base: string;
let meta: Meta;
let dp: TesseraDataProvider;

/** fetch with the test administrator's session cookie, like the browser after login. */
let cookie = '';
const cookieFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
  const set = res.headers.get('set-cookie');
  if (set) cookie = set.split(';')[0]!;
  return res;
};

beforeAll(async () => {
  t = await startApp({ plugins: ['catalog', 'catalog_ext'] }, { demo: true });
  await t.createUser('ui-admin', [], { isAdmin: true, password: 'ui-admin-password' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const http = new HttpClient({ apiUrl: base, fetch: cookieFetch });
  const auth = createAuthProvider(http);
  await auth.login({ username: 'ui-admin', password: 'ui-admin-password' });
  meta = metaStore.get()!;
  dp = createDataProvider(() => meta, { apiUrl: base, fetch: cookieFetch });
});

afterAll(async () => {
  await t?.close();
});

describe('metadata', () => {
  it('still has the shape of the fixture copy the mapping tests use', () => {
    const fixture = catalogMeta();
    for (const key of ['catalog.product', 'catalog.order', 'catalog.category']) {
      const live = meta.entities.find((e) => e.key === key)!;
      const copy = fixture.entities.find((e) => e.key === key)!;
      expect(live.fields.map((f) => [f.name, f.kind, f.required, f.readOnly, f.computed])).toEqual(
        copy.fields.map((f) => [f.name, f.kind, f.required, f.readOnly, f.computed]),
      );
      expect([live.listColumns, live.filters, live.searchFields, live.titleField]).toEqual([
        copy.listColumns,
        copy.filters,
        copy.searchFields,
        copy.titleField,
      ]);
    }
  });

  it('answers canAccess from the permissions in the metadata', () => {
    expect(canAccessIn(meta, 'catalog.product', 'list')).toBe(true);
    expect(canAccessIn(meta, 'catalog.product', 'edit')).toBe(true);
    expect(canAccessIn(meta, 'catalog.order', 'submit')).toBe(true);
    expect(canAccessIn(meta, 'catalog.order', 'duplicate')).toBe(true);
    expect(canAccessIn(meta, 'catalog.nope', 'list')).toBe(false);
  });
});

describe('reads', () => {
  it('lists with filter, search, sort and page', async () => {
    const page = await dp.getList('catalog.product', {
      pagination: { page: 2, perPage: 5 },
      sort: { field: 'price', order: 'ASC' },
      filter: { status: 'active', price: { gte: '3', lte: '' } },
    });
    expect(page.total).toBe(22);
    expect(page.data.map((p) => p.code)).toEqual(['P-009', 'P-011', 'P-012', 'P-013', 'P-014']);
    const search = await dp.getList('catalog.product', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'id', order: 'ASC' },
      filter: { q: 'wrench 1' },
    });
    expect(search.data.map((p) => p.name)).toEqual(['Wrench 10', 'Wrench 12', 'Wrench 14', 'Wrench 16', 'Wrench 18']);
  });

  it("pages on with the server's cursor: rows added at the top between pages do not shift the next page", async () => {
    const args = (page: number) => ({ pagination: { page, perPage: 4 }, sort: { field: 'id', order: 'DESC' as const }, filter: { status: 'active' } });
    const p1 = await dp.getList('catalog.product', args(1));
    const expected = (await dp.getList('catalog.product', { ...args(1), pagination: { page: 1, perPage: 8 } })).data.slice(4).map((p) => p.id);
    await t.req('POST', '/api/catalog/product', { code: 'CUR-NEW', name: 'Added meanwhile', price: '1.00', status: 'active' });
    const p2 = await dp.getList('catalog.product', args(2));
    // By offset, page 2 would start with the last row of page 1 again.
    expect(p2.data.map((p) => p.id)).toEqual(expected);
    expect(p1.data.map((p) => p.id)).not.toContain(p2.data[0]!.id);
    expect(p2.meta).toEqual({ totalIsEstimate: false });
    expect(await dp.countExactly('catalog.product', { filter: { status: 'active' } })).toBe(p2.total);
    await t.req('DELETE', `/api/catalog/product/${(await t.req('GET', '/api/catalog/product?filter={"code":"CUR-NEW"}')).body.data[0].id}`);
  });

  it('gets many by id for reference fields and the records that refer to one', async () => {
    const many = await dp.getMany('catalog.category', { ids: [2, 1, 2] });
    expect(many.data.map((c) => c.name).sort()).toEqual(['Parts', 'Tools']);
    const related = await dp.getManyReference('catalog.product', {
      target: 'category',
      id: 1,
      pagination: { page: 1, perPage: 100 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });
    expect(related.total).toBe(15);
    expect(related.data.every((p) => p.category === 1)).toBe(true);
  });

  it('exports CSV through the server with the list filter', async () => {
    const { blob, filename } = await dp.exportCsv('catalog.product', { filter: { status: 'discontinued' }, sort: { field: 'code', order: 'ASC' } });
    const lines = (await blob.text()).trim().split('\r\n');
    expect(filename).toBe('product.csv');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toContain('P-005');
  });
});

describe('writes', () => {
  it('creates a document with line items from form values, react-admin keys stripped', async () => {
    const { data } = await dp.create('catalog.order', {
      data: {
        customer_name: 'Provider Test',
        order_date: '2026-11-03',
        notes: '',
        _expanded: {},
        lines: [
          { product: 1, qty: '2', rate: '0.10', amount: '9.99' },
          { product: 2, qty: '1.5', rate: '3.33' },
        ],
      },
    });
    expect(data).toMatchObject({ customer_name: 'Provider Test', total: '5.20', docstatus: 'draft', notes: null });
    const changed = { ...data, lines: [{ ...data.lines[0], qty: '3' }] };
    const { data: updated } = await dp.update('catalog.order', { id: data.id, data: changed, previousData: data });
    expect(updated.lines).toHaveLength(1);
    expect(updated.total).toBe('0.30');
    expect(updated.lines[0].id).toBe(data.lines[0].id);
  });

  it('turns validation errors into field errors, line rows included', async () => {
    const err = await dp
      .create('catalog.order', {
        data: {
          customer_name: 'X',
          order_date: '2026-11-03',
          lines: [
            { product: 1, qty: '1', rate: '1' },
            { product: 1, qty: '-1', rate: '1' },
          ],
        },
      })
      .catch((e) => e);
    expect(err.status).toBe(422);
    expect(Object.keys(err.body.errors)).toEqual(['lines.1.qty']);
    const dup = await dp.create('catalog.product', { data: { code: 'P-001', name: 'Dup', price: '1' } }).catch((e) => e);
    expect(dup.status).toBe(409);
    // The server's catalogue key and parameters (rendered in the UI's language), not a matched English phrase.
    expect(dup.body.errors.code).toContain('tessera.msg.core.unique');
  });

  it('submits a draft and refuses to delete it once submitted', async () => {
    const { data } = await dp.create('catalog.order', {
      data: { customer_name: 'Lifecycle', order_date: '2026-11-04', lines: [{ product: 3, qty: '1', rate: '1' }] },
    });
    const { data: submitted } = await dp.transition('catalog.order', data.id, 'submit');
    expect(submitted.docstatus).toBe('submitted');
    const refused = await dp.delete('catalog.order', { id: data.id, previousData: submitted }).catch((e) => e);
    expect(refused.status).toBe(409);
    const { data: notes } = await dp.update('catalog.order', { id: data.id, data: { ...submitted, notes: 'after submit' }, previousData: submitted });
    expect(notes.notes).toBe('after submit');
  });

  it('sends the version it loaded (If-Match): a stale update, delete or submit is refused with 412 and writes nothing', async () => {
    const { data: loaded } = await dp.create('catalog.order', {
      data: { customer_name: 'Versions', order_date: '2026-11-05', lines: [{ product: 3, qty: '1', rate: '1' }] },
    });
    const { data: first } = await dp.update('catalog.order', { id: loaded.id, data: { ...loaded, notes: 'first' }, previousData: loaded });
    expect(first.version).toBe(loaded.version + 1);
    for (const attempt of [
      () => dp.update('catalog.order', { id: loaded.id, data: { ...loaded, notes: 'second' }, previousData: loaded }),
      () => dp.delete('catalog.order', { id: loaded.id, previousData: loaded }),
      () => dp.transition('catalog.order', loaded.id, 'submit', loaded.version),
    ]) {
      const stale = await attempt().catch((e) => e);
      expect(isStale(stale)).toBe(true);
      expect(stale.status).toBe(412);
    }
    const { data: stored } = await dp.getOne('catalog.order', { id: loaded.id });
    expect([stored.notes, stored.docstatus, stored.version]).toEqual(['first', 'draft', first.version]);
    expect((await dp.transition('catalog.order', loaded.id, 'submit', first.version)).data.docstatus).toBe('submitted');
  });

  it('runs an action with its input and maps a missing input to its field', async () => {
    const missing = await dp.runAction('catalog.order', 1, 'duplicate', {}).catch((e) => e);
    expect(missing.status).toBe(422);
    const { data } = await dp.runAction('catalog.order', 1, 'duplicate', { customer_name: 'Copy' });
    expect(data).toMatchObject({ customer_name: 'Copy', total: '29.50' });
  });

  it('deletes many', async () => {
    const a = await dp.create('catalog.category', { data: { name: 'Temp A' } });
    const b = await dp.create('catalog.category', { data: { name: 'Temp B' } });
    expect((await dp.deleteMany('catalog.category', { ids: [a.data.id, b.data.id] })).data).toEqual([a.data.id, b.data.id]);
  });

  it('reads the audit trail of a record', async () => {
    const history = await dp.history('catalog.order', 1);
    expect(Array.isArray(history)).toBe(true);
  });
});

describe('auth provider', () => {
  it('sends 401 to the login page and knows a logged-out session', async () => {
    const anonymous = createAuthProvider(new HttpClient({ apiUrl: base }));
    await expect(anonymous.checkAuth({})).rejects.toThrow();
    expect(anonymous.mode()).toBe('session');
    await expect(anonymous.checkError({ status: 401 })).rejects.toThrow();
    await expect(anonymous.checkError({ status: 403 })).resolves.toBeUndefined();
    await expect(anonymous.login({ username: 'ui-admin', password: 'wrong' })).rejects.toMatchObject({ status: 401 });
  });
});
