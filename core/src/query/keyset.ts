/**
 * Keyset paging ("after=<cursor>"): the next page starts right after the last row of the one
 * before, found through the sort's index instead of counting `offset` rows past it. Pages stay
 * stable when rows are inserted or deleted in between (a row is never shown twice or skipped
 * because the ones before it moved), and page 20,000 costs what page 2 costs.
 *
 * A cursor is opaque to callers: base64url of {"s": <sort>, "k": [<sort key values>, id]}, the
 * values as PostgreSQL's text of each column (exact: numeric digits, timestamps to the
 * microsecond). It is made for one sort order; the values are checked against the columns'
 * types before they reach SQL, so a tampered cursor is a 400 and never a database error.
 */
import type { EntityModel } from '../entities/model.js';
import { ident, type Params } from '../db/database.js';
import { TesseraError } from '../errors.js';
import { decimalText } from '@tessera/contract';
import { isDate, isTime } from '../schema/validation.js';
import { sortKeys, type SortKey } from './filter.js';

export interface Keyset {
  keys: SortKey[];
  /** The normalized sort the cursor belongs to ("-price,id"). */
  spec: string;
}

const CURSOR_MAX = 4096;

export function cursorError(message: string): TesseraError {
  return new TesseraError(
    'INVALID_CURSOR',
    400,
    `after ${message}: pass the "next" value of the previous page unchanged, with the same sort (or leave after out to start from the first page)`,
    [{ path: 'after', message, code: 'cursor' }],
  );
}

export function keysetFor(e: EntityModel, sort: string | undefined, visible?: (name: string) => boolean): Keyset {
  const keys = sortKeys(e, sort, visible);
  return { keys, spec: keys.map((k) => `${k.desc ? '-' : ''}${k.name}`).join(',') };
}

/**
 * Whether a key's cursor value is read from the row itself: its column is in the select list
 * and the value the driver gives (core/src/db/database.ts) prints as PostgreSQL's own text of
 * it: ids and integers, numeric digits, date and time text, strings, true/false. Timestamps are
 * not (the row has them as ISO-8601 to the millisecond; the cursor needs every microsecond):
 * they are selected again as text, in a "__kN" column.
 */
const fromRow = (k: SortKey, selected: ReadonlySet<string>) => k.kind !== 'datetime' && selected.has(k.column);

/** Extra select-list entries (", t.col::text as "__k0"") for the keys the rows do not carry as text; "" when none is needed. */
export function keyColumns(ks: Keyset, alias: string, selected: ReadonlySet<string>): string {
  return ks.keys.map((k, i) => (fromRow(k, selected) ? '' : `, ${alias}.${ident(k.column)}::text as "__k${i}"`)).join('');
}

/** The cursor after `row`. */
export function cursorAfter(ks: Keyset, row: Record<string, unknown> | undefined, selected: ReadonlySet<string>): string | null {
  if (!row) return null;
  const k = ks.keys.map((key, i) => {
    const v = fromRow(key, selected) ? row[key.column] : row[`__k${i}`];
    return v === null || v === undefined ? null : String(v);
  });
  return Buffer.from(JSON.stringify({ s: ks.spec, k })).toString('base64url');
}

/** Removes the __k columns from the rows (the driver's row objects are copies of one template, so each delete costs). */
export function stripKeyColumns(ks: Keyset, rows: Record<string, unknown>[], selected: ReadonlySet<string>): void {
  const names = ks.keys.flatMap((k, i) => (fromRow(k, selected) ? [] : [`__k${i}`])).reverse();
  if (!names.length) return;
  for (const r of rows) for (const n of names) delete r[n];
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2})?$/;

function validKey(k: SortKey, v: unknown): boolean {
  if (v === null) return k.nullable;
  if (typeof v !== 'string' || v.length > 1000) return false;
  switch (k.kind) {
    case 'id':
    case 'reference':
    case 'integer':
      return /^-?\d{1,19}$/.test(v);
    case 'decimal':
      return decimalText(v) !== undefined;
    case 'date':
      return isDate(v);
    case 'datetime':
      return TIMESTAMP.test(v);
    case 'time':
      return isTime(v);
    case 'boolean':
      return v === 'true' || v === 'false';
    default:
      return true;
  }
}

/** Decodes a cursor made by cursorAfter for this keyset (400 INVALID_CURSOR otherwise). */
export function decodeCursor(ks: Keyset, raw: string): (string | null)[] {
  if (raw.length > CURSOR_MAX || !/^[A-Za-z0-9_-]+$/.test(raw)) throw cursorError('is not a cursor of this list');
  let parsed: { s?: unknown; k?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw cursorError('is not a cursor of this list');
  }
  if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.k)) throw cursorError('is not a cursor of this list');
  if (parsed.s !== ks.spec) throw cursorError(`was made for sort=${String(parsed.s)}, not sort=${ks.spec}`);
  const values = parsed.k as unknown[];
  if (values.length !== ks.keys.length || !ks.keys.every((k, i) => validKey(k, values[i]))) throw cursorError('holds values that do not fit the sort columns');
  return values as (string | null)[];
}

/**
 * SQL for "rows after the cursor" in the keyset's order. PostgreSQL orders NULLS LAST ascending
 * and NULLS FIRST descending (what compileSort emits, so a btree serves it in either direction).
 * When every key is NOT NULL and all go the same way, one row comparison `(a, id) > ($1, $2)`
 * is what the index range scan uses; otherwise the expanded form (a > $1) or (a = $1 and ...).
 */
export function keysetPredicate(ks: Keyset, values: (string | null)[], params: Params, alias: string): string {
  const col = (k: SortKey) => `${alias}.${ident(k.column)}`;
  const sameWay = ks.keys.every((k) => k.desc === ks.keys[0]!.desc);
  if (sameWay && ks.keys.every((k, i) => !k.nullable && values[i] !== null)) {
    const lhs = ks.keys.map(col).join(', ');
    const rhs = values.map((v) => params.add(v)).join(', ');
    return ks.keys.length === 1 ? `${lhs} ${ks.keys[0]!.desc ? '<' : '>'} ${rhs}` : `(${lhs}) ${ks.keys[0]!.desc ? '<' : '>'} (${rhs})`;
  }
  const equal = (k: SortKey, v: string | null) => (v === null ? `${col(k)} is null` : `${col(k)} = ${params.add(v)}`);
  const after = (k: SortKey, v: string | null): string | undefined => {
    if (v === null) return k.desc ? `${col(k)} is not null` : undefined; // nulls are last ascending, first descending
    const beyond = `${col(k)} ${k.desc ? '<' : '>'} ${params.add(v)}`;
    return k.nullable && !k.desc ? `(${beyond} or ${col(k)} is null)` : beyond;
  };
  const ors: string[] = [];
  for (let i = 0; i < ks.keys.length; i++) {
    const step = after(ks.keys[i]!, values[i]!);
    if (step === undefined) continue;
    const prefix = ks.keys.slice(0, i).map((k, j) => equal(k, values[j]!));
    ors.push([...prefix, step].join(' and '));
  }
  return ors.length ? `(${ors.map((o) => `(${o})`).join(' or ')})` : 'false';
}
