/**
 * Data access: one pg Pool for requests (MikroORM is used for the schema only). Every query is
 * parameterized; identifiers come from the declared model, never from user input.
 * Values keep their exact form: numeric stays a string, bigint ids become numbers (they stay
 * below 2^53), dates are 'YYYY-MM-DD' strings and timestamps ISO-8601 in UTC.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { asDatabaseError, isConnectionError } from './faults.js';
import { TesseraError } from '../errors.js';

const types = new pg.TypeOverrides();
types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}); // int8
types.setTypeParser(1082, (v: string) => v); // date
/**
 * PostgreSQL's timestamp text "YYYY-MM-DD HH:MM:SS[.ffffff]" (then `suffix` characters) as
 * ISO-8601 UTC to the millisecond, the digits cut as Date does, by slicing the text; undefined
 * for any other form (another offset, BC, a year past 9999, infinity), which Date then parses.
 * Every record has two timestamps: parsing them through Date was most of a page's decoding.
 */
export function utcIso(v: string, suffix = 0): string | undefined {
  const end = v.length - suffix;
  if (end < 19 || v.charCodeAt(4) !== 45 || v.charCodeAt(10) !== 32) return undefined;
  if (end === 19) return `${v.slice(0, 10)}T${v.slice(11, 19)}.000Z`;
  if (v.charCodeAt(19) !== 46) return undefined;
  return `${v.slice(0, 10)}T${v.slice(11, 19)}.${`${v.slice(20, end)}00`.slice(0, 3)}Z`;
}
const PG_TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?)?$/;
/**
 * The same with any offset PostgreSQL prints, "+02", "-03:30" or a historical "+01:41:16" (a
 * session in another time zone), which Date cannot parse; years below 100 stay themselves.
 */
export function offsetIso(v: string): string | undefined {
  const m = PG_TIMESTAMP.exec(v);
  if (!m) return undefined;
  const offset = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0)) : 0;
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]) - offset, Number(`${m[7] ?? ''}000`.slice(0, 3)));
  return d.toISOString();
}
types.setTypeParser(1114, (v: string) => utcIso(v) ?? offsetIso(v) ?? new Date(`${v.replace(' ', 'T')}Z`).toISOString()); // timestamp (as UTC)
types.setTypeParser(1184, (v: string) => (v.endsWith('+00') ? utcIso(v, 3) : undefined) ?? offsetIso(v) ?? new Date(v).toISOString()); // timestamptz
types.setTypeParser(1083, (v: string) => v); // time

const CONNECT_TIMEOUT_MS = Number(process.env.TESSERA_DB_CONNECT_TIMEOUT_MS ?? 5000);
/** A pg client whose connect (socket + startup) gives up after TESSERA_DB_CONNECT_TIMEOUT_MS. */
class TimedClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

import type { QueryResult, Queryable, Row, Tx } from '../plugin-api/db.js';

export type { QueryResult, Queryable, Row, Tx };

export class Database implements Queryable {
  readonly pool: pg.Pool;
  constructor(
    readonly url: string,
    poolSize = Number(process.env.TESSERA_POOL_SIZE ?? 10),
  ) {
    // Opening a connection is bounded (a database that does not answer fails the request with
    // 503 instead of hanging it); waiting in the queue for a busy pool's free connection is not
    // (pg-pool's own connectionTimeoutMillis would bound both and fail bursts of load).
    this.pool = new pg.Pool({ connectionString: url, max: poolSize, types, idleTimeoutMillis: 30_000, Client: TimedClient });
    // An idle client erroring (server restart) must not crash the process; the pool drops it
    // and opens a new connection on the next checkout, so it recovers by itself.
    this.pool.on('error', () => undefined);
  }

  query<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
    return this.pool.query<R>(sql, params).catch((e: unknown) => {
      throw asDatabaseError(e);
    });
  }

  /** Checks a connection out of the pool (connection failures become DATABASE_UNAVAILABLE). */
  async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw asDatabaseError(e);
    }
  }

  /**
   * Runs fn in one transaction; a throw rolls everything back. `single: true` is the caller's
   * promise that fn makes exactly one write (one REST create or update): only then may that
   * write skip BEGIN/COMMIT (see queryAtomic). Anything else (bulk routes, plugin code, jobs)
   * always runs in one transaction block.
   */
  async transaction<T>(fn: (tx: Tx) => Promise<T>, opts: { single?: boolean } = {}): Promise<T> {
    const client = await this.connect();
    // pg-pool removes its own error listener while a client is checked out: without this one a
    // backend terminated mid-transaction (57P01, restart, failover) is an unhandled 'error'
    // event that kills the process. The failing query rejects on its own; we only remember it.
    let broken: unknown;
    const onError = (e: unknown) => {
      broken ??= e;
    };
    client.on('error', onError);
    const tx = new PgTx(client);
    tx.autonomousAllowed = !!opts.single;
    let failure: unknown;
    try {
      const result = await fn(tx);
      // BEGIN is sent lazily with the first statement; statements deferred to the end (audit
      // rows) travel with COMMIT in one round trip.
      if (tx.begun)
        await client.query(tx.deferred.length ? `${deferredScript(tx.deferred)};\ncommit` : 'commit').catch((e: unknown) => {
          // Lost during COMMIT, the outcome is unknown: do not claim nothing was saved.
          throw isConnectionError(e)
            ? new TesseraError(
                'DATABASE_UNAVAILABLE',
                503,
                'the database connection was lost while saving; reload the record to see whether the change was saved',
              )
            : e;
        });
      await tx.runAfterCommit();
      return result;
    } catch (e) {
      failure = e;
      if (tx.begun && !broken && !isConnectionError(e)) await client.query('rollback').catch(() => undefined);
      throw broken && !isConnectionError(e) ? asDatabaseError(broken) : asDatabaseError(e);
    } finally {
      client.removeListener('error', onError);
      // A broken connection is destroyed, not returned to the pool.
      const destroy = broken !== undefined || isConnectionError(failure);
      client.release(destroy ? (broken instanceof Error ? broken : new Error('connection lost')) : undefined);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

const DEFERRED_INSERT = /^(insert into "(?:[^"]|"")+" \((?:"(?:[^"]|"")+"(?:, )?)+\)) values (\(.*\))$/s;

/**
 * Deferred statements (PgTx.deferInsert) as one script: consecutive single-row inserts into the
 * same table and columns become one multi-row INSERT, in the same order, so PostgreSQL parses
 * and plans one statement instead of thousands (an import of 100,000 rows audits each).
 */
export function deferredScript(deferred: readonly string[]): string {
  const out: string[] = [];
  let head = '';
  let rows: string[] = [];
  const flush = () => {
    if (rows.length) out.push(`${head} values ${rows.join(', ')}`);
    rows = [];
  };
  for (const statement of deferred) {
    const m = DEFERRED_INSERT.exec(statement);
    if (!m) {
      flush();
      head = '';
      out.push(statement);
      continue;
    }
    if (m[1] !== head) {
      flush();
      head = m[1]!;
    }
    rows.push(m[2]!);
  }
  flush();
  return out.join(';\n');
}

/** A transaction: runs queries on its own connection and collects after-commit work. */
export class PgTx implements Tx {
  private afterCommit: (() => Promise<void> | void)[] = [];
  /** Fully literal statements sent together with COMMIT (see deferLiteral). */
  readonly deferred: string[] = [];
  /** Whether BEGIN was sent (it is, lazily, before the first statement). */
  begun = false;
  /** Whether a self-contained statement ran outside a transaction block (see queryAtomic). */
  private autonomous = false;
  /** Whether the caller promised a single write (Database.transaction's `single`). */
  autonomousAllowed = false;
  constructor(readonly client: pg.PoolClient) {}
  async query<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
    try {
      if (!this.begun) {
        await this.client.query('begin');
        this.begun = true;
      }
      return await this.client.query<R>(sql, params);
    } catch (e) {
      throw asDatabaseError(e);
    }
  }
  /**
   * Runs one self-contained write (a single statement, atomic by itself: CTEs that write the
   * row and its audit record together) without BEGIN/COMMIT round trips, when it is the first
   * thing the transaction does. Anything after it runs in a new transaction, so callers only
   * read afterwards.
   */
  async queryAtomic<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
    // Outside a single-write transaction the statement runs in the transaction block like any
    // other, so a later failure (the next id of a bulk update) rolls it back too.
    if (!this.autonomousAllowed || this.begun || this.autonomous || this.deferred.length) return this.query<R>(sql, params);
    this.autonomous = true;
    // A named (prepared) statement: PostgreSQL parses and plans the long CTE once per
    // connection; later executions send only the parameters. Shapes are bounded (one per
    // entity and set of written fields).
    return this.client.query<R>({ name: statementName(sql), text: sql, values: params }).catch((e: unknown) => {
      throw asDatabaseError(e);
    });
  }
  /**
   * Queues an INSERT whose values are escaped as literals by the driver's own escapeLiteral,
   * to be sent in the same round trip as COMMIT: it commits atomically with everything else,
   * and costs no extra round trip. Only for append-only rows nothing in the transaction reads.
   */
  deferInsert(table: string, columns: string[], values: unknown[]): void {
    const lit = (v: unknown) =>
      v === null || v === undefined ? 'null' : typeof v === 'number' && Number.isFinite(v) ? String(v) : this.client.escapeLiteral(String(v));
    this.deferred.push(`insert into ${ident(table)} (${columns.map(ident).join(', ')}) values (${values.map(lit).join(', ')})`);
  }

  onCommit(fn: () => Promise<void> | void): void {
    this.afterCommit.push(fn);
  }
  async runAfterCommit(): Promise<void> {
    for (const fn of this.afterCommit) {
      try {
        await fn();
      } catch (e) {
        console.error('after-commit work failed:', e);
      }
    }
  }
}

const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `tessera_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (statementNames.size > 5000) statementNames.clear();
    statementNames.set(sql, name);
  }
  return name;
}

/** Quotes an identifier that comes from the declared model. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Collects parameters while SQL is built: p.add(value) returns "$n". */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}
