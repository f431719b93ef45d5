/**
 * A plugin's public read models (PluginDefinition.views): `<plugin>_v_<name>` over its own
 * tables, read by other plugins instead of the tables. The views follow the table through
 * migrations (a widened column would be refused by PostgreSQL while a view depends on it),
 * row locks taken through a view lock the table's rows, and a view naming another plugin's
 * entity stops the start.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startApp, type TestApp } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-views-'));
const pluginDir = join(dir, 'viewer');
mkdirSync(join(pluginDir, 'entities'), { recursive: true });
writeFileSync(
  join(pluginDir, 'package.json'),
  JSON.stringify({ name: 'viewer', version: '1.0.0', type: 'module', main: 'index.js', tessera: { plugin: 'viewer' } }),
);
const manifest = (views: Record<string, { entity: string; description: string }>) =>
  writeFileSync(join(pluginDir, 'index.js'), `export default ${JSON.stringify({ name: 'viewer', version: '1.0.0', label: 'Viewer', views })};`);
const declare = (nameLength: number, extra: Record<string, unknown> = {}) =>
  writeFileSync(
    join(pluginDir, 'entities', 'thing.json'),
    JSON.stringify({
      name: 'thing',
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: nameLength },
        ...extra,
        lines: {
          type: 'array',
          'x-children': { name: 'thing_line' },
          items: { type: 'object', properties: { qty: { type: 'string', format: 'decimal', 'x-precision': 10, 'x-scale': 2 } } },
        },
      },
    }),
  );
const VIEWS = { thing: { entity: 'thing', description: 'Things.' }, thing_line: { entity: 'thing.lines', description: 'Their lines.' } };

let url: string;
let open: TestApp | undefined;
async function start(): Promise<TestApp> {
  await open?.close();
  open = undefined;
  open = await startApp({ plugins: ['viewer'] }, { url, pluginPaths: [dir] });
  return open;
}
afterAll(async () => open?.close());

const viewColumns = async (t: TestApp, view: string) =>
  (
    await t.db.query(
      `select column_name, data_type, character_maximum_length from information_schema.columns where table_name = $1 order by ordinal_position`,
      [view],
    )
  ).rows.map((c) => `${c.column_name}:${c.data_type}${c.character_maximum_length ? `(${c.character_maximum_length})` : ''}`);

describe('declared views', () => {
  it('are created at start, show the rows and follow the table through a migration', async () => {
    url = await createTestDatabase('views');
    manifest(VIEWS);
    declare(20);
    let t = await start();
    const made = await t.req('POST', '/api/viewer/thing', { name: 'first', lines: [{ qty: '2.50' }, { qty: '1' }] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const rows = await t.db.query(
      `select t.name, sum(l.qty)::text as qty from viewer_v_thing t join viewer_v_thing_line l on l.parent_id = t.id group by t.name`,
    );
    expect(rows.rows).toEqual([{ name: 'first', qty: '3.50' }]);
    expect(await viewColumns(t, 'viewer_v_thing')).toContain('name:character varying(20)');

    // a type change of a column the view shows (PostgreSQL refuses it while the view exists) and a new column
    declare(80, { note: { type: 'string', format: 'text' } });
    t = await start();
    expect(await viewColumns(t, 'viewer_v_thing')).toEqual(expect.arrayContaining(['name:character varying(80)', 'note:text']));
    expect((await t.db.query(`select name, note from viewer_v_thing`)).rows).toEqual([{ name: 'first', note: null }]);

    // a view dropped by hand comes back at the next start
    await t.db.query(`drop view viewer_v_thing_line`);
    t = await start();
    expect((await t.db.query(`select count(*)::int as n from viewer_v_thing_line`)).rows[0]!.n).toBe(2);
  });

  it('lock the rows of the table when read "for update"', async () => {
    const t = open!;
    const [{ id }] = (await t.db.query(`select id from viewer_v_thing`)).rows as { id: number }[];
    const a = await t.db.connect();
    const b = await t.db.connect();
    try {
      await a.query('begin');
      await a.query(`select id from viewer_v_thing where id = $1 for update`, [id]);
      await b.query('begin');
      await b.query(`set local lock_timeout = '200ms'`);
      await expect(b.query(`update viewer_thing set name = 'other' where id = $1`, [id])).rejects.toThrow(/lock timeout/);
      await b.query('rollback');
      await a.query('rollback');
    } finally {
      a.release();
      b.release();
    }
  });

  it('refuse to start when a view names an entity the plugin does not have', async () => {
    // a second plugin (a module is imported once per process, so the first one's manifest stays as it is)
    const other = join(dir, 'misviewer');
    mkdirSync(join(other, 'entities'), { recursive: true });
    writeFileSync(
      join(other, 'package.json'),
      JSON.stringify({ name: 'misviewer', version: '1.0.0', type: 'module', main: 'index.js', tessera: { plugin: 'misviewer' } }),
    );
    writeFileSync(join(other, 'entities', 'thing.json'), JSON.stringify({ name: 'thing', type: 'object', properties: { name: { type: 'string' } } }));
    const views = { stranger: { entity: 'sales_invoice', description: 'Not ours.' } };
    writeFileSync(join(other, 'index.js'), `export default ${JSON.stringify({ name: 'misviewer', version: '1.0.0', label: 'Misviewer', views })};`);
    await expect(startApp({ plugins: ['misviewer'] }, { pluginPaths: [dir] })).rejects.toThrow(
      /plugin misviewer: view stranger reads "sales_invoice", which is not one of its entities/,
    );
  });
});
