/**
 * Data out: CSV and XLSX exports streamed through a cursor with no row cap, labels in the
 * user's language, references as titles, locale decimals, typed XLSX cells, formula injection
 * escaped, the user's filter, sort, columns and field rules applied; exports as jobs.
 */
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { filter, startApp, type TestApp } from '../helpers.js';
import { zipBacklog } from '../../core/src/export/write.js';

let t: TestApp;
const ROWS = 100_009;

async function get(path: string, token = t.adminToken) {
  const res = await t.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, text: res.body, json: () => res.json() };
}

beforeAll(async () => {
  t = await startApp({
    plugins: ['inventory'],
    roles: {
      'inventory.exporter': {
        label: 'Exporter',
        permissions: { 'inventory.item': ['read', 'export'], 'inventory.uom': ['read'] },
        fields: { 'inventory.item': { standard_rate: 'hidden' } },
      },
    },
  });
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
  await t.db.query(
    `insert into inventory_item (code, name, stock_uom, standard_rate, is_stock_item, valuation_method, allow_negative_stock, disabled)
     select 'IT-' || lpad(g::text, 6, '0'), 'Item ' || g, $1, (g % 1000)::numeric / 100 + 0.005, g % 2 = 0, 'fifo', false, false from generate_series(1, ${ROWS}) g`,
    [nos],
  );
  await t.db.query(`update inventory_item set name = '=HYPERLINK("http://evil")' where code = 'IT-000003'`);
  // The other formula prefixes (+ - @), and a negative number as text, which stays as it is.
  await t.db.query(
    `update inventory_item set name = (array['+cmd|/C calc', '-2+3', '@SUM(A1)', '-5'])[substr(code, 4)::int - 3] where code in ('IT-000004', 'IT-000005', 'IT-000006', 'IT-000007')`,
  );
});
afterAll(async () => {
  await t?.close();
});

describe('export', () => {
  it(`CSV: all ${ROWS.toLocaleString('en')} rows, UTF-8 with BOM, labels, references as titles, formulas escaped`, async () => {
    const r = await get('/api/inventory/item?format=csv&sort=code&fields=code,name,stock_uom,standard_rate,is_stock_item,valuation_method');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect([...r.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(r.text, { bom: true });
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows[0]).toEqual(['ID', 'Item code', 'Name', 'Stock unit', 'Standard buying rate', 'Maintain stock', 'Valuation method']);
    expect(rows[1]!.slice(1)).toEqual(['IT-000001', 'Item 1', 'Nos', '0.015000000', 'No', 'FIFO']);
    expect(rows[3]![2]).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows.slice(4, 8).map((x) => x[2])).toEqual([`'+cmd|/C calc`, `'-2+3`, `'@SUM(A1)`, '-5']);
    expect(rows[ROWS]![1]).toBe(`IT-${String(ROWS).padStart(6, '0')}`);
  });

  it(`XLSX: all ${ROWS.toLocaleString('en')} rows with typed cells, read back with a streaming reader`, async () => {
    const r = await get(`/api/inventory/item?format=xlsx&sort=code&fields=code,name,standard_rate,is_stock_item,created_at`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(r.raw), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache' } as any);
    let n = 0;
    const seen: unknown[][] = [];
    for await (const ws of reader as any)
      for await (const row of ws) {
        n++;
        if (n <= 8 || n === ROWS + 1) seen.push((row.values as unknown[]).slice(1));
      }
    expect(n).toBe(ROWS + 1);
    expect(seen[0]).toEqual(['ID', 'Item code', 'Name', 'Standard buying rate', 'Maintain stock', 'Created']);
    expect(seen[1]![1]).toBe('IT-000001');
    expect(seen[1]![3]).toBe(0.015);
    expect(seen[2]![4]).toBe(true);
    expect(seen[1]![5]).toBeInstanceOf(Date);
    expect(seen[3]![2]).toBe(`'=HYPERLINK("http://evil")`);
    expect(seen.slice(4, 8).map((x) => x[2])).toEqual([`'+cmd|/C calc`, `'-2+3`, `'@SUM(A1)`, '-5']);
    expect(seen[8]![1]).toBe(`IT-${String(ROWS).padStart(6, '0')}`);
  });

  it("the XLSX writer waits for the compressor: exceljs' hand-over it counts is there (an upgrade without it fails here)", () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() as any });
    const ws = wb.addWorksheet('Check');
    const handOver = (ws as any).stream._pipe;
    expect(typeof handOver).toBe('function');
    zipBacklog(ws);
    expect((ws as any).stream._pipe).not.toBe(handOver);
  });

  it("the user's filter, sort, language and field rules; Lithuanian decimals on request", async () => {
    const user = await t.createUser('exporter', ['inventory.exporter']);
    const r = await get(
      `/api/inventory/item?format=csv&lang=lt&decimals=locale&sort=-code&filter=${filter({ code: { in: ['IT-000001', 'IT-000002'] }, 'stock_uom.name': 'Nos' })}`,
      user.token,
    );
    expect(r.status).toBe(200);
    const rows: string[][] = parse(r.text, { bom: true, delimiter: ';' });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Prekės kodas');
    expect(rows[0]).not.toContain('Standartinė pirkimo kaina');
    expect(rows.map((x) => x[1])).toEqual(['Prekės kodas', 'IT-000002', 'IT-000001']);
    expect(rows[1]).toContain('Taip');
    const admin = await get(`/api/inventory/item?format=csv&lang=lt&decimals=locale&fields=code,standard_rate&filter=${filter({ code: 'IT-000001' })}`);
    expect(parse(admin.text, { bom: true, delimiter: ';' })[1]).toEqual([expect.any(String), 'IT-000001', '0,015000000']);
    const names = await get(`/api/inventory/item?format=csv&headers=names&refs=id&fields=code,stock_uom&filter=${filter({ code: 'IT-000001' })}`);
    expect(parse(names.text, { bom: true })[0]).toEqual(['id', 'code', 'stock_uom']);
    const refused = await get('/api/inventory/item?format=csv&sort=standard_rate', user.token);
    expect(refused.status).toBe(400);
  });

  it('a long export as a job: progress, then a download link', async () => {
    const started = await t.app.inject({
      method: 'GET',
      url: `/api/inventory/item?format=csv&async=true&filter=${filter({ code: { startsWith: 'IT-01' } })}`,
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(started.statusCode).toBe(202);
    const job = started.json();
    expect(job.total).toBe(10_000);
    let state: any;
    for (let i = 0; i < 200; i++) {
      state = (await get(job.progress)).json();
      // Queued in pg-boss first, then running in a worker.
      if (state.status !== 'queued' && state.status !== 'running') break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(state).toMatchObject({ status: 'done', done: 10_000, progress: 100 });
    const file = await get(state.download);
    expect(parse(file.text, { bom: true })).toHaveLength(10_001);
    const other = await t.createUser('other_exporter', ['inventory.exporter']);
    expect((await get(state.download, other.token)).status).toBe(404);
  });
});
