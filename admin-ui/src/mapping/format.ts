/** Values formatted for the reader's locale with Intl; decimals are formatted from their exact text. */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, opts)));
  return f;
}

function dateFormat(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, opts)));
  return f;
}

/** Intl formats a numeric string exactly (no float rounding) since ES2023; the cast keeps older lib typings happy. */
const exact = (v: string) => v as unknown as number;

/** A decimal with `scale` places; `trim` drops trailing zeros of fine-grained values (quantities: "2.5", not "2.500000"; two places stay). */
export function formatDecimal(value: unknown, locale: string, scale?: number, trim = false): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const places = scale ?? text.split('.')[1]?.length ?? 0;
  return numberFormat(locale, { minimumFractionDigits: trim && places > 2 ? 0 : places, maximumFractionDigits: places }).format(exact(text));
}

export function formatMoney(value: unknown, locale: string, currency: string, scale = 2): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  try {
    return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: scale, maximumFractionDigits: scale }).format(exact(text));
  } catch {
    return `${formatDecimal(text, locale, scale)} ${currency}`;
  }
}

/** A price per unit or valuation rate: 2 to 4 places (0.330645161 -> 0.3306), not the stored scale. */
export function formatRate(value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(exact(text));
}

export function formatInteger(value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? numberFormat(locale, { maximumFractionDigits: 0 }).format(n) : String(value);
}

/**
 * "2026-11-02" is a calendar date: formatted without a time zone shift. Lists and cells use the
 * locale's medium style ("Nov 2, 2026", "2026-11-02"); a record's page the long one
 * ("November 2, 2026", "2026 m. lapkričio 2 d.").
 */
export function formatDate(value: unknown, locale: string, style: 'medium' | 'long' = 'medium'): string {
  if (typeof value !== 'string' || !value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return dateFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

export function formatDateTime(value: unknown, locale: string, timeZone?: string): string {
  if (!value) return '';
  const d = new Date(value as string);
  if (Number.isNaN(d.getTime())) return String(value);
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(d);
}

export function formatTime(value: unknown, locale: string): string {
  if (typeof value !== 'string' || !value) return '';
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!m) return value;
  const withSeconds = m[3] !== undefined && m[3] !== '00';
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}), timeZone: 'UTC' }).format(
    new Date(Date.UTC(1970, 0, 1, Number(m[1]), Number(m[2]), Number(m[3] ?? 0))),
  );
}
