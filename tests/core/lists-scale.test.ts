/**
 * Lists at scale (issue #19): totals on demand, keyset paging, accent-insensitive text filters
 * served by the trigram indexes the declarations create. A real PostgreSQL; the SQL a list sends
 * is observed on the server's own pool (every statement still runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, startApp, type TestApp } from '../helpers.js';

let t: TestApp;
let seen: { sql: string; params: unknown[] }[] = [];
const SEEDED = 12_000;

/** Runs fn and returns the statements the server sent meanwhile. */
async function statements<T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[]; all: { sql: string; params: unknown[] }[] }> {
  seen = [];
  const result = await fn();
  const all = seen;
  seen = [];
  return { result, sql: all.map((s) => s.sql), all };
}

beforeAll(async () => {
  t = await startApp({ plugins: ['catalog'] });
  // 12,000 products in one statement (the API would take minutes); then the planner's statistics.
  await t.db.query(
    `insert into catalog_product (code, name, price, status, active)
     select 'P-' || g, (array['Plain bolt', 'Plain nut', 'Washer', 'Hinge', 'Bracket'])[1 + g % 5] || ' ' || g,
            ((g % 500) + 1)::numeric / 4, (array['draft','active','discontinued'])[1 + g % 3], true
     from generate_series(1, ${SEEDED}) g`,
  );
  for (const [code, name] of [
    ['LT-1', 'Rūta'],
    ['LT-2', 'RŪTA rankena'],
    ['LT-3', 'Šaukštas Ruta'],
    ['LT-4', 'Žąsis'],
  ])
    expect((await t.req('POST', '/api/catalog/product', { code, name, price: '1.00', status: 'active' })).status).toBe(201);
  // VACUUM too, as autovacuum would: it moves the rows from the GIN indexes' pending lists into the trees.
  await t.db.query('vacuum analyze catalog_product');
  const query = t.db.query.bind(t.db);
  t.db.query = ((sql: string, params?: unknown[]) => {
    seen.push({ sql, params: params ?? [] });
    return query(sql, params);
  }) as typeof t.db.query;
});
afterAll(async () => t?.close());

const counts = (sql: string[]) => sql.filter((s) => /\bcount\(/i.test(s));
const explains = (sql: string[]) => sql.filter((s) => /^explain\b/i.test(s));

describe('totals on demand', () => {
  it('total=none issues no count query (and no estimate): the page and its next cursor only', async () => {
    const { result: r, sql } = await statements(() => t.req('GET', `/api/catalog/product?total=none&limit=5&filter=${filter({ name: { contains: 'bolt' } })}`));
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(5);
    expect(r.body).not.toHaveProperty('total');
    expect(r.body).not.toHaveProperty('totalIsEstimate');
    expect(r.headers['x-total-count']).toBeUndefined();
    expect(typeof r.body.next).toBe('string');
    expect(counts(sql)).toEqual([]);
    expect(explains(sql)).toEqual([]);
    expect(sql.filter((s) => s.includes('catalog_product'))).toHaveLength(1);
  });

  it("total=estimate is the planner's row estimate, flagged in the body and the headers, with no count", async () => {
    const { result: r, sql } = await statements(() => t.req('GET', '/api/catalog/product?total=estimate&limit=1'));
    expect(r.status).toBe(200);
    expect(r.body.totalIsEstimate).toBe(true);
    expect(r.headers['x-total-is-estimate']).toBe('true');
    expect(r.headers['x-total-count']).toBe(String(r.body.total));
    // ANALYZE ran on 12,004 rows: the estimate is close, and it is not a count.
    expect(r.body.total).toBeGreaterThan(SEEDED * 0.9);
    expect(r.body.total).toBeLessThan(SEEDED * 1.1);
    expect(counts(sql)).toEqual([]);
    expect(explains(sql)).toHaveLength(1);
  });

  it('total=exact counts every match; the default counts exactly up to 10,000 and estimates above', async () => {
    const exact = await t.req('GET', '/api/catalog/product?total=exact&limit=1');
    expect(exact.body).toMatchObject({ total: SEEDED + 4, totalIsEstimate: false });
    expect(exact.headers['x-total-count']).toBe(String(SEEDED + 4));
    expect(exact.headers['x-total-is-estimate']).toBeUndefined();
    // 2,400 washers: below the threshold, counted exactly (one bounded count, no estimate).
    const { result: small, sql } = await statements(() => t.req('GET', `/api/catalog/product?limit=1&filter=${filter({ name: { startsWith: 'washer' } })}`));
    expect(small.body).toMatchObject({ total: SEEDED / 5, totalIsEstimate: false });
    expect(counts(sql)).toHaveLength(1);
    expect(counts(sql)[0]).toMatch(/limit 10001/);
    expect(explains(sql)).toEqual([]);
    // Every product: above the threshold, the planner's figure (never below what was counted).
    const big = await t.req('GET', '/api/catalog/product?limit=1');
    expect(big.body.totalIsEstimate).toBe(true);
    expect(big.body.total).toBeGreaterThan(10_000);
    const bad = await t.req('GET', '/api/catalog/product?total=some');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/total/);
  });
});

describe('keyset paging', () => {
  const walk = async (query: string, limit: number, between?: (page: number) => Promise<void>) => {
    const ids: number[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 200; page++) {
      const r = await t.req('GET', `/api/catalog/product?${query}&total=none&limit=${limit}${after ? `&after=${after}` : ''}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      ids.push(...r.body.data.map((d: { id: number }) => d.id));
      after = r.body.next;
      if (!after) break;
      await between?.(page);
    }
    return ids;
  };

  it('after pages are stable under inserts between pages: no row twice, none skipped, in order', async () => {
    const scope = `filter=${filter({ code: { startsWith: 'P-1' }, status: 'active' })}`;
    const before = (await t.req('GET', `/api/catalog/product?${scope}&total=exact&limit=1000&sort=-price`)).body;
    let n = 0;
    // New rows that sort before, among and after the ones read so far, inserted between pages.
    const ids = await walk(`${scope}&sort=-price`, 37, async () => {
      for (const price of ['125.00', '60.00', '0.25']) {
        n++;
        const r = await t.req('POST', '/api/catalog/product', { code: `P-1NEW${n}`, name: `New ${n}`, price, status: 'active' });
        expect(r.status).toBe(201);
      }
    });
    const original = before.data.map((d: { id: number }) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every row that existed before the walk is there once, in the original order.
    expect(ids.filter((id) => original.includes(id))).toEqual(original);
    // With offset, the same inserts shift the pages: a row is read twice.
    const p1 = (await t.req('GET', `/api/catalog/product?${scope}&sort=-price&limit=10&total=none`)).body.data.map((d: { id: number }) => d.id);
    await t.req('POST', '/api/catalog/product', { code: 'P-1TOP', name: 'Top', price: '999.00', status: 'active' });
    const p2 = (await t.req('GET', `/api/catalog/product?${scope}&sort=-price&limit=10&offset=10&total=none`)).body.data.map((d: { id: number }) => d.id);
    expect(p2).toContain(p1[9]);
  });

  it('after follows any sort: nullable columns (NULLS LAST ascending, FIRST descending), ties, mixed directions', async () => {
    const scope = `filter=${filter({ code: { startsWith: 'P-2' } })}`;
    await t.db.query(
      `update catalog_product set launch_date = case when id % 7 = 0 then null else date '2026-01-01' + (id % 40)::int end where code like 'P-2%'`,
    );
    for (const sort of ['launch_date', '-launch_date', 'status,-launch_date', '-status,price,launch_date']) {
      const all = (await t.req('GET', `/api/catalog/product?${scope}&sort=${sort}&limit=1000&total=none`)).body.data.map((d: { id: number }) => d.id);
      expect(all.length).toBeGreaterThan(1000 - 1);
      const paged = await walk(`${scope}&sort=${sort}`, 97);
      expect(paged.slice(0, all.length), sort).toEqual(all);
    }
  });

  it('after follows timestamps to the microsecond, booleans and text, and sorts on columns that fields leaves out', async () => {
    const scope = `filter=${filter({ code: { startsWith: 'P-3' } })}`;
    // Rows made apart by microseconds (the seeded ones share one transaction's timestamp).
    await t.db.query(`update catalog_product set created_at = timestamptz '2026-11-01 10:00:00' + (id % 13) * interval '1 microsecond' where code like 'P-3%'`);
    for (const [sort, fields] of [
      ['-created_at', undefined],
      ['created_at', 'code'],
      ['active,name', undefined],
      ['-name', 'code,price'],
      ['-price', 'code'],
    ] as const) {
      const q = `${scope}&sort=${sort}${fields ? `&fields=${fields}` : ''}`;
      const all = (await t.req('GET', `/api/catalog/product?${q}&limit=1000&total=none`)).body.data;
      expect(all.length).toBeGreaterThan(1000 - 1);
      const paged = await walk(q, 89);
      expect(paged.slice(0, all.length), sort).toEqual(all.map((d: { id: number }) => d.id));
      // The rows carry what fields asks for, and no cursor column.
      const keys = Object.keys(all[0]).sort();
      expect(keys, sort).toEqual(fields ? ['id', ...fields.split(',')].sort() : expect.not.arrayContaining(['__k0', '__k1']));
    }
  });

  it('a cursor is checked: another sort, a changed value or garbage is a 400 pointing at after; offset with after is refused', async () => {
    const first = (await t.req('GET', '/api/catalog/product?sort=price&limit=2&total=none')).body;
    const other = await t.req('GET', `/api/catalog/product?sort=-price&after=${first.next}`);
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ code: 'INVALID_CURSOR', details: [{ path: 'after' }] });
    expect(other.body.error.message).toMatch(/sort=price/);
    const forged = Buffer.from(JSON.stringify({ s: 'price,id', k: ["1'); drop table x; --", '1'] })).toString('base64url');
    const bad = await t.req('GET', `/api/catalog/product?sort=price&after=${forged}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_CURSOR');
    for (const junk of ['%%%', 'bm90IGpzb24', 'e30'])
      expect((await t.req('GET', `/api/catalog/product?sort=price&after=${junk}`)).body.error?.code, junk).toBe('INVALID_CURSOR');
    const both = await t.req('GET', `/api/catalog/product?sort=price&offset=5&after=${first.next}`);
    expect(both.status).toBe(400);
    expect(both.body.error.details[0].path).toBe('offset');
  });

  it('a deep keyset page reads only its own rows (EXPLAIN: an index range, no rows skipped)', async () => {
    const page = (await t.req('GET', '/api/catalog/product?sort=id&limit=1&offset=10000&total=none')).body;
    const { all } = await statements(() => t.req('GET', `/api/catalog/product?sort=id&limit=25&total=none&after=${page.next}`));
    const q = all.find((s) => s.sql.includes('from "catalog_product"'))!;
    const plan = JSON.stringify((await t.db.query(`explain (analyze, format json) ${q.sql}`, q.params)).rows[0]!['QUERY PLAN']);
    expect(plan).toMatch(/Index Scan/);
    expect(plan).not.toMatch(/"Node Type":"Sort"/);
    // The index scan stops after the page: 25 rows, not the 10,000 before them.
    const scan = /"Node Type":"Index Scan"[^{}]*"Actual Rows":(\d+)/.exec(plan);
    expect(Number(scan?.[1])).toBeLessThanOrEqual(25);
  });
});

describe('accent-insensitive text filters on trigram indexes', () => {
  it('contains, startsWith, endsWith and q ignore accents and case: "ruta" finds "Rūta"', async () => {
    const names = async (f: object | string) => {
      const r = await t.req(
        'GET',
        typeof f === 'string' ? `/api/catalog/product?q=${encodeURIComponent(f)}&total=exact` : `/api/catalog/product?filter=${filter(f)}&total=exact`,
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.data.map((d: { name: string }) => d.name).sort();
    };
    expect(await names({ name: { contains: 'ruta' } })).toEqual(['RŪTA rankena', 'Rūta', 'Šaukštas Ruta']);
    expect(await names({ name: { startsWith: 'ruta' } })).toEqual(['RŪTA rankena', 'Rūta']);
    expect(await names({ name: { endsWith: 'RUTA' } })).toEqual(['Rūta', 'Šaukštas Ruta']);
    expect(await names({ name: { contains: 'zasis' } })).toEqual(['Žąsis']);
    expect(await names({ name: { contains: 'saukst' } })).toEqual(['Šaukštas Ruta']);
    expect(await names('ruta')).toEqual(['RŪTA rankena', 'Rūta', 'Šaukštas Ruta']);
    expect(await names('Rūt')).toEqual(['RŪTA rankena', 'Rūta', 'Šaukštas Ruta']);
    // LIKE's own characters stay literal.
    expect(await names({ name: { contains: '%' } })).toEqual([]);
  });

  it('the migration made a trigram GIN index from the declaration, and contains uses it (EXPLAIN: bitmap index scan)', async () => {
    const idx = (await t.db.query(`select indexname, indexdef from pg_indexes where tablename = 'catalog_product'`)).rows;
    const byName = new Map(idx.map((r) => [r.indexname, r.indexdef]));
    expect(byName.get('catalog_product_name_trgm_index')).toMatch(/USING gin \(tessera_unaccent\(\(name\)::text\) gin_trgm_ops\)/);
    expect(byName.get('catalog_product_code_trgm_index')).toMatch(/gin_trgm_ops/);
    expect(byName.get('catalog_product_fts_index')).toMatch(/tessera_unaccent/);
    // Declared list filters get a btree (price, status); booleans do not.
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['catalog_product_price_index', 'catalog_product_status_index']));
    expect([...byName.keys()].some((n) => n.includes('_active_'))).toBe(false);

    // The tests before added rows to the GIN indexes' pending lists: flushed, as autovacuum does.
    await t.db.query('vacuum analyze catalog_product');
    // The count of a contains filter (what read the whole table before) and a page sorted by a
    // column without an index both find the rows through the trigram index.
    const { all } = await statements(() => t.req('GET', `/api/catalog/product?total=exact&sort=name&filter=${filter({ name: { contains: 'šaukšt' } })}`));
    const product = all.filter((s) => s.sql.includes('from "catalog_product"'));
    expect(product).toHaveLength(2);
    for (const q of product) {
      const plan = JSON.stringify((await t.db.query(`explain (format json) ${q.sql}`, q.params)).rows[0]!['QUERY PLAN']);
      expect(plan, q.sql).toMatch(/"Node Type":"Bitmap Index Scan"[^{}]*"Index Name":"catalog_product_name_trgm_index"/);
    }
  });
});

describe('full-text search', () => {
  /** The plan of the page query a search sends (EXPLAIN with the request's own parameters). */
  const planOf = async (q: string) => {
    const { result, all } = await statements(() => t.req('GET', `/api/catalog/product?q=${encodeURIComponent(q)}&total=none&limit=5`));
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const page = all.find((s) => s.sql.includes('from "catalog_product"'))!;
    return JSON.stringify((await t.db.query(`explain (format json) ${page.sql}`, page.params)).rows[0]!['QUERY PLAN']);
  };

  it('a rare word is found through the full-text index, not by reading the table in the order of the page', async () => {
    // One row matches "4242". Without a count the tsquery is built in a subquery (an InitPlan), so
    // the plan does not rest on the planner's flat guess for prefix words (2% of the rows), with
    // which it reads the primary key backwards and tests every row. (At millions of rows the
    // planner may still walk for an InitPlan: the counting search below decides from its count.)
    const rare = await planOf('4242');
    expect(rare).toMatch(/"Node Type":"Bitmap Index Scan"[^{}]*"Index Name":"catalog_product_fts_index"/);
    expect(rare).not.toMatch(/"Index Name":"catalog_product_pkey"/);
  });

  it('a counting search counts first; common words then read the page with the words as a constant, rare ones through the index; past the end no page is read', async () => {
    const search = (q: string, extra = '') => statements(() => t.req('GET', `/api/catalog/product?q=${q}&limit=5${extra}`));
    const product = (all: { sql: string; params: unknown[] }[]) => all.filter((s) => s.sql.includes('"catalog_product"'));
    const counted = Number((await t.db.query(`select count(*) from catalog_product where name ilike '%washer%'`)).rows[0]!.count);
    expect(counted).toBeGreaterThan(1000);

    // "washer": a fifth of the rows. The count, then a page whose words are a parameter the planner sees.
    const common = await search('washer', '&total=exact');
    expect(common.result.status).toBe(200);
    expect(common.result.body).toMatchObject({ total: counted, totalIsEstimate: false });
    const [count, page] = product(common.all);
    expect(product(common.all)).toHaveLength(2);
    expect(count!.sql).toMatch(/^select count\(\*\)::bigint as total/);
    expect(page!.sql).toMatch(/@@ \$\d+::tsquery/);
    expect(page!.sql).not.toMatch(/materialized|count\(/);
    // The same rows, in the same order, as the search that does not count (its words in a subquery).
    const uncounted = await search('washer', '&total=none');
    expect(common.result.body.data).toEqual(uncounted.result.body.data);
    expect(common.result.body.next).toBe(uncounted.result.body.next);

    // "4242": one row. Its page reads the matches through the full-text index, never the table in id order.
    const rare = await search('4242', '&total=exact');
    expect(rare.result.body.total).toBe(1);
    expect(rare.result.body.data.map((d: { code: string }) => d.code)).toEqual(['P-4242']);
    const rarePage = product(rare.all)[1]!;
    expect(rarePage.sql).toMatch(/with m as materialized/);
    const plan = JSON.stringify((await t.db.query(`explain (format json) ${rarePage.sql}`, rarePage.params)).rows[0]!['QUERY PLAN']);
    expect(plan).toMatch(/"Node Type":"Bitmap Index Scan"[^{}]*"Index Name":"catalog_product_fts_index"/);
    expect(plan).not.toMatch(/"Index Name":"catalog_product_pkey"/);

    // Pages after the first (the screens' keyset paging, total auto) take the same way: "424" is eleven rows.
    const pages: string[] = [];
    let after: string | null = '';
    for (let i = 0; i < 5 && after !== null; i++) {
      const r = await search('424', after ? `&after=${after}` : '');
      expect(r.result.status, JSON.stringify(r.result.body)).toBe(200);
      expect(r.result.body).toMatchObject({ total: 11, totalIsEstimate: false });
      if (after) expect(product(r.all)[1]!.sql).toMatch(/with m as materialized/);
      pages.push(...r.result.body.data.map((d: { code: string }) => d.code));
      after = r.result.body.next;
    }
    const all424 = (await t.db.query(`select code from catalog_product where code ~ '^P-424\\d?$' order by id desc`)).rows.map((r) => r.code);
    expect(pages).toEqual(all424);
    expect(all424).toHaveLength(11);

    // The default (auto): past LIMITS.exactTotalUpTo matches ("p": every code P-…) an estimate, flagged, never below what was counted.
    const many = await search('p');
    expect(many.result.status).toBe(200);
    expect(many.result.body.totalIsEstimate).toBe(true);
    expect(many.result.body.total).toBeGreaterThan(10_000);
    expect(many.result.body.data).toHaveLength(5);

    // A page past the last match: the count answers, and no page is read.
    const past = await search('washer', `&total=exact&offset=${counted + 10}`);
    expect(past.result.body.data).toEqual([]);
    expect(past.result.body.total).toBe(counted);
    expect(product(past.all)).toHaveLength(1);
  });

  it('every word must match as a prefix; quotes, backslashes and accents in q are words like any other', async () => {
    expect((await t.req('POST', '/api/catalog/product', { code: 'Q-1', name: "O'Reilly C:\\temp Ąžuolas", price: '1.00', status: 'active' })).status).toBe(201);
    const codes = async (q: string) => {
      const r = await t.req('GET', `/api/catalog/product?q=${encodeURIComponent(q)}&total=exact`);
      expect(r.status, `${q}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body.data.map((d: { code: string }) => d.code);
    };
    expect(await codes("o'reill")).toEqual(['Q-1']);
    expect(await codes('azuol reilly')).toEqual(['Q-1']);
    expect(await codes('c:\\tem')).toEqual(['Q-1']);
    expect(await codes("'\\")).toEqual(expect.any(Array));
    expect(await codes('reilly bolt')).toEqual([]);
  });
});
