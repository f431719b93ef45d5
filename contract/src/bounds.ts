/**
 * The bounds check of a decimal field (numeric(precision, scale) plus its minimum and maximum,
 * inclusive or exclusive), one rule for the server and the form. It answers a structured
 * problem; each side words it (the server in English, the admin UI through its translations).
 */
import { Decimal, decimalText } from './decimal.js';

export interface DecimalRule {
  precision?: number;
  scale?: number;
  min?: string | number;
  max?: string | number;
  exclusiveMin?: string | number;
  exclusiveMax?: string | number;
}

export type DecimalProblem =
  | { code: 'decimal' }
  | { code: 'scale'; scale: number }
  | { code: 'digits'; digits: number }
  | { code: 'min'; min: string }
  | { code: 'max'; max: string }
  | { code: 'exclusiveMin'; min: string }
  | { code: 'exclusiveMax'; max: string };

/** The first problem of a value against the rule, or undefined when it fits. */
export function decimalProblem(v: unknown, rule: DecimalRule): DecimalProblem | undefined {
  const text = decimalText(v);
  if (text === undefined) return { code: 'decimal' };
  const [intPart = '', frac = ''] = text.replace('-', '').split('.');
  const scale = rule.scale ?? 0;
  if (frac.replace(/0+$/, '').length > scale) return { code: 'scale', scale };
  if (rule.precision !== undefined && intPart.replace(/^0+/, '').length > rule.precision - scale) return { code: 'digits', digits: rule.precision - scale };
  const d = new Decimal(text);
  if (rule.min !== undefined && d.lt(rule.min)) return { code: 'min', min: String(rule.min) };
  if (rule.max !== undefined && d.gt(rule.max)) return { code: 'max', max: String(rule.max) };
  if (rule.exclusiveMin !== undefined && d.lte(rule.exclusiveMin)) return { code: 'exclusiveMin', min: String(rule.exclusiveMin) };
  if (rule.exclusiveMax !== undefined && d.gte(rule.exclusiveMax)) return { code: 'exclusiveMax', max: String(rule.exclusiveMax) };
  return undefined;
}

/** The problem in English, as the server's 422 says it. */
export function decimalProblemMessage(p: DecimalProblem): string {
  switch (p.code) {
    case 'decimal':
      return 'must be a decimal number such as "12.50"';
    case 'scale':
      return `must have at most ${p.scale} decimal place${p.scale === 1 ? '' : 's'}`;
    case 'digits':
      return `must have at most ${p.digits} digits before the decimal point`;
    case 'min':
      return `must be >= ${p.min}`;
    case 'max':
      return `must be <= ${p.max}`;
    case 'exclusiveMin':
      return `must be > ${p.min}`;
    case 'exclusiveMax':
      return `must be < ${p.max}`;
  }
}

/** Returns a message when v is not an exact decimal fitting numeric(precision, scale) and its bounds. */
export function checkDecimal(v: unknown, rule: DecimalRule): string | undefined {
  const p = decimalProblem(v, rule);
  return p && decimalProblemMessage(p);
}

/**
 * The rule of a field as /api/meta describes it (min/max plus exclusiveMin/exclusiveMax flags)
 * in the shape decimalProblem takes.
 */
export function ruleOfMetaField(f: {
  precision?: number;
  scale?: number;
  min?: string | number;
  max?: string | number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
}): DecimalRule {
  return {
    precision: f.precision,
    scale: f.scale,
    ...(f.exclusiveMin ? { exclusiveMin: f.min } : { min: f.min }),
    ...(f.exclusiveMax ? { exclusiveMax: f.max } : { max: f.max }),
  };
}
