/**
 * Live values of computed fields while a form is edited (line amount = qty x rate, total =
 * sum of amounts): the server's own evaluator (@tessera/contract), so the form shows exactly
 * what the server will store.
 */
import { computeDocument as compute, type ComputeShape } from '@tessera/contract';
import type { MetaEntity, MetaField } from '../meta/types.js';

type Values = Record<string, unknown>;

const shapes = new WeakMap<MetaEntity, ComputeShape>();

function shapeOf(e: MetaEntity): ComputeShape {
  let s = shapes.get(e);
  if (!s) {
    const lines = e.fields.filter((f) => f.kind === 'children' && f.children).map((c) => ({ name: c.name, fields: c.children!.fields }));
    shapes.set(e, (s = { fields: e.fields.filter((f) => f.kind !== 'children'), lines }));
  }
  return s;
}

/** A copy of the values with every computable field filled in: lines first, then the header (twice, for chains). */
export function computeDocument(e: MetaEntity, values: Values): Values {
  const doc: Values = { ...values };
  for (const c of shapeOf(e).lines) if (Array.isArray(doc[c.name])) doc[c.name] = (doc[c.name] as Values[]).map((line) => ({ ...(line ?? {}) }));
  compute(shapeOf(e), doc);
  return doc;
}

/**
 * Whether a document's product waits for a value the server fills on save: a factor that is a
 * field of the document left empty (an exchange rate taken from the day's rates), so the live
 * product would read 0 for what will not be 0 ("Net total (company currency)" of a new quotation in
 * another currency): the form shows "—" until saved.
 * Line and sum formulas treat an empty value as 0, as the server does.
 */
export function awaitsSave(field: Pick<MetaField, 'compute'>, doc: Values): boolean {
  const spec = field.compute;
  if (!spec || !('mul' in spec)) return false;
  return spec.mul.some((a) => /^[a-z_][a-z0-9_]*$/.test(a) && (doc[a] === undefined || doc[a] === null || doc[a] === ''));
}
