import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startApp, type TestApp } from '../helpers.js';
import { UnsafeMigrationError } from '../../core/src/migrations/plan.js';

/** A throw-away plugin whose declaration each step rewrites. */
const dir = mkdtempSync(join(tmpdir(), 'tessera-mig-'));
const pluginDir = join(dir, 'evolving');
mkdirSync(join(pluginDir, 'entities'), { recursive: true });
writeFileSync(
  join(pluginDir, 'package.json'),
  JSON.stringify({ name: 'evolving', version: '1.0.0', type: 'module', main: 'index.js', tessera: { plugin: 'evolving' } }),
);
writeFileSync(join(pluginDir, 'index.js'), `export default { name: 'evolving', version: '1.0.0', label: 'Evolving' };`);

function declare(properties: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  writeFileSync(join(pluginDir, 'entities', 'thing.json'), JSON.stringify({ name: 'thing', type: 'object', properties, ...extra }));
}

let url: string;
let open: TestApp | undefined;
async function start(): Promise<TestApp> {
  await open?.close();
  open = undefined;
  open = await startApp({ plugins: ['evolving'] }, { url, pluginPaths: [dir] });
  return open;
}
afterAll(async () => open?.close());

async function columns(t: TestApp): Promise<Record<string, string>> {
  const r = await t.db.query(
    `select column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable from information_schema.columns where table_name = 'evolving_thing'`,
  );
  return Object.fromEntries(
    r.rows.map((c) => [
      c.column_name,
      `${c.data_type}${c.character_maximum_length ? `(${c.character_maximum_length})` : ''}${c.data_type === 'numeric' ? `(${c.numeric_precision},${c.numeric_scale})` : ''}${c.is_nullable === 'NO' ? ' not null' : ''}`,
    ]),
  );
}

describe('schema changes: additive ones apply on start, data survives, lossy ones are refused with a plan', () => {
  it('walks a table through every automatic change with data in it', async () => {
    url = await createTestDatabase('mig');
    declare({ name: { type: 'string', maxLength: 20 }, amount: { type: 'string', format: 'decimal', 'x-precision': 8, 'x-scale': 2 } });
    let t = await start();
    const created = await t.req('POST', '/api/evolving/thing', { name: 'keep me', amount: '123456.78' });
    expect(created.status).toBe(201);
    const id = created.body.id;

    // 1. new column, new index, new enum field with default, new table
    declare(
      {
        name: { type: 'string', maxLength: 20, 'x-index': true },
        amount: { type: 'string', format: 'decimal', 'x-precision': 8, 'x-scale': 2 },
        note: { type: 'string', format: 'text' },
        kind: { type: 'string', enum: ['a', 'b'], default: 'a' },
      },
      { 'x-search': ['name'] },
    );
    writeFileSync(
      join(pluginDir, 'entities', 'other.json'),
      JSON.stringify({ name: 'other', type: 'object', properties: { thing: { type: 'integer', 'x-ref': 'thing' } } }),
    );
    t = await start();
    expect(await columns(t)).toMatchObject({ note: 'text', kind: 'text', name: 'character varying(20)' });
    const idx = await t.db.query(`select indexname from pg_indexes where tablename = 'evolving_thing'`);
    expect(idx.rows.map((r) => r.indexname)).toEqual(expect.arrayContaining(['evolving_thing_name_index', 'evolving_thing_fts_index']));
    expect((await t.db.query(`select to_regclass('evolving_other') as t`)).rows[0]!.t).toBe('evolving_other');

    // 2. widen the string, widen the numeric, add an enum option, relax nothing
    declare(
      {
        name: { type: 'string', maxLength: 200, 'x-index': true },
        amount: { type: 'string', format: 'decimal', 'x-precision': 14, 'x-scale': 4 },
        note: { type: 'string', format: 'text' },
        kind: { type: 'string', enum: ['a', 'b', 'c'], default: 'a' },
      },
      { 'x-search': ['name'] },
    );
    t = await start();
    expect(await columns(t)).toMatchObject({ name: 'character varying(200)', amount: 'numeric(14,4)' });
    const ok = await t.req('POST', '/api/evolving/thing', { name: 'x'.repeat(150), kind: 'c', amount: '1234567890.1234' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);

    // the original row is intact after every automatic change
    const got = await t.req('GET', `/api/evolving/thing/${id}`);
    expect(got.body).toMatchObject({ name: 'keep me', amount: '123456.7800', kind: 'a', note: null });
  });

  it('refuses drops, narrowing, type changes and renames, showing rows affected; the CLI path applies them', async () => {
    const base = {
      name: { type: 'string', maxLength: 200, 'x-index': true },
      amount: { type: 'string', format: 'decimal', 'x-precision': 14, 'x-scale': 4 },
      note: { type: 'string', format: 'text' },
      kind: { type: 'string', enum: ['a', 'b', 'c'], default: 'a' },
    };
    // drop "note" (1 row has a value), narrow "name" (1 row is too long), change "amount" to integer
    const t0 = await start();
    await t0.req('PATCH', `/api/evolving/thing/1`, { note: 'precious' });
    await open!.close();
    open = undefined;
    declare({ name: { type: 'string', maxLength: 100 }, amount: { type: 'integer' }, kind: base.kind }, { 'x-search': ['name'] });
    const err = await start().catch((e) => e);
    expect(err).toBeInstanceOf(UnsafeMigrationError);
    const plan = (err as UnsafeMigrationError).plan;
    const byKind = Object.fromEntries(plan.unsafe.map((u) => [`${u.kind}:${u.column}`, u.rowsAffected]));
    expect(byKind).toEqual({ 'drop-column:note': 1, 'narrow-column:name': 1, 'change-type:amount': 2 });
    expect(err.message).toContain('tessera migrate --apply');

    // nothing unsafe happened: the data is all still there
    declare(base, { 'x-search': ['name'] });
    const t1 = await start();
    const row = await t1.req('GET', '/api/evolving/thing/1');
    expect(row.body.note).toBe('precious');
    expect(await columns(t1)).toMatchObject({ name: 'character varying(200)', amount: 'numeric(14,4)', note: 'text' });

    // an explicit rename keeps the data under the new name once applied
    declare({ ...base, note: undefined, remark: { type: 'string', format: 'text', 'x-renamed-from': 'note' } } as any, { 'x-search': ['name'] });
    const renameErr = await start().catch((e) => e);
    expect(renameErr).toBeInstanceOf(UnsafeMigrationError);
    expect((renameErr as UnsafeMigrationError).plan.unsafe.map((u) => u.kind)).toEqual(['rename-column']);
    // the explicit command (tessera migrate --apply) runs the full plan
    const { createTessera } = await import('../../core/src/app.js');
    const { resolveConfig } = await import('../../core/src/config.js');
    const { FIXTURE_PLUGINS } = await import('../helpers.js');
    const m = await createTessera({
      config: resolveConfig({ plugins: ['evolving'] }),
      databaseUrl: url,
      migrateOnly: true,
      pluginPaths: [FIXTURE_PLUGINS, dir],
    });
    const full = await m.migrator!.plan();
    expect(full.fullSql).toMatch(/rename column "note" to "remark"/);
    await m.migrator!.execute(full.fullSql, full.hash);
    await m.close();
    const t2 = await start();
    expect((await t2.req('GET', '/api/evolving/thing/1')).body.remark).toBe('precious');
  });
});
