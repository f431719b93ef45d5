/**
 * Tree view of any entity that refers to itself through `parent` and marks its inner nodes
 * with a boolean `is_group` (chart of accounts, warehouses, item groups, cost centres):
 * records flattened depth-first, siblings in the list's order, each with its depth and
 * whether it has children; collapsed nodes hide their subtrees.
 */
import type { MetaEntity, MetaField } from '../meta/types.js';

/** The self-reference that makes the entity a tree, or undefined. */
export function treeField(e: MetaEntity): MetaField | undefined {
  const parent = e.fields.find((f) => f.name === 'parent' && f.kind === 'reference' && f.ref?.entity === e.key);
  const group = e.fields.find((f) => f.name === 'is_group' && f.kind === 'boolean');
  return parent && group ? parent : undefined;
}

export interface TreeRow<R> {
  record: R;
  depth: number;
  hasChildren: boolean;
}

type Rec = { id: string | number; [k: string]: unknown };

/**
 * Depth-first rows. Records whose parent is not among `records` (filtered out, or a root) start
 * a subtree at depth 0; `collapsed` ids keep their children hidden; records in a cycle still show, once.
 */
export function buildTree<R extends Rec>(records: R[], parentField = 'parent', collapsed: ReadonlySet<string | number> = new Set()): TreeRow<R>[] {
  const ids = new Set(records.map((r) => r.id));
  const children = new Map<string | number | null, R[]>();
  for (const r of records) {
    const p = r[parentField] as string | number | null | undefined;
    const key = p !== null && p !== undefined && ids.has(p) ? p : null;
    if (!children.has(key)) children.set(key, []);
    children.get(key)!.push(r);
  }
  const out: TreeRow<R>[] = [];
  const seen = new Set<string | number>();
  const walk = (parent: string | number | null, depth: number, visible = true) => {
    for (const r of children.get(parent) ?? []) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const kids = children.get(r.id) ?? [];
      if (visible) out.push({ record: r, depth, hasChildren: kids.length > 0 });
      walk(r.id, depth + 1, visible && !collapsed.has(r.id));
    }
  };
  walk(null, 0);
  // records in a cycle have no root: shown from the first of them, never lost
  for (const r of records)
    if (!seen.has(r.id)) {
      seen.add(r.id);
      out.push({ record: r, depth: 0, hasChildren: (children.get(r.id) ?? []).length > 0 });
      walk(r.id, 1, !collapsed.has(r.id));
    }
  return out;
}
