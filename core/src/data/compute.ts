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

function operand(row: Doc, a: string): Decimal {
  return /^-?\d+(\.\d+)?$/.test(a) ? new Decimal(a) : num(row[a]);
}

function finish(f: FieldModel, d: Decimal): string | number {
  return f.kind === 'integer' ? d.toDecimalPlaces(0).toNumber() : toScale(d, f.scale!);
}

function computeRow(e: EntityModel, row: Doc): void {
  for (const f of e.fields) {
    const spec = f.compute;
    if (!spec) continue;
    if ('mul' in spec) row[f.name] = finish(f, spec.mul.reduce((acc, a) => acc.mul(operand(row, a)), new Decimal(1)));
    else if ('add' in spec) row[f.name] = finish(f, spec.add.reduce((acc, a) => acc.add(operand(row, a)), new Decimal(0)));
    else if ('sub' in spec) row[f.name] = finish(f, operand(row, spec.sub[0]!).sub(operand(row, spec.sub[1]!)));
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
  for (const c of e.children) for (const line of (doc[c.name] as Doc[] | undefined) ?? []) computeRow(c.child!, line);
  // Header fields may depend on each other in declaration order; two passes settle chains.
  computeRow(e, doc);
  computeRow(e, doc);
}
