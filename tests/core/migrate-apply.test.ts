/**
 * `tessera migrate --apply` when the data cannot take a change (a field made required while rows
 * have no value): the CLI refuses with the plan's explanation and the row count, applies nothing
 * (not even the other pending changes), prints no PostgreSQL stack; once the rows are filled in
 * the same apply goes through.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startApp } from '../helpers.js';
import { killChildren, runCli } from '../processes.js';
import { createTessera } from '../../core/src/app.js';
import { resolveConfig, validateClientConfig } from '../../core/src/config.js';
import { UnsafeMigrationError } from '../../core/src/migrations/plan.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-apply-'));
const pluginDir = join(dir, 'tightening');
mkdirSync(join(pluginDir, 'entities'), { recursive: true });
writeFileSync(
  join(pluginDir, 'package.json'),
  JSON.stringify({ name: 'tightening', version: '1.0.0', type: 'module', main: 'index.js', tessera: { plugin: 'tightening' } }),
);
writeFileSync(join(pluginDir, 'index.js'), `export default { name: 'tightening', version: '1.0.0', label: 'Tightening' };`);
const declare = (properties: Record<string, unknown>, required: string[] = []) =>
  writeFileSync(join(pluginDir, 'entities', 'thing.json'), JSON.stringify({ name: 'thing', type: 'object', required, properties }));
const configFile = join(dir, 'config.json');
writeFileSync(configFile, JSON.stringify({ plugins: ['tightening'], pluginPaths: [dir] }));

afterAll(async () => {
  await killChildren();
  rmSync(dir, { recursive: true, force: true });
});

describe('migrate --apply with data that cannot take the change', () => {
  it('refuses with the explanation and row count, applies nothing, and applies everything once the rows are fixed', async () => {
    const url = await createTestDatabase('apply');
    declare({ name: { type: 'string', maxLength: 40 }, code: { type: 'string', maxLength: 20 }, note: { type: 'string', maxLength: 40 } });
    const t = await startApp({ plugins: ['tightening'] }, { url, pluginPaths: [dir] });
    for (const row of [{ name: 'a', code: 'A' }, { name: 'b' }, { name: 'c', note: 'kept' }])
      expect((await t.req('POST', '/api/tightening/thing', row)).status).toBe(201);
    await t.close();

    // code becomes required (2 rows have none) and note is no longer declared (a drop that could run).
    declare({ name: { type: 'string', maxLength: 40 }, code: { type: 'string', maxLength: 20 } }, ['code']);
    await expect(startApp({ plugins: ['tightening'] }, { url, pluginPaths: [dir] })).rejects.toBeInstanceOf(UnsafeMigrationError);

    const apply = runCli(['migrate', '--apply'], { DATABASE_URL: url, TESSERA_CONFIG: configFile });
    const { code } = await apply.exited;
    expect(code).toBe(1);
    expect(apply.err()).toMatch(/Nothing was applied/);
    expect(apply.err()).toMatch(/\[set-not-null\] making tightening_thing\.code required: 2 row\(s\) have no value/);
    expect(apply.err()).toMatch(/MIGRATION_BLOCKED/);
    expect(apply.err()).not.toMatch(/^\s+at /m); // no stack
    expect(apply.out()).not.toMatch(/Applied/);

    // Nothing of the plan ran: note still there with its value, code still optional.
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const cols = await c.query(`select column_name, is_nullable from information_schema.columns where table_name = 'tightening_thing'`);
      const byName = Object.fromEntries(cols.rows.map((r) => [r.column_name, r.is_nullable]));
      expect(byName.note).toBe('YES');
      expect(byName.code).toBe('YES');
      expect((await c.query(`select note from tightening_thing where name = 'c'`)).rows[0].note).toBe('kept');

      // Fill the rows in: the same apply (the migrate command's code path) now goes through.
      await c.query(`update tightening_thing set code = upper(name) where code is null`);
      const resolved = resolveConfig(validateClientConfig({ plugins: ['tightening'] }, '(test)'), '(test)');
      const m = await createTessera({ config: resolved, databaseUrl: url, migrateOnly: true, pluginPaths: [dir] });
      try {
        await m.migrator!.apply(await m.migrator!.plan());
      } finally {
        await m.close();
      }
      const after = await c.query(`select column_name, is_nullable from information_schema.columns where table_name = 'tightening_thing'`);
      const now = Object.fromEntries(after.rows.map((r) => [r.column_name, r.is_nullable]));
      expect(now.code).toBe('NO');
      expect(now.note).toBeUndefined();
    } finally {
      await c.end();
    }
    const again = await startApp({ plugins: ['tightening'] }, { url, pluginPaths: [dir] });
    expect((await again.req('GET', '/api/tightening/thing')).body.data).toHaveLength(3);
    await again.close();
  }, 150_000);
});
