/**
 * The baseline of the benchmark: plain Fastify + a pg Pool with hand-written, parameterized SQL
 * for the five benchmarked operations on the same table, answering the same requests with the
 * same JSON shapes as Tessera (decimals as strings, ids as numbers, dates as YYYY-MM-DD,
 * timestamps as ISO-8601 UTC; a list is {data, total}). Same Fastify logger setting (off) and
 * the same pool size as Tessera's Database (TESSERA_POOL_SIZE, default 10).
 *
 * Requests it understands (a hand-written server for exactly these, nothing general):
 *   GET   /api/benchmark/item/:id
 *   GET   /api/benchmark/item?filter={"status":..,"price":{"between":[a,b]}}&sort=-price&limit=25
 *   GET   /api/benchmark/item?q=word&limit=25&total=exact    (Tessera's full-text expression and GIN index)
 *   GET   /api/benchmark/item?filter={"name":{"contains":w}}&total=none|estimate   (name ilike, its own trigram index)
 *   GET   /api/benchmark/item?sort=id&after=<cursor>&total=none                    (keyset: id > $1)
 *   POST  /api/benchmark/order, POST /api/benchmark/order/:id/submit                (baseline-documents.ts)
 *   POST  /api/benchmark/item                                (insert ... returning)
 *   PATCH /api/benchmark/item/:id  {price, qty}              (update ... returning)
 *
 * Diagnostics: the request header `x-baseline-order: tessera` makes the list use Tessera's exact
 * ORDER BY (`desc nulls last`, id tiebreak), to separate SQL-plan cost from framework cost;
 * `x-baseline-mode: tx-audit` makes create/update run as Tessera's design does (BEGIN, the write
 * (update: after SELECT ... FOR UPDATE), an audit row, COMMIT), to separate the cost of that
 * design from the framework's.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { countQueries, listenForControl } from './control.js';
import { registerDocumentRoutes } from './baseline-documents.js';
import { ITEM_COLUMNS, ITEM_PATH, ITEM_TABLE, READY_PREFIX, type ReadyInfo } from './shared.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('baseline-server: DATABASE_URL is required');
  process.exit(2);
}
countQueries();

// The same value conventions as core/src/db/database.ts.
const types = new pg.TypeOverrides();
types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});
types.setTypeParser(1082, (v: string) => v);
types.setTypeParser(1114, (v: string) => new Date(`${v.replace(' ', 'T')}Z`).toISOString());
types.setTypeParser(1184, (v: string) => new Date(v).toISOString());
types.setTypeParser(1083, (v: string) => v);

const poolSize = Number(process.env.TESSERA_POOL_SIZE ?? 10);
const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, types, idleTimeoutMillis: 30_000 });
pool.on('error', () => undefined);

// The select list: the table's columns, read once at start, so the rows have exactly the fields
// Tessera returns even when the core adds a system column (the statements stay hand-written).
const columns = (
  await pool.query(`select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position`, [
    ITEM_TABLE,
  ])
).rows.map((r) => r.column_name as string);
if (!ITEM_COLUMNS.every((c) => columns.includes(c))) throw new Error(`${ITEM_TABLE} lacks some of ${ITEM_COLUMNS.join(', ')}: has ${columns.join(', ')}`);
const COLS = columns.map((c) => `t."${c}"`).join(', ');
const RETURNING = columns.map((c) => `"${c}"`).join(', ');
// Tessera's full-text expression (core/src/entities/search.ts), so that its GIN index serves both.
const SEARCH_DOC = `to_tsvector('simple'::regconfig, tessera_unaccent(coalesce(t."code"::text, '') || ' ' || coalesce(t."name"::text, '')))`;

const SQL = {
  get: `select ${COLS} from ${ITEM_TABLE} t where t.id = $1`,
  listData: `select ${COLS} from ${ITEM_TABLE} t where t.status = $1 and t.price between $2 and $3 order by t.price desc, t.id desc limit $4 offset $5`,
  listDataTesseraOrder: `select ${COLS} from ${ITEM_TABLE} t where t.status = $1 and t.price between $2 and $3 order by t.price desc nulls last, t.id desc limit $4 offset $5`,
  containsData: `select ${COLS} from ${ITEM_TABLE} t where t.name ilike $1 order by t.id desc limit $2`,
  containsCount: `select count(*)::int as total from ${ITEM_TABLE} t where t.name ilike $1`,
  keyset: `select ${COLS} from ${ITEM_TABLE} t where t.id > $1 order by t.id limit $2`,
  listCount: `select count(*)::int as total from ${ITEM_TABLE} t where t.status = $1 and t.price between $2 and $3`,
  searchData: `select ${COLS} from ${ITEM_TABLE} t where ${SEARCH_DOC} @@ to_tsquery('simple', $1) order by t.id desc limit $2 offset $3`,
  searchCount: `select count(*)::int as total from ${ITEM_TABLE} t where ${SEARCH_DOC} @@ to_tsquery('simple', $1)`,
  create: `insert into ${ITEM_TABLE} (code, name, price, qty, status, available_from, active, category, notes)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${RETURNING}`,
  update: `update ${ITEM_TABLE} set price = $1, qty = $2, version = version + 1, updated_at = now() where id = $3 returning ${RETURNING}`,
  // The tx-audit mode (diagnostic): what a transaction with an audit row costs by hand.
  getForUpdate: `select ${COLS} from ${ITEM_TABLE} t where t.id = $1 for update`,
  audit: `insert into bench_audit (user_id, username, entity, record_id, action, changes) values (1, 'bench', 'benchmark.item', $1, $2, $3)`,
};
// Shaped like Tessera's audit table (tessera_audit), with the same indexes.
await pool.query(`create table if not exists bench_audit (id bigserial primary key, at timestamptz not null default now(), user_id bigint, username text not null,
  entity text not null, record_id bigint not null, action text not null, changes jsonb not null default '{}'::jsonb);
  create index if not exists bench_audit_record_index on bench_audit (entity, record_id, id);
  create index if not exists bench_audit_at_index on bench_audit (at);`);

const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });

const notFound = (id: string) => ({ error: { code: 'NOT_FOUND', status: 404, message: `Item ${id} not found` } });
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } } };
const decimal = { type: ['string', 'number'], pattern: '^-?\\d{1,10}(\\.\\d{1,2})?$' };

app.get<{ Params: { id: string } }>(`${ITEM_PATH}/:id`, { schema: { params: idParams } }, async (req, reply) => {
  const { rows } = await pool.query(SQL.get, [Number(req.params.id)]);
  if (!rows[0]) return reply.status(404).send(notFound(req.params.id));
  return rows[0];
});

interface ListQs {
  filter?: string;
  sort?: string;
  q?: string;
  limit?: number;
  offset?: number;
  total?: 'exact' | 'estimate' | 'none';
  after?: string;
}
app.get<{ Querystring: ListQs }>(
  ITEM_PATH,
  {
    schema: {
      querystring: {
        type: 'object',
        properties: {
          filter: { type: 'string' },
          sort: { type: 'string' },
          q: { type: 'string', maxLength: 200 },
          limit: { type: 'integer', minimum: 1, maximum: 1000 },
          offset: { type: 'integer', minimum: 0 },
          total: { type: 'string', enum: ['exact', 'estimate', 'none'] },
          after: { type: 'string', maxLength: 4096 },
        },
      },
    },
  },
  async (req, reply) => {
    const { filter, q, total: mode } = req.query;
    const limit = req.query.limit ?? 25;
    const offset = req.query.offset ?? 0;
    const bad = (message: string) => reply.status(400).send({ error: { code: 'BAD_QUERY', status: 400, message } });
    // The same cursor format as Tessera's (base64url of {"s": sort, "k": [key values as text]}).
    const cursor = (spec: string, k: string[]) => Buffer.from(JSON.stringify({ s: spec, k })).toString('base64url');
    let data: pg.QueryResult;
    let count: Promise<{ total?: number; totalIsEstimate?: boolean }> = Promise.resolve({});
    const counted = (sql: string, params: unknown[]) => pool.query(sql, params).then((r) => ({ total: r.rows[0].total as number, totalIsEstimate: false }));
    const estimated = (where: string, params: unknown[]) =>
      pool
        .query(`explain (format json) select 1 from ${ITEM_TABLE} t where ${where}`, params)
        .then((r) => ({ total: Math.round(r.rows[0]['QUERY PLAN'][0].Plan['Plan Rows']), totalIsEstimate: true }));
    let next: (last: any) => string;
    if (q) {
      const words = q
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .slice(0, 10);
      if (!words.length) return bad('q has no words');
      const tsquery = words.map((w) => `'${w.normalize('NFD').replace(/\p{M}/gu, '')}':*`).join(' & ');
      const page = pool.query(SQL.searchData, [tsquery, limit, offset]);
      if (mode === 'exact') count = counted(SQL.searchCount, [tsquery]);
      data = await page;
      next = (last) => cursor('-id', [String(last.id)]);
    } else if (req.query.after !== undefined || req.query.sort === 'id') {
      let k: string[];
      try {
        const c = JSON.parse(Buffer.from(req.query.after ?? '', 'base64url').toString());
        if (c.s !== 'id' || !/^\d+$/.test(c.k?.[0])) throw new Error('bad cursor');
        k = c.k;
      } catch {
        return bad('after is not a cursor of sort=id');
      }
      data = await pool.query(SQL.keyset, [k[0], limit]);
      next = (last) => cursor('id', [String(last.id)]);
    } else {
      let f: any;
      try {
        f = JSON.parse(filter ?? '');
      } catch {
        return bad('filter is not valid JSON');
      }
      if (typeof f?.name?.contains === 'string') {
        // Its own trigram index on name (bench/run.ts creates it): name ilike '%word%'.
        const params = [`%${f.name.contains.replace(/[\\%_]/g, (c: string) => `\\${c}`)}%`];
        const page = pool.query(SQL.containsData, [...params, limit]);
        if (mode === 'estimate') count = estimated('t.name ilike $1', params);
        else if (mode === 'exact') count = counted(SQL.containsCount, params);
        data = await page;
        next = (last) => cursor('-id', [String(last.id)]);
      } else {
        const between = f?.price?.between;
        if (typeof f?.status !== 'string' || !Array.isArray(between) || between.length !== 2 || req.query.sort !== '-price')
          return bad('the baseline serves {status, price: {between}} sorted by -price, {name: {contains}} and sort=id with after only');
        const params = [f.status, String(between[0]), String(between[1])];
        const dataSql = req.headers['x-baseline-order'] === 'tessera' ? SQL.listDataTesseraOrder : SQL.listData;
        if (mode !== 'none') count = counted(SQL.listCount, params);
        data = await pool.query(dataSql, [...params, limit, offset]);
        next = (last) => cursor('-price,-id', [last.price, String(last.id)]);
      }
    }
    const totals = await count;
    if (totals.total !== undefined) reply.header('x-total-count', String(totals.total));
    const rows = data.rows;
    return { data: rows, ...totals, next: rows.length === limit ? next(rows[rows.length - 1]) : null };
  },
);

interface ItemBody {
  code: string;
  name: string;
  price: string | number;
  qty?: number;
  status?: string;
  available_from?: string;
  active?: boolean;
  category?: number;
  notes?: string;
}

app.post<{ Body: ItemBody }>(
  ITEM_PATH,
  {
    schema: {
      body: {
        type: 'object',
        required: ['code', 'name', 'price'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', maxLength: 30, pattern: '^[A-Z0-9-]+$' },
          name: { type: 'string', minLength: 1, maxLength: 120 },
          price: decimal,
          qty: { type: 'integer', minimum: 0 },
          status: { type: 'string', enum: ['draft', 'active', 'archived'] },
          available_from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          active: { type: 'boolean' },
          category: { type: 'integer', minimum: 1 },
          notes: { type: 'string' },
        },
      },
    },
  },
  async (req, reply) => {
    const b = req.body;
    const values = [
      b.code,
      b.name,
      String(b.price),
      b.qty ?? 0,
      b.status ?? 'draft',
      b.available_from ?? null,
      b.active ?? true,
      b.category ?? null,
      b.notes ?? null,
    ];
    try {
      const rows =
        req.headers['x-baseline-mode'] === 'tx-audit'
          ? await inTransaction(async (c) => {
              const r = await c.query(SQL.create, values);
              const changes = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, { old: null, new: v }]));
              await c.query(SQL.audit, [r.rows[0].id, 'create', JSON.stringify(changes)]);
              return r.rows;
            })
          : (await pool.query(SQL.create, values)).rows;
      reply.status(201).header('location', `${ITEM_PATH}/${rows[0].id}`);
      return rows[0];
    } catch (e: any) {
      if (e?.code === '23505') return reply.status(409).send({ error: { code: 'DUPLICATE', status: 409, message: e.detail } });
      if (e?.code === '23503') return reply.status(422).send({ error: { code: 'INVALID_REFERENCE', status: 422, message: e.detail } });
      throw e;
    }
  },
);

app.patch<{ Params: { id: string }; Body: { price: string | number; qty: number } }>(
  `${ITEM_PATH}/:id`,
  {
    schema: {
      params: idParams,
      body: { type: 'object', required: ['price', 'qty'], additionalProperties: false, properties: { price: decimal, qty: { type: 'integer', minimum: 0 } } },
    },
  },
  async (req, reply) => {
    const id = Number(req.params.id);
    const values = [String(req.body.price), req.body.qty, id];
    const rows =
      req.headers['x-baseline-mode'] === 'tx-audit'
        ? await inTransaction(async (c) => {
            const old = await c.query(SQL.getForUpdate, [id]);
            if (!old.rows[0]) return [];
            const r = await c.query(SQL.update, values);
            const changes = { price: { old: old.rows[0].price, new: r.rows[0].price }, qty: { old: old.rows[0].qty, new: r.rows[0].qty } };
            await c.query(SQL.audit, [id, 'update', JSON.stringify(changes)]);
            return r.rows;
          })
        : (await pool.query(SQL.update, values)).rows;
    if (!rows[0]) return reply.status(404).send(notFound(req.params.id));
    return rows[0];
  },
);

/** The tx-audit mode's transaction (BEGIN ... COMMIT on one pooled connection). */
async function inTransaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const out = await fn(c);
    await c.query('commit');
    return out;
  } catch (e) {
    await c.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

registerDocumentRoutes(app, pool);

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const info: ReadyInfo = { port: typeof address === 'object' && address ? address.port : 0, pid: process.pid, poolSize };
process.stdout.write(`${READY_PREFIX}${JSON.stringify(info)}\n`);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await app.close().catch(() => undefined);
  await pool.end().catch(() => undefined);
  process.exit(0);
};
listenForControl(stop);
