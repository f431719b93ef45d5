/**
 * Exact decimals end to end, one engine for the server and the admin UI: on the wire they are
 * strings ("12.50"); a JSON number is accepted on input only when it converts to the same
 * decimal text. Arithmetic uses decimal.js (precision 60, half-up rounding, as PostgreSQL's
 * numeric rounds); PostgreSQL stores numeric(p,s).
 */
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 60 });
export type Decimal = InstanceType<typeof Decimal>;

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/** Whether a value is decimal wire text ("-12.50"; no exponent, no spaces). */
export function isDecimalText(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 1000 && DECIMAL_RE.test(v);
}

/** Normalizes a JSON value to decimal text, or returns undefined when it is not one. */
export function decimalText(v: unknown): string | undefined {
  // No trimming: " 12.5 " is refused like any other malformed number, so what is stored is what was sent.
  if (typeof v === 'string') return isDecimalText(v) ? v : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) {
    const s = String(v);
    return DECIMAL_RE.test(s) ? s : undefined;
  }
  return undefined;
}

/** A decimal from a nullable value: null, undefined and '' are zero (a line still being typed, an unset amount). */
export function toDecimal(v: unknown): Decimal {
  if (v === null || v === undefined || v === '') return new Decimal(0);
  if (Decimal.isDecimal(v)) return v as Decimal;
  return new Decimal(String(v));
}

/** Decimal text with exactly `scale` places, rounded half-up, as PostgreSQL returns numeric(p,s). */
export function toScale(d: Decimal | string | number, scale: number): string {
  return new Decimal(d).toFixed(scale);
}
