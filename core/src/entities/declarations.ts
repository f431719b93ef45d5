/**
 * Reads entity declarations (JSON Schema + x-* keywords), validates them against
 * schemas/entity.schema.json, applies the client's customizations and normalizes them into
 * EntityModels. A bad declaration stops start-up with the file, the JSON pointer and the reason.
 * The checks across entities are in graph.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import { Errors } from '../errors.js';
import { precompiledValidator } from '../precompiled.js';
import type { ComputeSpec, EntityModel, FieldKind, FieldModel, FieldUiHints, OnDelete } from './model.js';
import { isSecretSchema } from './model.js';
import type { EntityCustomization } from '../config.js';

export { checkEntityGraph } from './graph.js';

const require = createRequire(import.meta.url);
const entityMetaSchema = require('@tessera/schemas/entity.schema.json');

export interface RawDeclaration {
  plugin: string;
  file: string;
  json: Record<string, any>;
}

let metaValidator: ReturnType<Ajv['compile']> | undefined;
function metaValidate() {
  // The validator the compiled server brings (core/scripts/build-server.mjs), when it was made from this very schema.
  metaValidator ??= precompiledValidator('__tesseraMetaValidator', entityMetaSchema);
  if (!metaValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('regex', {
      validate: (s: string) => {
        try {
          new RegExp(s, 'u');
          return true;
        } catch {
          return false;
        }
      },
    });
    metaValidator = ajv.compile(entityMetaSchema);
  }
  return metaValidator;
}

/** The most useful of ajv's errors for a declaration: the deepest one, without if/then noise. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const useful = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'allOf' && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const pool = useful.length ? useful : errors;
  return pool.reduce((best, e) => (e.instancePath.length > best.instancePath.length ? e : best), pool[0]!);
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown keyword "${(e.params as any).additionalProperty}"`;
    case 'enum':
      if (e.instancePath.endsWith('/type'))
        return `type must be one of string, integer, boolean, object, array (exact decimals are {"type": "string", "format": "decimal", "x-precision": P, "x-scale": S}; binary floats are not allowed)`;
      return `must be one of ${JSON.stringify((e.params as any).allowedValues)}`;
    case 'const':
      return `must be ${JSON.stringify((e.params as any).allowedValue)}`;
    case 'pattern':
      return `${e.message}`;
    case 'not':
      return e.instancePath.includes('/properties/') || e.propertyName ? 'is a reserved name' : 'is not allowed here';
    default:
      return e.message ?? e.keyword;
  }
}

export function validateDeclaration(decl: RawDeclaration): void {
  const validate = metaValidate();
  if (!validate(decl.json)) {
    const err = pickError(validate.errors ?? []);
    let pointer = err.instancePath || '/';
    if (err.keyword === 'additionalProperties') pointer = `${err.instancePath}/${(err.params as any).additionalProperty}`;
    if (err.propertyName) pointer = `${err.instancePath}/${err.propertyName}`;
    throw Errors.declaration(decl.file, pointer, describe(err));
  }
}

export function readDeclarationFile(plugin: string, file: string): RawDeclaration {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw Errors.declaration(file, '', `cannot be read (${(e as Error).message})`);
  }
  try {
    return { plugin, file, json: JSON.parse(text) };
  } catch (e) {
    throw Errors.declaration(file, '', `is not valid JSON (${(e as Error).message})`);
  }
}

function kindOf(p: Record<string, any>): FieldKind {
  if (p['x-ref']) return 'reference';
  if (p['x-children']) return 'children';
  switch (p.type) {
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'object':
    case 'array':
      return 'json';
  }
  if (p.enum) return 'enum';
  switch (p.format) {
    case 'decimal':
      return 'decimal';
    case 'text':
      return 'text';
    case 'date':
      return 'date';
    case 'date-time':
      return 'datetime';
    case 'time':
      return 'time';
    case 'email':
      return 'email';
    case 'uri':
      return 'url';
    case 'phone':
      return 'phone';
    case 'json':
      return 'json';
  }
  return 'string';
}

export function humanize(name: string): string {
  const s = name.replace(/^x_/, '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function translations(x: Record<string, any> | undefined, key: 'title' | 'plural' | 'description'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [loc, t] of Object.entries(x ?? {})) if (t && typeof t[key] === 'string') out[loc] = t[key];
  return out;
}

function helpTranslations(x: Record<string, any> | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [loc, t] of Object.entries(x ?? {})) {
    const h = t?.help ?? t?.description;
    if (typeof h === 'string') out[loc] = h;
  }
  return Object.keys(out).length ? out : undefined;
}

function enumTranslations(x: Record<string, any> | undefined): Record<string, Record<string, string>> | undefined {
  const out: Record<string, Record<string, string>> = {};
  for (const [loc, t] of Object.entries(x ?? {})) if (t?.enum) out[loc] = t.enum;
  return Object.keys(out).length ? out : undefined;
}

const UI_HINTS = ['internal', 'kind', 'currency', 'fill', 'refFilter', 'secondary', 'repeat', 'rate'] as const;

/** The x-ui hints a field declares (only those present), for the admin UI. */
function uiHints(ui: Record<string, any>): { ui?: FieldUiHints } {
  const hints = Object.fromEntries(UI_HINTS.filter((k) => ui[k] !== undefined).map((k) => [k, ui[k]]));
  return Object.keys(hints).length ? { ui: hints as FieldUiHints } : {};
}

function normalizeField(name: string, p: Record<string, any>, required: boolean, custom: boolean): FieldModel {
  const kind = kindOf(p);
  const ui = p['x-ui'] ?? {};
  const f: FieldModel = {
    name,
    kind,
    label: p.title ?? humanize(name),
    labels: translations(p['x-labels'], 'title'),
    help: ui.help ?? p.description,
    helps: helpTranslations(p['x-labels']),
    required,
    default: p.default,
    unique: p['x-unique'] === true,
    index: p['x-index'] === true,
    readOnly: p.readOnly === true || p['x-compute'] !== undefined,
    hidden: p['x-hidden'] === true,
    ...(isSecretSchema(p) ? { secret: true } : {}),
    custom,
    column: name,
    widget: ui.widget,
    placeholder: ui.placeholder,
    ...uiHints(ui),
    renamedFrom: p['x-renamed-from'],
  };
  if (p.maxLength !== undefined) f.maxLength = p.maxLength;
  if (p.minLength !== undefined) f.minLength = p.minLength;
  if (p.pattern !== undefined) f.pattern = p.pattern;
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) if (p[k] !== undefined) f[k] = p[k];
  if (p['x-bigint']) f.bigint = true;
  if (kind === 'decimal') {
    f.precision = p['x-precision'];
    f.scale = p['x-scale'];
    f.decimalMin = p['x-minimum'];
    f.decimalMax = p['x-maximum'];
    f.decimalExclusiveMin = p['x-exclusive-minimum'];
    f.decimalExclusiveMax = p['x-exclusive-maximum'];
  }
  if (kind === 'enum') {
    f.enumValues = [...p.enum];
    f.enumLabels = Object.fromEntries(p.enum.map((v: string) => [v, p['x-enum-labels']?.[v] ?? humanize(v)]));
    f.enumLabelsI18n = enumTranslations(p['x-labels']);
    const colors = Object.entries((p['x-enum-colors'] ?? {}) as Record<string, string>).filter(([v]) => p.enum.includes(v));
    if (colors.length) f.enumColors = Object.fromEntries(colors);
  }
  if (typeof ui.filter === 'boolean') f.filter = ui.filter;
  if (kind === 'reference') f.ref = { entity: p['x-ref'], onDelete: (p['x-on-delete'] ?? 'restrict') as OnDelete };
  if (kind === 'json' && (p.items || p.properties)) f.jsonSchema = { type: p.type, ...(p.items ? { items: p.items } : {}) };
  if (p['x-compute']) f.compute = p['x-compute'] as ComputeSpec;
  if (kind === 'url' && Array.isArray(p['x-url-schemes'])) f.urlSchemes = p['x-url-schemes'].map((s: string) => s.toLowerCase());
  if (kind === 'children') {
    f.minItems = p.minItems;
    f.maxItems = p.maxItems;
  }
  return f;
}

function buildFields(plugin: string, entity: EntityModel, props: Record<string, any>, required: string[], file: string, pointer: string): void {
  for (const [name, p] of Object.entries(props)) {
    const field = normalizeField(name, p, required.includes(name), name.startsWith('x_'));
    if (field.kind === 'children') {
      const childName = p['x-children'].name as string;
      const child: EntityModel = {
        key: `${entity.key}.${name}`,
        plugin,
        name: childName,
        table: `${plugin}_${childName}`,
        label: p['x-children'].title ?? humanize(childName),
        plural: p.title ?? humanize(name),
        labels: p['x-children']['x-labels'] ?? {},
        fields: [],
        children: [],
        fieldMap: new Map(),
        titleField: 'id',
        searchFields: [],
        listColumns: [],
        filters: [],
        defaultSort: 'idx',
        uniques: p.items['x-unique'] ?? [],
        indexes: [],
        menu: false,
        order: 0,
        parent: entity,
        path: `${entity.path}/:id/${name}`,
        file,
      };
      buildFields(plugin, child, p.items.properties, p.items.required ?? [], file, `${pointer}/${name}/items/properties`);
      field.child = child;
      entity.children.push(field);
    } else {
      entity.fields.push(field);
    }
    entity.fieldMap.set(name, field);
  }
}

function qualify(plugin: string, ref: string): string {
  return ref.includes('.') ? ref : `${plugin}.${ref}`;
}

/** Fields another plugin adds to an entity (PluginDefinition.extendEntities). */
export interface EntityExtension {
  plugin: string;
  fields?: Record<string, Record<string, unknown>>;
  lineFields?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Adds other plugins' fields to a declaration (a deep copy); a clash with an existing field is refused. */
export function extendDeclaration(decl: RawDeclaration, extensions: EntityExtension[]): RawDeclaration {
  const json = structuredClone(decl.json);
  const key = `${decl.plugin}.${json.name}`;
  for (const ext of extensions) {
    for (const [name, p] of Object.entries(ext.fields ?? {})) {
      if (json.properties[name]) throw Errors.config(`plugin "${ext.plugin}" adds the field "${name}" to ${key}, which already has one`);
      json.properties[name] = structuredClone(p);
    }
    for (const [coll, fields] of Object.entries(ext.lineFields ?? {})) {
      const items = json.properties[coll]?.['x-children'] ? json.properties[coll].items : undefined;
      if (!items) throw Errors.config(`plugin "${ext.plugin}" adds line fields to "${coll}" of ${key}, which is not a line-item collection`);
      for (const [name, p] of Object.entries(fields)) {
        if (items.properties[name]) throw Errors.config(`plugin "${ext.plugin}" adds the field "${name}" to ${key} ${coll}, which already has one`);
        items.properties[name] = structuredClone(p);
      }
    }
  }
  return { ...decl, json, file: `${decl.file} (extended by ${[...new Set(extensions.map((e) => e.plugin))].join(', ')})` };
}

/** Layer the client's customizations over a validated declaration (a deep copy). */
export function applyCustomization(decl: RawDeclaration, c: EntityCustomization | undefined, configFile: string): RawDeclaration {
  if (!c) return decl;
  const json = structuredClone(decl.json);
  const key = `${decl.plugin}.${json.name}`;
  if (c.title) json.title = c.title;
  if (c.plural) json['x-plural'] = c.plural;
  if (c.labels) json['x-labels'] = { ...(json['x-labels'] ?? {}), ...c.labels };
  if (c.naming?.pattern) {
    if (!json['x-naming']) throw Errors.config(`${configFile} at /customizations/${key}/naming: ${key} has no numbering series to override`);
    json['x-naming'] = { ...json['x-naming'], pattern: c.naming.pattern };
  }
  if (c.listColumns) json['x-ui'] = { ...(json['x-ui'] ?? {}), listColumns: c.listColumns };
  if (c.defaultSort) json['x-ui'] = { ...(json['x-ui'] ?? {}), defaultSort: c.defaultSort };
  // Added fields first: `fields` may then change them too (make a custom field required).
  for (const [name, p] of Object.entries(c.addFields ?? {})) {
    if (json.properties[name]) throw Errors.config(`${configFile} at /customizations/${key}/addFields/${name}: ${key} already has a field "${name}"`);
    json.properties[name] = p;
  }
  for (const [name, change] of Object.entries(c.fields ?? {})) {
    const p = json.properties[name];
    if (!p) throw Errors.config(`${configFile} at /customizations/${key}/fields/${name}: ${key} has no field "${name}"`);
    if (change.title) p.title = change.title;
    if (change.description) p.description = change.description;
    if (change.labels) p['x-labels'] = { ...(p['x-labels'] ?? {}), ...change.labels };
    if (change.hidden !== undefined) p['x-hidden'] = change.hidden;
    if (change.default !== undefined) p.default = change.default;
    if (change.enum) {
      if (!p.enum) throw Errors.config(`${configFile} at /customizations/${key}/fields/${name}/enum: "${name}" is not an enum field`);
      p.enum = change.enum;
    }
    if (change.enumLabels) p['x-enum-labels'] = { ...(p['x-enum-labels'] ?? {}), ...change.enumLabels };
    if (change.enumColors) {
      if (!p.enum) throw Errors.config(`${configFile} at /customizations/${key}/fields/${name}/enumColors: "${name}" is not an enum field`);
      p['x-enum-colors'] = { ...(p['x-enum-colors'] ?? {}), ...change.enumColors };
    }
    if (change.filterable !== undefined) p['x-ui'] = { ...(p['x-ui'] ?? {}), filter: change.filterable };
    if (change.required !== undefined) {
      const req = new Set<string>(json.required ?? []);
      if (change.required) req.add(name);
      else req.delete(name);
      json.required = [...req];
    }
  }
  for (const [name, change] of Object.entries(c.fields ?? {}))
    if (change.after !== undefined)
      json.properties = placeAfter(json.properties, name, change.after, `${configFile} at /customizations/${key}/fields/${name}/after`);
  return { ...decl, json, file: `${decl.file} (customized by ${configFile})` };
}

/** The properties with `name` moved right after `after` ("": first): the order of the form. */
function placeAfter(props: Record<string, any>, name: string, after: string, where: string): Record<string, any> {
  if (after === name) throw Errors.config(`${where}: a field cannot be placed after itself`);
  if (after && !props[after]) throw Errors.config(`${where}: there is no field "${after}" to place "${name}" after`);
  const names = Object.keys(props).filter((n) => n !== name);
  names.splice(after ? names.indexOf(after) + 1 : 0, 0, name);
  return Object.fromEntries(names.map((n) => [n, props[n]]));
}

export function normalizeDeclaration(decl: RawDeclaration): EntityModel {
  const j = decl.json;
  const plugin = decl.plugin;
  const ui = j['x-ui'] ?? {};
  const entity: EntityModel = {
    key: `${plugin}.${j.name}`,
    plugin,
    name: j.name,
    table: `${plugin}_${j.name}`,
    label: j.title ?? humanize(j.name),
    plural: j['x-plural'] ?? `${j.title ?? humanize(j.name)}s`,
    labels: {},
    description: j.description,
    fields: [],
    children: [],
    fieldMap: new Map(),
    titleField: j['x-title-field'] ?? '',
    naturalKey: j['x-natural-key'],
    searchFields: j['x-search'] ?? [],
    listColumns: ui.listColumns ?? [],
    filters: ui.filters ?? [],
    defaultSort: ui.defaultSort ?? '-id',
    uniques: j['x-unique'] ?? [],
    indexes: j['x-index'] ?? [],
    naming: j['x-naming'],
    submittable: j['x-submittable']
      ? {
          editableAfterSubmit: j['x-submittable'].editableAfterSubmit ?? [],
          dependents: j['x-submittable'].dependents ?? [],
          workflow: j['x-submittable'].workflow,
        }
      : undefined,
    icon: ui.icon,
    kanban: ui.kanban,
    timeline: ui.timeline,
    ownerField: ui.ownerField,
    readOnly: j['x-read-only'] === true,
    menu: ui.menu !== false,
    setup: ui.setup === true,
    order: ui.order ?? 100,
    path: `/api/${plugin}/${j.name}`,
    file: decl.file,
  };
  for (const [loc, t] of Object.entries((j['x-labels'] ?? {}) as Record<string, any>)) entity.labels[loc] = t;
  buildFields(plugin, entity, j.properties, j.required ?? [], decl.file, '/properties');
  for (const f of [...entity.fields, ...entity.children.flatMap((c) => c.child!.fields)]) if (f.ref) f.ref.entity = qualify(plugin, f.ref.entity);

  // The numbered field is assigned by the server and unique.
  if (entity.naming) {
    const nf = entity.fieldMap.get(entity.naming.field);
    if (nf) {
      nf.readOnly = true;
      nf.unique = true;
    }
  }
  // Defaults that depend on the fields.
  const firstText = entity.fields.find((f) => f.kind === 'string' && !f.hidden);
  if (!entity.titleField) entity.titleField = entity.naming?.field ?? firstText?.name ?? 'id';
  if (!entity.naturalKey && entity.fieldMap.get(entity.titleField)?.unique) entity.naturalKey = entity.titleField;
  if (!entity.listColumns.length)
    entity.listColumns = entity.fields
      .filter((f) => !f.hidden && !f.secret && f.kind !== 'json' && f.kind !== 'text')
      .slice(0, 6)
      .map((f) => f.name);
  if (!entity.filters.length)
    entity.filters = entity.fields
      .filter((f) => !f.hidden && !f.secret && (f.kind === 'enum' || f.kind === 'reference' || f.kind === 'boolean' || f.kind === 'date'))
      .map((f) => f.name);
  // A field's own x-ui.filter adds it to the list filters (or takes it out).
  for (const f of entity.fields)
    if (f.filter === true && !entity.filters.includes(f.name)) entity.filters.push(f.name);
    else if (f.filter === false) entity.filters = entity.filters.filter((n) => n !== f.name);
  if (entity.submittable && !entity.filters.includes('docstatus')) entity.filters.unshift('docstatus');
  return entity;
}
