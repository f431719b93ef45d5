import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, startApp, type Req, type TestApp } from '../helpers.js';

let t: TestApp;
let viewer: { id: number; token: string; req: Req };
let clerk: { id: number; token: string; req: Req };
let clerk2: { id: number; token: string; req: Req };
let nobody: { id: number; token: string; req: Req };
let cat: number;
let adminProduct: any;

beforeAll(async () => {
  t = await startApp({
    plugins: ['catalog', 'catalog_ext'],
    roles: {
      'test.viewer': { label: 'Viewer', permissions: { 'catalog.*': ['read'] } },
      'test.narrow': { label: 'Narrowed', permissions: { 'catalog.*': ['read', 'create'] }, rows: { 'catalog.product': 'own' } },
      'test.clerk': {
        label: 'Clerk',
        permissions: { 'catalog.product': ['read', 'create', 'update', 'export'], 'catalog.category': ['read'], 'catalog.order': ['read', 'create', 'submit'] },
        rows: { 'catalog.product': 'own', 'catalog.order': 'own' },
        fields: { 'catalog.product': { cost: 'hidden', stock_qty: 'read' } },
      },
    },
  });
  viewer = await t.createUser('viewer', ['test.viewer']);
  clerk = await t.createUser('clerk', ['test.clerk']);
  clerk2 = await t.createUser('clerk2', ['test.clerk']);
  nobody = await t.createUser('nobody', []);
  cat = (await t.req('POST', '/api/catalog/category', { name: 'Secret tools' })).body.id;
  adminProduct = (await t.req('POST', '/api/catalog/product', { code: 'ADM-1', name: 'Admin product', price: '10.00', cost: '7.123456', category: cat })).body;
});
afterAll(async () => t?.close());

describe('authentication', () => {
  it('answers 401 without credentials on every API route and the docs, 200 on health', async () => {
    for (const path of [
      '/api/meta',
      '/api/catalog/product',
      `/api/catalog/product/${adminProduct.id}`,
      '/api/openapi.json',
      '/docs/',
      '/api/auth/me',
      `/api/catalog/product/${adminProduct.id}/history`,
    ]) {
      const r = await t.req('GET', path, undefined, { authorization: '' });
      expect(r.status, path).toBe(401);
      expect(r.body.error?.code ?? JSON.parse(r.body).error.code, path).toBe('UNAUTHENTICATED');
    }
    expect((await t.req('POST', '/api/catalog/product', { code: 'X', name: 'x', price: '1' }, { authorization: '' })).status).toBe(401);
    expect((await t.req('GET', '/api/health', undefined, { authorization: '' })).status).toBe(200);
    expect((await t.req('GET', '/api/catalog/product', undefined, { authorization: 'Bearer tsr_1_notarealtokenatallxxxxxxxxxx' })).status).toBe(401);
  });

  it('logs in with a session cookie (HttpOnly, SameSite, Secure on https) that logout revokes', async () => {
    const u = await t.createUser('cookie.user', ['test.viewer'], { password: 'correct horse battery' });
    const bad = await t.req('POST', '/api/auth/login', { username: 'cookie.user', password: 'wrong password' }, { authorization: '' });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'wrong username or password' });
    const unknown = await t.req('POST', '/api/auth/login', { username: 'no.such.user', password: 'whatever1' }, { authorization: '' });
    expect(unknown.body.error.message).toBe('wrong username or password');
    const ok = await t.req('POST', '/api/auth/login', { username: 'Cookie.User', password: 'correct horse battery' }, { authorization: '' });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ id: u.id, username: 'cookie.user', roles: ['test.viewer'], isAdmin: false });
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/^tessera_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    const session = cookie.split(';')[0]!;
    const me = await t.req('GET', '/api/auth/me', undefined, { authorization: '', cookie: session });
    expect(me.body.user.username).toBe('cookie.user');
    // X-Forwarded-Proto counts only from a trusted proxy (TESSERA_TRUST_PROXY; see hardening-web.test.ts).
    const forged = await t.req(
      'POST',
      '/api/auth/login',
      { username: 'cookie.user', password: 'correct horse battery' },
      { authorization: '', 'x-forwarded-proto': 'https' },
    );
    expect(String(forged.headers['set-cookie'])).not.toContain('; Secure');
    await t.req('POST', '/api/auth/logout', undefined, { authorization: '', cookie: session });
    expect((await t.req('GET', '/api/auth/me', undefined, { authorization: '', cookie: session })).status).toBe(401);
    // sessions expire
    const again = await t.req('POST', '/api/auth/login', { username: 'cookie.user', password: 'correct horse battery' }, { authorization: '' });
    const s2 = String(again.headers['set-cookie']).split(';')[0]!;
    await t.db.query(`update tessera_session set expires_at = now() - interval '1 second' where user_id = $1`, [u.id]);
    const expired = await t.req('GET', '/api/auth/me', undefined, { authorization: '', cookie: s2 });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
  });

  it('stores passwords as argon2 hashes, apart from the user row', async () => {
    const u = await t.createUser('hash.check', [], { password: 'plain text never stored' });
    const row = (await t.db.query('select hash from tessera_password where user_id = $1', [u.id])).rows[0];
    expect(row.hash).toMatch(/^\$argon2id\$/);
    const user = await t.req('GET', `/api/auth/user/${u.id}`);
    expect(JSON.stringify(user.body)).not.toContain('argon2');
    expect(user.body.password).toBeUndefined();
  });

  it('API tokens are shown once, stored hashed, and can be revoked', async () => {
    const created = await viewer.req('POST', '/api/auth/tokens', { name: 'integration', expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^tsr_\d+_/);
    const stored = (await t.db.query('select hash from tessera_api_token where id = $1', [created.body.id])).rows[0];
    expect(stored.hash).not.toContain(created.body.token.split('_').slice(2).join('_'));
    const list = await viewer.req('GET', '/api/auth/tokens');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect((await t.as(created.body.token)('GET', '/api/auth/me')).body.user.username).toBe('viewer');
    expect((await viewer.req('DELETE', `/api/auth/tokens/${created.body.id}`)).status).toBe(200);
    expect((await t.as(created.body.token)('GET', '/api/auth/me')).status).toBe(401);
  });

  it('slows brute force: after repeated failures even the right password waits', async () => {
    await t.createUser('target', [], { password: 'the right password' });
    for (let i = 0; i < 5; i++)
      expect((await t.req('POST', '/api/auth/login', { username: 'target', password: `guess ${i}` }, { authorization: '' })).status).toBe(401);
    const blocked = await t.req('POST', '/api/auth/login', { username: 'target', password: 'the right password' }, { authorization: '' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.body.error.message).toMatch(/try again in \d+ seconds/);
  });

  it('refuses bad login bodies with 422, not 500', async () => {
    const r = await t.req('POST', '/api/auth/login', { username: 'x' }, { authorization: '' });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].path).toBe('password');
  });
});

describe('permission matrix: nothing leaks', () => {
  type Who = 'admin' | 'viewer' | 'clerk' | 'nobody';
  const entities = [
    'catalog.category',
    'catalog.product',
    'catalog.order',
    'catalog_ext.review',
    'catalog_ext.shipment',
    'catalog_ext.event_log',
    'auth.user',
    'auth.role',
  ];
  const allowed: Record<Who, (entity: string, action: string) => boolean> = {
    admin: () => true,
    viewer: (e, a) => e.startsWith('catalog.') && a === 'read',
    clerk: (e, a) =>
      (e === 'catalog.product' && ['read', 'create', 'update', 'export'].includes(a)) ||
      (e === 'catalog.category' && a === 'read') ||
      (e === 'catalog.order' && ['read', 'create'].includes(a)),
    nobody: () => false,
  };
  const reqOf = (who: Who): Req => (who === 'admin' ? t.req : who === 'viewer' ? viewer.req : who === 'clerk' ? clerk.req : nobody.req);
  const secret = () => `secret${Math.floor(Math.random() * 1e12)}`;
  const samples: Record<string, () => Promise<Record<string, unknown>>> = {
    'catalog.category': async () => ({ name: secret() }),
    'catalog.product': async () => ({ code: `P-${Math.floor(Math.random() * 1e9)}`, name: secret(), price: '1.00', category: cat }),
    'catalog.order': async () => ({ customer_name: secret(), order_date: '2026-01-01', lines: [{ product: adminProduct.id, qty: '1', rate: '1' }] }),
    'catalog_ext.review': async () => ({ product: adminProduct.id, rating: 4, body: secret() }),
    'catalog_ext.shipment': async () => ({ order: (await t.req('POST', '/api/catalog/order', await samples['catalog.order']!())).body.id }),
    'catalog_ext.event_log': async () => ({ event: secret() }),
    'auth.user': async () => ({ username: secret() }),
    'auth.role': async () => ({ name: secret(), label: 'R', permissions: [] }),
  };
  const path = (e: string) => `/api/${e.replace('.', '/')}`;

  for (const who of ['admin', 'viewer', 'clerk', 'nobody'] as Who[]) {
    for (const e of entities) {
      it(`${who} on ${e}`, async () => {
        const req = reqOf(who);
        const fixture = (await t.req('POST', path(e), await samples[e]!())).body;
        expect(fixture.id, JSON.stringify(fixture)).toBeTruthy();
        const hidden = Object.values(fixture).filter((v): v is string => typeof v === 'string' && v.startsWith('secret'));
        const check = (r: { status: number; body: any }, action: string, okStatus: number) => {
          if (allowed[who](e, action)) return;
          expect(r.status, `${who} ${action} ${e}: ${JSON.stringify(r.body)}`).toBe(403);
          for (const h of hidden) expect(JSON.stringify(r.body)).not.toContain(h);
          void okStatus;
        };
        const list = await req('GET', path(e));
        check(list, 'read', 200);
        if (allowed[who](e, 'read')) {
          expect(list.status).toBe(200);
          // row rules: the clerk sees only rows the clerk created (the fixture is the admin's)
          const rowScoped = who === 'clerk' && (e === 'catalog.product' || e === 'catalog.order');
          expect(list.body.data.some((x: any) => x.id === fixture.id)).toBe(!rowScoped);
          const get = await req('GET', `${path(e)}/${fixture.id}`);
          expect(get.status).toBe(rowScoped ? 404 : 200);
          const count = await req('GET', `${path(e)}?limit=1`);
          const total = Number(
            (await t.db.query(`select count(*)::int as n from ${e.replace('.', '_')}${rowScoped ? ' where created_by = $1' : ''}`, rowScoped ? [clerk.id] : []))
              .rows[0]!.n,
          );
          expect(count.body.total).toBe(total);
        } else {
          check(await req('GET', `${path(e)}/${fixture.id}`), 'read', 200);
        }
        const created = await req('POST', path(e), await samples[e]!());
        check(created, 'create', 201);
        if (allowed[who](e, 'create')) expect(created.status, JSON.stringify(created.body)).toBe(201);
        const updated = await req('PATCH', `${path(e)}/${fixture.id}`, {});
        if (allowed[who](e, 'update')) expect(updated.status).toBe(who === 'clerk' && ['catalog.product', 'catalog.order'].includes(e) ? 404 : 200);
        else expect([403, 404]).toContain(updated.status);
        const del = await req('DELETE', `${path(e)}/${fixture.id}`);
        if (!allowed[who](e, 'delete')) expect(del.status).toBe(403);
        const exp = await req('GET', `${path(e)}?format=csv`);
        check(exp, 'export', 200);
        if (allowed[who](e, 'export')) expect(exp.status).toBe(200);
        const meta = (await req('GET', '/api/meta')).body;
        expect(meta.entities.some((x: any) => x.key === e)).toBe(allowed[who](e, 'read'));
      });
    }
  }

  it('row rules apply to expansion and to writes', async () => {
    const own = await clerk.req('POST', '/api/catalog/product', { code: 'CLK-1', name: 'Clerk product', price: '2.00', category: cat });
    expect(own.status).toBe(201);
    expect(own.body.created_by).toBe(clerk.id);
    // another clerk cannot see or change it
    expect((await clerk2.req('GET', `/api/catalog/product/${own.body.id}`)).status).toBe(404);
    expect((await clerk2.req('PATCH', `/api/catalog/product/${own.body.id}`, { name: 'hijack' })).status).toBe(404);
    // an order line's product expansion does not reveal the admin's product to the clerk
    const o = await clerk.req('POST', '/api/catalog/order', {
      customer_name: 'x',
      order_date: '2026-01-01',
      lines: [{ product: adminProduct.id, qty: '1', rate: '1' }],
    });
    expect(o.status).toBe(201);
    const expanded = await clerk.req('GET', `/api/catalog/order/${o.body.id}?expand=lines.product`);
    expect(expanded.body.lines[0]._expanded.product).toBeNull();
    const mine = await clerk.req('GET', `/api/catalog/order/${o.body.id}?expand=lines`);
    expect(mine.status).toBe(200);
  });
});

describe('the most specific permission line wins within a role', () => {
  it('a row rule on one entity narrows a plugin-wide grant', async () => {
    const narrow = await t.createUser('narrow', ['test.narrow']);
    const cats = await narrow.req('GET', '/api/catalog/category');
    expect(cats.body.total).toBe(Number((await t.db.query('select count(*)::int as n from catalog_category')).rows[0]!.n));
    expect((await narrow.req('GET', '/api/catalog/product')).body.total).toBe(0);
    const mine = await narrow.req('POST', '/api/catalog/product', { code: 'NRW-1', name: 'narrow', price: '1' });
    expect(mine.status).toBe(201);
    const products = await narrow.req('GET', '/api/catalog/product');
    expect(products.body.data.map((p: any) => p.code)).toEqual(['NRW-1']);
    expect((await narrow.req('GET', `/api/catalog/product/${adminProduct.id}`)).status).toBe(404);
  });
});

describe('field rules', () => {
  it('hides a field from output, filters, sorting, export and history; read-only fields cannot be written', async () => {
    const p = (await clerk.req('POST', '/api/catalog/product', { code: 'FLD-1', name: 'Field test', price: '3.00' })).body;
    expect(p.cost).toBeUndefined();
    const list = await clerk.req('GET', '/api/catalog/product');
    expect(list.body.data.every((x: any) => !('cost' in x))).toBe(true);
    const byCost = await clerk.req('GET', `/api/catalog/product?filter=${filter({ cost: { gt: '7' } })}`);
    expect(byCost.status).toBe(400);
    expect(byCost.body.error.message).toMatch(/filter\/cost is not a field that can be filtered on/);
    expect((await clerk.req('GET', '/api/catalog/product?sort=cost')).status).toBe(400);
    expect((await clerk.req('GET', '/api/catalog/product?fields=cost')).status).toBe(400);
    const csv = await clerk.req('GET', '/api/catalog/product?format=csv');
    expect((csv.body as string).split('\r\n')[0]).not.toContain('cost');
    const writeCost = await clerk.req('PATCH', `/api/catalog/product/${p.id}`, { cost: '1.000000' });
    expect(writeCost.status).toBe(403);
    const writeQty = await clerk.req('PATCH', `/api/catalog/product/${p.id}`, { stock_qty: 5 });
    expect(writeQty.status).toBe(403);
    expect(writeQty.body.error.details[0]).toMatchObject({ path: 'stock_qty', message: 'is read-only for your role' });
    expect((await clerk.req('POST', '/api/catalog/product', { code: 'FLD-2', name: 'x', price: '1', stock_qty: 3 })).status).toBe(403);
    await t.req('PATCH', `/api/catalog/product/${p.id}`, { cost: '9.000001' });
    const hist = await clerk.req('GET', `/api/catalog/product/${p.id}/history`);
    expect(hist.status).toBe(200);
    expect(JSON.stringify(hist.body)).not.toContain('9.000001');
    const meta = (await clerk.req('GET', '/api/meta')).body.entities.find((e: any) => e.key === 'catalog.product');
    expect(meta.fields.some((f: any) => f.name === 'cost')).toBe(false);
    expect(meta.fields.find((f: any) => f.name === 'stock_qty').readOnly).toBe(true);
    expect(meta.fields.find((f: any) => f.name === 'price').readOnly).toBe(false);
    expect(meta.permissions).toMatchObject({ read: true, create: true, update: true, delete: false, export: true });
  });
});

describe('audit trail', () => {
  it('records exact field-level diffs, line items included, in the same transaction', async () => {
    const p2 = (await t.req('POST', '/api/catalog/product', { code: 'AUD-2', name: 'Second', price: '1.00' })).body;
    const o = (
      await t.req('POST', '/api/catalog/order', {
        customer_name: 'Audit Ltd',
        order_date: '2026-02-02',
        lines: [{ product: adminProduct.id, qty: '1', rate: '2.00' }],
      })
    ).body;
    const u = await t.req('PUT', `/api/catalog/order/${o.id}`, {
      ...o,
      customer_name: 'Audit Plc',
      lines: [
        { ...o.lines[0], qty: '3' },
        { product: p2.id, qty: '1', rate: '1.00' },
      ],
    });
    expect(u.status).toBe(200);
    await t.req('POST', `/api/catalog/order/${o.id}/submit`);
    const h = (await t.req('GET', `/api/catalog/order/${o.id}/history`)).body;
    expect(h.data.map((x: any) => x.action)).toEqual(['submit', 'update', 'create']);
    const [submit, update, create] = h.data;
    expect(create.changes.customer_name).toEqual({ old: null, new: 'Audit Ltd' });
    expect(create.changes.lines.added).toEqual([{ id: o.lines[0].id, product: adminProduct.id, qty: '1.000', rate: '2.00', amount: '2.00' }]);
    expect(update.changes).toEqual({
      customer_name: { old: 'Audit Ltd', new: 'Audit Plc' },
      total: { old: '2.00', new: '7.00' },
      lines: {
        added: [{ id: u.body.lines[1].id, product: p2.id, qty: '1.000', rate: '1.00', amount: '1.00' }],
        removed: [],
        changed: [{ id: o.lines[0].id, changes: { qty: { old: '1.000', new: '3.000' }, amount: { old: '2.00', new: '6.00' } } }],
      },
    });
    expect(submit.changes).toEqual({ docstatus: { old: 'draft', new: 'submitted' } });
    expect(update.username).toMatch(/^admin_/);
  });

  it('single-statement writes (no line items or hooks) record the same exact diffs', async () => {
    const c = await t.req('POST', '/api/catalog/product', {
      code: 'AUD-S',
      name: 'Simple',
      price: '1.5',
      last_sold_at: '2026-03-01T10:00:00+02:00',
      launch_date: '2026-03-01',
      attributes: { a: 1 },
    });
    expect(c.status).toBe(201);
    const u = await t.req('PATCH', `/api/catalog/product/${c.body.id}`, { price: '2.50', name: 'Simpler', active: false });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ price: '2.50', name: 'Simpler', active: false, code: 'AUD-S' });
    const h = (await t.req('GET', `/api/catalog/product/${c.body.id}/history`)).body.data;
    expect(h.map((x: any) => x.action)).toEqual(['update', 'create']);
    expect(h[1].changes).toEqual({
      code: { old: null, new: 'AUD-S' },
      name: { old: null, new: 'Simple' },
      price: { old: null, new: '1.50' },
      stock_qty: { old: null, new: 0 },
      active: { old: null, new: true },
      status: { old: null, new: 'draft' },
      launch_date: { old: null, new: '2026-03-01' },
      last_sold_at: { old: null, new: '2026-03-01T08:00:00.000Z' },
      attributes: { old: null, new: { a: 1 } },
    });
    expect(h[0].changes).toEqual({ name: { old: 'Simple', new: 'Simpler' }, price: { old: '1.50', new: '2.50' }, active: { old: true, new: false } });
    const missing = await t.req('PATCH', '/api/catalog/product/99999999', { name: 'x' });
    expect(missing.status).toBe(404);
    const dup = await t.req('POST', '/api/catalog/product', { code: 'AUD-S', name: 'dup', price: '1' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].path).toBe('code');
  });

  it('a failed write leaves no audit row, and audit rows cannot be changed', async () => {
    // Rows about orders, or naming the refused one: other tests' after-commit work may still be
    // writing audit rows of its own while this runs (seen under load), so the whole table is not the measure.
    const orderAudit = async () =>
      Number(
        (await t.db.query(`select count(*)::int as n from tessera_audit where entity = 'catalog.order' or changes::text like '%REFUSE-AFTER%'`)).rows[0]!.n,
      );
    const before = await orderAudit();
    const bad = await t.req('POST', '/api/catalog/order', {
      customer_name: 'REFUSE-AFTER',
      order_date: '2026-02-02',
      lines: [{ product: adminProduct.id, qty: '1', rate: '2.00' }],
    });
    expect(bad.status).toBe(422);
    expect(await orderAudit()).toBe(before);
    expect((await t.db.query(`select count(*)::int as n from catalog_order where customer_name = 'REFUSE-AFTER'`)).rows[0]!.n).toBe(0);
    await expect(t.db.query(`update tessera_audit set username = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`delete from tessera_audit`)).rejects.toThrow(/append-only/);
    expect((await t.req('GET', '/api/auth/audit?limit=5')).body.data).toHaveLength(5);
    expect((await viewer.req('GET', '/api/auth/audit')).status).toBe(403);
  });
});

describe('roles and users are edited through the generated API, safely', () => {
  it('validates role lines against the declared schema', async () => {
    const r = await t.req('POST', '/api/auth/role', {
      name: 'bad.role',
      label: 'Bad',
      permissions: [
        { entity: 'catalog.nothing', actions: 'read' },
        { entity: 'catalog.product', actions: 'read,fly' },
        { entity: 'catalog.product', actions: 'read', row_rule: 'mine' },
      ],
      field_rules: [{ entity: 'catalog.product', field: 'nope', access: 'hidden' }],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: any) => d.path)).toEqual([
      'permissions/0/entity',
      'permissions/1/actions',
      'permissions/2/row_rule',
      'field_rules/0/field',
    ]);
    const ok = await t.req('POST', '/api/auth/role', { name: 'ok.role', label: 'OK', permissions: [{ entity: 'catalog.order', actions: 'read,duplicate' }] });
    expect(ok.status).toBe(201);
    const managed = (await t.req('GET', `/api/auth/role?filter=${filter({ name: 'test.viewer' })}`)).body.data[0];
    expect(managed.source).toBe('config');
    expect((await t.req('PATCH', `/api/auth/role/${managed.id}`, { label: 'x' })).body.error.code).toBe('ROLE_MANAGED');
    const copy = await t.req('POST', `/api/auth/role/${managed.id}/actions/copy`, { name: 'my.viewer', label: 'My viewer' });
    expect(copy.status).toBe(200);
    expect(copy.body.permissions.map((p: any) => p.entity)).toEqual(['catalog.*']);
  });

  it('a role change applies at once', async () => {
    const u = await t.createUser('promoted', []);
    expect((await u.req('GET', '/api/catalog/category')).status).toBe(403);
    const role = (
      await t.req('POST', '/api/auth/role', { name: 'cat.reader', label: 'Category reader', permissions: [{ entity: 'catalog.category', actions: 'read' }] })
    ).body;
    const user = (await t.req('GET', `/api/auth/user/${u.id}`)).body;
    expect((await t.req('PUT', `/api/auth/user/${u.id}`, { ...user, roles: [{ role: role.id }] })).status).toBe(200);
    expect((await u.req('GET', '/api/catalog/category')).status).toBe(200);
  });

  it('keeps at least one administrator, and set_password works', async () => {
    const admins = (await t.req('GET', `/api/auth/user?filter=${filter({ is_admin: true })}`)).body.data;
    for (const a of admins.slice(1)) await t.db.query('update auth_user set is_admin = false where id = $1', [a.id]);
    const last = admins[0];
    const r = await t.req('PATCH', `/api/auth/user/${last.id}`, { is_admin: false });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('LAST_ADMIN');
    const target = await t.createUser('pw.target', [], { password: 'first password' });
    const set = await t.req('POST', `/api/auth/user/${target.id}/actions/set_password`, { password: 'second password' });
    expect(set.status).toBe(200);
    expect((await t.req('POST', '/api/auth/login', { username: 'pw.target', password: 'second password' }, { authorization: '' })).status).toBe(200);
    expect((await t.req('POST', `/api/auth/user/${target.id}/actions/set_password`, { password: 'short' })).status).toBe(422);
  });
});

describe('row rules on writes', () => {
  it('refuses role lines that name an unknown row rule', async () => {
    const r = await t.req('POST', '/api/auth/role', {
      name: 'bad.rule',
      label: 'x',
      permissions: [{ entity: 'catalog.category', actions: 'read', row_rule: 'catalog.nowhere' }],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].path).toBe('permissions/0/row_rule');
  });

  it("refuses creating or moving a row outside the role's row rule, and nothing is written", async () => {
    const role = await t.req('POST', '/api/auth/role', {
      name: 'own.categories',
      label: 'Own categories',
      permissions: [{ entity: 'catalog.category', actions: 'read,create,update', row_rule: 'catalog_ext.named_after_me' }],
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const zed = await t.createUser('zed', ['own.categories']);
    const mine = await zed.req('POST', '/api/catalog/category', { name: 'zed tools' });
    expect(mine.status).toBe(201);
    const before = Number((await t.db.query('select count(*)::int as n from catalog_category')).rows[0]!.n);
    const other = await zed.req('POST', '/api/catalog/category', { name: 'somebody else' });
    expect(other.status).toBe(403);
    expect(Number((await t.db.query('select count(*)::int as n from catalog_category')).rows[0]!.n)).toBe(before);
    const move = await zed.req('PATCH', `/api/catalog/category/${mine.body.id}`, { name: 'not mine any more' });
    expect(move.status).toBe(403);
    expect((await zed.req('GET', `/api/catalog/category/${mine.body.id}`)).body.name).toBe('zed tools');
    const list = await zed.req('GET', '/api/catalog/category');
    expect(list.body.data.map((c: any) => c.name)).toEqual(['zed tools']);
  });
});
