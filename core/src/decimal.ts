/**
 * Exact decimals end to end: on the wire they are strings ("12.50"); a JSON number is
 * accepted on input only when it converts to the same decimal text. Arithmetic uses
 * decimal.js; PostgreSQL stores numeric(p,s).
 */
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 60 });
export type Decimal = InstanceType<typeof Decimal>;

export interface DecimalRule {
  precision: number;
  scale: number;
  min?: string;
  max?: string;
  exclusiveMin?: string;
  exclusiveMax?: string;
}

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/** Normalizes a JSON value to decimal text, or returns undefined when it is not one. */
export function decimalText(v: unknown): string | undefined {
  // No trimming: " 12.5 " is refused like any other malformed number, so what is stored is what was sent.
  if (typeof v === 'string') return v.length <= 1000 && DECIMAL_RE.test(v) ? v : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) {
    const s = String(v);
    return DECIMAL_RE.test(s) ? s : undefined;
  }
  return undefined;
}

/** Returns a message when v is not an exact decimal fitting numeric(precision, scale) and its bounds. */
export function checkDecimal(v: unknown, rule: DecimalRule): string | undefined {
  const text = decimalText(v);
  if (text === undefined) return 'must be a decimal number such as "12.50"';
  const [intPart, frac = ''] = text.replace('-', '').split('.');
  const fracDigits = frac.replace(/0+$/, '').length;
  if (fracDigits > rule.scale) return `must have at most ${rule.scale} decimal place${rule.scale === 1 ? '' : 's'}`;
  const intDigits = intPart!.replace(/^0+/, '').length;
  if (intDigits > rule.precision - rule.scale) return `must have at most ${rule.precision - rule.scale} digits before the decimal point`;
  const d = new Decimal(text);
  if (rule.min !== undefined && d.lt(rule.min)) return `must be >= ${rule.min}`;
  if (rule.max !== undefined && d.gt(rule.max)) return `must be <= ${rule.max}`;
  if (rule.exclusiveMin !== undefined && d.lte(rule.exclusiveMin)) return `must be > ${rule.exclusiveMin}`;
  if (rule.exclusiveMax !== undefined && d.gte(rule.exclusiveMax)) return `must be < ${rule.exclusiveMax}`;
  return undefined;
}

/** Decimal text with exactly `scale` places, as PostgreSQL returns numeric(p,s). */
export function toScale(d: Decimal | string | number, scale: number): string {
  return new Decimal(d).toFixed(scale);
}
