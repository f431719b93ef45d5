/**
 * The shape of GET /api/meta, as the core builds it (core/src/api/meta.ts). The admin UI
 * derives every screen from these objects at run time.
 */
// The wire types come from the core (type-only imports, erased from the bundle), so the two
// sides cannot drift apart.
import type { FieldKind, ComputeSpec } from '../../../core/src/entities/model.js';
import type { MetaField as CoreMetaField, MetaReport } from '../../../core/src/api/meta.js';
export type { FieldKind, ComputeSpec, MetaReport };

export interface MetaChoice {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/** A field as /api/meta describes it; line-item collections carry their entity in `children`. */
export interface MetaField extends Omit<CoreMetaField, 'children' | 'choices'> {
  choices?: MetaChoice[];
  children?: MetaEntity;
}

export type DocStatus = 'draft' | 'submitted' | 'cancelled';

export interface MetaAction {
  name: string;
  label: string;
  labels: Record<string, string>;
  /** Conditions on the document's field values (each field's value must be one of those listed; `docstatus` only on submittable entities). */
  when?: { docstatus?: DocStatus[] } & Record<string, readonly unknown[] | undefined>;
  confirm?: string;
  icon?: string;
  input?: JsonSchema;
  allowed: boolean;
}

export interface MetaEntity {
  key: string;
  plugin: string;
  name: string;
  label: string;
  plural: string;
  labels: Record<string, { title?: string; plural?: string; description?: string }>;
  description?: string;
  icon?: string;
  menu: boolean;
  /** A set-up list: under the module's Settings group in the menu. */
  setup?: boolean;
  order: number;
  path: string;
  titleField: string;
  searchFields: string[];
  listColumns: string[];
  filters: string[];
  defaultSort: string;
  submittable?: { editableAfterSubmit: string[]; workflow?: { approvalAbove: string; field: string; role: string } };
  naming?: { field: string; pattern: string };
  fields: MetaField[];
  actions: MetaAction[];
  referencedBy: { entity: string; field: string; label: string; path: string }[];
  permissions: Record<string, boolean>;
  /** Records of a read-only entity are written by the server only (ledgers). */
  readOnly?: boolean;
  /** Board view: cards grouped by an enum or reference field. */
  kanban?: { groupBy: string; title?: string; amount?: string; subtitle?: string };
  /** Entities that form a timeline on this one (activities linked by type + id). */
  timelines?: { entity: string; path: string; label: string; typeField: string; idField: string; dateField?: string }[];
}

export interface MetaPlugin {
  name: string;
  label: string;
  labels: Record<string, string>;
  icon?: string;
  version?: string;
  description?: string;
}

export type DashboardKind = 'number' | 'money' | 'bar' | 'pie' | 'line';

export interface MetaDashboardWidget {
  id: string;
  label: string;
  labels?: Record<string, string>;
  kind: DashboardKind;
  entity: string;
  url: string;
  /** Where a click leads: a filtered list (pointField: the field a chart point's key filters) or a report. */
  link?: { entity: string; filter?: Record<string, unknown>; pointField?: string } | { report: string; params?: Record<string, string> };
}

export interface MetaUser {
  id: number;
  username: string;
  roles: string[];
  isAdmin: boolean;
}

export interface Meta {
  company: { name: string; currency: string; locale: string; fiscalYearStart?: string };
  locale: string;
  locales: string[];
  user: MetaUser;
  plugins: MetaPlugin[];
  entities: MetaEntity[];
  dashboard: MetaDashboardWidget[];
  /** Reports the plugins serve, offered as screens (rendered from their params and answer). */
  reports?: MetaReport[];
}

/** The subset of JSON Schema that action inputs use. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  items?: JsonSchema;
  [key: string]: unknown;
}
