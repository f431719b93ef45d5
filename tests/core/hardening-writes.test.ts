/**
 * Hardening of writes (issue 11): bulk operations are all or nothing, secrets never reach the
 * audit trail or other side channels, optimistic concurrency, required line items, and the
 * smaller items (password change revokes tokens, bigint ids in messages, url schemes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_USER } from '../../core/src/data/service.js';
import { scrubAuditSecrets } from '../../core/src/auth/audit.js';
import { startApp, type TestApp } from '../helpers.js';
import { ok } from '../../plugin-kit/src/testing.js';

let t: TestApp;
/** Everything the server logged (Fastify's logger at trace level: requests, responses, errors). */
const logs: string[] = [];
const auditCount = async (entity: string) => Number((await t.db.query(`select count(*)::int as n from tessera_audit where entity = $1`, [entity])).rows[0]!.n);

beforeAll(async () => {
  t = await startApp(
    {
      plugins: ['hr', 'inventory'],
      customizations: {
        'inventory.warehouse': {
          addFields: {
            x_api_key: { type: 'string', maxLength: 120, 'x-secret': true, title: 'API key', 'x-labels': { lt: { title: 'API raktas' } } },
            x_webhook_token: { type: 'string', maxLength: 120, writeOnly: true, title: 'Webhook token', 'x-labels': { lt: { title: 'Webhook raktas' } } },
            x_client_secret: {
              type: 'string',
              maxLength: 120,
              'x-secret': true,
              'x-unique': true,
              title: 'Client secret',
              'x-labels': { lt: { title: 'Kliento slaptas raktas' } },
            },
            x_website: { type: 'string', format: 'uri', title: 'Website', 'x-labels': { lt: { title: 'Svetainė' } } },
            x_contact: {
              type: 'string',
              format: 'uri',
              'x-url-schemes': ['https', 'mailto'],
              title: 'Contact link',
              'x-labels': { lt: { title: 'Kontaktinė nuoroda' } },
            },
          },
        },
      },
    },
    { logger: { level: 'trace', stream: { write: (line: string) => void logs.push(line) } } },
  );
});
afterAll(async () => t?.close());

describe('bulk operations are all or nothing', () => {
  it('PATCH ?ids= with a missing id answers 404 and changes no row (and writes no audit)', async () => {
    const a = ok(await t.req('POST', '/api/hr/leave_type', { name: 'Bulk A', max_days_allowed: 5 }), 201);
    const b = ok(await t.req('POST', '/api/hr/leave_type', { name: 'Bulk B', max_days_allowed: 5 }), 201);
    const audits = await auditCount('hr.leave_type');
    const r = await t.req('PATCH', `/api/hr/leave_type?ids=${a.id},${b.id},999999999`, { max_days_allowed: 9 });
    expect(r.status, JSON.stringify(r.body)).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    const rows = (await t.db.query(`select id, max_days_allowed from hr_leave_type where id = any($1) order by id`, [[a.id, b.id]])).rows;
    expect(rows.map((x) => Number(x.max_days_allowed))).toEqual([5, 5]);
    expect(await auditCount('hr.leave_type')).toBe(audits);
  });

  it('PATCH ?ids= that breaks a unique constraint on the second row answers 409 and renames none', async () => {
    const u1 = ok(await t.req('POST', '/api/inventory/uom', { name: 'Bulk unit 1' }), 201);
    const u2 = ok(await t.req('POST', '/api/inventory/uom', { name: 'Bulk unit 2' }), 201);
    const audits = await auditCount('inventory.uom');
    const r = await t.req('PATCH', `/api/inventory/uom?ids=${u1.id},${u2.id}`, { name: 'Same name' });
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    const names = (await t.db.query(`select name from inventory_uom where id = any($1) order by id`, [[u1.id, u2.id]])).rows.map((x) => x.name);
    expect(names).toEqual(['Bulk unit 1', 'Bulk unit 2']);
    expect(await auditCount('inventory.uom')).toBe(audits);
  });

  it('DELETE ?ids= with a missing id answers 404 and deletes none', async () => {
    const a = ok(await t.req('POST', '/api/hr/leave_type', { name: 'Del A' }), 201);
    const b = ok(await t.req('POST', '/api/hr/leave_type', { name: 'Del B' }), 201);
    const audits = await auditCount('hr.leave_type');
    const r = await t.req('DELETE', `/api/hr/leave_type?ids=${a.id},${b.id},999999999`);
    expect(r.status, JSON.stringify(r.body)).toBe(404);
    const left = (await t.db.query(`select count(*)::int as n from hr_leave_type where id = any($1)`, [[a.id, b.id]])).rows[0]!.n;
    expect(left).toBe(2);
    expect(await auditCount('hr.leave_type')).toBe(audits);
  });

  it('a bulk update that succeeds changes every row and audits each', async () => {
    const a = ok(await t.req('POST', '/api/hr/leave_type', { name: 'Ok A' }), 201);
    const b = ok(await t.req('POST', '/api/hr/leave_type', { name: 'Ok B' }), 201);
    const audits = await auditCount('hr.leave_type');
    ok(await t.req('PATCH', `/api/hr/leave_type?ids=${a.id},${b.id}`, { max_days_allowed: 3 }));
    const rows = (await t.db.query(`select max_days_allowed from hr_leave_type where id = any($1)`, [[a.id, b.id]])).rows;
    expect(rows.map((x) => Number(x.max_days_allowed))).toEqual([3, 3]);
    expect(await auditCount('hr.leave_type')).toBe(audits + 2);
  });
});

describe('a required line-item collection needs at least one line', () => {
  let wh: number;
  let itemId: number;
  beforeAll(async () => {
    wh = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Lines WH' }), 201).id;
    const uom = (await t.db.query(`select id from inventory_uom order by id limit 1`)).rows[0]!.id;
    itemId = ok(await t.req('POST', '/api/inventory/item', { code: 'LINES-1', name: 'Lines item', stock_uom: uom }), 201).id;
  });

  it('create without lines answers 422 with path "lines" and writes nothing', async () => {
    const before = (await t.db.query(`select count(*)::int as n from inventory_stock_entry`)).rows[0]!.n;
    for (const body of [
      { purpose: 'receipt', posting_date: '2026-03-01', to_warehouse: wh },
      { purpose: 'receipt', posting_date: '2026-03-01', to_warehouse: wh, lines: [] },
    ]) {
      const r = await t.req('POST', '/api/inventory/stock_entry', body);
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.error.details.map((d: any) => d.path)).toContain('lines');
    }
    expect((await t.db.query(`select count(*)::int as n from inventory_stock_entry`)).rows[0]!.n).toBe(before);
  });

  it('an update that replaces the lines with none is refused; a draft without lines cannot be submitted', async () => {
    const doc = ok(
      await t.req('POST', '/api/inventory/stock_entry', {
        purpose: 'receipt',
        posting_date: '2026-03-01',
        to_warehouse: wh,
        lines: [{ item: itemId, qty: '1', rate: '2' }],
      }),
      201,
    );
    const r = await t.req('PATCH', `/api/inventory/stock_entry/${doc.id}`, { lines: [] });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error.details[0].path).toBe('lines');
    // A draft stored before the rule (or emptied by plugin code) is re-checked on submit.
    await t.db.query(`delete from inventory_stock_entry_line where parent_id = $1`, [doc.id]);
    const s = await t.req('POST', `/api/inventory/stock_entry/${doc.id}/submit`);
    expect(s.status, JSON.stringify(s.body)).toBe(422);
    expect(s.body.error.details[0].path).toBe('lines');
    expect((await t.db.query(`select docstatus from inventory_stock_entry where id = $1`, [doc.id])).rows[0]!.docstatus).toBe('draft');
  });
});

describe('secrets never reach the audit trail, history, exports, jobs, logs or messages', () => {
  const PW = 'Clear-Text-Pa55word-7731';
  /** Every place a value could end up: audit rows, pg-boss tables, the server log. */
  async function leaks(secret: string): Promise<string[]> {
    const found: string[] = [];
    const audit = await t.db.query(`select count(*)::int as n from tessera_audit a where a::text like $1`, [`%${secret}%`]);
    if (audit.rows[0]!.n) found.push('tessera_audit');
    const boss = await t.db.query(`select table_name from information_schema.tables where table_schema = 'pgboss' and table_type = 'BASE TABLE'`);
    for (const { table_name } of boss.rows) {
      const r = await t.db.query(`select count(*)::int as n from pgboss."${table_name}" x where x::text like $1`, [`%${secret}%`]);
      if (r.rows[0]!.n) found.push(`pgboss.${table_name}`);
    }
    if (logs.some((l) => l.includes(secret))) found.push('log');
    return found;
  }

  it('set_password: the audit row, history, /api/auth/audit, CSV, pg-boss and the log never hold the password', async () => {
    const u = await t.createUser('secret_holder', []);
    expect(ok(await t.req('POST', `/api/auth/user/${u.id}/actions/set_password`, { password: PW }))).toEqual({ ok: true });
    // Failed attempts (unknown key, too long) do not echo it either.
    const bad = await t.req('POST', `/api/auth/user/${u.id}/actions/set_password`, { password: PW, note: PW });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).not.toContain(PW);
    const long = await t.req('POST', `/api/auth/user/${u.id}/actions/set_password`, { password: `${PW}${'x'.repeat(300)}` });
    expect(long.status).toBe(422);
    expect(JSON.stringify(long.body)).not.toContain(PW);
    // The password works (it was set), and the audit records that it was set, not what it is.
    const login = await t.req('POST', '/api/auth/login', { username: 'secret_holder', password: PW }, { authorization: '' });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const history = ok(await t.req('GET', `/api/auth/user/${u.id}/history`));
    expect(JSON.stringify(history)).toContain('set_password');
    expect(JSON.stringify(history)).toContain('[redacted]');
    expect(JSON.stringify(history)).not.toContain(PW);
    const audit = ok(await t.req('GET', `/api/auth/audit?entity=auth.user&record=${u.id}`));
    expect(JSON.stringify(audit)).not.toContain(PW);
    const row = (await t.db.query(`select changes from tessera_audit where entity = 'auth.user' and record_id = $1 and action = 'set_password'`, [u.id])).rows;
    expect(row.map((r) => r.changes)).toEqual([{ input: { password: '[redacted]' } }]);
    const csv = await t.req('GET', '/api/auth/user?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.body).not.toContain(PW);
    // A malformed body does not quote itself back (V8's JSON.parse messages do).
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: `{"username":"secret_holder","password":${PW}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain(PW.slice(0, 6));
    expect(res.json().error.code).toBe('INVALID_JSON');
    expect(logs.length).toBeGreaterThan(0);
    expect(await leaks(PW)).toEqual([]);
  });

  it('the meta output marks secret action inputs and fields so the UI renders password inputs', async () => {
    const meta = ok(await t.req('GET', '/api/meta'));
    const user = meta.entities.find((e: any) => e.key === 'auth.user');
    const pw = user.actions.find((a: any) => a.name === 'set_password').input.properties.password;
    expect(pw).toMatchObject({ 'x-secret': true, 'x-ui': { widget: 'password' } });
    const wh = meta.entities.find((e: any) => e.key === 'inventory.warehouse');
    expect(wh.fields.find((f: any) => f.name === 'x_api_key')).toMatchObject({ secret: true, widget: 'password' });
    expect(wh.fields.find((f: any) => f.name === 'x_webhook_token')).toMatchObject({ secret: true, widget: 'password' });
    expect(wh.listColumns).not.toContain('x_api_key');
  });

  it('a secret field (x-secret or writeOnly) is stored but never read back, exported, filtered, sorted or audited in clear', async () => {
    const KEY = 'sk-live-Secret-Key-99811';
    const TOKEN = 'whk-Token-Value-55120';
    const created = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Secret WH', x_api_key: KEY, x_webhook_token: TOKEN }), 201);
    expect(created).not.toHaveProperty('x_api_key');
    expect(JSON.stringify(created)).not.toContain(KEY);
    const e = t.registry.entities.get('inventory.warehouse')!;
    // Stored, and plugin code (the system user) can read it.
    expect((await t.service.get(SYSTEM_USER, e, created.id)).x_api_key).toBe(KEY);
    const got = ok(await t.req('GET', `/api/inventory/warehouse/${created.id}`));
    expect(got).not.toHaveProperty('x_api_key');
    expect(got).not.toHaveProperty('x_webhook_token');
    const list = ok(await t.req('GET', `/api/inventory/warehouse?ids=${created.id}`));
    expect(JSON.stringify(list)).not.toContain(KEY);
    const csv = await t.req('GET', '/api/inventory/warehouse?format=csv');
    expect(csv.body).not.toContain(KEY);
    expect(csv.body.split('\r\n')[0]).not.toContain('x_api_key');
    // No side channel: filter, sort and field selection on a secret are refused like an unknown field.
    for (const q of [`filter=${encodeURIComponent(JSON.stringify({ x_api_key: { startsWith: 'sk-' } }))}`, 'sort=x_api_key', 'fields=x_api_key']) {
      const r = await t.req('GET', `/api/inventory/warehouse?${q}`);
      expect(r.status, q).toBe(400);
      expect(JSON.stringify(r.body)).not.toContain(KEY);
    }
    // Updates (the single-statement path) audit that it changed, not what it was or became.
    const upd = ok(await t.req('PATCH', `/api/inventory/warehouse/${created.id}`, { x_api_key: `${KEY}-2` }));
    expect(JSON.stringify(upd)).not.toContain(KEY);
    const changes = (
      await t.db.query(`select action, changes from tessera_audit where entity = 'inventory.warehouse' and record_id = $1 order by id`, [created.id])
    ).rows;
    expect(changes.map((c) => c.action)).toEqual(['create', 'update']);
    expect(changes[0]!.changes.x_api_key).toEqual({ old: null, new: '[redacted]' });
    expect(changes[1]!.changes).toEqual({ x_api_key: { old: '[redacted]', new: '[redacted]' } });
    const history = ok(await t.req('GET', `/api/inventory/warehouse/${created.id}/history`));
    expect(JSON.stringify(history)).not.toContain(KEY);
    // Deleting audits the old values redacted too (the multi-statement path).
    ok(await t.req('DELETE', `/api/inventory/warehouse/${created.id}`));
    const del = (
      await t.db.query(`select changes from tessera_audit where entity = 'inventory.warehouse' and record_id = $1 and action = 'delete'`, [created.id])
    ).rows[0]!;
    expect(del.changes.x_api_key).toEqual({ old: '[redacted]', new: null });
    // A unique secret that is already used is refused without naming it.
    const CS = 'client-secret-Unique-7781';
    ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Secret WH 2', x_client_secret: CS }), 201);
    const dup = await t.req('POST', '/api/inventory/warehouse', { name: 'Secret WH 3', x_client_secret: CS });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].path).toBe('x_client_secret');
    expect(JSON.stringify(dup.body)).not.toContain(CS);
    expect(await leaks(CS)).toEqual([]);
    expect(await leaks(KEY)).toEqual([]);
    expect(await leaks(TOKEN)).toEqual([]);
  });

  it('a legacy audit row holding a clear password is scrubbed by the start-up migration, once, and the trail stays append-only', async () => {
    const u = await t.createUser('legacy_holder', []);
    const LEGACY = 'Legacy-Clear-Pa55-4410';
    await t.db.query(
      `insert into tessera_audit (user_id, username, entity, record_id, action, changes) values (null, 'admin', 'auth.user', $1, 'set_password', $2)`,
      [u.id, JSON.stringify({ input: { password: LEGACY } })],
    );
    await t.db.query(
      `insert into tessera_audit (user_id, username, entity, record_id, action, changes) values (null, 'admin', 'inventory.warehouse', 1, 'update', $1)`,
      [JSON.stringify({ x_api_key: { old: null, new: LEGACY }, name: { old: 'a', new: 'b' } })],
    );
    expect(await leaks(LEGACY)).toEqual(['tessera_audit']);
    // What start-up runs (AuthService.ensureTables).
    await t.auth!.ensureTables();
    expect(await leaks(LEGACY)).toEqual([]);
    const rows = (
      await t.db.query(
        `select changes from tessera_audit where (entity = 'auth.user' and record_id = $1 and action = 'set_password') or (entity = 'inventory.warehouse' and record_id = 1 and action = 'update') order by id`,
        [u.id],
      )
    ).rows;
    expect(rows.map((r) => r.changes)).toEqual([
      { input: { password: '[redacted]' } },
      { x_api_key: { old: null, new: '[redacted]' }, name: { old: 'a', new: 'b' } },
    ]);
    // Idempotent: a second run finds nothing to change.
    expect(await scrubAuditSecrets(t.db, t.registry.entities.values(), t.registry.actions)).toBe(0);
    // The trigger still refuses any other rewrite.
    await expect(t.db.query(`update tessera_audit set changes = '{}'::jsonb where entity = 'auth.user' and record_id = $1`, [u.id])).rejects.toThrow(
      /append-only/,
    );
    const client = await t.db.pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('tessera.audit_scrub', 'on', true)`);
      await expect(client.query(`update tessera_audit set username = 'someone else' where entity = 'auth.user' and record_id = $1`, [u.id])).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});

describe('optimistic concurrency: version, ETag and If-Match', () => {
  it('two clients load a record and both save: the second gets 412 and the first change is kept', async () => {
    const alice = await t.createUser('alice_occ', [], { isAdmin: true });
    const bob = await t.createUser('bob_occ', [], { isAdmin: true });
    const created = ok(await t.req('POST', '/api/hr/leave_type', { name: 'Concurrent', max_days_allowed: 10 }), 201);
    expect(created.version).toBe(1);
    const a = await alice.req('GET', `/api/hr/leave_type/${created.id}`);
    const b = await bob.req('GET', `/api/hr/leave_type/${created.id}`);
    expect(a.headers.etag).toBe('"1"');
    expect(a.body.version).toBe(1);
    const audits = await auditCount('hr.leave_type');
    const first = await alice.req('PUT', `/api/hr/leave_type/${created.id}`, { ...a.body, max_days_allowed: 12 }, { 'if-match': a.headers.etag });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    expect(first.body.version).toBe(2);
    const second = await bob.req('PUT', `/api/hr/leave_type/${created.id}`, { ...b.body, description: 'Bob was here' }, { 'if-match': b.headers.etag });
    expect(second.status, JSON.stringify(second.body)).toBe(412);
    expect(second.body.error.code).toBe('PRECONDITION_FAILED');
    expect(second.body.error.message).toMatch(/someone else changed Leave type \d+ after you loaded it \(last changed by alice_occ at \d{4}-/);
    const stored = (await t.db.query(`select max_days_allowed, description, version from hr_leave_type where id = $1`, [created.id])).rows[0]!;
    expect([Number(stored.max_days_allowed), stored.description, stored.version]).toEqual([12, null, 2]);
    expect(await auditCount('hr.leave_type')).toBe(audits + 1);
    // Reloaded, Bob's change goes through; without If-Match writes work as before.
    const again = await bob.req('GET', `/api/hr/leave_type/${created.id}`);
    ok(await bob.req('PATCH', `/api/hr/leave_type/${created.id}`, { description: 'Bob was here' }, { 'if-match': again.headers.etag }));
    const plain = ok(await t.req('PATCH', `/api/hr/leave_type/${created.id}`, { description: 'no precondition' }));
    expect(plain.version).toBe(4);
    expect(ok(await t.req('PATCH', `/api/hr/leave_type/${created.id}`, { description: 'any version' }, { 'if-match': '*' })).version).toBe(5);
    expect(ok(await t.req('PATCH', `/api/hr/leave_type/${created.id}`, { description: 'weak tag' }, { 'if-match': 'W/"5"' })).version).toBe(6);
    const bad = await t.req('PATCH', `/api/hr/leave_type/${created.id}`, { description: 'x' }, { 'if-match': 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('If-Match');
  });

  it('documents (multi-statement writes), delete, submit and actions refuse a stale version and write nothing', async () => {
    const wh = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'OCC WH' }), 201).id;
    const uom = (await t.db.query(`select id from inventory_uom order by id limit 1`)).rows[0]!.id;
    const itemId = ok(await t.req('POST', '/api/inventory/item', { code: 'OCC-1', name: 'OCC item', stock_uom: uom }), 201).id;
    const doc = ok(
      await t.req('POST', '/api/inventory/stock_entry', {
        purpose: 'receipt',
        posting_date: '2026-03-01',
        to_warehouse: wh,
        lines: [{ item: itemId, qty: '1', rate: '2' }],
      }),
      201,
    );
    const loaded = await t.req('GET', `/api/inventory/stock_entry/${doc.id}`);
    const v1 = loaded.headers.etag;
    // A change of the lines is a new version of the document.
    const changed = ok(
      await t.req('PATCH', `/api/inventory/stock_entry/${doc.id}`, { lines: [{ id: loaded.body.lines[0].id, qty: '3' }] }, { 'if-match': v1 }),
    );
    expect(changed.version).toBe(loaded.body.version + 1);
    const stale = await t.req('PATCH', `/api/inventory/stock_entry/${doc.id}`, { remarks: 'stale' }, { 'if-match': v1 });
    expect(stale.status, JSON.stringify(stale.body)).toBe(412);
    expect((await t.req('POST', `/api/inventory/stock_entry/${doc.id}/submit`, undefined, { 'if-match': v1 })).status).toBe(412);
    expect((await t.req('DELETE', `/api/inventory/stock_entry/${doc.id}`, undefined, { 'if-match': v1 })).status).toBe(412);
    const row = (await t.db.query(`select docstatus, remarks from inventory_stock_entry where id = $1`, [doc.id])).rows[0]!;
    expect(row).toEqual({ docstatus: 'draft', remarks: null });
    const submitted = await t.req('POST', `/api/inventory/stock_entry/${doc.id}/submit`, undefined, { 'if-match': `"${changed.version}"` });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    // Hooks that set server fields on submit are versions too; the ETag is the final one.
    expect(submitted.body.version).toBeGreaterThan(changed.version);
    expect(submitted.headers.etag).toBe(`"${submitted.body.version}"`);

    // A declared action (set_password) with a stale version is refused before it runs.
    const u = await t.createUser('occ_target', []);
    const user = await t.req('GET', `/api/auth/user/${u.id}`);
    ok(await t.req('PATCH', `/api/auth/user/${u.id}`, { full_name: 'Changed meanwhile' }));
    const act = await t.req('POST', `/api/auth/user/${u.id}/actions/set_password`, { password: 'another-password-1' }, { 'if-match': user.headers.etag });
    expect(act.status, JSON.stringify(act.body)).toBe(412);
    const login = await t.req('POST', '/api/auth/login', { username: 'occ_target', password: 'another-password-1' }, { authorization: '' });
    expect(login.status).toBe(401);
  });
});

describe('smaller hardening', () => {
  it('a password change revokes the other sessions and API tokens; the credential making the request stays', async () => {
    const u = await t.createUser('pw_changer', []);
    const other = await t.auth!.createApiToken(u.id, 'integration');
    const login = await t.req('POST', '/api/auth/login', { username: 'pw_changer', password: u.password }, { authorization: '' });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const me = (h: Record<string, string>) => t.req('GET', '/api/auth/me', undefined, h);
    expect((await me({ authorization: `Bearer ${other.token}` })).status).toBe(200);
    expect((await me({ authorization: '', cookie })).status).toBe(200);
    ok(await u.req('POST', '/api/auth/password', { current: u.password, password: 'brand-new-password-1' }));
    expect((await me({ authorization: `Bearer ${u.token}` })).status).toBe(200);
    expect((await me({ authorization: `Bearer ${other.token}` })).status).toBe(401);
    expect((await me({ authorization: '', cookie })).status).toBe(401);
    // An administrator setting the password revokes every credential, that token included.
    ok(await t.req('POST', `/api/auth/user/${u.id}/actions/set_password`, { password: 'admin-set-password-1' }));
    expect((await me({ authorization: `Bearer ${u.token}` })).status).toBe(401);
    // "Revoke all sessions and API tokens": the action, and the self-service route (which keeps the caller's own).
    const a = await t.auth!.createApiToken(u.id, 'a');
    const b = await t.auth!.createApiToken(u.id, 'b');
    ok(await t.req('DELETE', '/api/auth/tokens', undefined, { authorization: `Bearer ${a.token}` }));
    expect((await me({ authorization: `Bearer ${a.token}` })).status).toBe(200);
    expect((await me({ authorization: `Bearer ${b.token}` })).status).toBe(401);
    ok(await t.req('POST', `/api/auth/user/${u.id}/actions/revoke_credentials`, {}));
    expect((await me({ authorization: `Bearer ${a.token}` })).status).toBe(401);
    const meta = ok(await t.req('GET', '/api/meta'));
    expect(meta.entities.find((e: any) => e.key === 'auth.user').actions.find((x: any) => x.name === 'revoke_credentials').labels.lt).toBe(
      'Atšaukti visas sesijas ir API raktus',
    );
  });

  it('16-digit ids keep every digit in messages (never rounded through a JS number)', async () => {
    const big = '9999999999999999'; // above 2^53: Number() would make it 10000000000000000
    const one = await t.req('GET', `/api/hr/leave_type/${big}`);
    expect(one.status).toBe(404);
    expect(one.body.error.message).toBe(`Leave type ${big} does not exist`);
    const lt = ok(await t.req('POST', '/api/hr/leave_type', { name: 'Big id' }), 201);
    const bulk = await t.req('PATCH', `/api/hr/leave_type?ids=${lt.id},${big}`, { description: 'x' });
    expect(bulk.status).toBe(404);
    expect(bulk.body.error.message).toContain(big);
    for (const [method, path] of [
      ['PATCH', `/api/hr/leave_type/${big}`],
      ['DELETE', `/api/hr/leave_type/${big}`],
      ['GET', `/api/hr/leave_type/${big}/history`],
    ] as const) {
      const r = await t.req(method, path, method === 'PATCH' ? { description: 'x' } : undefined);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error.message, `${method} ${path}`).toContain(big);
    }
    const list = ok(await t.req('GET', `/api/hr/leave_type?ids=${lt.id},${big}`));
    expect(list.data.map((x: any) => x.id)).toEqual([lt.id]);
    expect((await t.req('GET', '/api/hr/leave_type?ids=99999999999999999999')).status).toBe(400);
    // An API token naming an id beyond bigint is simply not a valid token.
    expect((await t.req('GET', '/api/auth/me', undefined, { authorization: `Bearer tsr_99999999999999999999_${'a'.repeat(43)}` })).status).toBe(401);
    // A reference given as a JSON number beyond 2^53 has lost digits already: refused, not misnamed.
    const ref = await t.req('POST', '/api/inventory/item', { code: 'BIG-REF', name: 'Big ref', stock_uom: 12345678901234567 });
    expect(ref.status).toBe(422);
    expect(ref.body.error.details[0].path).toBe('stock_uom');
  });

  it('url fields refuse javascript:, data: and other non-http(s) schemes; mailto only where declared', async () => {
    const before = (await t.db.query(`select count(*)::int as n from inventory_warehouse`)).rows[0]!.n;
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      'mailto:a@b.lt',
      'ftp://example.com/x',
    ]) {
      const r = await t.req('POST', '/api/inventory/warehouse', { name: `URL ${url.slice(0, 10)}`, x_website: url });
      expect(r.status, url).toBe(422);
      expect(r.body.error.details[0].path, url).toBe('x_website');
      expect(r.body.error.details[0].message, url).toMatch(/must be a URL starting with http:\/\/ or https:\/\/|must be a valid URL/);
    }
    expect((await t.db.query(`select count(*)::int as n from inventory_warehouse`)).rows[0]!.n).toBe(before);
    const okWh = ok(
      await t.req('POST', '/api/inventory/warehouse', { name: 'URL ok', x_website: 'https://example.lt/a?b=1', x_contact: 'mailto:info@example.lt' }),
      201,
    );
    expect(okWh.x_contact).toBe('mailto:info@example.lt');
    const bad = await t.req('PATCH', `/api/inventory/warehouse/${okWh.id}`, { x_contact: 'http://plain.example.lt' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'x_contact', message: expect.stringMatching(/https:\/\/ or mailto:/) });
  });
});
