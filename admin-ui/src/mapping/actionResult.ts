/**
 * After an action: which document it made (so the screen opens it and names it), found from
 * the entities that refer to this one: the result is a record of the entity whose reference
 * field holds this document's id ("Make sales order" -> a sales order whose quotation is this).
 */
import type { Meta, MetaEntity } from '../meta/types.js';
import type { ActionInput } from './actionForm.js';
import { recordTitle } from './labels.js';

export interface MadeDocument {
  entity: MetaEntity;
  id: number | string;
  name: string;
}

export function madeDocument(
  meta: Meta | undefined,
  entity: MetaEntity,
  record: Record<string, unknown>,
  result: unknown,
  locale = 'en',
): MadeDocument | undefined {
  if (!meta || !result || typeof result !== 'object' || Array.isArray(result)) return undefined;
  const r = result as Record<string, unknown>;
  if (r.id === undefined || r.id === null) return undefined;
  for (const ref of entity.referencedBy) {
    const target = meta.entities.find((e) => e.key === ref.entity);
    if (!target || r[ref.field] === undefined || String(r[ref.field]) !== String(record.id)) continue;
    if (!(target.titleField in r)) continue;
    return { entity: target, id: r.id as number, name: recordTitle(target, r, locale) };
  }
  return undefined;
}

/** An action input's title in the locale (x-labels), else the declared title. */
export function inputLabel(i: ActionInput, locale: string): string {
  return i.labels?.[locale] ?? i.label;
}

/** An action input's help text in the locale, else the declared description. */
export function inputHelp(i: ActionInput, locale: string): string | undefined {
  return i.helps?.[locale] ?? i.help;
}
