/**
 * Data in: references by natural key, filters through references, and imports (CSV and XLSX)
 * against the real inventory and sales plugins.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { filter, startApp, type TestApp } from '../helpers.js';

let t: TestApp;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ok = (r: { status: number; body: any }, status = 200) => {
  expect(r.status, JSON.stringify(r.body).slice(0, 2000)).toBe(status);
  return r.body;
};

async function upload(path: string, body: string | Buffer, type = 'text/csv', token = t.adminToken) {
  const res = await t.app.inject({ method: 'POST', url: path, headers: { 'content-type': type, authorization: `Bearer ${token}` }, payload: body });
  const parsed = (res.headers['content-type'] ?? '').toString().includes('json') ? res.json() : res.body;
  return { status: res.statusCode, body: parsed as any, headers: res.headers };
}
const count = async (table: string, where = 'true') => Number((await t.db.query(`select count(*)::int as n from ${table} where ${where}`)).rows[0].n);

beforeAll(async () => {
  t = await startApp({ plugins: ['inventory', 'sales'] });
  ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Main', code: 'MAIN' }), 201);
  ok(await t.req('POST', '/api/inventory/item', { code: 'BOLT', name: 'Bolt M8', stock_uom: { name: 'Nos' }, standard_rate: '0.25' }), 201);
});
afterAll(async () => {
  await t?.close();
});

describe('references by natural key', () => {
  it('an id, {"field": value} on a unique field, or a plain string on the natural key', async () => {
    const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
    const byObject = ok(await t.req('POST', '/api/inventory/item', { code: 'NUT', name: 'Nut', stock_uom: { name: 'Nos' } }), 201);
    expect(byObject.stock_uom).toBe(nos);
    const byString = ok(
      await t.req('POST', '/api/inventory/item', { code: 'WASHER', name: 'Washer', stock_uom: 'Nos', default_warehouse: { code: 'MAIN' } }),
      201,
    );
    expect(byString.stock_uom).toBe(nos);
    const byId = ok(await t.req('POST', '/api/inventory/item', { code: 'PIN', name: 'Pin', stock_uom: nos }), 201);
    expect(byId.stock_uom).toBe(nos);
  });

  it('an unknown key is 422 REFERENCE_NOT_FOUND naming the path and the value; nothing is written', async () => {
    const before = await count('inventory_item');
    const r = await t.req('POST', '/api/inventory/item', { code: 'X1', name: 'X', stock_uom: { name: 'Parsecs' } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('REFERENCE_NOT_FOUND');
    expect(r.body.error.details[0].path).toBe('stock_uom');
    expect(r.body.error.message).toContain('"Parsecs"');
    const notUnique = await t.req('POST', '/api/inventory/item', { code: 'X1', name: 'X', stock_uom: { conversion: 'x' } });
    expect(notUnique.status).toBe(422);
    expect(notUnique.body.error.details[0].path).toBe('stock_uom/conversion');
    expect(await count('inventory_item')).toBe(before);
  });

  it('a sales order with lines by natural key (customer by code, items by code, warehouse by name)', async () => {
    ok(await t.req('POST', '/api/sales/customer', { name: 'UAB Vilkas', code: 'VILKAS' }), 201);
    const so = ok(
      await t.req('POST', '/api/sales/sales_order', {
        customer: { code: 'VILKAS' },
        warehouse: 'Main',
        lines: [
          { item: 'BOLT', qty: '10', rate: '0.30' },
          { item: { code: 'NUT' }, qty: '5', rate: '0.10' },
        ],
      }),
      201,
    );
    const ids = (await t.db.query(`select id, code from inventory_item where code in ('BOLT','NUT')`)).rows;
    expect(so.lines.map((l: any) => l.item)).toEqual(['BOLT', 'NUT'].map((c) => ids.find((r) => r.code === c)?.id));
    const bad = await t.req('POST', '/api/sales/sales_order', {
      customer: { code: 'VILKAS' },
      lines: [
        { item: 'BOLT', qty: '1', rate: '1' },
        { item: 'NOPE', qty: '1', rate: '1' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: [{ path: 'lines/1/item' }] });
  });

  it('filters through a reference: {"item.code": ...} on lines, {"customer.name": {"contains": ...}}', async () => {
    const byCustomer = ok(await t.req('GET', `/api/sales/sales_order?filter=${filter({ 'customer.name': { contains: 'vilk' } })}`));
    expect(byCustomer.total).toBe(1);
    const byLine = ok(await t.req('GET', `/api/sales/sales_order?filter=${filter({ 'lines.item.code': 'NUT' })}`));
    expect(byLine.total).toBe(1);
    const none = ok(await t.req('GET', `/api/sales/sales_order?filter=${filter({ 'lines.item.code': 'PIN' })}`));
    expect(none.total).toBe(0);
    const items = ok(await t.req('GET', `/api/inventory/item?filter=${filter({ 'stock_uom.name': 'Nos', code: { startsWith: 'B' } })}`));
    expect(items.data.map((i: any) => i.code)).toEqual(['BOLT']);
    const wrong = await t.req('GET', `/api/inventory/item?filter=${filter({ 'stock_uom.nothing': 'x' })}`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe('filter/stock_uom.nothing');
  });
});

describe('import', () => {
  const header = 'Item code,Name,Stock unit,Standard buying rate,Maintain stock';
  const rows = (n: number, from = 0, rate = '1.50') => Array.from({ length: n }, (_, i) => `IMP-${from + i},Imported ${from + i},Nos,${rate},yes`);

  it('1,000 items with bad rows: the dry run names each row and writes nothing; the fixed file creates all; re-import changes nothing', async () => {
    const good = rows(1000);
    const bad = [...good];
    bad[10] = 'IMP-10,Imported 10,Parsecs,1.50,yes'; // unknown unit
    bad[20] = 'IMP-20,Imported 20,Nos,abc,yes'; // not a number
    bad[30] = 'IMP-30,,Nos,1.50,yes'; // name missing
    bad[40] = 'IMP-39,Imported 39,Nos,1.50,yes'; // duplicate key of row 41 (line 40 of the data)
    bad[50] = 'bad code!,Imported,Nos,1.50,maybe'; // pattern and boolean
    const before = await count('inventory_item');
    const dry = ok(await upload('/api/inventory/item/import?dryRun=true', [header, ...bad].join('\n')));
    expect(dry.status).toBe('dry_run');
    expect(dry.failed).toBe(5);
    expect(dry.created).toBe(995);
    const rowsWithProblems = [...new Set(dry.problems.map((p: any) => p.row))];
    expect(rowsWithProblems).toEqual([12, 22, 32, 42, 52]);
    expect(dry.problems.find((p: any) => p.row === 12)).toMatchObject({ field: 'stock_uom', code: 'REFERENCE_NOT_FOUND' });
    expect(dry.problems.find((p: any) => p.row === 22)).toMatchObject({ column: 'Standard buying rate' });
    expect(dry.problems.find((p: any) => p.row === 42).message).toContain('row 41');
    expect(await count('inventory_item')).toBe(before);

    const refused = await upload('/api/inventory/item/import', [header, ...bad].join('\n'));
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('IMPORT_REJECTED');
    expect(await count('inventory_item')).toBe(before);
    expect(await count('tessera_import_batch')).toBe(0);

    const done = ok(await upload('/api/inventory/item/import', [header, ...good].join('\n')));
    expect(done).toMatchObject({ status: 'done', created: 1000, failed: 0 });
    expect(await count('inventory_item', `code like 'IMP-%'`)).toBe(1000);
    expect((await t.db.query(`select standard_rate from inventory_item where code = 'IMP-7'`)).rows[0].standard_rate).toBe('1.500000000');

    const again = ok(await upload('/api/inventory/item/import?mode=upsert', [header, ...good].join('\n')));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1000 });
  });

  it('upsert by key in Lithuanian labels and decimals; valid rows only with an error file; revert', async () => {
    const lt = [
      'Prekės kodas;Pavadinimas;Atsargų vienetas;Standartinė pirkimo kaina',
      'IMP-1;Pakeista;Nos;12,50',
      'NEW-1;Nauja;Nos;1 234,5',
      'NEW-2;Bloga;Nėra;1',
    ].join('\n');
    const r = ok(await upload('/api/inventory/item/import?mode=upsert&onError=skip&locale=lt', lt));
    expect(r).toMatchObject({ created: 1, updated: 1, failed: 1 });
    expect((await t.db.query(`select name, standard_rate from inventory_item where code = 'IMP-1'`)).rows[0]).toEqual({
      name: 'Pakeista',
      standard_rate: '12.500000000',
    });
    expect((await t.db.query(`select standard_rate from inventory_item where code = 'NEW-1'`)).rows[0].standard_rate).toBe('1234.500000000');
    const errors = await t.req('GET', r.errorFile);
    expect(errors.status).toBe(200);
    expect(errors.body.charCodeAt(0)).toBe(0xfeff);
    expect(errors.body).toContain('NEW-2;Bloga'.split(';')[0]);
    expect(errors.body).toContain('Nėra');
    const reverted = ok(await t.req('POST', `/api/inventory/item/import/${r.batch}/revert`));
    expect(reverted).toMatchObject({ status: 'reverted', deleted: 1, restored: 1 });
    expect((await t.db.query(`select name, standard_rate from inventory_item where code = 'IMP-1'`)).rows[0]).toEqual({
      name: 'Imported 1',
      standard_rate: '1.500000000',
    });
    expect(await count('inventory_item', `code = 'NEW-1'`)).toBe(0);
    expect((await t.req('POST', `/api/inventory/item/import/${r.batch}/revert`)).status).toBe(409);
  });

  it('XLSX with typed cells; a sales order with lines in one row per line', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Orders');
    ws.addRow(['Customer', 'Order date', 'Warehouse', 'Items: Item', 'Items: Qty', 'Items: Rate']);
    ws.addRow(['UAB Vilkas', new Date(Date.UTC(2026, 2, 1)), 'Main', 'BOLT', 3, 0.3]);
    ws.addRow([null, null, null, 'NUT', 2.5, 0.1]);
    ws.addRow(['UAB Vilkas', new Date(Date.UTC(2026, 2, 2)), 'Main', 'IMP-5', 1, 2]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = ok(await upload('/api/sales/sales_order/import', buf, XLSX));
    expect(r).toMatchObject({ total: 3, documents: 2, created: 2, failed: 0 });
    expect(r.rows.map((x: any) => x.row)).toEqual([2, 4]);
    const orders = (
      await t.db.query(
        `select o.order_date, count(l.*)::int as lines, sum(l.qty)::text as qty from sales_sales_order o join sales_sales_order_item l on l.parent_id = o.id where o.order_date between '2026-03-01' and '2026-03-02' group by 1 order by 1`,
      )
    ).rows;
    expect(orders).toEqual([
      { order_date: '2026-03-01', lines: 2, qty: '5.500000' },
      { order_date: '2026-03-02', lines: 1, qty: '1.000000' },
    ]);
  });

  it('opening stock through the same path: a stock reconciliation imported and submitted', async () => {
    const csv = [
      'Posting date,Counted items: Item,Counted items: Warehouse,Counted items: Qty,Counted items: Valuation rate',
      '2026-01-01,BOLT,Main,100,0.20',
      ',IMP-3,Main,40,1.50',
    ].join('\n');
    const r = await upload('/api/inventory/stock_reconciliation/import?submit=true', csv);
    ok(r);
    expect(r.body).toMatchObject({ total: 2, documents: 1, created: 1 });
    const bins = (await t.db.query(`select i.code, b.actual_qty from inventory_bin b join inventory_item i on i.id = b.item order by i.code`)).rows;
    expect(bins).toEqual([
      { code: 'BOLT', actual_qty: '100.000000' },
      { code: 'IMP-3', actual_qty: '40.000000' },
    ]);
  });

  it('bad files: wrong delimiter, wrong encoding, unknown columns, no rows, too large: each a clear answer, nothing written', async () => {
    const before = await count('inventory_item');
    const delim = await upload('/api/inventory/item/import?delimiter=,', 'Item code;Name;Stock unit\nA;B;Nos');
    expect(delim.body.error.code).toBe('IMPORT_DELIMITER');
    const latin = Buffer.from([...Buffer.from('Item code,Name,Stock unit\nA1,'), 0xe0, 0xe8, ...Buffer.from(',Nos\n')]);
    const enc = await upload('/api/inventory/item/import', latin);
    expect(enc.status).toBe(400);
    expect(enc.body.error).toMatchObject({ code: 'IMPORT_ENCODING' });
    expect(enc.body.error.message).toContain('Windows-1257');
    const unknown = await upload('/api/inventory/item/import', 'Item code,Name,Colour\nA,B,red');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toContain('"Colour"');
    const empty = await upload('/api/inventory/item/import', 'Item code,Name,Stock unit\n');
    expect(empty.body.error.code).toBe('IMPORT_EMPTY');
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/inventory/item/import',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${t.adminToken}`, 'content-length': String(200 * 1024 * 1024) },
      payload: 'x',
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toContain('64 MB');
    // An empty body, and an XLSX workbook with its header only.
    const nothing = await upload('/api/inventory/item/import', '');
    expect(nothing.body.error.code).toBe('IMPORT_EMPTY');
    expect(nothing.body.error.message).toContain('the first row must name the columns');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Items').addRow(['Item code', 'Name', 'Stock unit']);
    const headerOnly = await upload('/api/inventory/item/import', Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(headerOnly.body.error.code).toBe('IMPORT_EMPTY');
    expect(await count('inventory_item')).toBe(before);
    expect(await count('tessera_import_batch', `entity = 'inventory.item' and status not in ('done', 'reverted')`)).toBe(0);
  });

  it('a body over the limit without a Content-Length (chunked) is cut off at the limit: 413, nothing kept', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const chunk = Buffer.from(`${'A'.repeat(1023)}\n`);
    let sent = 0;
    // 65 MB of rows, streamed: the limit is 64 MB.
    const body = new ReadableStream({
      start(c) {
        c.enqueue(Buffer.from('Item code,Name,Stock unit\n'));
      },
      pull(c) {
        if (sent >= 65 * 1024) return c.close();
        sent += 1;
        c.enqueue(chunk);
      },
    });
    const res = await fetch(`http://127.0.0.1:${port}/api/inventory/item/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${t.adminToken}` },
      body,
      duplex: 'half',
    } as RequestInit);
    // The server answers 413 as soon as the limit is passed.
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error.code).toBe('IMPORT_TOO_LARGE');
    expect(await count('inventory_item', `code like 'AAAA%'`)).toBe(0);
  });

  it('simple rows take the bulk path with the same checks and an audit row each', async () => {
    const csv = ['Unit,Description,Whole numbers only', ...Array.from({ length: 1200 }, (_, i) => `BULK-${i},Bulk ${i},${i === 700 ? 'perhaps' : 'yes'}`)].join(
      '\n',
    );
    const dry = ok(await upload('/api/inventory/uom/import?dryRun=true', csv));
    expect(dry).toMatchObject({ created: 1199, failed: 1, problems: [{ row: 702, column: 'Whole numbers only' }] });
    const done = ok(await upload('/api/inventory/uom/import?onError=skip', csv));
    expect(done).toMatchObject({ status: 'done', created: 1199, failed: 1 });
    expect(await count('inventory_uom', `name like 'BULK-%' and whole_number`)).toBe(1199);
    expect(await count('tessera_audit', `entity = 'inventory.uom' and action = 'create' and changes->'name'->>'new' like 'BULK-%'`)).toBe(1199);
    const asRole = await t.createUser('uom_reader', []);
    expect((await upload('/api/inventory/uom/import', csv, 'text/csv', asRole.token)).status).toBe(403);
  });

  it("a seeded reference exports by its title in the file's language and imports back by it (Nos as Vnt.)", async () => {
    const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0].id;
    ok(await t.req('POST', '/api/inventory/item', { code: 'SEEDED-1', name: 'Seeded unit', stock_uom: 'Nos' }), 201);
    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/inventory/item?format=csv&lang=lt&fields=code,name,stock_uom&filter=${filter({ code: 'SEEDED-1' })}`,
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(exported.statusCode).toBe(200);
    const lines = exported.body
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[1]).toContain('Vnt.');
    expect(lines[1]).not.toContain('Nos');
    await t.db.query(`update inventory_item set stock_uom = (select id from inventory_uom where name = 'Box') where code = 'SEEDED-1'`);
    const r = ok(await upload('/api/inventory/item/import?mode=upsert&locale=lt', lines.join('\n')));
    expect(r).toMatchObject({ updated: 1, failed: 0 });
    expect((await t.db.query(`select stock_uom from inventory_item where code = 'SEEDED-1'`)).rows[0].stock_uom).toBe(nos);
  });

  it('the template names the columns in the language asked', async () => {
    const en = await t.req('GET', '/api/inventory/item/import/template?lang=en');
    expect(en.body.replace(/^\ufeff/, '').split('\r\n')[0]).toContain('Item code,Name,Item group,Stock unit');
    const lt = await t.req('GET', '/api/inventory/item/import/template?lang=lt');
    expect(lt.body).toContain('Prekės kodas');
    expect(lt.body).toContain('Vienetų perskaičiavimas: Vienetas');
  });
});
