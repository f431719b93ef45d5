/**
 * Live values of computed fields while a form is edited (line amount = qty x rate, total =
 * sum of amounts), with the server's formulas (x-compute) and exact decimals, so the form
 * shows what the server will store.
 */
import type { ComputeSpec, MetaEntity, MetaField } from '../meta/types.js';
import { Dec } from './decimal.js';

type Values = Record<string, unknown>;

/** A number, a field, "^field" of the parent document, or alternatives "a|^b" (the first not empty), as the server reads them. */
function operand(row: Values, a: string, parent?: Values): Dec {
  if (/^-?\d+(\.\d+)?$/.test(a)) return Dec.of(a);
  for (const alt of a.split('|')) {
    const v = alt.startsWith('^') ? parent?.[alt.slice(1)] : row[alt];
    if (v !== null && v !== undefined && v !== '') return Dec.of(v);
  }
  return Dec.ZERO;
}

function finish(f: MetaField, d: Dec): string | number {
  return f.kind === 'integer' ? Number(d.toFixed(0)) : d.toFixed(f.scale ?? 2);
}

function evaluate(f: MetaField, spec: ComputeSpec, row: Values, parent?: Values): string | number {
  if ('mul' in spec) return finish(f, spec.mul.reduce((acc, a) => acc.mul(operand(row, a, parent)), Dec.of('1')));
  if ('add' in spec) return finish(f, spec.add.reduce((acc, a) => acc.add(operand(row, a, parent)), Dec.ZERO));
  if ('sub' in spec) return finish(f, operand(row, spec.sub[0]!, parent).sub(operand(row, spec.sub[1]!, parent)));
  const [coll, col] = spec.sum.split('.') as [string, string];
  const lines = Array.isArray(row[coll]) ? (row[coll] as Values[]) : [];
  return finish(f, lines.reduce((acc, l) => acc.add(Dec.of(l?.[col])), Dec.ZERO));
}

function computeRow(e: MetaEntity, row: Values, parent?: Values): void {
  for (const f of e.fields) if (f.compute) row[f.name] = evaluate(f, f.compute, row, parent);
}

/** A copy of the values with every computable field filled in: lines first, then the header (twice, for chains). */
export function computeDocument(e: MetaEntity, values: Values): Values {
  const doc: Values = { ...values };
  for (const c of e.fields) {
    if (c.kind !== 'children' || !c.children || !Array.isArray(doc[c.name])) continue;
    doc[c.name] = (doc[c.name] as Values[]).map((line) => {
      const l = { ...(line ?? {}) };
      computeRow(c.children!, l, values);
      return l;
    });
  }
  computeRow(e, doc);
  computeRow(e, doc);
  return doc;
}
