/**
 * The wire types of GET /api/meta: the core builds them (core/src/api/meta.ts), the admin UI
 * derives every screen from them at run time. One copy, so the two sides cannot drift.
 */
import type { ComputeSpec, DocStatus, FieldKind, FieldUiHints } from './field-kinds.js';

/** The subset of JSON Schema that action inputs and report parameters use. */
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

export interface MetaChoice {
  id: string;
  name: string;
  labels: Record<string, string>;
  /** The option's colour ("#rrggbb"): its chip in lists and on the board. */
  color?: string;
}

/** A field as /api/meta describes it; line-item collections carry their entity in `children`. */
export interface MetaField {
  name: string;
  kind: FieldKind;
  label: string;
  labels: Record<string, string>;
  help?: string;
  /** The help text in other locales ({ lt: '...' }). */
  helps?: Record<string, string>;
  required: boolean;
  readOnly: boolean;
  hidden: boolean;
  /** A secret: the UI renders it as a password input and never expects it in a record. */
  secret?: boolean;
  unique: boolean;
  custom: boolean;
  computed: boolean;
  /** How the server computes it ({mul: [a, b]}, {add: [...]}, {sub: [a, b]}, {sum: "lines.amount"}), so forms can show live values. */
  compute?: ComputeSpec;
  default?: unknown;
  maxLength?: number;
  precision?: number;
  scale?: number;
  min?: string | number;
  max?: string | number;
  /** min / max are exclusive bounds (> instead of >=). */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  minLength?: number;
  pattern?: string;
  choices?: MetaChoice[];
  ref?: { entity: string; path: string; titleField: string };
  widget?: string;
  placeholder?: string;
  /** x-ui hints: internal, kind/currency, fill, refFilter, secondary, repeat (FieldUiHints). */
  ui?: FieldUiHints;
  children?: MetaEntity;
}

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
  /** A set-up list (x-ui.setup): under the module's Settings group in the menu. */
  setup?: boolean;
  order: number;
  path: string;
  titleField: string;
  /** Seeded titles in other languages (the plugin's seedTitles): { lt: { 'Website': 'Svetainė' } }. */
  titleTranslations?: Record<string, Record<string, string>>;
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

/**
 * A report a plugin serves, as /api/meta lists it so the admin UI renders it as a screen:
 * filters from `params`, a table from the answer's `{ columns, rows, totals?, summary? }`.
 */
export interface ReportInfo {
  /** Unique within the plugin ('trial-balance'); meta lists it as '<plugin>.<id>'. */
  id: string;
  label: string;
  labels?: Record<string, string>;
  description?: string;
  /** The description in other locales ({ lt: '...' }). */
  descriptions?: Record<string, string>;
  /** The GET route that answers it (also with ?format=csv). */
  url: string;
  /** Entity whose read permission the viewer needs (the route asserts it as well). */
  entity: string;
  /** JSON Schema of the query string: its properties (title, x-labels, format, x-ref) are the filters. */
  params: Record<string, unknown>;
  icon?: string;
  order?: number;
}

export interface MetaReport extends ReportInfo {
  plugin: string;
}

export interface MetaUser {
  id: number;
  username: string;
  /** The user's own language, when they chose one (else the company's locale applies). */
  locale?: string | null;
  roles: string[];
  isAdmin: boolean;
  /** Set while an administrator or consultant views as this role (X-Tessera-View-As): reads only. */
  viewAs?: string;
}

export interface Meta {
  company: { name: string; currency: string; locale: string; fiscalYearStart?: string; country?: string };
  locale: string;
  locales: string[];
  user: MetaUser;
  plugins: MetaPlugin[];
  entities: MetaEntity[];
  dashboard: MetaDashboardWidget[];
  /** Reports the plugins serve, offered as screens (rendered from their params and answer). */
  reports?: MetaReport[];
  /** Every catalogued message template by key ("sales.order_missing"): the UI renders error key + params in its language. */
  messages?: import('./errors.js').MessageTemplates;
}

/** One record found by the global search (`GET /api/search`). */
export interface SearchHit {
  id: number;
  title: string;
  subtitle?: string;
}

/** The hits of one entity in the global search. */
export interface SearchGroup {
  entity: string;
  label: string;
  labels: Record<string, { title?: string; plural?: string; description?: string }>;
  results: SearchHit[];
  /** More rows match than are listed: the list screen with `q` shows them all. */
  more: boolean;
}

/** What a saved list view keeps (`/api/views`). */
export interface ViewState {
  filter?: Record<string, unknown>;
  columns?: string[];
  sort?: { field: string; order: 'ASC' | 'DESC' };
  groupBy?: string;
}

/** A saved list view as the API answers it. */
export interface SavedView {
  id: number;
  entity: string;
  name: string;
  shared: boolean;
  mine: boolean;
  owner: string;
  state: ViewState;
}
