/**
 * Browser-facing hardening (issue 11): cross-site writes with the session cookie, login
 * guessing (parallel, forged X-Forwarded-For, trusted proxies), the general per-address limit,
 * security headers, and the test tooling (runner summary, plugin dependencies, README users).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../core/src/app.js';
import { FIXTURE_PLUGINS, startApp, withDependencies, type TestApp } from '../helpers.js';

const run = promisify(execFile);
let t: TestApp;
let user: { id: number; token: string; password: string };

beforeAll(async () => {
  t = await startApp({ plugins: ['catalog', 'catalog_ext'], roles: { 'test.clerk': { label: 'Clerk', permissions: { 'catalog.*': '*' } } } });
  user = await t.createUser('csrf.clerk', ['test.clerk'], { password: 'clerk-password-1' });
});
afterAll(async () => t?.close());

/** Logs in through the API and returns the session cookie as a browser would send it back. */
async function sessionCookie(app: TestApp, username: string, password: string): Promise<string> {
  const r = await app.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password }),
  });
  expect(r.statusCode, r.body).toBe(200);
  const set = String(r.headers['set-cookie']);
  expect(set).toMatch(/SameSite=Lax/);
  return set.split(';')[0]!;
}

const categories = async () => Number((await t.req('GET', '/api/catalog/category?limit=1')).body.total);

describe('cross-site requests (CSRF)', () => {
  it('refuses a cross-site text/plain POST with the session cookie, and writes nothing', async () => {
    const cookie = await sessionCookie(t, 'csrf.clerk', 'clerk-password-1');
    const before = await categories();
    // What an HTML form on another site can send: text/plain, the cookie, the attacker's Origin.
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/category',
      headers: { cookie, 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: JSON.stringify({ name: 'Planted by another site' }),
    });
    expect(forged.statusCode).toBe(415);
    expect(forged.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain;charset=UTF-8']) {
      const r = await t.app.inject({ method: 'POST', url: '/api/catalog/category', headers: { cookie, 'content-type': type }, payload: 'name=x' });
      expect(r.statusCode, type).toBe(415);
    }
    // JSON from another origin (a CORS "simple" request cannot send it, but a misconfigured proxy could).
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/category',
      headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
      payload: JSON.stringify({ name: 'Planted 2' }),
    });
    expect(json.statusCode).toBe(403);
    expect(json.json().error.code).toBe('CROSS_SITE_REQUEST');
    const fetchMeta = await t.app.inject({ method: 'DELETE', url: '/api/auth/tokens/1', headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(fetchMeta.statusCode).toBe(403);
    expect(fetchMeta.json().error.code).toBe('CROSS_SITE_REQUEST');
    const nullOrigin = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: 'null' } });
    expect(nullOrigin.statusCode).toBe(403);
    expect(await categories()).toBe(before);
  });

  it('accepts the same requests from the server’s own origin, and bearer-token requests from anywhere', async () => {
    const cookie = await sessionCookie(t, 'csrf.clerk', 'clerk-password-1');
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/category',
      headers: { cookie, host: 'tessera.local:8080', origin: 'http://tessera.local:8080', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Made in the app' }),
    });
    expect(own.statusCode, own.body).toBe(201);
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/category',
      headers: { authorization: `Bearer ${user.token}`, origin: 'https://integration.example', 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Made by an integration' }),
    });
    expect(token.statusCode, token.body).toBe(201);
    // A write without a body (submit, logout) needs no content type.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(200);
  });
});

describe('login limits', () => {
  it('evaluates at most the allowed number of 20 parallel wrong guesses', async () => {
    await t.createUser('guess.target', [], { password: 'the right password' });
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.req('POST', '/api/auth/login', { username: 'guess.target', password: `guess ${i}` }, { authorization: '' })),
    );
    const evaluated = guesses.filter((g) => g.status === 401).length;
    const refused = guesses.filter((g) => g.status === 429);
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(evaluated + refused.length).toBe(20);
    expect(refused[0]!.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    const right = await t.req('POST', '/api/auth/login', { username: 'guess.target', password: 'the right password' }, { authorization: '' });
    expect(right.status).toBe(429);
  });

  it('limits guesses of the current password on a password change like logins', async () => {
    const u = await t.createUser('pw.changer', [], { password: 'the right password' });
    const change = (current: string) => u.req('POST', '/api/auth/password', { current, password: 'a brand new password' });
    for (let i = 0; i < 5; i++) expect((await change(`guess ${i}`)).status).toBe(422);
    const blocked = await change('the right password');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('counts per address and ignores a forged X-Forwarded-For when no proxy is trusted', async () => {
    const from = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.10',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        payload: JSON.stringify({ username: `nobody${i}`, password: 'wrong password' }),
      });
    for (let i = 0; i < 20; i++) expect((await from(i)).statusCode).toBe(401);
    const blocked = await from(99);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('honours X-Forwarded-For from the proxies in TESSERA_TRUST_PROXY, and limits each address of the API', async () => {
    const saved = { proxy: process.env.TESSERA_TRUST_PROXY, limit: process.env.TESSERA_RATE_LIMIT };
    process.env.TESSERA_TRUST_PROXY = '10.0.0.0/8';
    process.env.TESSERA_RATE_LIMIT = '30';
    let p: TestApp | undefined;
    try {
      p = await startApp({ plugins: ['catalog'] });
    } finally {
      for (const [k, v] of [
        ['TESSERA_TRUST_PROXY', saved.proxy],
        ['TESSERA_RATE_LIMIT', saved.limit],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
    try {
      const login = (client: string, i: number, remoteAddress = '10.1.2.3') =>
        p!.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
          payload: JSON.stringify({ username: `user${i}`, password: 'wrong password' }),
        });
      // The proxy's X-Forwarded-Proto is believed too: a session cookie over https is Secure.
      const good = await p!.createUser('proxied.user', [], { password: 'proxied-password-1' });
      const https = await p!.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.1.2.3',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.3', 'x-forwarded-proto': 'https' },
        payload: JSON.stringify({ username: 'proxied.user', password: good.password }),
      });
      expect(https.statusCode).toBe(200);
      expect(String(https.headers['set-cookie'])).toContain('; Secure');
      for (let i = 0; i < 20; i++) expect((await login('198.51.100.1', i)).statusCode).toBe(401);
      expect((await login('198.51.100.1', 50)).statusCode).toBe(429);
      // Through the trusted proxy, another client is another address.
      expect((await login('198.51.100.2', 51)).statusCode).toBe(401);
      // From an untrusted peer the header is ignored: the peer itself is counted.
      expect((await login('198.51.100.1', 52, '192.0.2.77')).statusCode).toBe(401);

      const health = (client: string) =>
        p!.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': client } });
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await health('198.51.100.9')).statusCode);
      expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
      const limited = await health('198.51.100.9');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('TOO_MANY_REQUESTS');
      expect((await health('198.51.100.10')).statusCode).toBe(200);
    } finally {
      await p.close();
    }
  });
});

describe('the one HTTP server', () => {
  it('streams the admin UI files without a MaxListenersExceededWarning on the response', async () => {
    // pnpm test builds the admin UI first (admin-ui/scripts/ensure-built.mjs).
    expect(existsSync(join(ROOT_DIR, 'admin-ui', 'dist', 'index.html')), 'build the admin UI: pnpm --filter @tessera/admin-ui build').toBe(true);
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.message);
    process.on('warning', onWarning);
    const server = await t.listen!(0, '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      // The files, and a client route the UI answers with index.html (a streamed file after a 404).
      const paths = ['/admin/', '/admin/some/client/route'];
      for (const m of (await (await fetch(`${base}/admin/`)).text()).matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g))
        paths.push(m[1]!.startsWith('/') ? m[1]! : `/admin/${m[1]!.replace(/^\.\//, '')}`);
      const statuses = await Promise.all(
        paths.map((p) =>
          fetch(base + p, { headers: { 'accept-encoding': 'gzip, br' } }).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          }),
        ),
      );
      expect(statuses).toEqual(paths.map(() => 200));
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.includes('listeners'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await new Promise((r) => server.close(() => r(undefined)));
    }
  });
});

describe('security headers', () => {
  it('sends no-framing, nosniff, referrer policy and a CSP; API JSON is not cached', async () => {
    for (const path of ['/api/health', '/api/meta', '/admin/', '/api/nowhere']) {
      const r = await t.req('GET', path);
      expect(r.headers['x-frame-options'], path).toBe('DENY');
      expect(r.headers['x-content-type-options'], path).toBe('nosniff');
      expect(r.headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect(String(r.headers['content-security-policy']), path).toContain("frame-ancestors 'none'");
      expect(String(r.headers['content-security-policy']), path).toContain("script-src 'self'");
      if (path.startsWith('/api/')) expect(r.headers['cache-control'], path).toBe('no-store');
      // The rest of helmet's set (worked out once at start-up, sent on every response, errors too).
      expect(r.headers, path).toMatchObject({
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
      expect(r.headers['cross-origin-embedder-policy'], path).toBeUndefined();
    }
    // The API docs (swagger UI) still load: page and its assets.
    const docs = await t.req('GET', '/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['x-frame-options']).toBe('DENY');
    expect(String(docs.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(String(docs.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    const assets = [...String(docs.body).matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const a of assets) expect((await t.req('GET', `/docs/${a.replace(/^docs\//, '')}`)).status, a).toBe(200);
    expect((await t.req('GET', '/docs/json')).status).toBe(200);
  });
});

describe('test tooling', () => {
  it('the runner counts test files that fail to load as failures and exits non-zero', { timeout: 120_000 }, async () => {
    const results = join(tmpdir(), `runner-${process.pid}.json`);
    const res = await run('node', ['tests/run.mjs', '--config', 'tests/fixtures/runner/vitest.config.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, TESSERA_RESULTS_FILE: results },
    }).catch((e) => e);
    rmSync(results, { force: true });
    const text = `${res.stdout}`;
    expect(text.trim().split('\n').at(-1)).toBe('1 passed, 2 failed, 0 skipped');
    expect(res.code).toBe(1);
  });

  it('startApp pulls in the plugins a plugin depends on, transitively', async () => {
    expect(await withDependencies(['sales'], [])).toEqual(['crm', 'inventory', 'sales']);
    expect(await withDependencies(['needs_missing'], [FIXTURE_PLUGINS])).toEqual(['nowhere', 'needs_missing']);
    // A plugin's own test names only that plugin (catalog_ext depends on catalog).
    const only = await startApp({ plugins: ['catalog_ext'] });
    try {
      expect(only.plugins.map((p) => p.def.name)).toEqual(['auth', 'catalog', 'catalog_ext', 'messaging']);
      expect((await only.req('GET', '/api/catalog/product')).status).toBe(200);
    } finally {
      await only.close();
    }
  });

  it('the README names exactly the demo users the plugins’ roles create', async () => {
    const readme = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- demo-users:start -->'), readme.indexOf('<!-- demo-users:end -->'));
    const listed = [...block.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    // Every plugin of the demo configuration that `pnpm start` runs.
    const plugins: string[] = JSON.parse(readFileSync(join(ROOT_DIR, 'tessera.config.json'), 'utf8')).plugins;
    const declared: [string, string][] = [];
    // The built-in plugins' roles (the studio's consultant) come with every configuration.
    for (const [role, r] of Object.entries((await import('../../core/builtin/auth/index.js')).default.roles ?? {}) as [string, { label: string }][])
      declared.push([role, r.label]);
    for (const name of plugins) {
      const def = (await import(`../../plugins/${name}/index.ts`)).default;
      for (const [role, r] of Object.entries(def.roles ?? {}) as [string, { label: string }][]) declared.push([role, r.label]);
    }
    expect(listed).toEqual(declared.sort((a, b) => a[0].localeCompare(b[0])));
    expect(readme).toMatch(/PORT=\d+ pnpm start/);
    expect(readme).toMatch(/rm -rf \.tessera/);
  });
});
