/**
 * Database faults: which driver errors mean "the database is gone" (as opposed to a bad
 * statement), and their translation into the 503 DATABASE_UNAVAILABLE every caller gets.
 */
import { Errors, TesseraError } from '../errors.js';

/** Node socket errors that mean the server is unreachable or went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTCONN', 'EAI_AGAIN']);
/** pg's own messages for a connection that ended under it (they carry no code). */
const DRIVER_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end/i;

/**
 * Whether an error means the connection or the server is unavailable: SQLSTATE class 08
 * (connection exception), 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now),
 * 53300 (too many connections), socket errors, and pg's connection-ended messages.
 */
export function isConnectionError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  if (e instanceof TesseraError) return e.code === 'DATABASE_UNAVAILABLE';
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^08...$/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
    if (SOCKET_CODES.has(code)) return true;
  }
  // net's connect to every address of a host fails as one AggregateError.
  if (e instanceof AggregateError) return e.errors.some(isConnectionError);
  return DRIVER_MESSAGES.test(String((e as { message?: unknown }).message ?? ''));
}

/** Connection errors become DATABASE_UNAVAILABLE (503); anything else is returned unchanged. */
export function asDatabaseError(e: unknown): unknown {
  if (e instanceof TesseraError || !isConnectionError(e)) return e;
  const code = (e as { code?: string }).code;
  return Errors.databaseUnavailable(code ?? 'connection lost');
}
