/**
 * PostgreSQL errors raised by writes, mapped to TesseraErrors that name the field
 * (lines/2/item) and say what to fix. Anything unexpected is rethrown as is.
 */
import { Errors, TesseraError } from '../errors.js';
import { REDACTED, type EntityModel } from '../entities/model.js';

export interface WriteContext {
  entity: EntityModel;
  /** The rows being written per table, to find which line an error is about. */
  rowsByTable: Map<string, { path: string; row: Record<string, unknown> }[]>;
  tableToEntity: (table: string) => EntityModel | undefined;
}

function locate(ctx: WriteContext, table: string | undefined, column: string, value: string | undefined): string {
  const rows = table ? ctx.rowsByTable.get(table) : undefined;
  if (rows?.length) {
    const hit = value === undefined ? rows[0] : rows.find((r) => r.row[column] !== undefined && r.row[column] !== null && String(r.row[column]) === value);
    if (hit) return hit.path ? `${hit.path}/${column}` : column;
  }
  return column;
}

export function mapPgError(e: any, ctx: WriteContext): unknown {
  if (!e || typeof e.code !== 'string' || e instanceof TesseraError) return e;
  const table: string | undefined = e.table;
  switch (e.code) {
    case '23505': {
      const m = /Key \((.+?)\)=\((.*)\) already exists/.exec(e.detail ?? '');
      const cols = m ? m[1]!.split(', ').map((c) => c.replace(/"/g, '')) : ['(unknown)'];
      const raw = m ? m[2]!.split(', ') : [];
      const path = locate(ctx, table, cols[cols.length - 1]!, raw[raw.length - 1]);
      // A secret's value never reaches a message.
      const owner = (table && ctx.tableToEntity(table)) || ctx.entity;
      const secret = (c: string | undefined) => !!owner.fieldMap.get(c ?? '')?.secret;
      const vals = !cols.some(secret) ? raw : cols.length === raw.length ? raw.map((v, i) => (secret(cols[i]) ? REDACTED : v)) : [REDACTED];
      if (cols.length > 1) {
        const err = Errors.unique(path, vals.join(', '));
        return new TesseraError(err.code, err.status, `the combination of ${cols.join(', ')} must be unique: ${vals.join(', ')} is already used`, err.details);
      }
      return Errors.unique(path, vals[0]);
    }
    case '23001':
    case '23503': {
      const missing = /Key \((.+?)\)=\((.*)\) is not present in table "(.+?)"/.exec(e.detail ?? '');
      if (missing) {
        const target = ctx.tableToEntity(missing[3]!);
        const path = locate(ctx, table, missing[1]!.replace(/"/g, ''), missing[2]);
        return Errors.referenceMissing(path, target?.label ?? missing[3]!, missing[2]);
      }
      const still = /Key \((.+?)\)=\((.*)\) is (?:still )?referenced from table "(.+?)"/.exec(e.detail ?? '');
      if (still) {
        const by = ctx.tableToEntity(still[3]!);
        const owner = by?.parent ?? by;
        return Errors.stillReferenced(ctx.tableToEntity(table ?? '')?.label ?? ctx.entity.label, still[2], owner?.label ?? still[3]!);
      }
      return Errors.conflict('REFERENCE_CONFLICT', e.detail ?? e.message);
    }
    case '23502': {
      const path = locate(ctx, table, e.column, undefined);
      return Errors.validation([{ path, message: 'is required', code: 'required' }]);
    }
    case '23514': {
      const m = /^(.+)_(.+?)_check$/.exec(e.constraint ?? '');
      return Errors.validation([{ path: m ? m[2]! : e.constraint, message: 'is not an allowed value', code: 'check' }]);
    }
    case '22003':
    case '22P02':
    case '22007':
    case '22008':
    case '22021':
    case '22P05':
    case '22001':
      return pgDataError(e);
    case '40001':
    case '40P01':
      return Errors.conflict('CONCURRENT_UPDATE', 'the record was changed by another request at the same time; try again');
    case '55P03':
      return Errors.conflict('LOCKED', 'the record is being changed by another request; try again');
    default:
      return e;
  }
}

/**
 * The last-resort mapping of PostgreSQL data errors (class 22, and values too large for an
 * index or a query) to a 4xx. Validation should have caught these first, naming the field;
 * this keeps a missed case from becoming a 500.
 */
export function pgDataError(e: any): TesseraError | undefined {
  if (!e || typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return undefined;
  const what = typeof e.message === 'string' ? e.message.split('\n')[0]!.slice(0, 300) : 'invalid value';
  switch (e.code) {
    case '22001':
      return Errors.unprocessable('VALUE_TOO_LONG', `a value is longer than its field allows (${what})`);
    case '22003':
      return Errors.unprocessable('VALUE_OUT_OF_RANGE', `a value is too large for its field (${what})`);
    case '22007':
    case '22008':
      return Errors.unprocessable('INVALID_DATE', `a date or time is not valid (${what}); dates are YYYY-MM-DD, date-times ISO 8601 with a time zone`);
    case '22021':
    case '22P05':
      return new TesseraError(
        'INVALID_CHARACTER',
        400,
        'a value contains a character that cannot be stored (a NUL byte or a lone UTF-16 surrogate); remove it',
      );
    case '54000':
      return Errors.unprocessable('VALUE_TOO_LARGE', `a value is too large to be stored or searched (${what})`);
    default:
      return e.code.startsWith('22') ? Errors.unprocessable('INVALID_VALUE', `a value is not valid for its field (${what})`) : undefined;
  }
}

/** Whether something thrown is a PostgreSQL error (a five-character SQLSTATE code), which the write pipelines map. */
export function isDatabaseError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
