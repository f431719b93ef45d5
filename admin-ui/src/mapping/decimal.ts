/**
 * Exact decimal arithmetic on the wire format ("12.50"), with BigInt: amounts never pass
 * through binary floats. Rounding is half-up (away from zero), as the server rounds.
 */
const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

export class Dec {
  /** value = units / 10^scale */
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static readonly ZERO = new Dec(0n, 0);

  /** Parses wire text ("-12.50") or a safe integer; undefined when it is not a decimal. */
  static parse(v: unknown): Dec | undefined {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return undefined;
      v = String(v);
    }
    if (typeof v !== 'string') return undefined;
    const m = DECIMAL_RE.exec(v.trim());
    if (!m) return undefined;
    const frac = m[3] ?? '';
    const units = BigInt(`${m[2]}${frac}`) * (m[1] ? -1n : 1n);
    return new Dec(units, frac.length);
  }

  /** Like parse, but empty and invalid input count as zero (a line still being typed). */
  static of(v: unknown): Dec {
    return Dec.parse(v) ?? Dec.ZERO;
  }

  private rescale(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale);
  }

  add(o: Dec): Dec {
    const s = Math.max(this.scale, o.scale);
    return new Dec(this.rescale(s) + o.rescale(s), s);
  }

  sub(o: Dec): Dec {
    const s = Math.max(this.scale, o.scale);
    return new Dec(this.rescale(s) - o.rescale(s), s);
  }

  mul(o: Dec): Dec {
    return new Dec(this.units * o.units, this.scale + o.scale);
  }

  cmp(o: Dec): number {
    const s = Math.max(this.scale, o.scale);
    const a = this.rescale(s);
    const b = o.rescale(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  /** Rounded half-up (away from zero) to `scale` places, as text with exactly that many places. */
  toFixed(scale: number): string {
    let units: bigint;
    if (scale >= this.scale) units = this.rescale(scale);
    else {
      const div = 10n ** BigInt(this.scale - scale);
      const neg = this.units < 0n;
      const abs = neg ? -this.units : this.units;
      let q = abs / div;
      if ((abs % div) * 2n >= div) q += 1n;
      units = neg ? -q : q;
    }
    const neg = units < 0n;
    let digits = (neg ? -units : units).toString();
    if (scale > 0) {
      digits = digits.padStart(scale + 1, '0');
      digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    }
    return `${neg ? '-' : ''}${digits}`;
  }

  /** Shortest exact text (trailing zeros dropped). */
  toString(): string {
    const full = this.toFixed(this.scale);
    return full.includes('.') ? full.replace(/\.?0+$/, '') : full;
  }
}

export function isDecimalText(v: unknown): v is string {
  return typeof v === 'string' && DECIMAL_RE.test(v);
}

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
  if (lastComma >= 0 && lastDot >= 0)
    normalized = lastComma > lastDot ? compact.replace(/\./g, '').replace(',', '.') : compact.replace(/,/g, '');
  else if (lastComma >= 0) normalized = decimalSeparator(locale) === ',' ? compact.replace(',', '.') : compact.replace(/,/g, '');
  else normalized = compact;
  const wire = normalized.replace(/^\+/, '').replace(/^(-?)\./, '$10.').replace(/\.$/, '');
  return DECIMAL_RE.test(wire) ? wire : input;
}

/** Wire text -> what the input shows (the locale's separator, no grouping, so it stays editable). */
export function formatDecimalInput(value: unknown, locale: string): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (!DECIMAL_RE.test(text)) return text;
  return decimalSeparator(locale) === ',' ? text.replace('.', ',') : text;
}

/** A validation message for a decimal field, or undefined when the value fits numeric(p,s) and its bounds. */
export function checkDecimalInput(
  value: unknown,
  rule: { precision?: number; scale?: number; min?: string | number; max?: string | number },
): { key: string; args?: Record<string, unknown> } | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const d = Dec.parse(value);
  if (!d) return { key: 'tessera.validation.decimal' };
  const text = String(value).replace('-', '');
  const [intPart = '', frac = ''] = text.split('.');
  const scale = rule.scale ?? 0;
  if (frac.replace(/0+$/, '').length > scale) return { key: 'tessera.validation.decimal_scale', args: { scale } };
  if (rule.precision !== undefined && intPart.replace(/^0+/, '').length > rule.precision - scale)
    return { key: 'tessera.validation.decimal_digits', args: { digits: rule.precision - scale } };
  if (rule.min !== undefined && d.cmp(Dec.of(rule.min)) < 0) return { key: 'tessera.validation.min', args: { min: String(rule.min) } };
  if (rule.max !== undefined && d.cmp(Dec.of(rule.max)) > 0) return { key: 'tessera.validation.max', args: { max: String(rule.max) } };
  return undefined;
}
