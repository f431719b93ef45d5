/**
 * The normalized entity model (types only): what a JSON-Schema declaration (plus the client's
 * customizations) means, in one typed shape that every projection reads (tables, REST,
 * validation, OpenAPI, metadata). Built by core/src/entities/normalize.ts.
 */
import type { ComputeSpec, FieldKind, FieldUiHints } from '@tessera/contract';

export type { ComputeSpec, FieldKind, FieldUiHints };

export type OnDelete = 'restrict' | 'cascade' | 'set null';

export interface FieldModel {
  name: string;
  kind: FieldKind;
  label: string;
  labels: Record<string, string>;
  help?: string;
  /** The help text in other locales ({ lt: '...' }: x-labels.lt.help, else x-labels.lt.description). */
  helps?: Record<string, string>;
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
  /** Colours of the enum options ("#rrggbb"), shown as chip colours in lists and on the board. */
  enumColors?: Record<string, string>;
  /** Offered as a list filter (x-ui.filter; the list index follows from it). */
  filter?: boolean;
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
