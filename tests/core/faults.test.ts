/**
 * Database faults against a real server on a real PostgreSQL: a backend terminated in the middle
 * of a request's transaction, and a database that stops and comes back (a separate embedded
 * PostgreSQL started here, so the shared test server is never touched). Also the embedded
 * database's credentials: a random password per data folder in a 0600 file, 127.0.0.1 only.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';
import { credentialsFile, startEmbeddedPostgres, type EmbeddedDatabase } from '../../core/src/db/embedded.js';

/**
 * Resolves with the pid of a backend of `database` waiting for a lock (polling pg_stat_activity:
 * PostgreSQL sends no event for it). Use a connection outside any transaction: inside one,
 * pg_stat_activity is a snapshot taken at its first read.
 */
async function lockWaiter(client: pg.Client, database: string): Promise<number> {
  for (let i = 0; i < 400; i++) {
    const r = await client.query(`select pid from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and pid <> pg_backend_pid()`, [database]);
    if (r.rows[0]) return r.rows[0].pid;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('no request is waiting for the row lock');
}

async function connectAs(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

describe('a backend terminated in the middle of a request', () => {
  let t: TestApp;
  let base: string;
  let locker: pg.Client | undefined;
  beforeAll(async () => {
    t = await startApp({ plugins: ['catalog'] });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as any).port}`;
  });
  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await t?.close();
  });

  it('answers 503 DATABASE_UNAVAILABLE as JSON, writes nothing, and the next requests succeed (pg_terminate_backend)', async () => {
    const created = await t.req('POST', '/api/catalog/category', { name: 'Tools' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const database = new URL(t.url).pathname.slice(1);

    // Hold the row lock from a test connection, so the request's transaction waits on it.
    locker = await connectAs(t.url);
    await locker.query('begin');
    await locker.query('select * from catalog_category where id = $1 for update', [id]);
    const inFlight = fetch(`${base}/api/catalog/category/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Renamed while the database dropped me' }),
    });
    const watcher = await connectAs(t.url);
    const backend = await lockWaiter(watcher, database).finally(() => watcher.end());
    const killed = await locker.query('select pg_terminate_backend($1) as ok', [backend]);
    expect(killed.rows[0].ok).toBe(true);

    const res = await inFlight;
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
    expect(body.error.message).toMatch(/database is unavailable/);
    await locker.query('rollback');

    // The process is alive (this test runs in it) and the pool serves the next requests.
    const after = await fetch(`${base}/api/catalog/category/${id}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(after.status).toBe(200);
    expect((await after.json()).name).toBe('Tools'); // the failed request wrote nothing
    const patched = await t.req('PATCH', `/api/catalog/category/${id}`, { name: 'Renamed' });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('Renamed');
    const audit = await t.db.query(`select action from tessera_audit where entity = 'catalog.category' and record_id = $1 order by id`, [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update']); // no audit row from the failed request
  });
});

describe('an embedded PostgreSQL of its own: credentials, then stopped and started under a running server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-faults-'));
  let pgdb: EmbeddedDatabase | undefined;
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await pgdb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses a random superuser password per data folder, kept in a 0600 file, and listens on 127.0.0.1 only', async () => {
    pgdb = await startEmbeddedPostgres(dir, { fast: true });
    const file = credentialsFile(dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const creds = JSON.parse(readFileSync(file, 'utf8'));
    expect(creds.password).not.toMatch(/^(tessera|postgres|password)$/);
    expect(creds.password.length).toBeGreaterThanOrEqual(24);
    expect(pgdb.url()).toContain(encodeURIComponent(creds.password));
    const c = await connectAs(pgdb.url());
    expect((await c.query('show listen_addresses')).rows[0].listen_addresses).toBe('127.0.0.1');
    expect((await c.query('show unix_socket_directories')).rows[0].unix_socket_directories).toBe('');
    await c.end();
    const wrong = new URL(pgdb.url());
    wrong.password = 'tessera';
    await expect(connectAs(wrong.toString())).rejects.toMatchObject({ code: '28P01' });
  });

  it('changes the old fixed password of an existing data folder on its first start with the new code', async () => {
    // Make the folder look like one created before: password 'tessera', no credentials file.
    const c = await connectAs(pgdb!.url());
    await c.query(`alter user postgres with password 'tessera'`);
    await c.end();
    await pgdb!.stop();
    unlinkSync(credentialsFile(dir));

    pgdb = await startEmbeddedPostgres(dir, { fast: true });
    expect(statSync(credentialsFile(dir)).mode & 0o777).toBe(0o600);
    const creds = JSON.parse(readFileSync(credentialsFile(dir), 'utf8'));
    expect(creds.password).not.toBe('tessera');
    expect(creds.legacyPassword).toBeUndefined();
    const old = new URL(pgdb.url());
    old.password = 'tessera';
    await expect(connectAs(old.toString())).rejects.toMatchObject({ code: '28P01' });
    const ok = await connectAs(pgdb.url());
    await ok.end();
  });

  it('health is 503 {status:"unavailable"} while the database is down and 200 after; requests answer 503, then work again', async () => {
    const admin = await connectAs(pgdb!.url());
    await admin.query('create database faults');
    await admin.end();
    t = await startApp({ plugins: ['catalog'] }, { url: pgdb!.url('faults') });
    const created = await t.req('POST', '/api/catalog/category', { name: 'Before' });
    expect(created.status).toBe(201);
    expect((await t.req('GET', '/api/health', undefined, { authorization: '' })).status).toBe(200);

    await pgdb!.stop();
    const down = await t.req('GET', '/api/health', undefined, { authorization: '' });
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', error: { code: 'DATABASE_UNAVAILABLE', status: 503 } });
    const read = await t.req('GET', `/api/catalog/category/${created.body.id}`);
    expect(read.status).toBe(503);
    expect(read.body.error.code).toBe('DATABASE_UNAVAILABLE');
    const write = await t.req('POST', '/api/catalog/category', { name: 'While down' });
    expect(write.status).toBe(503);
    expect(write.body.error.code).toBe('DATABASE_UNAVAILABLE');

    await pgdb!.restart();
    const up = await t.req('GET', '/api/health', undefined, { authorization: '' });
    expect(up.status).toBe(200);
    expect(up.body.status).toBe('ok');
    expect((await t.req('GET', `/api/catalog/category/${created.body.id}`)).body.name).toBe('Before');
    expect((await t.req('POST', '/api/catalog/category', { name: 'After' })).status).toBe(201);
    expect((await t.req('GET', `/api/catalog/category?filter=${encodeURIComponent(JSON.stringify({ name: 'While down' }))}`)).body.data ?? []).toHaveLength(0);
    expect(existsSync(join(dir, 'pg', 'PG_VERSION'))).toBe(true);
  });
});
