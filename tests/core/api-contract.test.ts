/**
 * The API contract (issue 16, item 4), read from /api/openapi.json of a server with every
 * business plugin: every operation has a real success schema (not a bare object) and its error
 * responses with the codes it can answer, each code in a catalogue; report paths are kebab-case,
 * every report answers the envelope { data, total } and documents its parameters; decimal
 * properties carry their scale; create bodies and list filters have examples the server accepts;
 * /api/meta has each decimal field's precision and scale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_ERRORS } from '../../core/src/error-codes.js';
import { OUTBOUND_ERRORS } from '../../core/src/outbox/errors.js';
import { startApp, type TestApp } from '../helpers.js';

const PLUGINS = ['inventory', 'purchasing', 'crm', 'sales', 'production', 'hr', 'accounting', 'helpdesk', 'projects'];
let t: TestApp;
let doc: any;

beforeAll(async () => {
  t = await startApp({ plugins: PLUGINS });
  doc = (await t.req('GET', '/api/openapi.json')).body;
  // every plugin starts: slow on a loaded machine
}, 300_000);

afterAll(async () => {
  await t?.close();
});

const operations = () => Object.entries<any>(doc.paths).flatMap(([path, ops]) => Object.entries<any>(ops).map(([method, op]) => ({ path, method, op })));

/** The schema behind a response (following components.responses). */
const resolve = (r: any) => (r?.$ref ? doc.components.responses[r.$ref.split('/').pop()] : r);

/** A schema that says something: a reference, properties, items, a union, or a type other than object. */
function described(s: any): boolean {
  if (!s || typeof s !== 'object') return false;
  if (s.$ref || s.properties || s.items || s.anyOf || s.oneOf || s.allOf) return true;
  if (s.additionalProperties && typeof s.additionalProperties === 'object') return true;
  return s.type !== undefined && s.type !== 'object';
}

describe('OpenAPI: every operation', () => {
  it('has a 2xx response with a schema beyond a bare object', () => {
    const bare: string[] = [];
    for (const { path, method, op } of operations()) {
      const ok = Object.entries<any>(op.responses ?? {}).filter(([s]) => /^2\d\d$/.test(s));
      const good = ok.some(([s, r]) => s === '204' || Object.values<any>(r.content ?? {}).some((c) => described(c.schema)));
      if (!good) bare.push(`${method.toUpperCase()} ${path}`);
    }
    expect(operations().length).toBeGreaterThan(1000);
    expect(bare).toEqual([]);
  });

  it('lists its error responses, each the shared error schema with codes from the catalogues', () => {
    const known = new Set<string>([...Object.keys(CORE_ERRORS.codes), ...Object.keys(OUTBOUND_ERRORS)]);
    for (const p of t.plugins) for (const code of Object.keys(p.def.errors ?? {})) known.add(code);
    const unknown = new Set<string>();
    for (const { path, method, op } of operations()) {
      const errors = Object.entries<any>(op.responses).filter(([s]) => /^4\d\d$/.test(s));
      expect(errors.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [status, r] of errors) {
        const res = resolve(r);
        const schema = res.content['application/json'].schema;
        expect(schema.allOf[0].$ref, `${method} ${path} ${status}`).toBe('#/components/schemas/TesseraError');
        // The codes machine-readable: error.code is an enum of them (and x-error-codes lists them), the same as the description names.
        const codes: string[] = schema.allOf[1].properties.error.properties.code.enum;
        expect(codes.length, `${method} ${path} ${status}`).toBeGreaterThan(0);
        expect(schema['x-error-codes'], `${method} ${path} ${status}`).toEqual(codes);
        expect(schema.allOf[1].properties.error.properties.status.enum).toEqual([Number(status)]);
        expect([...String(res.description).matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!)).toEqual(codes);
        for (const c of codes) if (!known.has(c) && !c.startsWith('IMPORT_')) unknown.add(c);
      }
    }
    expect([...unknown]).toEqual([]);
    const create = doc.paths['/api/sales/sales_order'].post.responses;
    expect(Object.keys(create)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '413', '415', '422']));
    expect(resolve(create['422']).description).toContain('`REFERENCE_NOT_FOUND`');
    // A document's plugin codes are on its writes; If-Match on the writes of one record.
    expect(resolve(doc.paths['/api/sales/sales_order/{id}/submit'].post.responses['409']).description).toContain('`INVALID_TRANSITION`');
    expect(doc.paths['/api/sales/sales_order/{id}'].put.responses['412']).toBeDefined();
    expect(doc.components.schemas.TesseraError.properties.error.required).toEqual(['code', 'status', 'message']);
  });

  it('answers an error in the documented shape, with a code its operation lists', async () => {
    const r = await t.req('POST', '/api/sales/customer', { name: 'x', currency: 'EURO' });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', status: 422 });
    expect(r.body.error.details[0].path).toBe('currency');
    const listed = (path: string, method: string, status: number) =>
      resolve(doc.paths[path][method].responses[String(status)]).content['application/json'].schema.allOf[1].properties.error.properties.code.enum;
    expect(listed('/api/sales/customer', 'post', 422)).toContain(r.body.error.code);
    const missing = await t.req('GET', '/api/sales/customer/999999');
    expect(missing.status).toBe(404);
    expect(listed('/api/sales/customer/{id}', 'get', 404)).toContain(missing.body.error.code);
    const bad = await t.req('GET', '/api/crm/reports/duplicates');
    expect(bad.status).toBe(400);
    expect(listed('/api/crm/reports/duplicates', 'get', 400)).toContain(bad.body.error.code);
  });
});

describe('reports', () => {
  const reportPaths = () => Object.keys(doc.paths).filter((p) => /^\/api\/[a-z_]+\/reports\//.test(p));

  it('have kebab-case paths, document their parameters and the envelope', () => {
    expect(reportPaths().length).toBeGreaterThan(30);
    for (const p of reportPaths()) {
      expect(p.split('/').pop(), p).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const schema = doc.paths[p].get.responses['200'].content['application/json'].schema;
      expect(schema.required, p).toEqual(['data', 'total']);
      expect(schema.properties.data.type).toBe('array');
      // Every report declares its row's columns (a generic row object fails; report-rows.test.ts checks them against real answers).
      expect(Object.keys(schema.properties.data.items.properties ?? {}).length, `${p}: row schema`).toBeGreaterThan(0);
    }
    const wonLost = doc.paths['/api/crm/reports/won-lost'].get;
    expect(wonLost.parameters.map((x: any) => x.name)).toEqual(expect.arrayContaining(['from', 'to', 'interval', 'currency']));
    // A report that declares its row schema shows it under data.
    const row = wonLost.responses['200'].content['application/json'].schema.properties.data.items;
    expect(row.properties.win_rate).toMatchObject({ type: 'string', 'x-decimal-scale': 2 });
    expect(doc.paths['/api/crm/reports/won_lost']).toBeUndefined();
    expect(doc.paths['/api/sales/reports/gross_profit']).toBeUndefined();
  });

  it('answer { data, total } at every path, and the deprecated snake_case paths answer the same', async () => {
    let answered = 0;
    for (const p of reportPaths()) {
      if ((doc.paths[p].get.parameters ?? []).some((x: any) => x.in === 'query' && x.required)) continue;
      const r = await t.req('GET', p);
      // A report that needs a parameter its schema cannot make required (one of two), or data first (my week without an employee).
      if (r.status === 400 || r.status === 422) {
        expect(r.body.error.code, p).toMatch(/^(INVALID_QUERY|NO_EMPLOYEE|VALIDATION_FAILED)$/);
        continue;
      }
      answered++;
      expect(r.status, `${p}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(Array.isArray(r.body.data), p).toBe(true);
      expect(typeof r.body.total, p).toBe('number');
      expect(r.body).not.toHaveProperty('rows');
    }
    expect(answered).toBeGreaterThan(25);
    for (const [old, now] of [
      ['/api/crm/reports/won_lost?interval=year', '/api/crm/reports/won-lost?interval=year'],
      ['/api/crm/reports/overdue_activities', '/api/crm/reports/overdue-activities'],
      ['/api/sales/reports/gross_profit', '/api/sales/reports/gross-profit'],
    ]) {
      const a = await t.req('GET', old!);
      expect(a.status, old).toBe(200);
      expect(a.body).toEqual((await t.req('GET', now!)).body);
    }
  });
});

describe('decimals and examples', () => {
  it('documents the scale of every decimal property, in OpenAPI and in /api/meta', async () => {
    const rate = doc.components.schemas['sales.sales_order'].properties.net_total;
    expect(rate).toMatchObject({ type: 'string', 'x-decimal-scale': 2, pattern: '^-?\\d{1,16}\\.\\d{2}$', example: '12.50' });
    let decimals = 0;
    for (const [name, s] of Object.entries<any>(doc.components.schemas))
      for (const [field, p] of Object.entries<any>(s.properties ?? {}))
        if (String(p.description ?? '').startsWith('exact decimal')) {
          decimals++;
          expect(typeof p['x-decimal-scale'], `${name}.${field}`).toBe('number');
          expect(new RegExp(p.pattern).test(p.example), `${name}.${field}`).toBe(true);
        }
    expect(decimals).toBeGreaterThan(100);
    const body = doc.paths['/api/sales/sales_order'].post.requestBody.content['application/json'].schema;
    expect(body.properties.lines.items.properties.qty).toMatchObject({ 'x-decimal-scale': 6 });
    const meta = (await t.req('GET', '/api/meta')).body;
    const order = meta.entities.find((e: any) => e.key === 'sales.sales_order');
    expect(order.fields.find((f: any) => f.name === 'net_total')).toMatchObject({ precision: 18, scale: 2 });
  });

  it('gives a create body and a list filter example the server accepts', async () => {
    for (const key of ['inventory/uom', 'crm/lead', 'sales/customer', 'hr/department']) {
      const op = doc.paths[`/api/${key}`];
      const example = op.post.requestBody.content['application/json'].schema.example;
      expect(example, key).toBeTruthy();
      const created = await t.req('POST', `/api/${key}`, example);
      expect(created.status, `${key}: ${JSON.stringify(created.body)}`).toBe(201);
      const filter = op.get.parameters.find((x: any) => x.name === 'filter');
      const sample = filter.example ?? filter.schema?.example;
      expect(typeof sample, key).toBe('string');
      expect((await t.req('GET', `/api/${key}?filter=${encodeURIComponent(sample)}`)).status, `${key} ${sample}`).toBe(200);
    }
    const order = doc.paths['/api/sales/sales_order'].post.requestBody.content['application/json'].schema.example;
    expect(order.lines).toHaveLength(1);
    const action = doc.paths['/api/crm/lead/{id}/actions/log_call'].post;
    expect(action.requestBody.content['application/json'].schema.example).toMatchObject({ subject: expect.any(String) });
    expect(action.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/crm.activity');
  });
});
