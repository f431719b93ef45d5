/**
 * Decimal input in the user's locale: what a person types -> wire text ("12.50") and back, and
 * the form's bounds check. Arithmetic and the bounds rule are the server's own
 * (@tessera/contract: decimal.js, half-up); only the wording and the locale live here.
 */
import { decimalProblem, ruleOfMetaField, type DecimalProblem } from '@tessera/contract';

export { isDecimalText } from '@tessera/contract';

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

/** The decimal separator of a locale ("," for lt, "." for en). */
const separators = new Map<string, string>();
export function decimalSeparator(locale: string): string {
  let sep = separators.get(locale);
  if (sep === undefined) separators.set(locale, (sep = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.'));
  return sep;
}

/**
 * What a person typed -> wire text. Accepts the locale's separator or a dot, spaces and
 * no-break spaces as digit grouping. Returns the input unchanged when it is not a number,
 * so validation can name the problem; empty input becomes null.
 */
export function parseDecimalInput(input: string | null | undefined, locale: string): string | null {
  if (input === null || input === undefined) return null;
  const compact = input.replace(/[\s\u00a0\u202f']/g, '');
  if (compact === '') return null;
  // With both marks, the last one is the decimal point; with one, a dot is always decimal
  // and a comma is decimal where the locale writes it so (lt), grouping elsewhere (en).
  const lastComma = compact.lastIndexOf(',');
  const lastDot = compact.lastIndexOf('.');
  let normalized: string;
  if (lastComma >= 0 && lastDot >= 0) normalized = lastComma > lastDot ? compact.replace(/\./g, '').replace(',', '.') : compact.replace(/,/g, '');
  else if (lastComma >= 0) normalized = decimalSeparator(locale) === ',' ? compact.replace(',', '.') : compact.replace(/,/g, '');
  else normalized = compact;
  const wire = normalized
    .replace(/^\+/, '')
    .replace(/^(-?)\./, '$10.')
    .replace(/\.$/, '');
  return DECIMAL_RE.test(wire) ? wire : input;
}

/** Wire text -> what the input shows (the locale's separator, no grouping, so it stays editable). */
export function formatDecimalInput(value: unknown, locale: string): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (!DECIMAL_RE.test(text)) return text;
  return decimalSeparator(locale) === ',' ? text.replace('.', ',') : text;
}

/** The translation key and arguments of a bounds problem. */
function problemKey(p: DecimalProblem): { key: string; args?: Record<string, unknown> } {
  switch (p.code) {
    case 'decimal':
      return { key: 'tessera.validation.decimal' };
    case 'scale':
      return { key: 'tessera.validation.decimal_scale', args: { scale: p.scale } };
    case 'digits':
      return { key: 'tessera.validation.decimal_digits', args: { digits: p.digits } };
    case 'min':
      return { key: 'tessera.validation.min', args: { min: p.min } };
    case 'max':
      return { key: 'tessera.validation.max', args: { max: p.max } };
    case 'exclusiveMin':
      return { key: 'tessera.validation.min_exclusive', args: { min: p.min } };
    case 'exclusiveMax':
      return { key: 'tessera.validation.max_exclusive', args: { max: p.max } };
  }
}

/** The bounds of a field as /api/meta sends them (min/max, with exclusiveMin/exclusiveMax flags). */
export interface DecimalInputRule {
  precision?: number;
  scale?: number;
  min?: string | number;
  max?: string | number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
}

/**
 * A validation message for a decimal (or integer, scale 0) field, or undefined when the value
 * fits numeric(p,s) and its bounds, exclusive bounds included: the server's rule, so what the
 * form accepts the server accepts.
 */
export function checkDecimalInput(value: unknown, rule: DecimalInputRule): { key: string; args?: Record<string, unknown> } | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const p = decimalProblem(typeof value === 'string' ? value.trim() : value, ruleOfMetaField(rule));
  return p && problemKey(p);
}
