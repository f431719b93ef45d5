/**
 * Imports beyond one file in one request: a parent file plus a lines file (two CSVs in one
 * multipart request, or an XLSX workbook with a sheet per table), and background imports as
 * pg-boss jobs (queued, progress, done or cancelled; the history; an error file and a large
 * dry run's capped answer from the files store). Real PostgreSQL, pg-boss and HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ok = (r: { status: number; body: any }, status = 200) => {
  expect(r.status, JSON.stringify(r.body).slice(0, 2000)).toBe(status);
  return r.body;
};

async function post(url: string, payload: string | Buffer, type: string) {
  const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type, authorization: `Bearer ${t.adminToken}` }, payload });
  return { status: res.statusCode, body: (res.headers['content-type'] ?? '').toString().includes('json') ? res.json() : res.body };
}

/** A multipart/form-data body with the given files, as a browser sends it. */
async function multipart(files: Record<string, { name: string; type: string; content: string }>) {
  const form = new FormData();
  for (const [field, f] of Object.entries(files)) form.append(field, new Blob([f.content], { type: f.type }), f.name);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { type: req.headers.get('content-type')!, body: Buffer.from(await req.arrayBuffer()) };
}

/** Polls a background import until it leaves queued/running. */
async function settle(url: string) {
  for (let i = 0; i < 600; i++) {
    const state = ok(await t.req('GET', url));
    if (!['queued', 'running', 'cancelling'].includes(state.status)) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not finish`);
}

const count = async (table: string, where = 'true') => Number((await t.db.query(`select count(*)::int as n from ${table} where ${where}`)).rows[0].n);

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'sales'] });
  ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Main', code: 'MAIN' }), 201);
  for (const code of ['BOLT', 'NUT'])
    ok(await t.req('POST', '/api/inventory/item', { code, name: code, stock_uom: { name: 'Nos' }, standard_rate: '0.25' }), 201);
  ok(await t.req('POST', '/api/sales/customer', { name: 'UAB Vilkas', code: 'VILKAS' }), 201);
});
afterAll(async () => {
  await t?.close();
});

const linesOf = async (number: string) =>
  (
    await t.db.query(
      `select i.code, l.qty::text as qty from sales_sales_order o join sales_sales_order_item l on l.parent_id = o.id join inventory_item i on i.id = l.item where o.customer_po = $1 order by l.idx`,
      [number],
    )
  ).rows;

describe('a parent file plus a lines file', () => {
  const parents = ["Customer's PO number,Customer,Order date,Warehouse", 'PO-IMP-1,UAB Vilkas,2026-03-01,Main', 'PO-IMP-2,UAB Vilkas,2026-03-02,Main'].join(
    '\n',
  );

  it('two CSVs in one multipart request, linked by a column both share; a line of an unknown document refuses the file, naming its row', async () => {
    const bad = await multipart({
      file: { name: 'orders.csv', type: 'text/csv', content: parents },
      lines: { name: 'lines.csv', type: 'text/csv', content: ["Customer's PO number,Item,Qty,Rate", 'PO-IMP-1,BOLT,3,0.30', 'PO-IMP-9,NUT,1,0.10'].join('\n') },
    });
    const refused = await post('/api/sales/sales_order/import', bad.body, bad.type);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('IMPORT_REJECTED');
    // PO-IMP-2 has no lines (a sales order needs one), and line row 3 names an order not in the main file.
    expect(refused.body.error.details.map((d: any) => d.path)).toContain('lines/3');
    expect(refused.body.error.details.find((d: any) => d.path === 'lines/3').message).toContain('"PO-IMP-9"');
    expect(await count('sales_sales_order', `customer_po like 'PO-IMP-%'`)).toBe(0);

    const good = await multipart({
      file: { name: 'orders.csv', type: 'text/csv', content: parents },
      lines: {
        name: 'lines.csv',
        type: 'application/vnd.ms-excel',
        content: ["Customer's PO number,Item,Qty,Rate", 'PO-IMP-1,BOLT,3,0.30', 'PO-IMP-2,NUT,1,0.10', 'PO-IMP-1,NUT,2.5,0.10'].join('\n'),
      },
    });
    const done = ok(await post('/api/sales/sales_order/import', good.body, good.type));
    expect(done).toMatchObject({ status: 'done', total: 2, documents: 2, created: 2, failed: 0 });
    expect(await linesOf('PO-IMP-1')).toEqual([
      { code: 'BOLT', qty: '3.000000' },
      { code: 'NUT', qty: '2.500000' },
    ]);
    expect(await linesOf('PO-IMP-2')).toEqual([{ code: 'NUT', qty: '1.000000' }]);
  });

  it('an XLSX workbook with a sheet per table (lines=sheet); a bad line cell names the lines sheet row', async () => {
    const book = async (qty: unknown) => {
      const wb = new ExcelJS.Workbook();
      const orders = wb.addWorksheet('Orders');
      orders.addRow(["Customer's PO number", 'Customer', 'Order date', 'Warehouse']);
      orders.addRow(['PO-XL-1', 'UAB Vilkas', new Date(Date.UTC(2026, 3, 1)), 'Main']);
      const lines = wb.addWorksheet('Lines');
      lines.addRow(['Kliento užsakymo Nr.', 'Prekė', 'Kiekis', 'Kaina']);
      lines.addRow(['PO-XL-1', 'BOLT', 4, 0.3]);
      lines.addRow(['PO-XL-1', 'NUT', qty, 0.1]);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const refused = await post('/api/sales/sales_order/import?lines=sheet', await book('many'), XLSX);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0]).toMatchObject({ path: 'lines/3/lines.qty' });
    const done = ok(await post('/api/sales/sales_order/import?lines=sheet', await book(6), XLSX));
    expect(done).toMatchObject({ created: 1, failed: 0 });
    expect(await linesOf('PO-XL-1')).toEqual([
      { code: 'BOLT', qty: '4.000000' },
      { code: 'NUT', qty: '6.000000' },
    ]);
    const noLink = await multipart({
      file: { name: 'orders.csv', type: 'text/csv', content: parents.replace(/PO-IMP/g, 'PO-NL') },
      lines: { name: 'lines.csv', type: 'text/csv', content: 'Item,Qty\nBOLT,1' },
    });
    const r = await post('/api/sales/sales_order/import', noLink.body, noLink.type);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('IMPORT_NO_LINK');
    expect(r.body.error.message).toContain('a column both files share');
  });
});

describe('background imports (pg-boss jobs)', () => {
  const units = (n: number, prefix: string, bad: (i: number) => boolean) =>
    ['Unit,Description,Whole numbers only', ...Array.from({ length: n }, (_, i) => `${prefix}${i},Unit ${i},${bad(i) ? 'perhaps' : 'yes'}`)].join('\n');

  it('a large file is queued, shows its progress, and ends done; its refused rows come back as a file from the files store; the history lists it', async () => {
    const started = ok(
      await post(
        '/api/inventory/uom/import?onError=skip',
        units(6000, 'BG-', (i) => i % 2000 === 7),
        'text/csv',
      ),
      202,
    );
    expect(started).toMatchObject({ status: 'queued', total: 6000 });
    const state = await settle(started.progress);
    expect(state).toMatchObject({ status: 'done', total: 6000, done: 6000, progress: 100, created: 5997, failed: 3, problemCount: 3 });
    expect(await count('inventory_uom', `name like 'BG-%'`)).toBe(5997);
    const errors = await t.req('GET', state.errorFile);
    expect(errors.status).toBe(200);
    const rows = parse(errors.body, { bom: true });
    expect(rows.map((r: string[]) => r[0])).toEqual(['Unit', 'BG-7', 'BG-2007', 'BG-4007']);
    expect(rows[1][3]).toContain('Whole numbers only');
    const history = ok(await t.req('GET', '/api/inventory/uom/import/batches'));
    expect(history.data[0]).toMatchObject({ id: started.batch, status: 'done', created: 5997, errorFile: state.errorFile, revert: expect.any(String) });
    // What it wrote is kept in the database a chunk of 500 at a time (not on the batch row, not in the server's memory); the revert reads it back.
    expect(await count('tessera_import_batch_chunk', `batch = ${started.batch}`)).toBe(12);
    expect(await count('tessera_import_batch', `id = ${started.batch} and cardinality(created_ids) = 0`)).toBe(1);
    const reverted = ok(await t.req('POST', state.revert));
    expect(reverted).toMatchObject({ status: 'reverted', deleted: 5997, restored: 0 });
    expect(await count('inventory_uom', `name like 'BG-%'`)).toBe(0);
  });

  it('a large dry run answers counts, the first 1,000 problems and an error file of every refused row; nothing is written', async () => {
    const started = ok(
      await post(
        '/api/inventory/uom/import?dryRun=true',
        units(6000, 'DRY-', (i) => i % 4 === 0),
        'text/csv',
      ),
      202,
    );
    const state = await settle(started.progress);
    expect(state).toMatchObject({ status: 'dry_run', created: 4500, failed: 1500, problemCount: 1500 });
    expect(state.problems).toHaveLength(1000);
    expect(state.problems[0]).toMatchObject({ row: 2, column: 'Whole numbers only' });
    expect(parse((await t.req('GET', state.errorFile)).body, { bom: true })).toHaveLength(1501);
    expect(await count('inventory_uom', `name like 'DRY-%'`)).toBe(0);
    expect(await count('tessera_import_batch_chunk', `batch = ${started.batch}`)).toBe(0);
  });

  it('a cancelled import keeps nothing; a finished one cannot be cancelled', async () => {
    const started = ok(
      await post(
        '/api/inventory/item/import?async=true',
        ['Item code,Name,Stock unit', ...Array.from({ length: 3000 }, (_, i) => `CAN-${i},C ${i},Nos`)].join('\n'),
        'text/csv',
      ),
      202,
    );
    const cancel = ok(await t.req('POST', `/api/inventory/item/import/${started.batch}/cancel`));
    expect(['cancelled', 'cancelling']).toContain(cancel.status);
    const state = await settle(started.progress);
    expect(state.status).toBe('cancelled');
    expect(await count('inventory_item', `code like 'CAN-%'`)).toBe(0);
    const again = await t.req('POST', `/api/inventory/item/import/${started.batch}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('IMPORT_NOT_CANCELLABLE');
  });
});
