/**
 * Business error messages are a catalogue with parameters (issue #17, item 10): every area's
 * templates (core/src/error-codes.ts, plugins/<p>/errors.ts) have English and Lithuanian with
 * the same placeholders; every throw site names a template its area declares and passes each
 * parameter the template uses (TypeScript checks it too: DefinedErrors.t); the error handler
 * renders the message in the request user's language (user locale, else Accept-Language, else
 * the company locale) and keeps the key and parameters for the admin UI.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script
import { listFiles } from '../../scripts/import-graph.mjs';
import { ROOT_DIR } from '../../core/src/paths.js';
import { catalogues } from '../../scripts/error-docs.js';
import { messageTemplates, renderMessage } from '../../core/src/plugin-api/errors.js';
import { Errors } from '../../core/src/errors.js';
import { toProblems, compile } from '../../core/src/schema/validation.js';
import { templateParams } from '../../contract/src/errors.js';
import { requestLang } from '../../core/src/api/errors.js';
import { startApp, type TestApp } from '../helpers.js';

/** A message call: errors.t('key', {...}), x.problem(path, 'key', {...}), coreMessage / coreProblem. */
const CALLS = /(?:\b(?:errors|[A-Za-z]+Errors|E)\.t|\bcoreMessage)\(\s*|(?:\b(?:errors|[A-Za-z]+Errors|E)\.problem|\bcoreProblem)\(\s*[^,]+,\s*/g;

/** The top-level arguments of a call whose argument list starts at `start`. */
function callArgs(src: string, start: number): string[] {
  let depth = 0;
  let i = start;
  const args: string[] = [];
  let argStart = i;
  for (; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      const q = ch;
      for (i++; i < src.length && src[i] !== q; i++) if (src[i] === '\\') i++;
      continue;
    }
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) {
      args.push(src.slice(argStart, i));
      argStart = i + 1;
    }
  }
  args.push(src.slice(argStart, i));
  return args;
}

/** The top-level entries of an object literal's text ("{ a: 1, b }"), as written. */
function objectEntries(p: string): string[] {
  const body = p.slice(1, p.lastIndexOf('}'));
  const out: string[] = [];
  let d = 0;
  let cur = '';
  for (let j = 0; j <= body.length; j++) {
    const ch = body[j];
    if (ch === undefined || (ch === ',' && d === 0)) {
      out.push(cur);
      cur = '';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      const q = ch;
      cur += ch;
      for (j++; j < body.length && body[j] !== q; j++) cur += body[j];
      cur += q;
      continue;
    }
    if ('([{'.includes(ch)) d++;
    else if (')]}'.includes(ch)) d--;
    cur += ch;
  }
  return out;
}

/** The string literals of the key argument and the top-level keys of the params object literal (undefined when not a literal). */
function parseCall(src: string, start: number): { keys: string[]; params?: string[] } {
  const args = callArgs(src, start);
  // The key argument: a literal, or the branches of a ternary (not the literals of its condition).
  const first = args[0] ?? '';
  const branches = first.includes('?') ? first.slice(first.lastIndexOf('?') + 1) : first;
  const keys = [...branches.matchAll(/'([a-z][a-z0-9_]*)'/g)].map((m) => m[1]!);
  const p = (args[1] ?? '').trim();
  if (!p.startsWith('{')) return { keys, params: p ? undefined : [] };
  // Top-level property names of the literal: `name:` or a shorthand `name`.
  const names: string[] = [];
  for (const cur of objectEntries(p)) {
    const m = /^\s*([A-Za-z_$][\w$]*)\s*(?::|$)/.exec(cur);
    if (m) names.push(m[1]!);
    else if (/^\s*\.\.\./.test(cur)) return { keys, params: undefined };
  }
  return { keys, params: names };
}

function sources(dir: string): string[] {
  return listFiles(join(ROOT_DIR, dir)).filter((f: string) => !/\.test\.tsx?$/.test(f) && !f.includes('/tests/'));
}

/** The top-level `name: value` pairs of a call's params object literal (none when it is not a literal). */
function paramValues(src: string, start: number): [string, string][] {
  const p = (callArgs(src, start)[1] ?? '').trim();
  if (!p.startsWith('{')) return [];
  return objectEntries(p).flatMap((cur) => {
    const m = /^\s*([A-Za-z_$][\w$]*)\s*:\s*([\s\S]*)$/.exec(cur);
    return m ? [[m[1]!, m[2]!.trim()] as [string, string]] : [];
  });
}

/** Removes the `{ en: ..., lt: ... }` literals (texts in each language) from a parameter's expression. */
function withoutLocalTexts(v: string): string {
  let out = v;
  for (let at = out.search(/\{\s*en\s*:/); at >= 0; at = out.search(/\{\s*en\s*:/)) {
    let d = 0;
    let j = at;
    for (; j < out.length; j++) {
      if (out[j] === '{') d++;
      else if (out[j] === '}' && --d === 0) break;
    }
    out = `${out.slice(0, at)}LOCAL${out.slice(j + 1)}`;
  }
  return out;
}

/** Why a parameter's expression is English made in code, else undefined. */
function englishParam(value: string): string | undefined {
  const v = withoutLocalTexts(value);
  // the words of its literals: not the ${...} parts of a template, not a value compared with (=== 'credit_note'),
  // not an argument of a call (a field name: choiceText(model, 'status', ...); a separator: .join(', '))
  let text = '';
  for (let j = 0, d = 0; j < v.length; j++) {
    if (v[j] === '$' && v[j + 1] === '{' && d === 0) {
      d = 1;
      j++;
    } else if (d > 0) d += v[j] === '{' ? 1 : v[j] === '}' ? -1 : 0;
    else text += v[j];
  }
  text = text.replace(/[=!]==?\s*'[^']*'/g, '').replace(/([(,]\s*)'[^']*'(?=\s*[,)])/g, '$1');
  const literals = [...text.matchAll(/'([^']*)'|`([^`]*)`/g)].map((m) => m[1] ?? m[2] ?? '');
  if (literals.some((t) => /[A-Za-z]{2,}/.test(t))) return `English words in code: ${value.slice(0, 80)}`;
  if (/^String\([\w$.!?]+\.(status|docstatus|payment_type|party_type|root_type|account_type|kind)\)$/.test(v)) return `a stored choice value: ${value}`;
  if (/^String\([\w$.!()]*\.label(\.toLowerCase\(\))?\)$/.test(v)) return `an English label: ${value}`;
  return undefined;
}

describe('message catalogues', async () => {
  const areas = (await catalogues()).map((c) => c.area);
  const templates = messageTemplates();

  it('every template has English and Lithuanian with the same placeholders', () => {
    const bad: string[] = [];
    for (const [key, t] of Object.entries(templates)) {
      if (!t.en?.trim() || !t.lt?.trim()) bad.push(`${key}: missing ${!t.en?.trim() ? 'en' : 'lt'}`);
      const en = [...new Set(templateParams(t.en))].sort();
      const lt = [...new Set(templateParams(t.lt ?? ''))].sort();
      if (en.join() !== lt.join()) bad.push(`${key}: en uses {${en.join('}, {')}}, lt uses {${lt.join('}, {')}}`);
    }
    expect(bad).toEqual([]);
    expect(Object.keys(templates).length).toBeGreaterThan(230);
  });

  it('every catalogued code has a Lithuanian default message (its meaning)', () => {
    for (const c of areas)
      expect(
        Object.keys(templates).some((k) => k.startsWith(`${c}.`)),
        c,
      ).toBe(true);
  });

  it('finds the keys and parameters of a throw site', () => {
    const src = `throw fieldError('x', errors.t(a ? 'one_key' : 'two_key', { number: order.number, status, line: f(1, 2) }));`;
    const m = [...src.matchAll(CALLS)][0]!;
    expect(parseCall(src, m.index! + m[0].length)).toEqual({ keys: ['one_key', 'two_key'], params: ['number', 'status', 'line'] });
  });

  it('every throw site names a template of its area and passes every parameter it uses', () => {
    const problems: string[] = [];
    let calls = 0;
    const scan = (dir: string, area: string) => {
      for (const f of sources(dir)) {
        const src = readFileSync(f, 'utf8');
        for (const m of src.matchAll(CALLS)) {
          const line = src.slice(src.lastIndexOf('\n', m.index!) + 1, m.index!).trim();
          if (line.startsWith('*') || line.startsWith('//') || line.startsWith('/*')) continue; // a comment
          const call = parseCall(src, m.index! + m[0].length);
          const owner = /coreMessage|coreProblem/.test(m[0]) ? 'core' : area;
          for (const k of call.keys) {
            calls++;
            const t = templates[`${owner}.${k}`];
            if (!t) {
              problems.push(`${relative(ROOT_DIR, f)}: ${owner}.${k} is not in the catalogue`);
              continue;
            }
            if (!call.params) continue; // not a literal: TypeScript checks it
            for (const p of new Set([...templateParams(t.en), ...templateParams(t.lt)]))
              if (!call.params.includes(p)) problems.push(`${relative(ROOT_DIR, f)}: ${owner}.${k} uses {${p}}, which the call does not pass`);
          }
        }
      }
    };
    scan('core/src', 'core');
    // the core's own areas (outbound, import) live in core/src, scanned above
    for (const a of areas.filter((x) => x !== 'core' && x !== 'outbound' && x !== 'import')) scan(`plugins/${a}`, a);
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(100);
  });

  it('no parameter is English text made in code: words in a literal, a choice value as stored, an English label', () => {
    const problems: string[] = [];
    const scan = (dir: string) => {
      for (const f of sources(dir)) {
        const src = readFileSync(f, 'utf8');
        for (const m of src.matchAll(CALLS)) {
          const line = src.slice(src.lastIndexOf('\n', m.index!) + 1, m.index!).trim();
          if (line.startsWith('*') || line.startsWith('//') || line.startsWith('/*')) continue;
          for (const [name, value] of paramValues(src, m.index! + m[0].length)) {
            const why = englishParam(value);
            if (why)
              problems.push(
                `${relative(ROOT_DIR, f)}:${src.slice(0, m.index!).split('\n').length} {${name}}: ${why} (pass a LocalText: choiceText, statusText, labelText or { en, lt })`,
              );
          }
        }
      }
    };
    scan('core/src');
    for (const a of areas.filter((x) => x !== 'core' && x !== 'outbound' && x !== 'import')) scan(`plugins/${a}`);
    expect(problems).toEqual([]);
    // the check itself finds each kind
    expect(englishParam("'weekly off'")).toBeTruthy();
    expect(englishParam('`${n} days left`')).toBeTruthy();
    expect(englishParam('String(emp.status)')).toBeTruthy();
    expect(englishParam('String(kind.label.toLowerCase())')).toBeTruthy();
    expect(englishParam("{ en: 'weekly off', lt: 'savaitinė poilsio diena' }")).toBeUndefined();
    expect(englishParam("choiceText(model, 'status', emp.status)")).toBeUndefined();
    expect(englishParam('String(doc.number)')).toBeUndefined();
  });

  it('ajv problems carry a key and parameters and render in Lithuanian', () => {
    const fn = compile({ type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 3 }, qty: { type: 'integer', minimum: 1 } } });
    fn({ qty: 0 });
    const problems = toProblems(fn.errors);
    expect(problems.map((p) => [p.path, p.message, p.key])).toEqual([
      ['name', 'is required', 'core.required'],
      ['qty', 'must be >= 1', 'core.compare'],
    ]);
    const lt = Errors.validation(problems).toJSONIn('lt').error;
    expect(lt.message).toBe('name privaloma užpildyti; qty turi būti ≥ 1');
    expect(lt.details!.map((d) => d.message)).toEqual(['privaloma užpildyti', 'turi būti ≥ 1']);
    expect(Errors.validation(problems).toJSONIn('en').error.message).toBe('name is required; qty must be >= 1');
  });

  it('the language of a request: the user, then Accept-Language, then the company', () => {
    const req = (locale: string | null, header?: string) =>
      ({ user: locale === null ? null : { locale }, headers: header ? { 'accept-language': header } : {} }) as any;
    expect(requestLang(req('lt', 'en'), 'en')).toBe('lt');
    expect(requestLang(req(null, 'de-DE,lt;q=0.8,en;q=0.5'), 'en')).toBe('lt');
    expect(requestLang(req(null, 'en-GB,lt;q=0.9'), 'lt')).toBe('en');
    expect(requestLang(req(null), 'lt')).toBe('lt');
    expect(requestLang(req(null, 'fr'), 'xx')).toBe('en');
    expect(renderMessage('sales.order_missing', { id: 7 }, 'lt')).toBe('pardavimo užsakymas 7 neegzistuoja');
  });
});

describe('business errors over HTTP in the user language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ plugins: ['crm', 'inventory', 'sales'], company: { currency: 'EUR', locale: 'en' } }, { demo: true });
  }, 240_000);
  afterAll(async () => t?.close());

  it('a sales order against a missing quotation: EN by default, LT by Accept-Language, LT for a Lithuanian user', async () => {
    const customer = (await t.req('GET', '/api/sales/customer?limit=1')).body.data[0].id;
    const item = (await t.req('GET', '/api/inventory/item?limit=1')).body.data[0].id;
    const body = { customer, quotation: 999999, order_date: '2026-03-01', lines: [{ item, qty: '1', rate: '1' }] };
    const en = await t.req('POST', '/api/sales/sales_order', body);
    expect(en.status).toBe(422);
    expect(en.body.error.code).toBe('VALIDATION_FAILED');
    expect(en.body.error.details[0]).toMatchObject({
      path: 'quotation',
      message: 'quotation 999999 does not exist',
      key: 'sales.quotation_missing',
      params: { id: '999999' },
    });
    const lt = await t.req('POST', '/api/sales/sales_order', body, { 'accept-language': 'lt-LT,lt;q=0.9' });
    expect(lt.status).toBe(422);
    expect(lt.body.error.details[0].message).toBe('pasiūlymas 999999 neegzistuoja');
    expect(lt.body.error.message).toBe('quotation pasiūlymas 999999 neegzistuoja');
    const u = await t.createUser('lt.seller', [], { isAdmin: true });
    await t.db.query(`update auth_user set locale = 'lt' where id = $1`, [u.id]);
    const own = await u.req('POST', '/api/sales/sales_order', body, { 'accept-language': 'en' });
    expect(own.body.error.details[0].message).toBe('pasiūlymas 999999 neegzistuoja');
    // Nothing was written by the refused requests.
    expect((await t.db.query(`select count(*)::int as n from sales_sales_order where quotation = 999999`)).rows[0].n).toBe(0);
  });

  it('a core refusal (submit twice) in Lithuanian names the entity and the status in Lithuanian', async () => {
    const q = (await t.req('GET', `/api/sales/quotation?filter=${encodeURIComponent(JSON.stringify({ docstatus: 'submitted' }))}&limit=1`)).body.data[0];
    const r = await t.req('POST', `/api/sales/quotation/${q.id}/submit`, {}, { 'accept-language': 'lt' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INVALID_TRANSITION');
    expect(r.body.error.key).toBe('core.cannot_submit');
    expect(r.body.error.message).toMatch(/^Komercinis pasiūlymas .+ yra pateiktas; pateikti galima tik dokumentą, kurio būsena „juodraštis“$/);
  });
});
