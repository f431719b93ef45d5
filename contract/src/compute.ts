/**
 * x-compute evaluation, one algorithm for the server (inside the writing transaction) and the
 * admin UI (live values while a form is edited): line amount = qty x rate, totals = sum of
 * lines, exact decimals rounded half-up to the field's scale.
 */
import type { ComputeSpec, FieldKind } from './field-kinds.js';
import { Decimal, toDecimal, toScale } from './decimal.js';

type Row = Record<string, any>;

/** What the evaluator needs of a field. */
export interface ComputeField {
  name: string;
  kind: FieldKind;
  scale?: number;
  compute?: ComputeSpec;
}

/** A document's shape: its header fields and its line-item collections. */
export interface ComputeShape {
  fields: readonly ComputeField[];
  lines: readonly { name: string; fields: readonly ComputeField[] }[];
}

const LITERAL = /^-?\d+(\.\d+)?$/;

/**
 * An operand: a number, a field of the row, "^field" (the parent document's, for a line), or
 * alternatives "tax_rate|^tax_rate" (the first that is not empty).
 */
function operand(row: Row, a: string, parent?: Row): Decimal {
  if (LITERAL.test(a)) return new Decimal(a);
  for (const alt of a.split('|')) {
    const v = alt.startsWith('^') ? parent?.[alt.slice(1)] : row[alt];
    if (v !== null && v !== undefined && v !== '') return toDecimal(v);
  }
  return new Decimal(0);
}

function finish(f: ComputeField, d: Decimal): string | number {
  return f.kind === 'integer' ? d.toDecimalPlaces(0).toNumber() : toScale(d, f.scale ?? 2);
}

/** The value of one computed field over a row (a line sees its document as `parent`). */
export function evaluate(f: ComputeField, spec: ComputeSpec, row: Row, parent?: Row): string | number {
  if ('mul' in spec)
    return finish(
      f,
      spec.mul.reduce((acc, a) => acc.mul(operand(row, a, parent)), new Decimal(1)),
    );
  if ('add' in spec)
    return finish(
      f,
      spec.add.reduce((acc, a) => acc.add(operand(row, a, parent)), new Decimal(0)),
    );
  if ('sub' in spec) return finish(f, operand(row, spec.sub[0]!, parent).sub(operand(row, spec.sub[1]!, parent)));
  const [coll, col] = spec.sum.split('.') as [string, string];
  const lines: Row[] = Array.isArray(row[coll]) ? row[coll] : [];
  return finish(
    f,
    lines.reduce<Decimal>((acc, l) => acc.add(toDecimal(l?.[col])), new Decimal(0)),
  );
}

/** Fills every computed field of a row, in declaration order. */
export function computeRow(fields: readonly ComputeField[], row: Row, parent?: Row): void {
  for (const f of fields) if (f.compute) row[f.name] = evaluate(f, f.compute, row, parent);
}

/** Computes line fields first, then the header (twice: header fields may depend on each other in declaration order). Mutates doc. */
export function computeDocument(shape: ComputeShape, doc: Row): void {
  for (const c of shape.lines) for (const line of Array.isArray(doc[c.name]) ? (doc[c.name] as Row[]) : []) if (line) computeRow(c.fields, line, doc);
  computeRow(shape.fields, doc);
  computeRow(shape.fields, doc);
}
