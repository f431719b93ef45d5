/**
 * The studio's edits as RFC 6902 patches against the current client configuration, plain
 * TypeScript without React (unit-tested in patch.test.ts). A draft is a list of edits; the
 * patch of the whole draft is what POST /api/config/plan receives. Each edit is applied to the
 * configuration in turn, so later edits see what earlier ones added (an added field, then its
 * label changed) and parents are created before children.
 */
import type { ClientConfig, JsonPatchOp } from './types.js';

/** The field kinds the studio offers (the entity vocabulary's, docs/entity-vocabulary.md). */
export const FIELD_KINDS = [
  'string',
  'text',
  'integer',
  'decimal',
  'money',
  'date',
  'datetime',
  'boolean',
  'enum',
  'reference',
  'email',
  'url',
  'phone',
] as const;
export type StudioFieldKind = (typeof FIELD_KINDS)[number];

export interface EnumOption {
  value: string;
  en: string;
  lt: string;
  /** The chip colour in lists and on the board ("#rrggbb"). */
  color?: string;
}

export interface NewField {
  /** Without the x_ prefix is fine: it is added. */
  name: string;
  kind: StudioFieldKind;
  en: string;
  lt: string;
  helpEn?: string;
  helpLt?: string;
  required?: boolean;
  /** For new records (existing rows get the plan's answer). */
  default?: unknown;
  maxLength?: number;
  precision?: number;
  scale?: number;
  options?: EnumOption[];
  ref?: string;
  /** Show it as a list column (appended to the entity's list columns). */
  column?: boolean;
}

/** An edit of the draft: what the consultant did, in their words, and the patch it makes. */
export interface DraftEdit {
  summary: { en: string; lt: string };
  ops: JsonPatchOp[];
}

export const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const pointer = (parts: string[]) => `/${parts.map(escapePointer).join('/')}`;

/** The custom field's name: lower snake case with the x_ prefix (schemas/client-config.schema.json). */
export function customFieldName(raw: string): string {
  const base = raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^x_/, '');
  return `x_${base || 'field'}`.slice(0, 48);
}

/** The JSON Schema declaration of a new field (entity.schema.json#/definitions/field). */
export function fieldDeclaration(f: NewField): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  switch (f.kind) {
    case 'string':
      Object.assign(d, { type: 'string', maxLength: f.maxLength ?? 140 });
      break;
    case 'text':
      Object.assign(d, { type: 'string', format: 'text' });
      break;
    case 'integer':
      d.type = 'integer';
      break;
    case 'decimal':
      Object.assign(d, { type: 'string', format: 'decimal', 'x-precision': f.precision ?? 18, 'x-scale': f.scale ?? 2 });
      break;
    case 'money':
      Object.assign(d, { type: 'string', format: 'decimal', 'x-precision': f.precision ?? 18, 'x-scale': f.scale ?? 2 });
      break;
    case 'date':
      Object.assign(d, { type: 'string', format: 'date' });
      break;
    case 'datetime':
      Object.assign(d, { type: 'string', format: 'date-time' });
      break;
    case 'boolean':
      d.type = 'boolean';
      break;
    case 'enum': {
      const opts = f.options ?? [];
      Object.assign(d, { type: 'string', enum: opts.map((o) => o.value), 'x-enum-labels': Object.fromEntries(opts.map((o) => [o.value, o.en || o.value])) });
      break;
    }
    case 'reference':
      Object.assign(d, { type: 'integer', 'x-ref': f.ref ?? '' });
      break;
    case 'email':
      Object.assign(d, { type: 'string', format: 'email' });
      break;
    case 'url':
      Object.assign(d, { type: 'string', format: 'uri' });
      break;
    case 'phone':
      Object.assign(d, { type: 'string', format: 'phone' });
      break;
  }
  d.title = f.en || f.name;
  if (f.helpEn) d.description = f.helpEn;
  const lt: Record<string, unknown> = {};
  if (f.lt) lt.title = f.lt;
  if (f.helpLt) lt.description = f.helpLt;
  if (f.kind === 'enum' && f.options?.some((o) => o.lt)) lt.enum = Object.fromEntries(f.options.filter((o) => o.lt).map((o) => [o.value, o.lt]));
  if (Object.keys(lt).length) d['x-labels'] = { lt };
  if (f.default !== undefined && f.default !== '') d.default = f.default;
  const ui: Record<string, unknown> = {};
  if (f.kind === 'money') ui.kind = 'money';
  if (f.kind === 'text') ui.widget = 'textarea';
  if (Object.keys(ui).length) d['x-ui'] = ui;
  return d;
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

function get(doc: unknown, parts: string[]): unknown {
  let cur: any = doc;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Applies a patch to a copy of the document (add, replace, remove; enough for the studio's own ops). */
export function applyPatch<T>(doc: T, ops: JsonPatchOp[]): T {
  const out: any = clone(doc);
  for (const op of ops) {
    const parts = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop()!;
    const parent: any = get(out, parts);
    if (parent === null || typeof parent !== 'object') throw new Error(`no parent for ${op.path}`);
    if (op.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (op.op === 'add' || op.op === 'replace') {
      if (Array.isArray(parent) && op.op === 'add') parent.splice(last === '-' ? parent.length : Number(last), 0, clone(op.value));
      else parent[last] = clone(op.value);
    }
  }
  return out;
}

/** Ops that set a value at a path, creating missing parent objects first. */
export function setAt(config: ClientConfig, parts: string[], value: unknown): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  for (let i = 1; i < parts.length; i++) if (get(config, parts.slice(0, i)) === undefined) ops.push({ op: 'add', path: pointer(parts.slice(0, i)), value: {} });
  ops.push({ op: get(config, parts) === undefined ? 'add' : 'replace', path: pointer(parts), value });
  return ops;
}

/** Ops that remove a value when it is there. */
export function removeAt(config: ClientConfig, parts: string[]): JsonPatchOp[] {
  return get(config, parts) === undefined ? [] : [{ op: 'remove', path: pointer(parts) }];
}

const custom = (entity: string, ...rest: string[]) => ['customizations', entity, ...rest];

/** A new custom field; `listColumns` (the entity's current ones) gets it appended when it is to be a list column. */
export function addFieldEdit(config: ClientConfig, entity: string, f: NewField, listColumns: string[] = []): DraftEdit {
  const name = customFieldName(f.name || f.en);
  const ops = setAt(config, custom(entity, 'addFields', name), fieldDeclaration({ ...f, name }));
  if (f.required) ops.push(...setAt(applyPatch(config, ops), custom(entity, 'fields', name, 'required'), true));
  if (f.column) {
    const current = (get(config, custom(entity, 'listColumns')) as string[] | undefined) ?? listColumns;
    ops.push(...setAt(applyPatch(config, ops), custom(entity, 'listColumns'), [...current.filter((c) => c !== name), name]));
  }
  return {
    summary: {
      en: `Add the field "${f.en}" (${name}, ${f.kind}${f.required ? ', required' : ''}) to ${entity}`,
      lt: `Pridėti lauką „${f.lt || f.en}“ (${name}, ${f.kind}${f.required ? ', privalomas' : ''}) objektui ${entity}`,
    },
    ops,
  };
}

/** Relabel a declared or custom field (EN title, LT label, help texts). */
export function relabelEdit(config: ClientConfig, entity: string, field: string, custom_: boolean, en: string, lt: string): DraftEdit {
  let ops: JsonPatchOp[];
  if (custom_) {
    const base = custom(entity, 'addFields', field);
    const decl = { ...((get(config, base) as Record<string, any>) ?? {}) };
    decl.title = en;
    decl['x-labels'] = { ...(decl['x-labels'] ?? {}), lt: { ...(decl['x-labels']?.lt ?? {}), title: lt } };
    ops = setAt(config, base, decl);
  } else {
    ops = setAt(config, custom(entity, 'fields', field, 'title'), en);
    const labels = (get(config, custom(entity, 'fields', field, 'labels')) as Record<string, any>) ?? {};
    ops.push(...setAt(applyPatch(config, ops), custom(entity, 'fields', field, 'labels'), { ...labels, lt: { ...(labels.lt ?? {}), title: lt } }));
  }
  return { summary: { en: `Relabel ${entity}.${field}: "${en}" / "${lt}"`, lt: `Pervadinti ${entity}.${field}: „${en}“ / „${lt}“` }, ops };
}

export function hideEdit(config: ClientConfig, entity: string, field: string, hidden: boolean): DraftEdit {
  const ops = hidden ? setAt(config, custom(entity, 'fields', field, 'hidden'), true) : removeAt(config, custom(entity, 'fields', field, 'hidden'));
  return {
    summary: hidden ? { en: `Hide ${entity}.${field}`, lt: `Paslėpti ${entity}.${field}` } : { en: `Show ${entity}.${field}`, lt: `Rodyti ${entity}.${field}` },
    ops,
  };
}

/** Replace an enum's options (their order, names in both languages, colours). */
export function enumEdit(config: ClientConfig, entity: string, field: string, custom_: boolean, options: EnumOption[]): DraftEdit {
  const values = options.map((o) => o.value);
  const labels = Object.fromEntries(options.map((o) => [o.value, o.en || o.value]));
  const lt = Object.fromEntries(options.filter((o) => o.lt).map((o) => [o.value, o.lt]));
  const colors = Object.fromEntries(options.filter((o) => o.color).map((o) => [o.value, o.color!]));
  const hasColors = Object.keys(colors).length > 0;
  let ops: JsonPatchOp[];
  if (custom_) {
    const base = custom(entity, 'addFields', field);
    const decl = { ...((get(config, base) as Record<string, any>) ?? {}) };
    decl.enum = values;
    decl['x-enum-labels'] = labels;
    decl['x-labels'] = { ...(decl['x-labels'] ?? {}), lt: { ...(decl['x-labels']?.lt ?? {}), enum: lt } };
    if (hasColors) decl['x-enum-colors'] = colors;
    else delete decl['x-enum-colors'];
    ops = setAt(config, base, decl);
  } else {
    const base = custom(entity, 'fields', field);
    ops = setAt(config, [...base, 'enum'], values);
    ops.push(...setAt(applyPatch(config, ops), [...base, 'enumLabels'], labels));
    const old = (get(config, [...base, 'labels']) as Record<string, any>) ?? {};
    ops.push(...setAt(applyPatch(config, ops), [...base, 'labels'], { ...old, lt: { ...(old.lt ?? {}), enum: lt } }));
    ops.push(...(hasColors ? setAt(applyPatch(config, ops), [...base, 'enumColors'], colors) : removeAt(applyPatch(config, ops), [...base, 'enumColors'])));
  }
  return { summary: { en: `Options of ${entity}.${field}: ${values.join(', ')}`, lt: `${entity}.${field} pasirinkimai: ${values.join(', ')}` }, ops };
}

export function numberingEdit(config: ClientConfig, entity: string, pattern: string): DraftEdit {
  return {
    summary: { en: `Number ${entity} as ${pattern}`, lt: `Numeruoti ${entity} kaip ${pattern}` },
    ops: setAt(config, custom(entity, 'naming'), { pattern }),
  };
}

export function listEdit(config: ClientConfig, entity: string, columns: string[]): DraftEdit {
  return {
    summary: { en: `List columns of ${entity}: ${columns.join(', ')}`, lt: `${entity} sąrašo stulpeliai: ${columns.join(', ')}` },
    ops: setAt(config, custom(entity, 'listColumns'), columns),
  };
}

/** Place a field in the form right after another one ("": first). */
export function positionEdit(config: ClientConfig, entity: string, field: string, after: string): DraftEdit {
  return {
    summary: after
      ? { en: `Place ${entity}.${field} after ${after} in the form`, lt: `Formoje ${entity}.${field} rodyti po ${after}` }
      : { en: `Place ${entity}.${field} first in the form`, lt: `Formoje ${entity}.${field} rodyti pirmą` },
    ops: setAt(config, custom(entity, 'fields', field, 'after'), after),
  };
}

/** Offer a field as a list filter, or stop offering it (the list index follows). */
export function filterEdit(config: ClientConfig, entity: string, field: string, on: boolean): DraftEdit {
  return {
    summary: on
      ? { en: `Filter the list of ${entity} by ${field}`, lt: `${entity} sąrašą filtruoti pagal ${field}` }
      : { en: `No list filter on ${entity}.${field}`, lt: `Be sąrašo filtro pagal ${entity}.${field}` },
    ops: setAt(config, custom(entity, 'fields', field, 'filterable'), on),
  };
}

/** The list's default order: a field, ascending or descending. */
export function sortEdit(config: ClientConfig, entity: string, field: string, descending: boolean): DraftEdit {
  const sort = `${descending ? '-' : ''}${field}`;
  return {
    summary: {
      en: `Sort the list of ${entity} by ${field} (${descending ? 'descending' : 'ascending'})`,
      lt: `${entity} sąrašą rikiuoti pagal ${field} (${descending ? 'mažėjančiai' : 'didėjančiai'})`,
    },
    ops: setAt(config, custom(entity, 'defaultSort'), sort),
  };
}

/** Plugins on or off: the whole list is replaced (the plan names dependencies pulled in). */
export function pluginsEdit(config: ClientConfig, next: string[], changed: { name: string; on: boolean; en: string; lt: string }[]): DraftEdit {
  return {
    summary: {
      en: changed.map((c) => `${c.on ? 'Enable' : 'Disable'} ${c.en}`).join('; '),
      lt: changed.map((c) => `${c.on ? 'Įjungti' : 'Išjungti'} „${c.lt}“`).join('; '),
    },
    ops: setAt(config, ['plugins'], next),
  };
}

/** A role as the configuration declares it (schemas/client-config.schema.json#/properties/roles). */
export interface RoleDeclaration {
  label: string;
  description?: string;
  permissions: Record<string, '*' | string[]>;
  rows?: Record<string, string>;
  fields?: Record<string, Record<string, 'hidden' | 'read'>>;
}

export function roleEdit(config: ClientConfig, name: string, role: RoleDeclaration, what: { en: string; lt: string }): DraftEdit {
  const clean: RoleDeclaration = { label: role.label, permissions: role.permissions };
  if (role.description) clean.description = role.description;
  if (role.rows && Object.keys(role.rows).length) clean.rows = role.rows;
  const fields = Object.fromEntries(Object.entries(role.fields ?? {}).filter(([, f]) => Object.keys(f).length));
  if (Object.keys(fields).length) clean.fields = fields;
  return { summary: { en: `Role ${name}: ${what.en}`, lt: `Vaidmuo ${name}: ${what.lt}` }, ops: setAt(config, ['roles', name], clean) };
}

/** The whole draft as one patch against the configuration it was made on. */
export function draftPatch(edits: DraftEdit[]): JsonPatchOp[] {
  return edits.flatMap((e) => e.ops);
}

/** The configuration with the draft applied (what the screens show while editing). */
export function draftConfig(config: ClientConfig, edits: DraftEdit[]): ClientConfig {
  return applyPatch(config, draftPatch(edits));
}
