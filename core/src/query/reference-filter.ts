/**
 * Filters through a reference: {"item.code": "BOLT"}, {"customer.name": {"contains": "UAB"}}.
 * One level, compiled to a semi-join pushed to SQL,
 *     t."item" in (select r."id" from "inventory_item" r where r."code" = $1 and <row rule>)
 * which PostgreSQL plans as a (hash or nested-loop) semi-join on the target's primary key.
 * The path is checked against the declaration: the head must be a reference field the caller
 * may see, the tail a field of the target the caller may see, and the caller must be allowed
 * to read the target (its row rule applies inside the sub-select, so hidden rows never match).
 */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { ident, type Params } from '../db/database.js';
import type { FieldProblem } from '../errors.js';

/** What the filter compiler needs to follow references (given by the data service). */
export interface ReferenceScope {
  /** The entity a reference field points at. */
  target(key: string): EntityModel | undefined;
  /** The caller's row rule on the target as SQL over alias (undefined: all rows; false: may not read it). */
  scope(target: EntityModel, params: Params, alias: string): string | undefined | false;
}

let aliasCounter = 0;

/**
 * The SQL condition of one reference path, or undefined with a problem recorded. `inner`
 * compiles the tail field against the target under the given alias.
 */
export function referencePathCondition(
  source: EntityModel,
  field: FieldModel,
  tail: string,
  at: string,
  alias: string,
  params: Params,
  refs: ReferenceScope | undefined,
  visible: ((e: EntityModel, field: string) => boolean) | undefined,
  problems: FieldProblem[],
  inner: (target: EntityModel, targetAlias: string, tail: string) => string,
): string {
  const target = refs?.target(field.ref!.entity);
  if (!refs || !target) {
    problems.push({ path: at, message: `cannot be filtered through: ${field.name} refers to an entity that is not enabled` });
    return 'true';
  }
  if (tail.includes('.')) {
    problems.push({ path: at, message: `goes more than one reference deep; filter on ${field.name}.<field of ${target.label}> (one level)` });
    return 'true';
  }
  if (visible && !visible(source, field.name)) {
    problems.push({ path: at, message: `is not a field that can be filtered on` });
    return 'true';
  }
  const r = `r${++aliasCounter % 1000}`;
  const scope = refs.scope(target, params, r);
  if (scope === false) {
    problems.push({ path: at, message: `filters through ${target.plural}, which your role may not read` });
    return 'true';
  }
  const cond = inner(target, r, tail);
  return `${alias}.${ident(field.column)} in (select ${r}."id" from ${ident(target.table)} ${r} where ${cond}${scope ? ` and (${scope})` : ''})`;
}
