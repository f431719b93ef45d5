/**
 * Lithuanian finished (issue 17, item 10): every declaration the screens show (plugin, entity,
 * field and its help text, choice, action and its input fields (and their help), report, report parameter, dashboard widget) has
 * an `lt` text. A plugin adding an English-only label fails here, naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';
import { reportParams } from '../../admin-ui/src/mapping/reports.js';

const PLUGINS = ['inventory', 'purchasing', 'crm', 'sales', 'production', 'hr', 'accounting', 'helpdesk', 'projects'];
let t: TestApp;
let meta: any;

beforeAll(async () => {
  t = await startApp({ plugins: PLUGINS, company: { currency: 'EUR', locale: 'lt' } as any });
  meta = (await t.req('GET', '/api/meta')).body;
});
afterAll(async () => t?.close());

const has = (v: unknown) => typeof v === 'string' && v.trim().length > 0;

describe('every declaration has a Lithuanian text', () => {
  it('plugins, entities, fields, choices and actions', () => {
    const missing: string[] = [];
    for (const p of meta.plugins) if (!has(p.labels?.lt)) missing.push(`plugin ${p.name}`);
    const entity = (e: any, where: string) => {
      if (!has(e.labels?.lt?.title)) missing.push(`${where}: title`);
      if (!e.parent && e.menu && !has(e.labels?.lt?.plural)) missing.push(`${where}: plural`);
      for (const f of e.fields) {
        if (f.hidden) continue; // never on screen
        if (!has(f.labels?.lt)) missing.push(`${where}.${f.name}: label`);
        if (has(f.help) && !has(f.helps?.lt)) missing.push(`${where}.${f.name}: help`);
        for (const c of f.choices ?? []) if (!has(c.labels?.lt)) missing.push(`${where}.${f.name}: choice ${c.id}`);
        if (f.children) entity(f.children, `${where}.${f.name}`);
      }
      for (const a of e.actions ?? []) {
        if (!has(a.labels?.lt)) missing.push(`${where} action ${a.name}`);
        for (const [k, s] of Object.entries<any>(a.input?.properties ?? {}))
          if (!has(s['x-labels']?.lt?.title) && !has(s['x-label-lt'])) missing.push(`${where} action ${a.name} input ${k}`);
        for (const [k, s] of Object.entries<any>(a.input?.properties ?? {}))
          if (has(s.description) && !has(s['x-labels']?.lt?.description)) missing.push(`${where} action ${a.name} input ${k}: help`);
      }
    };
    for (const e of meta.entities) entity(e, e.key);
    expect(missing).toEqual([]);
  });

  it('reports, their parameters, and dashboard widgets', () => {
    const missing: string[] = [];
    for (const r of meta.reports) {
      if (!has(r.labels?.lt)) missing.push(`report ${r.id}`);
      if (has(r.description) && !has(r.descriptions?.lt)) missing.push(`report ${r.id}: description`);
    }
    for (const w of meta.dashboard) if (!has(w.labels?.lt)) missing.push(`widget ${w.id}`);
    expect(missing).toEqual([]);
  });

  it('report parameters as the report screens show them: a Lithuanian label, and a picker for every id', () => {
    const missing: string[] = [];
    for (const r of meta.reports) {
      const props = r.params?.properties ?? {};
      const en = reportParams(r, 'en', meta);
      for (const p of reportParams(r, 'lt', meta)) {
        const s = props[p.name];
        if (!has(s?.['x-labels']?.lt?.title) && p.label === en.find((x) => x.name === p.name)?.label) missing.push(`report ${r.id} ${p.name}: label`);
        if (/^\^\[1-9\]\[0-9\]/.test(s?.pattern ?? '') && p.kind !== 'reference')
          missing.push(`report ${r.id} ${p.name}: an id with no picker (x-ref or x-ref-by)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("every seeded record (no demo data here) has its title in Lithuanian (the plugin's seedTitles)", async () => {
    const missing: string[] = [];
    for (const e of meta.entities) {
      if (e.parent || e.plugin === 'auth' || e.readOnly) continue;
      const rows = (await t.req('GET', `${e.path}?limit=500&fields=id,${e.titleField}`)).body.data ?? [];
      for (const r of rows) {
        const title = r[e.titleField];
        if (typeof title !== 'string' || !title.trim()) continue;
        if (/^[A-Z0-9][A-Z0-9-]*-\d{4}-\d+$/.test(title) || /^[\d-]+$/.test(title)) continue; // a document number, a year or a period: the same in every language
        if (!has(e.titleTranslations?.lt?.[title])) missing.push(`${e.key}: ${title}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the login page takes the company locale from a public endpoint', async () => {
    const r = await t.req('GET', '/api/public/locale', undefined, { authorization: '' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ locale: 'lt', locales: expect.arrayContaining(['en', 'lt']) });
  });

  it('the first screen uses the company locale', () => {
    expect(meta.locale).toBe('lt');
  });
});
