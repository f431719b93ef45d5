/** Number and date formatting for printed documents: exact (decimal strings), per language. */
import { Decimal } from '@tessera/contract';
import type { PrintFormatters, PrintLocale } from './types.js';

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

export function formatters(locale: PrintLocale): PrintFormatters {
  const sep = locale === 'lt' ? ',' : '.';
  const num = (value: unknown, scale: number | undefined) => {
    if (value === null || value === undefined || value === '') return '';
    const d = new Decimal(String(value));
    const text = scale === undefined ? d.toString() : d.toFixed(scale);
    const minus = text.startsWith('-');
    const [whole, frac] = (minus ? text.slice(1) : text).split('.');
    return `${minus ? '-' : ''}${group(whole!)}${frac ? sep + frac : ''}`;
  };
  return {
    money: (v, scale = 2) => num(v, scale),
    qty: (v) => (v === null || v === undefined || v === '' ? '' : num(new Decimal(String(v)).toString(), undefined)),
    percent: (v) => (v === null || v === undefined || v === '' ? '' : `${num(new Decimal(String(v)).toString(), undefined)}%`),
    date: (v) => {
      if (!v) return '';
      const iso = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
      if (locale === 'lt') return iso; // Lithuanian documents write dates as YYYY-MM-DD
      const [y, m, d] = iso.split('-');
      return `${d}/${m}/${y}`;
    },
  };
}
