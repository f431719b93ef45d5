/**
 * The audit trail's change sets (GET <path>/:id/history) as lines a person reads:
 * { field: { old, new } } -> "Customer: Acme -> Acme Ltd"; line items -> counts of added,
 * removed and changed lines; an action's input -> its values.
 */
import type { MetaEntity, MetaField } from '../meta/types.js';
import { fieldOf } from './fields.js';

export type ChangeLine =
  | { kind: 'field'; name: string; field?: MetaField; from: unknown; to: unknown }
  | { kind: 'lines'; name: string; field?: MetaField; added: number; removed: number; changed: number }
  | { kind: 'input'; name: string; value: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function describeChanges(e: MetaEntity, changes: unknown): ChangeLine[] {
  if (!isObject(changes)) return [];
  const out: ChangeLine[] = [];
  for (const [name, v] of Object.entries(changes)) {
    if (name === 'input' && isObject(v)) {
      for (const [k, x] of Object.entries(v)) out.push({ kind: 'input', name: k, value: x });
      continue;
    }
    const field = fieldOf(e, name);
    if (isObject(v) && ('added' in v || 'removed' in v || 'changed' in v)) {
      const count = (x: unknown) => (Array.isArray(x) ? x.length : 0);
      out.push({ kind: 'lines', name, field, added: count(v.added), removed: count(v.removed), changed: count(v.changed) });
    } else if (isObject(v) && ('old' in v || 'new' in v)) {
      if (field?.hidden) continue;
      out.push({ kind: 'field', name, field, from: v.old ?? null, to: v.new ?? null });
    }
  }
  // The document status first, then in declaration order.
  const order = (l: ChangeLine) => (l.name === 'docstatus' ? -1 : e.fields.findIndex((f) => f.name === l.name));
  return out.sort((a, b) => order(a) - order(b));
}
