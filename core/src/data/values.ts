/** Value helpers shared by the write pipelines: database values, value equality (decimals by value), record tags. */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { ident } from '../db/database.js';
import { Decimal, decimalText } from '@tessera/contract';
import type { Doc } from '../plugin-api/index.js';

export function toDb(f: FieldModel, v: unknown): unknown {
  if (v === null || v === undefined) return v ?? null;
  if (f.kind === 'decimal') return decimalText(v) ?? v;
  if (f.kind === 'json') return JSON.stringify(v);
  return v;
}

/** Whether an incoming value equals the stored one (decimals by value, line items line by line). */
export function sameFieldValue(e: EntityModel, key: string, stored: unknown, incoming: unknown): boolean {
  const f = e.fieldMap.get(key);
  if (!f) return false;
  if (f.kind === 'children') {
    const a = (stored as Doc[]) ?? [];
    const b = (incoming as Doc[]) ?? [];
    if (a.length !== b.length) return false;
    return b.every((line, i) => line.id === a[i]!.id && Object.keys(line).every((k) => k === 'id' || sameFieldValue(f.child!, k, a[i]![k], line[k])));
  }
  // biome-ignore lint/suspicious/noDoubleEquals: null and undefined are one missing value here
  if (stored == null || incoming == null) return stored == incoming;
  if (f.kind === 'decimal') {
    const x = decimalText(stored);
    const y = decimalText(incoming);
    return x !== undefined && y !== undefined && new Decimal(x).eq(y);
  }
  if (f.kind === 'datetime') return new Date(String(stored)).getTime() === new Date(String(incoming)).getTime();
  return JSON.stringify(stored) === JSON.stringify(incoming);
}

export function childSelectList(c: EntityModel): string {
  return ['id', 'idx', ...c.fields.map((f) => f.column)].map((x) => `c.${ident(x)}`).join(', ');
}

/** Marks a record with the entity it belongs to (not enumerable: it never reaches JSON). */
export const RECORD_OF = Symbol('tessera.recordOf');

export function tagRecord<R>(e: EntityModel, record: R): R {
  if (record && typeof record === 'object') Object.defineProperty(record, RECORD_OF, { value: e, enumerable: false, configurable: true });
  return record;
}
