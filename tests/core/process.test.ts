/**
 * The server as a process: real child processes of the CLI (node --import tsx core/src/cli.ts),
 * random ports, temporary data folders; afterEach kills whatever a failing test left running.
 *  - a taken port: one line, exit 1, nothing started;
 *  - kill -9 of the server: the next start stops the orphaned PostgreSQL and starts; CLI
 *    commands run next to a live server; the embedded PostgreSQL is restarted once if it dies;
 *  - SIGTERM lets a request in flight finish, refuses new connections, exits 0;
 *  - SIGTERM while the database is down exits within 2 s;
 *  - two servers starting on one fresh database.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, FIXTURE_PLUGINS, startApp } from '../helpers.js';
import { alive, killChildren, postmasterOf, randomPort, runCli, type CliProcess } from '../processes.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../core/src/db/embedded.js';

const tmp = mkdtempSync(join(tmpdir(), 'tessera-proc-'));
const config = (name: string, c: Record<string, unknown>) => {
  const file = join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(c));
  return file;
};
const minimal = config('minimal', { plugins: [] });
let extraDb: EmbeddedDatabase | undefined;

afterEach(killChildren);
afterAll(async () => {
  await killChildren();
  await extraDb?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const health = async (port: number) => (await fetch(`http://127.0.0.1:${port}/api/health`)).status;
/** No line of output is a bare "undefined" (what the CLI printed for errors it did not know). */
const noUndefined = (...ps: CliProcess[]) => {
  for (const p of ps) expect((p.out() + p.err()).split('\n').map((l) => l.trim())).not.toContain('undefined');
};

/** Resolves once a new TCP connection to the port is refused. */
async function refused(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), res(false)));
      s.once('error', (e: NodeJS.ErrnoException) => res(e.code === 'ECONNREFUSED'));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`port ${port} still accepts connections`);
}

/** One HTTP request on its own connection (node:http, no connection pool). */
function httpRequest(port: number, method: string, path: string, token: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const payload = JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (r) => {
        let data = '';
        r.on('data', (d) => (data += d));
        r.on('end', () => res({ status: r.statusCode ?? 0, body: data }));
      },
    );
    req.once('error', rej);
    req.end(payload);
  });
}

/**
 * The pid of a backend waiting for a lock, polled from its own connection (pg_stat_activity is
 * a snapshot fixed for the length of a transaction, so not from the locking one).
 */
async function lockWaiter(url: string, req: Promise<{ status: number; body: string }>): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await pollLockWaiter(client, req);
  } finally {
    await client.end();
  }
}
async function pollLockWaiter(client: pg.Client, req: Promise<{ status: number; body: string }>): Promise<number> {
  let settled: { status: number; body: string } | Error | undefined;
  req.then(
    (r) => (settled = r),
    (e) => (settled = e),
  );
  for (let i = 0; i < 400; i++) {
    if (settled) throw new Error(`the request did not wait for the lock: ${settled instanceof Error ? settled.message : `${settled.status} ${settled.body}`}`);
    const r = await client.query(
      `select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
    );
    if (r.rows[0]) return r.rows[0].pid;
    await new Promise((res) => setTimeout(res, 25));
  }
  const act = await client.query(
    `select pid, state, wait_event_type, wait_event, left(query, 80) as q from pg_stat_activity where datname = current_database()`,
  );
  throw new Error(`no request is waiting for the row lock: ${JSON.stringify(act.rows)}`);
}

describe('the server process', () => {
  it('refuses a port in use with one line and exit 1, before starting or seeding anything', async () => {
    const port = await randomPort();
    const holder = (await import('node:net')).createServer();
    await new Promise<void>((r) => holder.listen(port, '127.0.0.1', () => r()));
    try {
      const dir = join(tmp, 'port-in-use');
      const p = runCli(['start', '--demo'], { TESSERA_DATA_DIR: dir, PORT: String(port), TESSERA_CONFIG: minimal });
      const { code } = await p.exited;
      expect(code).toBe(1);
      expect(p.err().trim().split('\n')).toHaveLength(1);
      expect(p.err().trim()).toMatch(new RegExp(`^port ${port} is in use; set PORT=`));
      expect(p.out()).toBe('');
      expect(existsSync(join(dir, 'pg'))).toBe(false); // no embedded PostgreSQL was started
    } finally {
      holder.close();
    }
  }, 150_000); // child processes on a loaded 2-core machine: generous bounds

  const crashDir = join(tmp, 'crash');
  it('after kill -9, starts again on the same data folder (stopping the orphaned PostgreSQL); CLI commands work next to it; a dead database is restarted once', async () => {
    const port = await randomPort();
    const env = { TESSERA_DATA_DIR: crashDir, PORT: String(port), TESSERA_CONFIG: config('inventory', { plugins: ['inventory'] }) };
    const first = runCli(['start'], env);
    await first.waitFor(/Tessera ready/);
    const orphan = postmasterOf(crashDir);
    expect(orphan).toBeDefined();
    first.child.kill('SIGKILL');
    await first.exited;
    expect(alive(orphan)).toBe(true); // what kill -9 leaves behind

    const second = runCli(['start'], env);
    await second.waitFor(/Tessera ready/);
    expect(second.err()).toMatch(/stopping the embedded PostgreSQL \(pid \d+\) left running/);
    expect(alive(orphan)).toBe(false);
    expect(await health(port)).toBe(200);

    // Read-only commands next to the live server reuse its database instead of failing.
    const plan = runCli(['migrate', '--plan'], env);
    const verify = runCli(['inventory', 'verify'], env);
    expect((await plan.exited).code, plan.err()).toBe(0);
    expect(plan.out()).toMatch(/Nothing to do: the database matches the declarations/);
    expect((await verify.exited).code, verify.err()).toBe(0);
    expect(verify.out()).toMatch(/Stock ledger OK/);
    expect(await health(port)).toBe(200); // the server's database is still up

    // The embedded PostgreSQL dies under the server: it is restarted and requests work again.
    process.kill(postmasterOf(crashDir)!, 'SIGKILL');
    await second.waitFor(/embedded PostgreSQL restarted/);
    expect(await health(port)).toBe(200);

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    expect(postmasterOf(crashDir)).toBeUndefined();
    noUndefined(first, second, plan, verify);
  }, 240_000); // child processes on a loaded 2-core machine: generous bounds

  it('SIGTERM lets the request in flight finish (200) before the embedded database stops, refuses new connections meanwhile, and exits 0', async () => {
    // A record and an admin token in the data folder of the crash test (warm: no initdb).
    const emb = await startEmbeddedPostgres(crashDir, { fast: true });
    let id: number;
    let token: string;
    try {
      const admin = new pg.Client({ connectionString: emb.url() });
      await admin.connect();
      if (!(await admin.query(`select 1 from pg_database where datname = 'tessera'`)).rowCount) await admin.query('create database tessera');
      await admin.end();
      const setup = await startApp({ plugins: ['catalog'] }, { url: emb.url('tessera') });
      id = (await setup.req('POST', '/api/catalog/category', { name: 'Draining' })).body.id;
      token = setup.adminToken;
      await setup.close();
    } finally {
      await emb.stop();
    }

    const port = await randomPort();
    const server = runCli(['start'], {
      TESSERA_DATA_DIR: crashDir,
      PORT: String(port),
      TESSERA_CONFIG: config('catalog', { plugins: ['catalog'], pluginPaths: [FIXTURE_PLUGINS] }),
    });
    await server.waitFor(/Tessera ready/);
    const creds = JSON.parse(readFileSync(join(crashDir, 'postgres.json'), 'utf8'));
    const url = `postgresql://postgres:${encodeURIComponent(creds.password)}@127.0.0.1:${creds.port}/tessera`;
    const locker = new pg.Client({ connectionString: url });
    locker.on('error', () => undefined);
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('select * from catalog_category where id = $1 for update', [id]);
      const inFlight = httpRequest(port, 'PATCH', `/api/catalog/category/${id}`, token, { name: 'Finished during shutdown' });
      await lockWaiter(url, inFlight);
      server.child.kill('SIGTERM');
      await refused(port);
      expect(server.child.exitCode).toBeNull(); // still draining
      await locker.query('commit');
      const res = await inFlight;
      expect(res.status, res.body).toBe(200);
      expect(JSON.parse(res.body).name).toBe('Finished during shutdown');
      expect((await server.exited).code).toBe(0);
    } finally {
      await locker.end().catch(() => undefined);
    }
    expect(postmasterOf(crashDir)).toBeUndefined(); // the database stopped after the request
    noUndefined(server);
  }, 150_000); // child processes on a loaded 2-core machine: generous bounds

  it('SIGTERM while the database is down exits within 2 s', async () => {
    // A PostgreSQL of our own that we can stop (the data folder of the crash test, warm).
    extraDb = await startEmbeddedPostgres(crashDir, { fast: true });
    const admin = new pg.Client({ connectionString: extraDb.url() });
    await admin.connect();
    await admin.query('create database down');
    await admin.end();
    const port = await randomPort();
    const server = runCli(['start'], { DATABASE_URL: extraDb.url('down'), PORT: String(port), TESSERA_CONFIG: minimal, TESSERA_DATA_DIR: join(tmp, 'unused') });
    await server.waitFor(/Tessera ready/);
    await extraDb.stop();
    expect(await health(port)).toBe(503);
    const t0 = Date.now();
    server.child.kill('SIGTERM');
    await server.exited;
    expect(Date.now() - t0).toBeLessThan(2000);
    noUndefined(server);
  }, 150_000); // child processes on a loaded 2-core machine: generous bounds

  it('two servers starting on one fresh database: the second waits for the first, then finds nothing to do', async () => {
    const url = await createTestDatabase('race');
    const cfg = config('race', { plugins: ['inventory', 'crm'] });
    const [p1, p2] = [await randomPort(), await randomPort()];
    const a = runCli(['start'], { DATABASE_URL: url, PORT: String(p1), TESSERA_CONFIG: cfg, TESSERA_DATA_DIR: join(tmp, 'unused') });
    const b = runCli(['start'], { DATABASE_URL: url, PORT: String(p2), TESSERA_CONFIG: cfg, TESSERA_DATA_DIR: join(tmp, 'unused') });
    await Promise.all([a.waitFor(/Tessera ready/), b.waitFor(/Tessera ready/)]);
    expect(await health(p1)).toBe(200);
    expect(await health(p2)).toBe(200);
    for (const p of [a, b]) expect(p.err()).not.toMatch(/duplicate key|error/i);
    // One set of seeded rows, not two.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const roles = await c.query(`select name, count(*)::int as n from auth_role group by name having count(*) > 1`).catch(() => ({ rows: [] }));
    await c.end();
    expect(roles.rows).toEqual([]);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect((await a.exited).code).toBe(0);
    expect((await b.exited).code).toBe(0);
    noUndefined(a, b);
  }, 150_000); // child processes on a loaded 2-core machine: generous bounds
});
