/** Checks across entities, once every model is built: references resolve, named fields exist, formulas are sound. */
import { Errors } from '../errors.js';
import { isTextKind, type EntityModel, type FieldModel } from './model.js';

/** Cross-entity checks that need every entity: references resolve, named fields exist. */
export function checkEntityGraph(entities: Map<string, EntityModel>, disabledPlugins: string[] = []): void {
  // References may point at line items too ("plugin.document.collection", fully qualified).
  const referable = new Set<string>(entities.keys());
  for (const e of entities.values()) for (const c of e.children) referable.add(c.child!.key);
  const systemFields = new Set(['id', 'created_at', 'updated_at', 'docstatus']);
  for (const e of entities.values()) {
    const has = (name: string) => e.fieldMap.has(name) || systemFields.has(name);
    const fail = (pointer: string, reason: string) => {
      throw Errors.declaration(e.file, pointer, reason);
    };
    if (!has(e.titleField)) fail('/x-title-field', `names no field of ${e.key}: "${e.titleField}"`);
    e.searchFields.forEach((s, i) => {
      const f = e.fieldMap.get(s);
      if (!f) fail(`/x-search/${i}`, `names no field of ${e.key}: "${s}"`);
      else if (!isTextKind(f.kind)) fail(`/x-search/${i}`, `"${s}" is not a text field and cannot be searched`);
      else if (f.secret) fail(`/x-search/${i}`, `"${s}" is a secret and cannot be searched`);
    });
    const secret = (s: string) => !!e.fieldMap.get(s)?.secret;
    e.listColumns.forEach((s, i) => {
      if (!has(s)) fail(`/x-ui/listColumns/${i}`, `names no field of ${e.key}: "${s}"`);
      if (secret(s)) fail(`/x-ui/listColumns/${i}`, `"${s}" is a secret and is never shown`);
    });
    e.filters.forEach((s, i) => {
      if (!has(s)) fail(`/x-ui/filters/${i}`, `names no field of ${e.key}: "${s}"`);
      if (secret(s)) fail(`/x-ui/filters/${i}`, `"${s}" is a secret and cannot be filtered on`);
    });
    if (e.naturalKey && (!e.fieldMap.get(e.naturalKey)?.unique || secret(e.naturalKey)))
      fail('/x-natural-key', `must name a unique (x-unique), non-secret field of ${e.key}: "${e.naturalKey}"`);
    if (e.titleField && secret(e.titleField)) fail('/x-title-field', `"${e.titleField}" is a secret and cannot be the title`);
    const sortField = e.defaultSort.replace(/^-/, '');
    if (!has(sortField)) fail('/x-ui/defaultSort', `names no field of ${e.key}: "${sortField}"`);
    e.uniques.forEach((u, i) =>
      u.forEach((s, j) => {
        if (!e.fieldMap.has(s)) fail(`/x-unique/${i}/${j}`, `names no field of ${e.key}: "${s}"`);
      }),
    );
    e.indexes.forEach((u, i) =>
      u.forEach((s, j) => {
        if (!e.fieldMap.has(s)) fail(`/x-index/${i}/${j}`, `names no field of ${e.key}: "${s}"`);
      }),
    );
    if (e.kanban) {
      const g = e.fieldMap.get(e.kanban.groupBy);
      if (!g || (g.kind !== 'enum' && g.kind !== 'reference'))
        fail('/x-ui/kanban/groupBy', `must name an enum or reference field of ${e.key}: "${e.kanban.groupBy}"`);
      for (const k of ['title', 'amount', 'subtitle'] as const)
        if (e.kanban[k] && !has(e.kanban[k]!)) fail(`/x-ui/kanban/${k}`, `names no field of ${e.key}: "${e.kanban[k]}"`);
    }
    if (e.timeline) {
      const tf = e.fieldMap.get(e.timeline.typeField);
      if (tf?.kind !== 'enum') fail('/x-ui/timeline/typeField', `must name an enum field (of entity keys) of ${e.key}`);
      else {
        // Links to entities of a plugin that is switched off stay valid values (rows made while it
        // was on keep them, and the column's check does not narrow), but are not offered.
        for (const [i, v] of tf.enumValues!.entries()) {
          if (entities.has(v)) continue;
          if (disabledPlugins.includes(v.split('.')[0]!)) (tf.enumInactive ??= []).push(v);
          else fail(`/properties/${tf.name}/enum/${i}`, `"${v}" is not an entity of an enabled or known plugin (timeline links must name entity keys)`);
        }
      }
      const idf = e.fieldMap.get(e.timeline.idField);
      if (idf?.kind !== 'integer') fail('/x-ui/timeline/idField', `must name an integer field of ${e.key}`);
      if (e.timeline.dateField && !has(e.timeline.dateField)) fail('/x-ui/timeline/dateField', `names no field of ${e.key}`);
    }
    if (e.ownerField && e.fieldMap.get(e.ownerField)?.ref?.entity !== 'auth.user') fail('/x-ui/ownerField', `must name a reference to auth.user of ${e.key}`);
    if (e.naming) {
      const f = e.fieldMap.get(e.naming.field);
      if (f?.kind !== 'string') fail('/x-naming/field', `must name a string field of ${e.key}: "${e.naming.field}"`);
    }
    if (e.submittable) {
      e.submittable.editableAfterSubmit.forEach((s, i) => {
        if (!e.fieldMap.has(s)) fail(`/x-submittable/editableAfterSubmit/${i}`, `names no field of ${e.key}: "${s}"`);
      });
      const wf = e.submittable.workflow;
      if (wf && e.fieldMap.get(wf.field)?.kind !== 'decimal') fail('/x-submittable/workflow/field', `must name a decimal field of ${e.key}: "${wf.field}"`);
    }
    const checkFields = (owner: EntityModel, base: string) => {
      for (const f of owner.fields) {
        const at = `${base}/${f.name}`;
        if (f.ref && !referable.has(f.ref.entity))
          fail(`${at}/x-ref`, `refers to unknown entity "${f.ref.entity}" (is its plugin enabled and listed in dependsOn?)`);
        if (f.ref?.onDelete === 'set null' && f.required) fail(`${at}/x-on-delete`, `"set null" needs a field that is not required`);
        if (f.default !== undefined && f.kind === 'enum' && !f.enumValues!.includes(String(f.default)))
          fail(`${at}/default`, `"${String(f.default)}" is not one of the enum values`);
        if (f.compute) checkCompute(owner, f, at, fail);
      }
    };
    checkFields(e, '/properties');
    for (const c of e.children) checkFields(c.child!, `/properties/${c.name}/items/properties`);
  }
}

function checkCompute(owner: EntityModel, f: FieldModel, at: string, fail: (p: string, r: string) => never): void {
  const spec = f.compute!;
  if (f.kind !== 'decimal' && f.kind !== 'integer') fail(`${at}/x-compute`, 'only decimal and integer fields can be computed');
  if ('sum' in spec) {
    const [coll, col] = spec.sum.split('.');
    const c = owner.children.find((x) => x.name === coll);
    if (!c) fail(`${at}/x-compute/sum`, `"${coll}" is not a line-item field of ${owner.key}`);
    const cf = c!.child!.fieldMap.get(col!);
    if (!cf || (cf.kind !== 'decimal' && cf.kind !== 'integer')) fail(`${at}/x-compute/sum`, `"${col}" is not a number field of ${coll}`);
    return;
  }
  const args = 'mul' in spec ? spec.mul : 'add' in spec ? spec.add : spec.sub;
  args.forEach((a, i) => {
    if (/^-?\d+(\.\d+)?$/.test(a)) return;
    // Alternatives "a|^b": each a number field of the row, or (^) of the line's parent document.
    for (const alt of a.split('|')) {
      const of = alt.startsWith('^') ? owner.parent : owner;
      const af = of?.fieldMap.get(alt.replace(/^\^/, ''));
      if (!af || (af.kind !== 'decimal' && af.kind !== 'integer'))
        fail(`${at}/x-compute/${Object.keys(spec)[0]}/${i}`, `"${alt}" is not a number field of ${of?.key ?? `the parent of ${owner.key}`}`);
    }
  });
}
