/**
 * `pnpm start` runs the server as one Node process on compiled JavaScript (issue #19): the
 * bundle core/scripts/build-server.mjs makes from the core and the repository's plugins.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_HEAP_MB } from '../../core/src/heap.js';
import { createTestDatabase } from '../helpers.js';
import { killChildren, randomPort, ROOT, runCli } from '../processes.js';

const tmp = mkdtempSync(join(tmpdir(), 'tessera-compiled-'));
afterAll(async () => {
  await killChildren();
  rmSync(tmp, { recursive: true, force: true });
});

const childrenOf = (pid: number) =>
  readdirSync('/proc').filter((d) => {
    try {
      return /^\d+$/.test(d) && readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(pid);
    } catch {
      return false;
    }
  });

describe('the compiled server', () => {
  it('pnpm start execs one Node process on core/dist/cli.mjs: it migrates, serves keyset pages and stops cleanly on SIGTERM', async () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
    // One node process with pnpm start's heap limit (TESSERA_MAX_HEAP_MB, core/src/heap.ts: the benches use the same default).
    const heap = `--max-old-space-size=\${TESSERA_MAX_HEAP_MB-${DEFAULT_MAX_HEAP_MB}}`;
    expect(scripts.start).toMatch(/node core\/scripts\/build-server\.mjs && exec node (\S+) core\/dist\/cli\.mjs start --demo$/);
    expect(scripts.start.endsWith(`exec node ${heap} core/dist/cli.mjs start --demo`)).toBe(true);
    expect(scripts.serve.endsWith(`exec node ${heap} core/dist/cli.mjs start`)).toBe(true);
    // The shell gives node the default, the variable's value, or (0 or empty) V8's own sizing.
    const limit = (env: Record<string, string>) =>
      Number(
        execFileSync('sh', ['-c', `exec "${process.execPath}" ${heap} -p "require('v8').getHeapStatistics().heap_size_limit >> 20"`], {
          env: { PATH: process.env.PATH!, ...env },
        }).toString(),
      );
    const v8Default = limit({ TESSERA_MAX_HEAP_MB: '0' });
    expect(limit({})).toBeGreaterThanOrEqual(DEFAULT_MAX_HEAP_MB);
    expect(limit({})).toBeLessThan(DEFAULT_MAX_HEAP_MB + 100);
    expect(limit({ TESSERA_MAX_HEAP_MB: '1024' })).toBeGreaterThanOrEqual(1024);
    expect(limit({ TESSERA_MAX_HEAP_MB: '1024' })).toBeLessThan(1124);
    expect(limit({ TESSERA_MAX_HEAP_MB: '' })).toBe(v8Default);
    expect(v8Default).not.toBe(limit({}));
    execFileSync(process.execPath, [join(ROOT, 'core', 'scripts', 'build-server.mjs')], { cwd: ROOT, stdio: 'pipe' });
    const cfg = join(tmp, 'config.json');
    writeFileSync(cfg, JSON.stringify({ plugins: ['inventory'], company: { name: 'Compiled UAB', currency: 'EUR' } }));
    const port = await randomPort();
    const url = await createTestDatabase('compiled');
    const p = runCli(['start'], { DATABASE_URL: url, PORT: String(port), TESSERA_CONFIG: cfg, TESSERA_DATA_DIR: join(tmp, 'data') }, { compiled: true });
    await p.waitFor(/Tessera ready in \d+ ms/);
    // One process: no tsx parent, no child (the loader thread of --import tsx is not there either).
    expect(childrenOf(p.child.pid!)).toEqual([]);
    expect(readFileSync(`/proc/${p.child.pid}/cmdline`, 'utf8').split('\0')).toContain(join(ROOT, 'core', 'dist', 'cli.mjs'));
    expect(readFileSync(`/proc/${p.child.pid}/cmdline`, 'utf8').split('\0')).toContain(`--max-old-space-size=${DEFAULT_MAX_HEAP_MB}`);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    // HEAD is answered by the GET route (no HEAD routes are registered): the GET's headers, no body.
    const head = await fetch(`http://127.0.0.1:${port}/api/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(health.headers.get('content-length'));
    expect(head.headers.get('content-type')).toBe(health.headers.get('content-type'));
    expect(await head.text()).toBe('');
    expect((await fetch(`http://127.0.0.1:${port}/api/inventory/item?total=none`, { method: 'HEAD' })).status).toBe(401);
    // The repository's plugin came from the bundle: its routes answer (401 without a session).
    expect((await fetch(`http://127.0.0.1:${port}/api/inventory/item?total=none`)).status).toBe(401);
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);
  }, 120_000);

  it('brings the entity meta-schema validator precompiled (ajv standalone), deciding every declaration as the runtime-compiled one does', async () => {
    execFileSync(process.execPath, [join(ROOT, 'core', 'scripts', 'build-server.mjs')], { cwd: ROOT, stdio: 'pipe' });
    const pre = await import(pathToFileURL(join(ROOT, 'core', 'dist', 'meta-validator.mjs')).href);
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'entity.schema.json'), 'utf8'));
    expect(pre.hash).toBe(createHash('sha1').update(JSON.stringify(schema)).digest('hex'));
    // The core's own ajv (the tests package does not depend on it).
    const { Ajv } = createRequire(join(ROOT, 'core', 'package.json'))('ajv');
    const runtime = new Ajv({ allErrors: true, strict: false });
    runtime.addFormat('regex', {
      validate: (x: string) =>
        (() => {
          try {
            new RegExp(x, 'u');
            return true;
          } catch {
            return false;
          }
        })(),
    });
    const compiled = runtime.compile(schema);
    const declarations = [
      ...readdirSync(join(ROOT, 'plugins')).flatMap((p) => {
        try {
          return readdirSync(join(ROOT, 'plugins', p, 'entities')).map((f) => JSON.parse(readFileSync(join(ROOT, 'plugins', p, 'entities', f), 'utf8')));
        } catch {
          return [];
        }
      }),
      { name: 'bad_regex', type: 'object', properties: { code: { type: 'string', pattern: '([a-z' } } },
      { name: 'bad_keyword', type: 'object', properties: { code: { type: 'string', 'x-unknown': 1 } } },
      { name: 'Bad Name', type: 'object', properties: { a: { type: 'number' } } },
    ];
    expect(declarations.length).toBeGreaterThan(20);
    for (const d of declarations) {
      const ok = compiled(d);
      expect(pre.validate(d)).toBe(ok);
      expect(pre.validate.errors ?? null).toEqual(compiled.errors ?? null);
    }
    expect(pre.validate(declarations.at(-3))).toBe(false);
    expect(pre.validate.errors.some((e: any) => e.instancePath === '/properties/code/pattern' && e.keyword === 'format')).toBe(true);
  }, 120_000);

  it('brings the client configuration, plugin manifest and JSON Schema validators precompiled, deciding as the runtime-compiled ones do', async () => {
    execFileSync(process.execPath, [join(ROOT, 'core', 'scripts', 'build-server.mjs')], { cwd: ROOT, stdio: 'pipe' });
    const req = createRequire(join(ROOT, 'core', 'package.json'));
    const { Ajv } = req('ajv');
    const load = (name: string) => import(pathToFileURL(join(ROOT, 'core', 'dist', `${name}.mjs`)).href);
    const json = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8'));
    const hash = (...xs: unknown[]) =>
      createHash('sha1')
        .update(xs.map((x) => JSON.stringify(x)).join('\n'))
        .digest('hex');
    const same = (pre: any, runtime: any, values: unknown[]) => {
      for (const v of values) {
        expect(pre.validate(v)).toBe(runtime(v));
        expect(pre.validate.errors ?? null).toEqual(runtime.errors ?? null);
      }
    };
    // The client configuration (core/src/config.ts), which refers to the entity schema.
    const config = await load('config-validator');
    const entity = json('entity.schema.json');
    const client = json('client-config.schema.json');
    expect(config.hash).toBe(hash(client, entity));
    const cfgAjv = new Ajv({ allErrors: true, strict: false });
    cfgAjv.addFormat('regex', true);
    cfgAjv.addSchema(entity, 'entity.schema.json');
    same(config, cfgAjv.compile(client), [
      JSON.parse(readFileSync(join(ROOT, 'tessera.config.json'), 'utf8')),
      { plugins: ['crm'], company: { name: 'X', currency: 'EUR' } },
      { plugins: 'crm' },
      { plugins: [], colour: 'red' },
      { plugins: [], customizations: { 'crm.customer': { fields: { extra: { type: 'number' } } } } },
    ]);
    // The plugin manifest (core/src/plugins/loader.ts).
    const manifest = await load('manifest-validator');
    const pluginSchema = json('plugin.schema.json');
    expect(manifest.hash).toBe(hash(pluginSchema));
    same(manifest, new Ajv({ allErrors: true, strict: false }).compile(pluginSchema), [
      { name: 'crm', version: '1.0.0', label: 'CRM' },
      { name: 'Bad Name', version: 1 },
      {},
    ]);
    // JSON Schema draft-07 (checkSchema: action inputs and plugin settings are checked with it at start).
    const draft = await load('schema-validator');
    const draft7 = req('ajv/dist/refs/json-schema-draft-07.json');
    expect(draft.hash).toBe(hash(draft7));
    const own = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    // Without the compiled server's validator (tsx, tests) checkSchema refuses as ajv's compile does.
    const { checkSchema } = await import('../../core/src/schema/validation.js');
    expect(() => checkSchema({ type: 'object', properties: { a: { type: 'string' } } })).not.toThrow();
    expect(() => checkSchema({ type: 'objekt' })).toThrow(/^schema is invalid: data\/type must be equal to one of the allowed values/);
    expect(() => new Ajv({ allErrors: true }).compile({ type: 'objekt' })).toThrow(/^schema is invalid: data\/type must be equal to one of the allowed values/);
    same(draft, own.getSchema(draft7.$id), [
      { type: 'object', properties: { qty: { type: 'string', format: 'decimal' } }, required: ['qty'] },
      { type: 'objekt' },
      { type: 'object', required: 'qty' },
      { properties: { a: { minLength: -1 } } },
    ]);
  }, 120_000);
});
