/**
 * One spreadsheet cell -> the API value of a field, in the file's locale:
 *   decimals  en "1,234.50" / "12.50"; lt "1 234,50" / "12,50" (a dot is also read as the
 *             decimal point when there is no comma); XLSX numbers as the value Excel shows
 *   dates     "2026-03-01" always; lt also "01.03.2026" (and "2026.03.01"); XLSX dates
 *   booleans  true/false, yes/no, 1/0, taip/ne
 *   enums     the value or its label in any language
 *   references the natural key (or title) of the target, resolved later in batches
 * An empty cell sets nothing (a create takes the default, an update keeps the stored value).
 */
import type { FieldModel } from '../entities/model.js';
import { Decimal } from '@tessera/contract';
import type { Cell } from './parse.js';

export type Locale = 'en' | 'lt';

export class CellError extends Error {}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: Date) => `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

function decimalFrom(cell: Cell, locale: Locale, f: FieldModel): string {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new CellError('must be a number');
    // What the spreadsheet shows (15 significant digits), not the binary float's tail.
    const d = new Decimal(cell.toPrecision(15));
    return f.scale !== undefined && d.decimalPlaces() > f.scale ? d.toDecimalPlaces(f.scale).toFixed() : d.toFixed();
  }
  let s = String(cell)
    .trim()
    .replace(/[\u00a0\u202f ]/g, '');
  if (locale === 'lt') {
    if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  } else s = s.replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) throw new CellError(`must be a number such as ${locale === 'lt' ? '"12,50"' : '"12.50"'}`);
  return s.replace(/^\+/, '');
}

function dateFrom(cell: Cell, locale: Locale): string {
  if (cell instanceof Date) return isoDate(cell);
  const s = String(cell).trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? (locale === 'lt' ? /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(s) : null);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = locale === 'lt' ? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s) : null;
  if (m) return `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  throw new CellError(`must be a date such as 2026-03-01${locale === 'lt' ? ' or 01.03.2026' : ''}`);
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'taip', 't', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', 'ne', 'f']);

/** The value of a non-empty cell; throws CellError with what the cell must be. Undefined: empty cell. */
export function cellValue(f: FieldModel, cell: Cell, locale: Locale): unknown {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return undefined;
  switch (f.kind) {
    case 'decimal':
      return decimalFrom(cell, locale, f);
    case 'integer': {
      const s =
        typeof cell === 'number'
          ? String(cell)
          : String(cell)
              .trim()
              .replace(/[\u00a0\u202f ]/g, '');
      if (!/^-?\d{1,16}$/.test(s)) throw new CellError('must be a whole number');
      return Number(s);
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return cell;
      const s = String(cell).trim().toLowerCase();
      if (TRUE.has(s)) return true;
      if (FALSE.has(s)) return false;
      throw new CellError('must be yes or no (true/false, 1/0, taip/ne)');
    }
    case 'date':
      return dateFrom(cell, locale);
    case 'datetime': {
      if (cell instanceof Date) return cell.toISOString();
      const s = String(cell).trim();
      const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
      if (locale === 'lt' && m) return `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}T${pad(Number(m[4]))}:${m[5]}:${m[6] ?? '00'}`;
      return s.replace(' ', 'T');
    }
    case 'time':
      if (cell instanceof Date) return `${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}:${pad(cell.getUTCSeconds())}`;
      return String(cell).trim();
    case 'enum': {
      const s = String(cell).trim();
      if (f.enumValues!.includes(s)) return s;
      const low = s.toLowerCase();
      const byLabel = (labels: Record<string, string> | undefined) => Object.entries(labels ?? {}).find(([, l]) => l.toLowerCase() === low)?.[0];
      const hit =
        f.enumValues!.find((v) => v.toLowerCase() === low) ??
        byLabel(f.enumLabels) ??
        Object.values(f.enumLabelsI18n ?? {})
          .map(byLabel)
          .find(Boolean);
      if (hit) return hit;
      throw new CellError(`must be one of ${f.enumValues!.map((v) => `"${f.enumLabels?.[v] ?? v}"`).join(', ')}`);
    }
    case 'reference':
      // A natural key (text); numbers from a spreadsheet are keys too ("100" is an item code).
      return typeof cell === 'number' ? String(cell) : cell instanceof Date ? isoDate(cell) : String(cell).trim();
    case 'json':
      try {
        return JSON.parse(String(cell));
      } catch {
        throw new CellError('must be JSON');
      }
    default:
      return typeof cell === 'number' ? String(cell) : cell instanceof Date ? isoDate(cell) : String(cell).trim();
  }
}
