/**
 * The normalized entity model: what a JSON-Schema declaration (plus the client's
 * customizations) means, in one typed shape that every projection reads (tables, REST,
 * validation, OpenAPI, metadata). Nothing downstream reads the raw declaration again.
 */

export type FieldKind =
  | 'string'
  | 'text'
  | 'integer'
  | 'decimal'
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
  | 'children';

export type OnDelete = 'restrict' | 'cascade' | 'set null';

export type ComputeSpec =
  | { mul: string[] }
  | { add: string[] }
  | { sub: string[] }
  | { sum: string };

/** x-ui hints for forms and values (docs/entity-vocabulary.md, "Field widgets"). */
export interface FieldUiHints {
  /** Bookkeeping the user rarely needs (converted-from ids, order line ids): hidden until "Show all fields". */
  internal?: boolean;
  /** What a number means: money (formatted with a currency), quantity (its scale, zeros trimmed), rate, percent. */
  kind?: 'money' | 'quantity' | 'rate' | 'percent';
  /** For money: the field holding its currency code ("currency", "^currency" on a line: the document's). */
  currency?: string;
  /** Picking this reference fills other fields from a GET endpoint: params maps query names to form fields ("^customer": the document's). */
  fill?: { url: string; params?: Record<string, string>; replace?: boolean };
  /** Only these records are offered by the picker: target field -> value, or "=field" (a form field's value; "=^field" the document's). */
  refFilter?: Record<string, unknown>;
  /** Extra target fields shown under each choice of the picker, to tell equal names apart. */
  secondary?: string[];
  /** A new line starts with the previous line's value (warehouses). */
  repeat?: boolean;
}

export interface FieldModel {
  name: string;
  kind: FieldKind;
  label: string;
  labels: Record<string, string>;
  help?: string;
  required: boolean;
  default?: unknown;
  unique: boolean;
  index: boolean;
  readOnly: boolean;
  hidden: boolean;
  /** A declared secret (x-secret or writeOnly): written, never read back, redacted in the audit trail. */
  secret?: boolean;
  /** For kind 'url': accepted schemes (x-url-schemes; default http and https). */
  urlSchemes?: string[];
  /** Added by the client configuration (x_ prefix), not by the plugin. */
  custom: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  bigint?: boolean;
  precision?: number;
  scale?: number;
  decimalMin?: string;
  decimalMax?: string;
  decimalExclusiveMin?: string;
  decimalExclusiveMax?: string;
  enumValues?: string[];
  enumLabels?: Record<string, string>;
  /** Enum values kept valid but not offered (timeline links to a switched-off plugin). */
  enumInactive?: string[];
  enumLabelsI18n?: Record<string, Record<string, string>>;
  ref?: { entity: string; onDelete: OnDelete };
  /** For kind 'children': the child entity (its own table, ordered by idx). */
  child?: EntityModel;
  minItems?: number;
  /** Lines at most (default LIMITS.linesPerDocument). */
  maxItems?: number;
  compute?: ComputeSpec;
  widget?: string;
  placeholder?: string;
  /** Screen hints of x-ui beyond the widget (the admin UI reads them; the server ignores them). */
  ui?: FieldUiHints;
  column: string;
  renamedFrom?: string;
  /** JSON Schema of a json field, when declared (items/properties). */
  jsonSchema?: Record<string, unknown>;
}

export interface NamingSpec {
  field: string;
  pattern: string;
}

export interface WorkflowSpec {
  approvalAbove: string;
  field: string;
  role: string;
}

export interface SubmittableSpec {
  editableAfterSubmit: string[];
  dependents: string[];
  workflow?: WorkflowSpec;
}

export interface EntityModel {
  /** plugin.entity, e.g. inventory.item; for a child: plugin.parent.child */
  key: string;
  plugin: string;
  name: string;
  table: string;
  label: string;
  plural: string;
  labels: Record<string, { title?: string; plural?: string; description?: string }>;
  description?: string;
  /** Scalar and reference fields (one column each). */
  fields: FieldModel[];
  /** Line-item collections, each stored in its own table. */
  children: FieldModel[];
  fieldMap: Map<string, FieldModel>;
  titleField: string;
  /**
   * The unique field a plain string names a record by in references (x-natural-key; default:
   * the title field when it is unique). Undefined: references take ids or {"field": value} only.
   */
  naturalKey?: string;
  searchFields: string[];
  listColumns: string[];
  filters: string[];
  defaultSort: string;
  uniques: string[][];
  indexes: string[][];
  naming?: NamingSpec;
  submittable?: SubmittableSpec;
  icon?: string;
  /** Board view grouped by a field (x-ui.kanban). */
  kanban?: { groupBy: string; title?: string; amount?: string; subtitle?: string };
  /** This entity forms a timeline on the records it links to (x-ui.timeline). */
  timeline?: { typeField: string; idField: string; dateField?: string };
  /** Written only by plugin code (x-read-only): no write routes. */
  readOnly?: boolean;
  /** Field matched by the row rule "own" (default created_by). */
  ownerField?: string;
  menu: boolean;
  /** A set-up list (x-ui.setup): the menu shows it under the module's Settings group. */
  setup?: boolean;
  order: number;
  /** For a child entity: its parent. */
  parent?: EntityModel;
  /** REST collection path, e.g. /api/inventory/item */
  path: string;
  /** Where it was declared, for error messages. */
  file: string;
}

/** What the audit trail, history and messages show instead of a secret. */
export const REDACTED = '[redacted]';

/** Whether a JSON Schema property (entity field or action input) declares a secret. */
export function isSecretSchema(p: Record<string, any> | undefined): boolean {
  return !!p && (p['x-secret'] === true || p.writeOnly === true || p['x-ui']?.widget === 'password');
}

export const SYSTEM_COLUMNS = ['id', 'created_at', 'updated_at'] as const;

/** Fields whose values are text and can be searched. */
export function isTextKind(kind: FieldKind): boolean {
  return kind === 'string' || kind === 'text' || kind === 'email' || kind === 'url' || kind === 'phone' || kind === 'enum';
}
