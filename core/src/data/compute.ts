/**
 * Server-computed values (x-compute): the contract's evaluator (the same one the admin UI runs
 * while a form is edited) over an entity model, inside the writing transaction; never accepted
 * from the client.
 */
import { computeDocument as compute, type ComputeShape } from '@tessera/contract';
import type { EntityModel } from '../entities/model.js';
import type { Doc } from '../plugin-api/index.js';

const shapes = new WeakMap<EntityModel, ComputeShape>();

function shapeOf(e: EntityModel): ComputeShape {
  let s = shapes.get(e);
  if (!s) shapes.set(e, (s = { fields: e.fields, lines: e.children.map((c) => ({ name: c.name, fields: c.child!.fields })) }));
  return s;
}

/** Computes line fields first, then the header (sums see the computed line amounts). */
export function computeDocument(e: EntityModel, doc: Doc): void {
  compute(shapeOf(e), doc);
}
