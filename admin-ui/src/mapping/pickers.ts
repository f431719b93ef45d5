/**
 * Reference pickers, from the field's x-ui hints (docs/entity-vocabulary.md "Field widgets"):
 * what a choice reads ("code - name" and secondary text), which records are offered (refFilter,
 * resolved against the form: "=customer" a field of the same row, "=^customer" the document's,
 * "=customer.organization" a field of the record the form's customer points to), and what
 * picking one fills in (fill: GET url with the picked id and form values).
 */
import type { MetaEntity, MetaField } from '../meta/types.js';
import { recordTitle } from './labels.js';
import { treeField } from './tree.js';

type Values = Record<string, unknown>;

/** Fields shown after the title: the declared ones, else the other of code/name. */
export function secondaryFields(field: Pick<MetaField, 'ui'>, target: MetaEntity): string[] {
  const declared = field.ui?.secondary?.filter((n) => target.fields.some((f) => f.name === n && !f.secret && !f.hidden));
  if (declared?.length) return declared;
  const other = target.titleField === 'code' ? 'name' : target.titleField === 'name' ? 'code' : undefined;
  return other && target.fields.some((f) => f.name === other) ? [other] : [];
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** "PK-009 - Packing tape": the title and the first secondary field, for the input and the choice. */
export function choiceText(target: MetaEntity, secondary: string[], record: Values | undefined, locale = 'en'): string {
  if (!record) return '';
  const title = recordTitle(target, record, locale);
  const first = secondary[0] ? text(record[secondary[0]]) : '';
  return first && first !== title ? `${title} - ${first}` : title;
}

/** The rest of the secondary fields, shown under a choice ("Buyer · ruta@baltic.lt"). */
export function choiceDetail(secondary: string[], record: Values | undefined): string {
  if (!record) return '';
  return secondary
    .slice(1)
    .map((n) => text(record[n]))
    .filter(Boolean)
    .join(' · ');
}

/** Where a form value lives: "lines.2" is the row of a line field, "" the document. */
export function rowBase(source: string): string {
  const i = source.lastIndexOf('.');
  return i < 0 ? '' : source.slice(0, i);
}

/** The form path of a "field" (same row) or "^field" (the document) reference in a hint. */
export function valuePath(ref: string, base: string): string {
  if (ref.startsWith('^')) return ref.slice(1);
  return base ? `${base}.${ref}` : ref;
}

export interface FilterDependency {
  /** Target field to filter on. */
  key: string;
  /** Form path of the value. */
  path: string;
  /** When set, the value is a field of the record that `path` points to, in `via` (entity key of that reference). */
  through?: string;
}

/** The refFilter split into constant parts and parts that depend on form values. */
export function pickerFilterParts(field: Pick<MetaField, 'ui'>, base: string): { fixed: Values; deps: FilterDependency[] } {
  const fixed: Values = {};
  const deps: FilterDependency[] = [];
  for (const [key, v] of Object.entries(field.ui?.refFilter ?? {})) {
    if (typeof v === 'string' && v.startsWith('=')) {
      const [ref, through] = v.slice(1).split('.') as [string, string | undefined];
      deps.push({ key, path: valuePath(ref, base), ...(through ? { through } : {}) });
    } else fixed[key] = v;
  }
  return { fixed, deps };
}

/**
 * What every picker leaves out, whatever the field declares: group nodes of a tree (warehouses,
 * accounts, cost centres: groups hold nothing, so a document names a leaf) unless the field is in
 * the tree itself (a warehouse's parent), and disabled records. A declared refFilter key wins.
 */
export function implicitFilter(target: MetaEntity, holderKey: string | undefined, declared: Values = {}): Values {
  const out: Values = {};
  if (treeField(target) && holderKey !== target.key && !('is_group' in declared)) out.is_group = false;
  if (target.fields.some((f) => f.name === 'disabled' && f.kind === 'boolean') && !('disabled' in declared)) out.disabled = false;
  return out;
}

/** The picker's filter: constant parts, and each dependency whose value is known (an empty one filters nothing). */
export function pickerFilter(parts: { fixed: Values; deps: FilterDependency[] }, depValues: unknown[]): Values {
  const out: Values = { ...parts.fixed };
  parts.deps.forEach((d, i) => {
    const v = depValues[i];
    if (v !== undefined && v !== null && v !== '') out[d.key] = v;
  });
  return out;
}

/** The query of a fill request: the picked id under the field's name, and the declared params from the form. */
export function fillQuery(field: Pick<MetaField, 'name' | 'ui'>, id: unknown, read: (path: string) => unknown, base: string): URLSearchParams {
  const qs = new URLSearchParams();
  qs.set(field.name, String(id));
  for (const [param, ref] of Object.entries(field.ui?.fill?.params ?? {})) {
    const v = read(valuePath(ref, base));
    if (v !== undefined && v !== null && v !== '' && /^[\w.:-]+$/.test(String(v))) qs.set(param, String(v));
  }
  return qs;
}

/**
 * Which answered values to set in the row: fields the row has (not computed, not the picked
 * field), empty ones unless replace. A field marked repeat keeps a value it has even with
 * replace: the user carries it from line to line (a new line's warehouse), the answer is a default.
 */
export function fillChanges(
  row: MetaEntity | { fields: MetaField[] },
  pickedField: string,
  answer: Values,
  current: (name: string) => unknown,
  replace: boolean,
): Values {
  const out: Values = {};
  for (const [name, v] of Object.entries(answer)) {
    const f = row.fields.find((x) => x.name === name);
    if (!f || f.computed || f.readOnly || name === pickedField || v === undefined) continue;
    const now = current(name);
    const empty = now === undefined || now === null || now === '';
    if (empty || (replace && !f.ui?.repeat)) out[name] = v;
  }
  return out;
}

/** A new line's values: the declared defaults, and the previous line's value of every field marked repeat. */
export function repeatedValues(child: MetaEntity, previous: Values | undefined): Values {
  const out: Values = {};
  if (!previous) return out;
  for (const f of child.fields) if (f.ui?.repeat && previous[f.name] !== undefined && previous[f.name] !== null) out[f.name] = previous[f.name];
  return out;
}

/** Filled references that declare a fill of their own (an item's tax template fills the tax %): their fills run in turn. */
export function cascadingFills(row: { fields: MetaField[] }, changes: Values, pickedField: string): MetaField[] {
  return Object.keys(changes)
    .map((n) => row.fields.find((f) => f.name === n))
    .filter((f): f is MetaField => !!f && f.kind === 'reference' && !!f.ui?.fill && f.name !== pickedField);
}
