/**
 * Field kind -> how it is shown and edited. Pure descriptors: the React layer turns each
 * into one react-admin field or input, so the rules live (and are tested) here.
 */
import type { FieldKind, MetaEntity, MetaField } from '../meta/types.js';

/** Columns every record has besides the declared fields. */
export const SYSTEM_FIELDS = ['id', 'created_at', 'updated_at', 'docstatus', 'amended_from'] as const;
export type SystemField = (typeof SYSTEM_FIELDS)[number];

export type DisplayKind =
  | 'id'
  | 'text'
  | 'longtext'
  | 'integer'
  | 'decimal'
  | 'money'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'enum'
  | 'email'
  | 'url'
  | 'phone'
  | 'json'
  | 'reference'
  | 'docstatus'
  | 'children';

export type InputKind =
  | 'text'
  | 'password'
  | 'multiline'
  | 'decimal'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'select'
  | 'email'
  | 'url'
  | 'phone'
  | 'json'
  | 'reference'
  | 'lineItems';

/** Field names that hold amounts of money when a decimal has two places (widget "money" says so explicitly). */
const MONEY_NAME = /(^|_)(price|total|amount|subtotal|cost|balance|paid|due|tax|discount|fee|value|revenue|salary|budget)(_|$)|^rate$|_rate_amount$/;
/** ...unless the name says it is a ratio ("tax_rate", "discount_percent", "per_billed"). */
const RATIO_NAME = /(percent|pct|ratio|_rate$|^per_|factor)/;

/** The declared meaning of a number (x-ui.kind), if any. */
export function numberKind(f: Pick<MetaField, 'ui'>): 'money' | 'quantity' | 'rate' | 'percent' | undefined {
  return f.ui?.kind;
}

/** The currency code of a money value: its declared currency field ("currency" of the row, "^currency" of the document). */
export function currencyOf(f: Pick<MetaField, 'ui'>, row?: Record<string, unknown>, doc?: Record<string, unknown>): string | undefined {
  const ref = f.ui?.currency;
  if (!ref) return undefined;
  const v = ref.startsWith('^') ? (doc ?? row)?.[ref.slice(1)] : row?.[ref];
  return typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? v : undefined;
}

/** Fields the user rarely needs (x-ui.internal): left out of forms and record pages unless asked for. */
export const isInternal = (f: Pick<MetaField, 'ui'>): boolean => f.ui?.internal === true;

/** Whether "show all fields" would show anything more: an internal field on the record or its lines. */
export function hasInternalFields(e: Pick<MetaEntity, 'fields'>): boolean {
  return e.fields.some((f) => !f.hidden && !f.secret && (isInternal(f) || (f.kind === 'children' && !!f.children && hasInternalFields(f.children))));
}

/** The local-storage key of a user's "show all fields" choice. */
export const allFieldsKey = (user: unknown): string => `tessera.all_fields.${user === undefined || user === null ? 'anonymous' : String(user)}`;

/**
 * Whether a decimal is an amount of money (shown with a currency): the declared kind
 * (x-ui.kind) decides; only an undeclared field falls back to its name and scale.
 */
export function isMoney(f: Pick<MetaField, 'kind' | 'name' | 'scale' | 'widget'> & { ui?: MetaField['ui'] }): boolean {
  if (f.kind !== 'decimal') return false;
  if (f.ui?.kind) return f.ui.kind === 'money';
  if (f.widget === 'money' || f.widget === 'currency') return true;
  if (f.widget === 'number' || f.widget === 'percent') return false;
  return f.scale === 2 && MONEY_NAME.test(f.name) && !RATIO_NAME.test(f.name);
}

export function displayKind(f: MetaField): DisplayKind {
  switch (f.kind) {
    case 'string':
      return 'text';
    case 'text':
      return 'longtext';
    case 'decimal':
      return isMoney(f) ? 'money' : 'decimal';
    default:
      return f.kind;
  }
}

export function inputKind(f: MetaField): InputKind {
  // Secrets are typed into a password input and never shown.
  if (f.secret || f.widget === 'password') return 'password';
  switch (f.kind) {
    case 'string':
      return f.widget === 'textarea' ? 'multiline' : 'text';
    case 'text':
      return 'multiline';
    case 'enum':
      return 'select';
    case 'children':
      return 'lineItems';
    default:
      return f.kind;
  }
}

const UNSORTABLE: FieldKind[] = ['json', 'children'];

/** The server sorts on scalar columns (core/src/query/filter.ts compileSort). */
export function isSortable(f: MetaField | undefined, name: string): boolean {
  if (!f) return (SYSTEM_FIELDS as readonly string[]).includes(name);
  return !UNSORTABLE.includes(f.kind);
}

/** A MetaField for a system column, so lists and filters treat it like a declared one. */
export function systemField(name: string, e: MetaEntity): MetaField | undefined {
  const base = { labels: {}, required: false, readOnly: true, hidden: false, unique: false, custom: false, computed: false };
  switch (name) {
    case 'id':
      return { ...base, name, kind: 'integer', label: 'ID' };
    case 'created_at':
      return { ...base, name, kind: 'datetime', label: 'Created' };
    case 'updated_at':
      return { ...base, name, kind: 'datetime', label: 'Updated' };
    case 'docstatus':
      return e.submittable
        ? {
            ...base,
            name,
            kind: 'enum',
            label: 'Status',
            choices: (['draft', 'submitted', 'cancelled'] as const).map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1), labels: {} })),
          }
        : undefined;
    case 'amended_from':
      return e.submittable
        ? { ...base, name, kind: 'reference', label: 'Amended from', ref: { entity: e.key, path: e.path, titleField: e.titleField } }
        : undefined;
    default:
      return undefined;
  }
}

/** The declared field or system column of that name. */
export function fieldOf(e: MetaEntity, name: string): MetaField | undefined {
  return e.fields.find((f) => f.name === name) ?? systemField(name, e);
}

export interface Column {
  source: string;
  field: MetaField;
  display: DisplayKind;
  sortable: boolean;
  system: boolean;
}

function column(e: MetaEntity, name: string): Column | undefined {
  const declared = e.fields.find((f) => f.name === name);
  const field = declared ?? systemField(name, e);
  if (!field || field.hidden || field.secret || field.kind === 'children') return undefined;
  const display: DisplayKind = !declared && name === 'docstatus' ? 'docstatus' : !declared && name === 'id' ? 'id' : displayKind(field);
  return { source: name, field, display, sortable: isSortable(declared, name), system: !declared };
}

/** The list's columns: the declared ones (or sensible defaults), with the document status last. */
export function listColumns(e: MetaEntity): Column[] {
  const names = e.listColumns.length
    ? [...e.listColumns]
    : e.fields
        .filter((f) => !f.hidden && f.kind !== 'json' && f.kind !== 'text' && f.kind !== 'children')
        .slice(0, 6)
        .map((f) => f.name);
  if (e.submittable && !names.includes('docstatus')) names.push('docstatus');
  return names.map((n) => column(e, n)).filter((c): c is Column => !!c);
}

/** Fields shown on a record's page, in declaration order (line items and JSON included). */
export function showFields(e: MetaEntity, all = false): MetaField[] {
  // A secret is never read back, so a record's page has nothing to show for it.
  // The document's status field is its chip in the toolbar (one status, not two side by side).
  const status = e.submittable ? e.fields.find((f) => f.name === 'status' && f.kind === 'enum' && f.readOnly) : undefined;
  return e.fields.filter((f) => !f.hidden && !f.secret && f !== status && (all || !isInternal(f)));
}

/**
 * Columns of a line-item grid: the child entity's visible fields (internal ones left out unless
 * all are asked for). In a new document's grid, fields the server fills later (read-only, not
 * computed: received qty, billed amount) are left out, as on the create form.
 */
export function lineColumns(child: MetaEntity, all = false, mode: 'create' | 'edit' | 'show' = 'show'): MetaField[] {
  return child.fields.filter((f) => !f.hidden && f.kind !== 'children' && (all || !isInternal(f)) && !(mode === 'create' && f.readOnly && !f.computed));
}

export interface FormInput {
  field: MetaField;
  source: string;
  input: InputKind;
  /** Shown but not editable (computed, assigned by the server, or locked by the document's state). */
  disabled: boolean;
  /** Computed fields show a live value instead of an input. */
  computed: boolean;
  required: boolean;
}

export type DocStatusValue = 'draft' | 'submitted' | 'cancelled' | undefined;

/** Whether a field can be changed on a record in this state. */
export function isEditable(e: MetaEntity, f: MetaField, docstatus: DocStatusValue): boolean {
  if (f.readOnly || f.computed) return false;
  if (!e.submittable || !docstatus || docstatus === 'draft') return true;
  if (docstatus === 'submitted') return e.submittable.editableAfterSubmit.includes(f.name);
  return false;
}

/**
 * The inputs of a create or edit form. On create, fields the server fills (the numbering
 * field, other read-only non-computed fields) are left out; on edit they are shown read-only.
 * Internal fields only with `all` ("show all fields"), editable as any other field.
 */
export function formInputs(e: MetaEntity, mode: 'create' | 'edit', docstatus?: DocStatusValue, all = false): FormInput[] {
  const out: FormInput[] = [];
  for (const f of e.fields) {
    if (f.hidden || (!all && isInternal(f))) continue;
    if (mode === 'create' && f.readOnly && !f.computed) continue;
    const editable = isEditable(e, f, mode === 'create' ? 'draft' : docstatus);
    // On edit a stored secret is not sent back: an empty input keeps it, so it is never required there.
    const keepsStored = mode === 'edit' && !!f.secret;
    out.push({
      field: f,
      source: f.name,
      input: inputKind(f),
      disabled: !editable,
      computed: f.computed,
      required: f.required && editable && !keepsStored && f.default === undefined && e.naming?.field !== f.name,
    });
  }
  return out;
}

/** Whether a record can be opened in the edit form at all. */
export function canEditRecord(e: MetaEntity, record: Record<string, unknown> | undefined): boolean {
  if (!e.permissions.update) return false;
  if (!e.submittable || !record) return true;
  if (record.docstatus === 'draft') return true;
  if (record.docstatus === 'submitted') return e.submittable.editableAfterSubmit.some((n) => e.fields.some((f) => f.name === n && !f.hidden && !f.readOnly));
  return false;
}

export function canDeleteRecord(e: MetaEntity, record: Record<string, unknown> | undefined): boolean {
  if (!e.permissions.delete) return false;
  return !e.submittable || record?.docstatus !== 'submitted';
}

/** Default values of a new record, from the declared defaults (line-item grids start with one empty row). */
export function defaultValues(e: MetaEntity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of e.fields) {
    if (f.default !== undefined) out[f.name] = structuredClone(f.default);
    else if (f.kind === 'children' && f.children) out[f.name] = [lineDefaults(f.children)];
  }
  return out;
}

export function lineDefaults(child: MetaEntity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of child.fields) if (f.default !== undefined) out[f.name] = structuredClone(f.default);
  return out;
}
