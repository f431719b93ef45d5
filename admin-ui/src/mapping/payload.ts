/**
 * Form values -> the body of POST / PATCH. The server refuses unknown keys, so only
 * declared, writable fields go out (and `id` on line items, which says "update this row");
 * decimals stay exact strings; an update sends only what changed.
 */
import type { MetaEntity, MetaField } from '../meta/types.js';

type Values = Record<string, unknown>;

function normalizeValue(f: MetaField, v: unknown): unknown {
  if (v === undefined) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : f.kind === 'date' ? v.toISOString().slice(0, 10) : v.toISOString();
  if (v === '' && f.kind !== 'string' && f.kind !== 'text') return null;
  if (v === '' && !f.required) return null;
  if (f.kind === 'decimal' && typeof v === 'number') return String(v);
  if (f.kind === 'integer' && typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  if (f.kind === 'reference' && typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  if (f.kind === 'time' && typeof v === 'string' && /^\d{2}:\d{2}$/.test(v)) return `${v}:00`;
  return v;
}

const writable = (f: MetaField) => !f.readOnly && !f.computed;

function lineBody(child: MetaEntity, line: Values): Values {
  const out: Values = {};
  if (typeof line.id === 'number' || (typeof line.id === 'string' && /^\d+$/.test(line.id))) out.id = Number(line.id);
  for (const f of child.fields) {
    if (!writable(f) || f.kind === 'children' || !(f.name in line)) continue;
    const v = normalizeValue(f, line[f.name]);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/** The full body a form would write: declared writable fields and line items only. */
export function writeBody(e: MetaEntity, data: Values, mode: 'create' | 'update' = 'create'): Values {
  const out: Values = {};
  for (const f of e.fields) {
    if (!writable(f) || !(f.name in data)) continue;
    if (f.kind === 'children') {
      const lines = Array.isArray(data[f.name]) ? (data[f.name] as Values[]) : [];
      out[f.name] = f.children ? lines.filter((l) => l && typeof l === 'object').map((l) => lineBody(f.children!, l)) : [];
      continue;
    }
    const v = normalizeValue(f, data[f.name]);
    // A secret is never read back: left empty, it is left as stored.
    if (f.secret && (v === null || v === '')) continue;
    // A required field left empty on create is omitted, so the server answers "is required".
    if (mode === 'create' && f.required && (v === null || v === '')) continue;
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Only the fields that differ from the stored record (a line-item set is sent whole when any line changed). */
export function updateBody(e: MetaEntity, data: Values, previous: Values | undefined): Values {
  const next = writeBody(e, data, 'update');
  if (!previous) return next;
  const before = writeBody(e, previous, 'update');
  const out: Values = {};
  for (const [k, v] of Object.entries(next)) if (!sameValue(v, before[k])) out[k] = v;
  return out;
}
