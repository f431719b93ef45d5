/**
 * Server-computed values (x-compute): line amount = qty x rate, totals = sum of lines.
 * Computed inside the writing transaction with exact decimals, rounded half-up to the
 * field's scale; never accepted from the client.
 */
import { Decimal, toScale } from '../decimal.js';
import type { EntityModel, FieldModel } from '../entities/model.js';
import type { Doc } from '../plugins/api.js';

function num(v: unknown): Decimal {
  if (v === null || v === undefined || v === '') return new Decimal(0);
  return new Decimal(String(v));
}

/**
 * An operand: a number, a field of the row, "^field" (the parent document's, for a line), or
 * alternatives "tax_rate|^tax_rate" (the first that is not empty).
 */
function operand(row: Doc, a: string, parent?: Doc): Decimal {
  if (/^-?\d+(\.\d+)?$/.test(a)) return new Decimal(a);
  for (const alt of a.split('|')) {
    const v = alt.startsWith('^') ? parent?.[alt.slice(1)] : row[alt];
    if (v !== null && v !== undefined && v !== '') return num(v);
  }
  return new Decimal(0);
}

function finish(f: FieldModel, d: Decimal): string | number {
  return f.kind === 'integer' ? d.toDecimalPlaces(0).toNumber() : toScale(d, f.scale!);
}

function computeRow(e: EntityModel, row: Doc, parent?: Doc): void {
  for (const f of e.fields) {
    const spec = f.compute;
    if (!spec) continue;
    if ('mul' in spec) row[f.name] = finish(f, spec.mul.reduce((acc, a) => acc.mul(operand(row, a, parent)), new Decimal(1)));
    else if ('add' in spec) row[f.name] = finish(f, spec.add.reduce((acc, a) => acc.add(operand(row, a, parent)), new Decimal(0)));
    else if ('sub' in spec) row[f.name] = finish(f, operand(row, spec.sub[0]!, parent).sub(operand(row, spec.sub[1]!, parent)));
    else if ('sum' in spec) {
      const [coll, col] = spec.sum.split('.') as [string, string];
      const lines: Doc[] = row[coll] ?? [];
      row[f.name] = finish(f, lines.reduce<Decimal>((acc, l) => acc.add(num(l[col])), new Decimal(0)));
    }
  }
}

export function hasComputed(e: EntityModel): boolean {
  return e.fields.some((f) => f.compute) || e.children.some((c) => c.child!.fields.some((f) => f.compute));
}

/** Computes line fields first, then the header (sums see the computed line amounts). */
export function computeDocument(e: EntityModel, doc: Doc): void {
  for (const c of e.children) for (const line of (doc[c.name] as Doc[] | undefined) ?? []) computeRow(c.child!, line, doc);
  // Header fields may depend on each other in declaration order; two passes settle chains.
  computeRow(e, doc);
  computeRow(e, doc);
}
