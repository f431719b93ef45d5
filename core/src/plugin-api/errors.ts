/**
 * Errors plugins and the core throw: a TesseraError carries a stable code from a catalogue, an
 * HTTP status and a message that tells the caller what to fix; `details` carries per-field
 * problems ({ path: 'lines/2/qty', message: 'must be > 0' }) so the admin UI can put each one
 * on its field. Each area (the core, every plugin) declares its codes once with defineErrors,
 * like Fastify's lib/errors.js; a test fails on a thrown code that no catalogue lists, and
 * docs/api.md lists them all.
 */
import type { FieldProblem } from '@tessera/contract';

export type { FieldProblem };

export class TesseraError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: FieldProblem[];
  constructor(code: string, status: number, message: string, details?: FieldProblem[]) {
    super(message);
    this.name = 'TesseraError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
  toJSON() {
    return { error: { code: this.code, status: this.status, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

/** One catalogued error: its status and what it means, in English and Lithuanian. */
export interface ErrorEntry {
  status: number;
  en: string;
  lt: string;
}

export type ErrorCatalogue = Record<string, ErrorEntry>;

/** A catalogue with a typed factory: E.raise('NOTHING_TO_BILL', 'sales order SO-1 has nothing left to bill', details?). */
export interface DefinedErrors<C extends ErrorCatalogue> {
  readonly area: string;
  readonly codes: C;
  /** The error of a code, with a message for this case (it says what to fix) and field problems. */
  error(code: keyof C & string, message?: string, details?: FieldProblem[]): TesseraError;
}

/** Declares an area's error codes (area: 'core' or a plugin name). */
export function defineErrors<C extends ErrorCatalogue>(area: string, codes: C): DefinedErrors<C> {
  for (const [code, e] of Object.entries(codes)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(code)) throw new Error(`error code "${code}" of ${area} must be UPPER_SNAKE_CASE`);
    if (e.status < 400 || e.status > 599) throw new Error(`error code ${code} of ${area} has status ${e.status}, not 4xx/5xx`);
  }
  return {
    area,
    codes,
    error: (code, message, details) => new TesseraError(code, codes[code]!.status, message ?? codes[code]!.en, details),
  };
}
