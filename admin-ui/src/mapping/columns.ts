/** The column chooser: which fields a list may show, and the chosen ones (a saved view's or the user's) in order. */
import type { MetaEntity } from '../meta/types.js';
import { fieldOf, listColumns, type Column } from './fields.js';

/** Every field a list can show as a column: visible, not a secret, not a line collection or JSON blob. */
export function columnChoices(e: MetaEntity): string[] {
  const declared = listColumns(e).map((c) => c.source);
  const others = e.fields.filter((f) => !f.hidden && !f.secret && f.kind !== 'children' && f.kind !== 'json' && !declared.includes(f.name)).map((f) => f.name);
  return [...declared, ...others, ...['created_at', 'updated_at'].filter((n) => !declared.includes(n) && !others.includes(n) && !!fieldOf(e, n))];
}

/** The columns to show: the chosen names that still exist (a field may have been removed since), else the declared ones. */
export function chosenColumns(e: MetaEntity, chosen: string[] | undefined): Column[] {
  const declared = listColumns(e);
  if (!chosen?.length) return declared;
  const allowed = new Set(columnChoices(e));
  const all = new Map(declared.map((c) => [c.source, c]));
  const out: Column[] = [];
  for (const name of chosen) {
    if (!allowed.has(name)) continue;
    const c = all.get(name) ?? columnOf(e, name);
    if (c) out.push(c);
  }
  return out.length ? out : declared;
}

function columnOf(e: MetaEntity, name: string): Column | undefined {
  // listColumns builds a Column from an entity's declared names: reuse it for one name
  return listColumns({ ...e, listColumns: [name], submittable: undefined }).find((c) => c.source === name);
}
