/**
 * Every report's declared row schema (issue 16, item 4) against its real answer on the demo
 * data of every business plugin: each report path of /api/openapi.json is called (with the
 * parameters it needs) and its whole answer is validated with ajv against the documented 200
 * schema, with no key of a row left undeclared. A report whose rows are a generic object, a
 * column whose type, nullability or decimal scale differs from the answer, or a key the
 * schema does not name fails here.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../core/src/app.js';
import { startApp, type TestApp } from '../helpers.js';

const PLUGINS = ['inventory', 'purchasing', 'crm', 'sales', 'production', 'hr', 'accounting', 'helpdesk', 'projects'];

/** Query strings per report (default: none); several when the rows differ by parameter. */
const QUERIES: Record<string, string[]> = {
  '/api/inventory/reports/stock-balance': ['', 'as_of=2026-06-30&include_zero=true'],
  '/api/inventory/reports/stock-ledger': ['item=4', 'item=4&warehouse=2&from=2026-01-01'],
  '/api/crm/reports/duplicates': ['entity=crm.lead', 'entity=crm.organization'],
  '/api/production/reports/bom-cost': ['bom=1'],
  '/api/hr/reports/attendance-sheet': ['month=2026-11', 'month=2026-12'],
  '/api/accounting/reports/statement-of-account': ['party=1', 'party_type=supplier&party=1'],
  '/api/accounting/reports/bank-reconciliation': ['bank_account=1'],
  '/api/accounting/reports/ageing': ['', 'detail=true', 'party_type=supplier&detail=true'],
  '/api/accounting/reports/general-ledger': ['', 'account=3'],
  '/api/accounting/reports/profit-and-loss': ['', 'compare_from=2025-01-01&compare_to=2025-12-31'],
  '/api/accounting/reports/profitability': ['', 'by=item', 'by=item_group'],
  '/api/projects/reports/task-timeline': ['project=1'],
  '/api/projects/reports/week': ['employee=1'],
  '/api/sales/reports/analytics': ['', 'group_by=item', 'group_by=month'],
  '/api/helpdesk/reports/response-times': ['', 'from=2020-01-01'],
};

/** Checks that find nothing wrong on the demo data: their rows are problems (none is the right answer). */
const NO_ROWS_ON_DEMO = new Set(['/api/inventory/reports/verify', '/api/accounting/reports/verify']);

let t: TestApp;
let doc: any;
let validator: any;

/** The schema with every row object closed (additionalProperties false unless it declares its own). */
function closed(schema: any): any {
  if (!schema || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map(closed);
  const out: any = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s)])) : closed(v),
    ]),
  );
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

beforeAll(async () => {
  t = await startApp({ plugins: PLUGINS }, { demo: true });
  doc = (await t.req('GET', '/api/openapi.json')).body;
  // Two leads sharing an e-mail, so the duplicates report has a group to show.
  for (const first of ['Dana', 'Dora']) {
    const r = await t.req('POST', '/api/crm/lead', { name: `${first} Rowtest`, email: 'rows@example.com', allow_duplicate: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  const { Ajv } = createRequire(join(ROOT_DIR, 'core', 'package.json'))('ajv');
  const addFormats = createRequire(join(ROOT_DIR, 'core', 'package.json'))('ajv-formats');
  validator = new Ajv({ allErrors: true, strict: false });
  (addFormats.default ?? addFormats)(validator);
}, 600_000);

afterAll(async () => {
  await t?.close();
});

const reportPaths = () => Object.keys(doc.paths).filter((p) => /^\/api\/[a-z_]+\/reports\//.test(p));
const envelope = (p: string) => doc.paths[p].get.responses['200'].content['application/json'].schema;

describe('report row schemas', () => {
  it('every report declares its row: named columns with types, no generic object', () => {
    const generic = reportPaths().filter((p) => {
      const row = envelope(p).properties.data.items;
      return !row?.properties || Object.keys(row.properties).length === 0;
    });
    expect(reportPaths().length).toBeGreaterThan(40);
    expect(generic).toEqual([]);
  });

  it("every report's answer on demo data matches its declared schema, row by row", async () => {
    const failures: string[] = [];
    const empty: string[] = [];
    let rows = 0;
    for (const p of reportPaths()) {
      const check = validator.compile(closed({ ...envelope(p), description: undefined }));
      let answered = 0;
      for (const q of QUERIES[p] ?? ['']) {
        const url = q ? `${p}?${q}` : p;
        const r = await t.req('GET', url);
        if (r.status !== 200) {
          failures.push(`${url}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          continue;
        }
        answered += r.body.data.length;
        if (!check(r.body)) failures.push(`${url}: ${validator.errorsText(check.errors.slice(0, 5), { separator: '; ' })}`);
      }
      rows += answered;
      if (answered === 0 && !NO_ROWS_ON_DEMO.has(p)) empty.push(p);
    }
    expect(failures).toEqual([]);
    // Each schema was checked against real rows (the demo data has some for every report).
    expect(empty).toEqual([]);
    expect(rows).toBeGreaterThan(400);
  });

  it('a wrong type, a wrong scale or an undeclared key fails the check', () => {
    const check = validator.compile(closed(envelope('/api/crm/reports/won-lost')));
    const row = { period: '2026-12', won_count: 2, won_amount: '25500.00', lost_count: 1, lost_amount: '3100.00', win_rate: '66.67' };
    expect(check({ data: [row], total: 1 })).toBe(true);
    expect(check({ data: [{ ...row, won_count: '2' }], total: 1 })).toBe(false);
    expect(check({ data: [{ ...row, won_amount: '25500.0' }], total: 1 })).toBe(false);
    expect(check({ data: [{ ...row, extra: 1 }], total: 1 })).toBe(false);
  });
});
