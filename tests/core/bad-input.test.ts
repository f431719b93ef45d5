/**
 * Bad input never answers 5xx, and a failed request writes nothing. A seeded generator sends
 * malformed requests over every route of /api/openapi.json (all plugins on, demo data), as the
 * administrator and as restricted demo users, and checks each answer's status and error shape,
 * and that the committed contents of every table are unchanged by a request that failed.
 * FUZZ_SEED=<n> replays a run; FUZZ_COUNT=<n> sends more (or fewer) requests; FUZZ_MAX_FAILURES,
 * FUZZ_REPORT=<file>, FUZZ_TRACE=1 and FUZZ_SLOW=<ms> help when one fails. 5,200 requests take
 * about 15-35 s here (2 cores, more under load), plus the start of the demo.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startApp, type TestApp } from '../helpers.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const COUNT = Number(process.env.FUZZ_COUNT ?? 5200);

/** mulberry32: small, fast and deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const NUL = '\u0000';
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udfff';

/** Values that are wrong for some field or other: types, sizes, encodings, injection, edge numbers and dates. */
const BAD_STRINGS = [
  `a${NUL}b`,
  NUL,
  `${LONE_HIGH}`,
  `x${LONE_LOW}y`,
  '',
  ' ',
  ' 12.5 ',
  '12,5',
  '1e5',
  '1e400',
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '٣',
  '１２',
  '12.5.3',
  '99999999999999999999999999999999',
  '-99999999999999999999',
  '9223372036854775808',
  '2147483648',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '0001-01-01',
  '9999-12-31',
  '10000-01-01',
  '2026-02-29',
  '1',
  '99:99',
  '24:00',
  '25:61:61',
  '2026-02-30T10:00:00Z',
  '2026-01-01T99:99:99Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '2026-01-01 10:00',
  'yesterday',
  "' or 1=1 --",
  "'; drop table auth_user; --",
  '" or ""="',
  '\\',
  '%',
  '_',
  '%_%',
  '$1',
  '${x}',
  '{{x}}',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '../../etc/passwd',
  '\r\nX-Injected: 1',
  'a'.repeat(5000),
  'é'.repeat(300),
  '\u202e',
  '\ufeff',
  '\u{1F600}',
  'true',
  'false',
  'null',
  '[]',
  '{}',
  '-1',
  '0',
  '1.5',
];
const BAD_NUMBERS = [0, -1, 1.5, -0.000001, 2147483648, -2147483649, 9007199254740993, 1e20, 1e308, -1e308, 12345678901234567890, 0.1 + 0.2];
const BAD_OTHER: unknown[] = [null, true, false, [], [null], [1, 2], {}, { a: 1 }, { $gt: 1 }, [[[[[]]]]], { id: 1 }];

function badValue(r: Rng): unknown {
  const k = r.int(10);
  if (k < 6) return r.pick(BAD_STRINGS);
  if (k < 8) return r.pick(BAD_NUMBERS);
  return r.pick(BAD_OTHER);
}

const BAD_IDS = [
  '0',
  '-1',
  '00',
  '1.5',
  'abc',
  '1e3',
  '99999999999999999999',
  '9223372036854775808',
  '9007199254740993',
  '%00',
  '1%00',
  '%ff',
  '%C0%80',
  '%ED%A0%80',
  "1'",
  '1%20or%201=1',
  'x'.repeat(300),
  '%2e%2e',
  '1;2',
  ' 1',
];
const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'contains', 'startsWith', 'endsWith', 'isNull', 'between', 'like', '$where', ''];

interface Route {
  method: string;
  path: string;
  params: string[];
  body?: any;
  query?: any[];
}

interface Request {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** encodeURIComponent, but a lone surrogate is sent as the bytes a careless client would send (WTF-8). */
function pct(s: string): string {
  let out = '';
  for (const ch of s) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      const c = ch.charCodeAt(0);
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
  }
  return out;
}

/** A plausible value for a JSON Schema, so one bad field stands out in an otherwise sane body. */
function plausible(schema: any, r: Rng, depth = 0): unknown {
  if (!schema || depth > 4) return null;
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  if (schema.enum)
    return (
      r.pick(
        schema.enum
          .filter((x: unknown) => x !== null)
          .concat([null])
          .slice(0, -1),
      ) ?? null
    );
  if (schema['x-decimal'] || (Array.isArray(schema.type) && schema.type.includes('number') && schema.type.includes('string'))) return '1.5';
  switch (type) {
    case 'string':
      return schema.format === 'date'
        ? '2026-03-02'
        : schema.format === 'date-time'
          ? '2026-03-02T10:00:00Z'
          : schema.format === 'tessera-time'
            ? '10:00'
            : schema.format === 'email'
              ? 'a@example.com'
              : schema.format === 'uri'
                ? 'https://example.com'
                : 'fuzz';
    case 'integer':
      return 1;
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [plausible(schema.items, r, depth + 1)];
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, s] of Object.entries<any>(schema.properties ?? {}))
        if (s && Object.keys(s).length && (schema.required?.includes(k) || r.chance(0.5))) o[k] = plausible(s, r, depth + 1);
      return o;
    }
    default:
      return null;
  }
}

/** Replaces one value deep inside a plausible body with a bad one (lines too). */
function corrupt(value: any, schema: any, r: Rng, depth = 0): any {
  if (depth > 3 || value === null || typeof value !== 'object') return r.chance(0.5) ? typedBad(r, schema) : badValue(r);
  if (Array.isArray(value)) {
    if (!value.length || r.chance(0.2)) return r.pick([badValue(r), Array.from({ length: 3 }, () => badValue(r))]);
    const i = r.int(value.length);
    value[i] = corrupt(value[i], schema?.items, r, depth + 1);
    return value;
  }
  const props = Object.keys(schema?.properties ?? value);
  if (!props.length || r.chance(0.1)) {
    value[r.pick(['__proto__', 'constructor', `x${NUL}`, LONE_HIGH, 'unknown_field', 'id', ''])] = badValue(r);
    return value;
  }
  const k = r.pick(props);
  value[k] = corrupt(value[k], schema?.properties?.[k], r, depth + 1);
  return value;
}

/** Values that are wrong in a way particular to a column's type (what JavaScript accepts but PostgreSQL refuses). */
const TYPED: Record<string, unknown[]> = {
  date: ['2026-02-30', '2025-02-29', '0000-01-01', '2026-00-10', '1', '2026-1-1', '99999-01-01'],
  'date-time': ['1', '2026-02-30', '2026-02-30T10:00:00Z', '2026-01-01T99:99:00Z', '0000-01-01T00:00:00Z', '275760-09-13', 'Tue Dec 1 2026'],
  time: ['99:99', '24:00', '25:00:00', '9:5', '12:60'],
  integer: [2147483648, -2147483649, '9223372036854775808', 9007199254740993, 1e20, '1e3', 1.5, '-0x1'],
  decimal: [' 12.5 ', '1e3', '12,5', 'NaN', '1'.repeat(2000), '-', '.5'],
  string: [`a${NUL}`, LONE_HIGH, 1, true],
};

function typedBad(r: Rng, schema: any): unknown {
  if (!schema) return badValue(r);
  const type = Array.isArray(schema.type) ? schema.type.find((x: string) => x !== 'null') : schema.type;
  const key =
    schema.format === 'date'
      ? 'date'
      : schema.format === 'date-time'
        ? 'date-time'
        : schema.format === 'tessera-time'
          ? 'time'
          : schema['x-decimal'] || schema.description?.includes('decimal')
            ? 'decimal'
            : type;
  return r.pick(TYPED[key] ?? TYPED.string!);
}

function badFilter(r: Rng, fields: string[], depth = 0, props: Record<string, any> = {}): unknown {
  let last = '';
  const field = () => (last = r.chance(0.85) && fields.length ? r.pick(fields) : r.pick(['nope', `a${NUL}`, 'lines.nope', 'x.y.z', "name'", '']));
  const value = () => (r.chance(0.6) ? typedBad(r, props[last]) : badValue(r));
  switch (r.int(depth > 2 ? 4 : 7)) {
    case 0: {
      const f = field();
      return { [f]: value() };
    }
    case 1: {
      const f = field();
      return { [f]: { [r.pick(OPERATORS)]: value() } };
    }
    case 2:
      return { [field()]: { between: [badValue(r), badValue(r)] } };
    case 3:
      return { [field()]: { in: Array.from({ length: 1 + r.int(3) }, () => badValue(r)) } };
    case 4:
      return { [r.pick(['and', 'or'])]: [badFilter(r, fields, depth + 1, props), badFilter(r, fields, depth + 1, props)] };
    case 5:
      return { not: badFilter(r, fields, depth + 1, props) };
    default:
      return r.pick<unknown>([[], 'x', 1, null, { and: [] }, { or: {} }, { not: null }]);
  }
}

function badQuery(r: Rng, fields: string[], route: Route, props: Record<string, any> = {}): string {
  const names = (route.query ?? []).map((p: any) => p.name as string);
  const parts: string[] = [];
  const n = 1 + r.int(2);
  for (let i = 0; i < n; i++) {
    // Filters carry most of the ways a value can be wrong: they get a larger share.
    const name =
      names.includes('filter') && r.chance(0.45) ? 'filter' : names.length && r.chance(0.9) ? r.pick(names) : r.pick(['filter', 'unknown', `a${NUL}`, 'limit']);
    let v: string;
    switch (name) {
      case 'filter':
        v = r.chance(0.1) ? r.pick(['{', '{"a":', 'null', '[]', `{"a":"${NUL}"}`, '{"a":1}'.repeat(2)]) : JSON.stringify(badFilter(r, fields, 0, props));
        break;
      case 'sort':
        v = r.pick([...fields.map((f) => (r.chance(0.5) ? `-${f}` : f)), 'nope', '-', ',', 'id;drop', `name${NUL}`, 'lines', 'a'.repeat(300)]);
        break;
      case 'limit':
      case 'offset':
        v = r.pick(['0', '-1', '1001', '1e3', '99999999999999999999', '9223372036854775808', '2147483648', 'abc', '1.5', '', `1${NUL}`]);
        break;
      case 'fields':
      case 'expand':
        v = r.pick([...fields, 'nope', 'a.b.c.d.e.f', 'lines.item.uom.x', `${fields[0] ?? 'x'},`.repeat(50), `x${NUL}`, '']);
        break;
      case 'ids':
        v = r.pick([
          '0',
          '-1',
          '1,,2',
          '99999999999999999999',
          '9223372036854775808',
          '1,9223372036854775807',
          '1,999999999',
          Array.from({ length: 1200 }, (_, j) => j + 1).join(','),
          'a',
          `1${NUL}`,
        ]);
        break;
      default:
        v = String(r.chance(0.5) ? badValue(r) : r.pick(BAD_STRINGS));
    }
    parts.push(`${pct(name)}=${pct(v)}`);
  }
  return parts.join('&');
}

function toolong(): string {
  return JSON.stringify({ x: 'y'.repeat(6 * 1024 * 1024) });
}

function makeRequest(r: Rng, route: Route, propsOf: (path: string) => Record<string, any>, token: string): Request {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let path = route.path;
  const realId = r.chance(0.5);
  for (const p of route.params) path = path.replace(`{${p}}`, realId ? String(1 + r.int(3)) : r.pick(BAD_IDS));
  const props = propsOf(route.path);
  const fields = Object.keys(props);
  let url = path;
  const req: Request = { method: route.method, url, headers };
  const kind = r.int(10);
  if (route.method === 'GET' || route.method === 'DELETE') {
    if (kind < 8) url += `?${badQuery(r, fields, route, props)}`;
    else if (kind === 8) url += `?${r.pick(['%', '%zz', 'a=%ff', 'a=%00', '&&&', '=', 'filter=%7B%22a%22'])}`;
    else url = `${path}${r.pick(['/..', '/%00', '/%ff', '//', '/x'.repeat(5)])}`;
    req.url = url;
    return req;
  }
  // Writes: bodies. Some also get a bad query string (bulk ids).
  if (route.query?.length && r.chance(0.4)) req.url = `${path}?${badQuery(r, fields, route, props)}`;
  headers['content-type'] = 'application/json';
  if (kind < 6) {
    const base = plausible(route.body ?? { type: 'object' }, r);
    const body = r.chance(0.15) ? badValue(r) : corrupt(base ?? {}, route.body, r);
    req.payload = JSON.stringify(body);
  } else if (kind === 6) {
    req.payload = r.pick([
      '{',
      '{"a":}',
      '[',
      'nul',
      '{"a":1,}',
      "{'a':1}",
      '',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      `${'1'.repeat(400)}e99999`,
      '{"__proto__":{"x":1}}',
    ]);
  } else if (kind === 7) {
    // Bytes that are not UTF-8, or UTF-8 for a surrogate.
    req.payload = Buffer.concat([Buffer.from('{"name":"'), Buffer.from(r.pick([[0xff, 0xfe], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0x80]])), Buffer.from('"}')]);
  } else if (kind === 8) {
    headers['content-type'] = r.pick([
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/json; charset=latin1',
      'application/json\u0000',
      '',
      'application/jsonx',
    ]);
    req.payload = r.pick(['{"a":1}', 'a=1', '<a/>']);
  } else {
    // Line-item arrays and strings far beyond any declared size.
    const base: any = plausible(route.body ?? { type: 'object' }, r) ?? {};
    const arrays = Object.entries<any>(route.body?.properties ?? {}).filter(([, s]) => s?.type === 'array');
    if (arrays.length && r.chance(0.5)) {
      const [name, s] = r.pick(arrays);
      const line = plausible(s.items, r);
      base[name] = Array.from({ length: r.pick([1001, 2500]) }, () => line);
      req.payload = JSON.stringify(base);
    } else if (r.chance(0.15)) req.payload = toolong();
    else {
      const props = Object.keys(route.body?.properties ?? { name: 1 });
      base[r.pick(props)] = 'z'.repeat(r.pick([256, 70_000]));
      req.payload = JSON.stringify(base);
    }
  }
  return req;
}

let t: TestApp;
let routes: Route[] = [];
const fieldMap = new Map<string, Record<string, any>>();
let tokens: { name: string; token: string }[] = [];
let tables: string[] = [];

/**
 * Tables whose rows a failed request may legitimately touch: sessions, and the login throttle,
 * which must count a wrong password (at the login or on a password change) precisely when the
 * request fails.
 */
const EXCLUDED = new Set(['tessera_session', 'tessera_login_failure', 'tessera_login_throttle', 'tessera_api_token']);

/**
 * Every committed row change, logged by a row trigger on every table with the time it was
 * made: a rolled-back request leaves no log rows, a write that escaped its transaction does.
 * Requests are sent one after the other (reads a few at a time), so the time of a write names
 * the request that made it, and the log is read only now and then. Cheaper and stricter than
 * comparing row counts and checksums of every table after each request.
 */
async function installWriteLog(): Promise<void> {
  await t.db.query(
    `create table fuzz_write_log (id bigserial primary key, tbl text not null, op text not null, row text, at timestamptz not null default clock_timestamp())`,
  );
  await t.db.query(
    `create function fuzz_log_write() returns trigger language plpgsql as $$ begin insert into fuzz_write_log (tbl, op, row) values (tg_table_name, tg_op, left(case when tg_op = 'DELETE' then row_to_json(old) else row_to_json(new) end::text, 300)); return null; end $$`,
  );
  for (const tb of tables)
    await t.db.query(`create trigger fuzz_log after insert or update or delete on "${tb}" for each row execute function fuzz_log_write()`);
}

let checker: pg.Client;
interface Write {
  id: number;
  ms: number;
  what: string;
}
async function writesSince(id: number): Promise<Write[]> {
  const res = await checker.query(
    `select id::text as n, tbl, op, row, extract(epoch from at) * 1000 as ms from fuzz_write_log where id > $1 order by fuzz_write_log.id`,
    [id],
  );
  return res.rows.map((r) => ({ id: Number(r.n), ms: Number(r.ms), what: `${r.op.toLowerCase()} ${r.tbl} ${r.row}` }));
}

beforeAll(async () => {
  // The business plugins with their demo data, and the fixture catalog (a field of every type).
  t = await startApp({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'production', 'hr', 'catalog'] }, { demo: true });
  // Background workers would write after the response; the check wants only the request's own writes.
  await t.jobs?.stop();
  const doc = (await t.req('GET', '/api/openapi.json')).body;
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
      const query = (op.parameters ?? []).filter((p: any) => p.in === 'query');
      const body = op.requestBody?.content?.['application/json']?.schema;
      routes.push({ method: method.toUpperCase(), path, params, body, query });
      // Records are shared components (#/components/schemas/<entity key>).
      const deref = (x: any) => (x?.$ref ? doc.components.schemas[x.$ref.split('/').pop()] : x);
      const record = deref(op.responses?.['200']?.content?.['application/json']?.schema);
      const props = deref(record?.properties?.data?.items)?.properties ?? record?.properties;
      const key = path.replace(/\/\{id\}.*$/, '');
      if (props && !fieldMap.has(key)) fieldMap.set(key, Object.fromEntries(Object.entries<any>(props).filter(([k]) => k !== 'data' && k !== 'total')));
    }
  }
  routes = routes.filter((r) => r.path !== '/api/auth/logout'); // would end the fuzzing user's own session
  const users = await t.db.query<{ id: number; username: string }>(
    `select id, username from auth_user where username in ('hr.employee', 'crm.sales_rep', 'purchasing.user')`,
  );
  tokens = [{ name: 'admin', token: t.adminToken }];
  for (const u of users.rows) tokens.push({ name: u.username, token: (await t.auth!.createApiToken(Number(u.id), 'fuzz')).token });
  expect(tokens.map((x) => x.name).sort()).toEqual(['admin', 'crm.sales_rep', 'hr.employee', 'purchasing.user']);
  const tb = await t.db.query<{ relname: string }>(
    `select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by relname`,
  );
  tables = tb.rows.map((r) => r.relname).filter((n) => !EXCLUDED.has(n));
  await installWriteLog();
  // Its own connection: a check is one round trip, not a wait for a pooled client.
  checker = new pg.Client({ connectionString: t.url });
  await checker.connect();
}, 240_000);
afterAll(async () => {
  await checker?.end();
  await t?.close();
});

/** A 4xx in the standard shape with this code, and (when given) a problem at this path. */
function refused(r: { status: number; body: any }, status: number, code: string, path?: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error).toMatchObject({ code, status });
  expect(typeof r.body.error.message).toBe('string');
  if (path !== undefined)
    expect(
      r.body.error.details?.map((d: any) => d.path),
      JSON.stringify(r.body),
    ).toContain(path);
}
const q = (f: unknown) => `/api/catalog/product?filter=${encodeURIComponent(JSON.stringify(f))}`;
const raw = (method: string, url: string, payload?: string | Buffer, headers: Record<string, string> = {}) =>
  t.app
    .inject({
      method: method as any,
      url,
      payload,
      headers: { authorization: `Bearer ${t.adminToken}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    })
    .then((r) => ({ status: r.statusCode, body: r.json() }));

describe('each known case of bad input is a 4xx naming the field (issue 11, item 5)', () => {
  it('a NUL byte in a filter, q, a body, the login, a header or a path id', async () => {
    refused(await t.req('GET', q({ name: { contains: `a${NUL}` } })), 400, 'INVALID_CHARACTER', 'filter/name/contains');
    refused(await t.req('GET', `/api/catalog/product?q=a%00b`), 400, 'INVALID_CHARACTER');
    refused(await t.req('POST', '/api/catalog/product', { code: 'NUL-1', name: `a${NUL}`, price: '1' }), 400, 'INVALID_CHARACTER', 'name');
    refused(await t.req('POST', '/api/auth/login', { username: `admin${NUL}`, password: 'x' }, { authorization: '' }), 400, 'INVALID_CHARACTER', 'username');
    refused(await raw('GET', '/api/catalog/product', undefined, { 'x-note': `a${NUL}` }), 400, 'INVALID_CHARACTER', 'headers/x-note');
    refused(await t.req('GET', '/api/catalog/product/1%00'), 400, 'INVALID_CHARACTER');
    refused(await t.req('DELETE', '/api/catalog/product?ids=1%00'), 400, 'INVALID_CHARACTER');
  });

  it('ids and offsets beyond bigint, and 16-digit ids keep their digits', async () => {
    refused(await t.req('GET', '/api/catalog/product?ids=9223372036854775808'), 400, 'INVALID_QUERY', 'ids');
    refused(await t.req('DELETE', '/api/catalog/product?ids=1,99999999999999999999'), 400, 'INVALID_QUERY', 'ids');
    refused(await t.req('GET', '/api/catalog/product?offset=9223372036854775808'), 400, 'LIMIT_EXCEEDED', 'offset');
    const r = await t.req('GET', '/api/catalog/product/9999999999999999');
    refused(r, 404, 'NOT_FOUND');
    expect(r.body.error.message).toContain('9999999999999999');
  });

  it('impossible dates and times in filters, and date-times JavaScript accepts but PostgreSQL refuses', async () => {
    refused(await t.req('GET', q({ launch_date: '2026-02-30' })), 400, 'INVALID_QUERY', 'filter/launch_date');
    refused(await t.req('GET', q({ launch_date: { between: ['0000-01-01', '2026-01-01'] } })), 400, 'INVALID_QUERY', 'filter/launch_date/between/0');
    refused(await t.req('GET', q({ opening_time: '99:99' })), 400, 'INVALID_QUERY', 'filter/opening_time');
    refused(await t.req('GET', q({ created_at: { gt: '1' } })), 400, 'INVALID_QUERY', 'filter/created_at/gt');
    refused(await t.req('GET', q({ last_sold_at: { lt: '2026-02-30T10:00:00Z' } })), 400, 'INVALID_QUERY', 'filter/last_sold_at/lt');
    // What is valid still works, with or without a zone.
    for (const f of [
      { created_at: { gt: '2026-01-01' } },
      { created_at: { gt: '2026-01-01T10:00' } },
      { launch_date: '2024-02-29' },
      { opening_time: '23:59' },
    ])
      expect((await t.req('GET', q(f))).status, JSON.stringify(f)).toBe(200);
  });

  it('integer filters beyond the column type (int4, int8)', async () => {
    refused(await t.req('GET', q({ stock_qty: 2147483648 })), 400, 'INVALID_QUERY', 'filter/stock_qty');
    refused(await t.req('GET', q({ stock_qty: { in: [1, '-2147483649'] } })), 400, 'INVALID_QUERY', 'filter/stock_qty/in/1');
    refused(await t.req('GET', q({ big_counter: '9223372036854775808' })), 400, 'INVALID_QUERY', 'filter/big_counter');
    refused(await t.req('GET', q({ id: 1e20 })), 400, 'INVALID_QUERY', 'filter/id');
    expect((await t.req('GET', q({ big_counter: 3000000000 }))).status).toBe(200);
  });

  it('impossible dates, times, decimals with spaces, and wrong JSON types in bodies', async () => {
    const p = { code: 'BAD-1', name: 'Bad', price: '1.00' };
    refused(await t.req('POST', '/api/catalog/product', { ...p, launch_date: '2026-02-30' }), 422, 'VALIDATION_FAILED', 'launch_date');
    refused(await t.req('POST', '/api/catalog/product', { ...p, launch_date: '0000-01-01' }), 422, 'VALIDATION_FAILED', 'launch_date');
    refused(await t.req('POST', '/api/catalog/product', { ...p, last_sold_at: '2026-02-30T10:00:00Z' }), 422, 'VALIDATION_FAILED', 'last_sold_at');
    refused(await t.req('POST', '/api/catalog/product', { ...p, opening_time: '99:99' }), 422, 'VALIDATION_FAILED', 'opening_time');
    refused(await t.req('POST', '/api/catalog/product', { ...p, price: ' 12.5 ' }), 422, 'VALIDATION_FAILED', 'price');
    refused(await t.req('POST', '/api/catalog/product', { ...p, name: 12 }), 422, 'VALIDATION_FAILED', 'name');
    refused(await t.req('POST', '/api/catalog/product', { ...p, stock_qty: '5' }), 422, 'VALIDATION_FAILED', 'stock_qty');
    refused(await t.req('POST', '/api/catalog/product', { ...p, category: 1e20 }), 422, 'VALIDATION_FAILED', 'category');
    refused(await t.req('POST', '/api/catalog/product', { ...p, big_counter: 2 ** 63 }), 422, 'VALIDATION_FAILED', 'big_counter');
    expect(Number((await t.db.query(`select count(*)::int as n from catalog_product where code = 'BAD-1'`)).rows[0].n)).toBe(0);
  });

  it('a lone surrogate in an action input or any string, and bytes that are not UTF-8', async () => {
    refused(await t.req('POST', '/api/crm/contact/1/actions/log_call', { subject: `call ${LONE_HIGH}` }), 400, 'INVALID_CHARACTER', 'subject');
    refused(await t.req('POST', '/api/catalog/product', { code: 'SUR-1', name: `x${LONE_LOW}`, price: '1' }), 400, 'INVALID_CHARACTER', 'name');
    refused(await t.req('GET', q({ name: LONE_HIGH })), 400, 'INVALID_CHARACTER', 'filter/name');
    refused(
      await raw('POST', '/api/catalog/product', Buffer.from([...Buffer.from('{"code":"U-1","price":"1","name":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')])),
      400,
      'INVALID_ENCODING',
    );
    refused(await raw('POST', '/api/catalog/product', '{"code":"P-1","name":"x","price":"1","__proto__":{"admin":true}}'), 400, 'FORBIDDEN_KEY', '__proto__');
  });

  it('lines over the core default of 1,000 per document', async () => {
    const lines = Array.from({ length: 1001 }, () => ({ item: 1, qty: '1' }));
    const r = await t.req('POST', '/api/inventory/stock_entry', { purpose: 'receipt', posting_date: '2026-03-01', to_warehouse: 2, lines });
    refused(r, 422, 'TOO_MANY_LINES', 'lines');
    expect(r.body.error.message).toContain('at most 1000');
  });

  it("Fastify's own errors use the standard shape with stable codes", async () => {
    refused(await t.req('GET', '/api/catalog/product/%ff'), 400, 'BAD_URL');
    refused(await t.req('GET', `/api/catalog/product/${'1'.repeat(200)}`), 414, 'URI_TOO_LONG');
    const json = await raw('POST', '/api/auth/login', '{"username":"admin","password":"hunter2-secret"');
    refused(json, 400, 'INVALID_JSON');
    expect(json.body.error.message).not.toContain('hunter2'); // the message gives the position, never the body
    refused(await raw('POST', '/api/catalog/product', ''), 400, 'EMPTY_BODY');
    refused(await raw('POST', '/api/catalog/product', '<a/>', { 'content-type': 'application/xml' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('the last-resort mapping of PostgreSQL data errors', () => {
  it('class 22 errors are 4xx with stable codes, never a 500', async () => {
    const { toClientError } = await import('../../core/src/api/errors.js');
    const cases: [string, string, number, string][] = [
      ['select $1::bigint', '9223372036854775808', 422, 'VALUE_OUT_OF_RANGE'],
      ['select $1::int', 'x', 422, 'INVALID_VALUE'],
      ['select $1::date', '2026-02-30', 422, 'INVALID_DATE'],
      ['select $1::timestamptz', '1', 422, 'INVALID_DATE'],
      ['select $1::text', `a${NUL}`, 400, 'INVALID_CHARACTER'],
      ["select convert_from(decode($1, 'hex'), 'UTF8')", 'ff', 400, 'INVALID_CHARACTER'],
      ['select 1 / $1::int', '0', 422, 'INVALID_VALUE'],
    ];
    for (const [sql, value, status, code] of cases) {
      const err = await t.db.query(sql, [value]).then(
        () => undefined,
        (e) => e,
      );
      expect(err, sql).toBeDefined();
      expect(toClientError(err), `${sql} ${err.code}`).toMatchObject({ status, code });
    }
    expect(toClientError(Object.assign(new Error('x'), { code: '57P01' }))).toBeUndefined();
  });
});

describe('malformed requests over every route', () => {
  it(`answers ${COUNT} malformed requests with 4xx in the standard error shape and writes nothing when one fails (seed ${SEED})`, async () => {
    const r = prng(SEED);
    const started = Date.now();
    const timing = { inject: 0, check: 0 };
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let last = 0;
    expect(routes.length).toBeGreaterThan(100);
    // The plan is drawn up front from the seed (the same seed, the same requests).
    const plan = Array.from({ length: COUNT }, (_, i) => {
      const route = routes[i % routes.length]!; // every route, many times over
      const who = r.pick(tokens);
      return { i, who, req: makeRequest(r, route, (p) => fieldMap.get(p.replace(/\/\{id\}.*$/, '')) ?? {}, '') };
    });
    const maxFailures = Number(process.env.FUZZ_MAX_FAILURES ?? 20);
    type Sent = { start: number; end: number; read: boolean; failed: boolean; shows: string[] };
    let sent: Sent[] = [];
    // Writes made while a read or a failed request was in flight.
    const attribute = async () => {
      const t1 = performance.now();
      const writes = await writesSince(last);
      timing.check += performance.now() - t1;
      if (writes.length) last = writes.at(-1)!.id;
      for (const w of writes) {
        // Clocks are read to the millisecond: a write on the boundary of a successful write
        // request and the next read is that request's, not the read's.
        const near = sent.filter((x) => w.ms >= x.start - 1 && w.ms <= x.end + 1);
        const s = near.every((x) => x.read || x.failed) ? near[0] : undefined;
        if (s) failures.push(`wrote (${w.what.slice(0, 300)}) during a ${s.read ? 'read' : 'failed request'}: ${s.shows.join('\n  ')}`);
      }
      sent = [];
    };
    for (let k = 0; k < plan.length && failures.length < maxFailures; ) {
      // Reads never write: a run of GETs is sent a few at a time; every other request alone.
      const batch = [plan[k]!];
      if (plan[k]!.req.method === 'GET') while (batch.length < 8 && plan[k + batch.length]?.req.method === 'GET') batch.push(plan[k + batch.length]!);
      k += batch.length;
      const t0 = performance.now();
      const start = Date.now();
      const results = await Promise.all(
        batch.map(({ req, who }) =>
          t.app.inject({ method: req.method as any, url: req.url, headers: { ...req.headers, authorization: `Bearer ${who.token}` }, payload: req.payload }),
        ),
      );
      const end = Date.now();
      timing.inject += performance.now() - t0;
      const shows: string[] = [];
      for (const [n, { i, who, req }] of batch.entries()) {
        const res = results[n]!;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const show = `#${i} seed ${SEED} as ${who.name}: ${req.method} ${req.url} ${typeof req.payload === 'string' ? req.payload.slice(0, 300) : req.payload ? `<${req.payload.length} bytes>` : ''} -> ${res.statusCode} ${res.body.slice(0, 400)}`;
        shows.push(show);
        if (process.env.FUZZ_TRACE) console.log(show.slice(0, 300));
        if (res.statusCode >= 500) failures.push(`5xx ${show}`);
        else if (res.statusCode >= 400) {
          let body: any;
          try {
            body = res.json();
          } catch {
            body = undefined;
          }
          const e = body?.error;
          if (
            !e ||
            typeof e.code !== 'string' ||
            !/^[A-Z][A-Z0-9_]+$/.test(e.code) ||
            e.status !== res.statusCode ||
            typeof e.message !== 'string' ||
            !e.message
          )
            failures.push(`shape ${show}`);
        }
      }
      sent.push({ start, end, read: batch[0]!.req.method === 'GET', failed: results[0]!.statusCode >= 400, shows });
      // A request may legitimately end a user's tokens (password change, token delete, user deleted): a new user takes over.
      const ended = new Set(batch.filter((_, n) => results[n]!.statusCode === 401).map((b) => b.who));
      if (ended.size) {
        // The replacement users' own writes are the test's, not a request's: the writes so far
        // are attributed first, and the new users' rows are skipped (they can land within the
        // millisecond of the batch that ended a token, and were then blamed on it).
        await attribute();
        for (const who of ended)
          who.token = (await t.createUser(`fuzz_${k}_${who.name}`, who.name === 'admin' ? [] : [who.name], { isAdmin: who.name === 'admin' })).token;
        const own = await writesSince(last);
        if (own.length) last = own.at(-1)!.id;
      }
      if (sent.length >= 100 || k >= plan.length) await attribute();
    }
    const seconds = (Date.now() - started) / 1000;
    if (process.env.FUZZ_SLOW) console.log(`TIMING inject ${Math.round(timing.inject)} ms, write checks ${Math.round(timing.check)} ms`);
    console.log(
      `bad-input fuzz: ${COUNT} requests over ${routes.length} routes in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, failures.join('\n'));
    expect(failures, failures.join('\n')).toEqual([]);
  }, 300_000);
});
