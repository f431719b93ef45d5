/**
 * The typed plugin API. A plugin is a package whose package.json has
 * "tessera": { "plugin": "<name>" } and whose main module exports definePlugin({...}).
 * See docs/plugin-guide.md.
 */
import type { FastifyInstance } from 'fastify';
import type { Tx, Queryable } from '../db/database.js';
import type { EntityModel } from '../entities/model.js';
import type { ResolvedConfig } from '../config.js';
import type { PrintFormatDefinition } from '../print/types.js';

export type { PrintFormatDefinition, PrintDocument, PrintArgs, PrintColumn, PrintRow, PrintParty, PrintPartyRef, PrintLocale, PrintFormatters } from '../print/types.js';

export type Doc = Record<string, any>;

export interface ListQuery {
  filter?: Record<string, unknown>;
  sort?: string;
  limit?: number;
  offset?: number;
  q?: string;
  fields?: string[];
  expand?: string[];
  ids?: number[];
  /** How the total is found (docs/api.md, "Totals"); code calling list() gets an exact count by default. */
  total?: 'exact' | 'estimate' | 'none' | 'auto';
  /** Keyset paging: the `next` cursor of the previous page (instead of offset). */
  after?: string;
}

export interface ListResult<T = Doc> {
  data: T[];
  /** Absent with total=none. */
  total?: number;
  /** true when total is the planner's estimate rather than a count. */
  totalIsEstimate?: boolean;
  /** Cursor of the page after this one (pass it as `after`), null on the last page. */
  next?: string | null;
}

export interface CurrentUser {
  id: number;
  username: string;
  roles: string[];
  isAdmin: boolean;
  /** The employee linked to the user, when the HR plugin is on (set by plugins). */
  [key: string]: unknown;
}

/** Typed access to one entity inside the current transaction: same validation, hooks, numbering and audit as the REST API. */
export interface EntityService<T extends Doc = Doc> {
  readonly model: EntityModel;
  get(id: number, opts?: { forUpdate?: boolean }): Promise<T>;
  find(id: number): Promise<T | undefined>;
  list(query?: ListQuery): Promise<ListResult<T>>;
  create(data: Partial<T>): Promise<T>;
  update(id: number, patch: Partial<T>): Promise<T>;
  delete(id: number): Promise<void>;
  submit(id: number): Promise<T>;
  cancel(id: number): Promise<T>;
  action(id: number, name: string, input?: unknown): Promise<unknown>;
  /**
   * Sets server-maintained fields (counters, derived status) on a document in any state, its
   * header and/or lines, type-checked and audited. For hooks and actions (elevated contexts).
   */
  setServerFields(id: number, values: Partial<T>, lines?: { collection: string; id: number; values: Doc }[]): Promise<T>;
}

/** Platform services that built-in plugins use (authentication). */
export interface PlatformServices {
  /** The running system's model: enabled entities, declared actions, row rules, plugins. */
  model?: {
    entities: Map<string, EntityModel>;
    actions: Map<string, Map<string, ActionDefinition>>;
    rowRules: Set<string>;
    plugins: Set<string>;
  };
  auth?: {
    invalidate(): void;
    setPassword(q: Tx, userId: number, password: string): Promise<void>;
    /** Revokes every session and API token of the user (in tx when given, so it commits with the change). */
    revokeSessions(userId: number, tx?: Tx): Promise<void>;
  };
  /** Webhook subscriptions (webhooks/subscriptions.ts): refresh after a change. */
  webhooks?: { refresh(): void };
  /** Printing records to PDF (print/service.ts). */
  print?: import('../print/service.js').PrintService;
}

export interface ServiceContext {
  /** The transaction every write of this request runs in. */
  tx: Tx;
  user: CurrentUser;
  /** Service for any entity, by key ("inventory.item") or, within the same plugin, by name. */
  entity<T extends Doc = Doc>(key: string): EntityService<T>;
  /** Throws 403 unless the current (real) user may do the action on the entity. For plugin routes and reports. */
  assert(entity: string, action: string): void;
  /** Whether the current (real) user may do the action on the entity. */
  can(entity: string, action: string): boolean;
  /**
   * The current user's row rule on an entity as a SQL predicate over `alias` ("true" when
   * unrestricted, "false" without permission), for reports:
   *   const p: unknown[] = []; const where = ctx.rowFilter('hr.employee', 'e', (v) => `$${p.push(v)}`);
   */
  rowFilter(entity: string, alias: string, param: (value: unknown) => string, action?: string): string;
  /**
   * Whether the current (real) user may see a field ("amount", a line-item field "items.amount").
   * Reports and widgets must not compute anything from a field the viewer cannot see.
   */
  canSeeField(entity: string, field: string): boolean;
  /**
   * 403 (FIELD_HIDDEN) unless the current user may read the entity and see every listed field:
   * what a report reads, e.g. ctx.assertReadable('crm.opportunity', ['amount', 'probability', 'stage']).
   */
  assertReadable(entity: string, fields?: readonly string[]): void;
  /** Parameterized SQL inside the transaction. */
  sql<R extends Doc = Doc>(text: string, params?: unknown[]): Promise<R[]>;
  /** Settings of a plugin (validated against its settings schema), defaults applied. */
  settings<S = Record<string, any>>(plugin: string): S;
  /** Enqueues an event in this transaction; subscribers run after commit (pg-boss jobs). */
  emit(event: string, payload: Doc): Promise<void>;
  config: ResolvedConfig;
  platform: PlatformServices;
}

export interface HookArgs extends ServiceContext {
  model: EntityModel;
  /** The document as it will be written (mutable in before-hooks), with its line items. */
  doc: Doc;
  /** The stored document before the change (update, delete, submit, cancel). */
  old?: Doc;
  /** For update hooks: the fields the request actually sent (after permission filtering). */
  patch?: Doc;
  /** For afterAction hooks: the action that ran and its (validated) input. */
  action?: string;
  input?: unknown;
}

export type Hook = (args: HookArgs) => Promise<void> | void;

export interface EntityHooks {
  beforeCreate?: Hook;
  afterCreate?: Hook;
  beforeUpdate?: Hook;
  afterUpdate?: Hook;
  beforeDelete?: Hook;
  afterDelete?: Hook;
  beforeSubmit?: Hook;
  afterSubmit?: Hook;
  beforeCancel?: Hook;
  afterCancel?: Hook;
  /**
   * After any document action (e.g. production's "manufacture") ran, in its transaction; `doc`
   * is the document as the action left it, `action` and `input` say what ran. Lets another
   * plugin follow effects that actions post (accounting posts the stock they moved).
   */
  afterAction?: Hook;
}

export type HookName = keyof EntityHooks;

export interface ActionArgs<I = any> extends ServiceContext {
  model: EntityModel;
  doc: Doc;
  input: I;
}

export interface ActionDefinition<I = any> {
  label: string;
  labels?: Record<string, string>;
  /** JSON Schema of the input, validated like any request body. */
  input?: Record<string, unknown>;
  /** Permission name checked for the caller (default: "<plugin>.<entity>.<action>"). */
  permission?: string;
  /** Document states in which the action is offered (default: any). */
  /**
   * When the action is offered (UI buttons and the route): document states and/or field values,
   * e.g. { docstatus: ['submitted'], status: ['open', 'to_approve'] }. All listed keys must match.
   */
  when?: { docstatus?: ('draft' | 'submitted' | 'cancelled')[]; [field: string]: unknown[] | undefined };
  icon?: string;
  /** Asks the UI to confirm before running. */
  confirm?: string;
  handler: (args: ActionArgs<I>) => Promise<unknown> | unknown;
}

export interface RoleDefinition {
  label: string;
  description?: string;
  /** entity key ("inventory.item"), "<plugin>.*" or "*" -> actions (read, create, update, delete, submit, cancel, export, or a declared action name), or "*" for all */
  permissions: Record<string, string[] | '*'>;
  /**
   * entity key -> row rule: "own" (rows the user created, or whose x-owner-field is the user)
   * or the name of a rule a plugin declares in rowRules (e.g. "hr.own_or_reports"). Rows
   * outside the rule are invisible to every read, count, export and expansion, and cannot be
   * changed.
   */
  rows?: Record<string, string>;
  /** entity key -> field -> 'hidden' (not in output, not filterable) | 'read' (read-only) */
  fields?: Record<string, Record<string, 'hidden' | 'read'>>;
}

/**
 * A named row rule: returns a SQL predicate over the entity's table alias. Use param() for
 * every value (it returns the $n placeholder). Example (HR: own leave or my reports' leave):
 *   ({ alias, user, param }) => `${alias}.employee in (select id from hr_employee where "user" = ${param(user.id)} or manager in (select id from hr_employee where "user" = ${param(user.id)}))`
 */
export type RowRule = (args: {
  alias: string;
  user: CurrentUser;
  param: (value: unknown) => string;
  model: EntityModel;
  /** What the rule guards: read (lists, counts, gets, exports, expansions), export, create, update, delete, submit, cancel or an action name. A rule may admit fewer rows for writes than for reads. */
  action: string;
}) => string;

export interface DashboardWidget {
  id: string;
  label: string;
  labels?: Record<string, string>;
  kind: 'number' | 'money' | 'bar' | 'pie' | 'line';
  /** Entity whose read permission the viewer needs. */
  entity: string;
  /**
   * Every entity the widget's SQL reads, with the fields it uses (line-item fields as
   * "items.amount"). The core answers 403 for a viewer who may not read one of them or see one
   * of the fields, and does not offer the widget to them (GET /api/meta). Rows are limited
   * separately, through rowFilter in the SQL.
   */
  reads: Record<string, readonly string[]>;
  /**
   * Where a click on the widget leads: the filtered list of an entity, or a declared report
   * (id within the plugin, or "plugin.id") with its parameters. For charts, `pointField` names
   * the list field a point's `key` filters on (a bar per stage opens the stage's deals).
   */
  link?: { entity: string; filter?: Record<string, unknown>; pointField?: string } | { report: string; params?: Record<string, string> };
  /** Offered only to users with one of these roles (a personal dashboard per role); administrators see every widget. */
  roles?: string[];
  /** Returns { value } for number/money, { series: [{ label, value, key? }] } for charts. */
  query: (ctx: {
    sql: <R extends Doc = Doc>(text: string, params?: unknown[]) => Promise<R[]>;
    config: ResolvedConfig;
    /** The viewer. */
    user: CurrentUser;
    /** The viewer's row rule on an entity as a SQL predicate over `alias` (values through `param`); "true" when unrestricted. */
    rowFilter: (entity: string, alias: string, param: (value: unknown) => string, action?: string) => string;
    /** Whether the viewer may see a field (see ServiceContext.canSeeField). */
    canSeeField: (entity: string, field: string) => boolean;
  }) => Promise<unknown>;
}

/**
 * A report a plugin serves (its own route, registered in setup), listed in /api/meta so the
 * admin UI renders it as a screen: filters from `params`, a table from the answer's
 * `{ columns, rows, totals?, summary? }`.
 */
export interface ReportDeclaration {
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

export interface SetupContext {
  app: FastifyInstance;
  /** The authenticated user of a request (throws 401 when there is none). */
  userOf(req: import('fastify').FastifyRequest): CurrentUser;
  config: ResolvedConfig;
  /** Runs fn in a transaction with the service API (for custom routes and reports). */
  withServices<T>(user: CurrentUser, fn: (ctx: ServiceContext) => Promise<T>): Promise<T>;
  query: Queryable['query'];
}

export interface DataContext extends ServiceContext {
  /** True when loading demo data (the run command's demo mode). */
  demo: boolean;
}

export interface PluginDefinition {
  name: string;
  version: string;
  label: string;
  labels?: Record<string, string>;
  description?: string;
  icon?: string;
  dependsOn?: string[];
  /**
   * Plugins used when enabled: loaded first if present; hooks and actions keyed on their
   * entities are ignored while they are switched off.
   */
  optionalDependsOn?: string[];
  /** Entity declaration files relative to the package (default: entities/*.json). */
  entities?: string[];
  /**
   * Fields this plugin adds to another plugin's entities, by entity key, in the entity
   * vocabulary: header `fields` and `lineFields` per line-item collection. Applied only while
   * this plugin is on (so they may refer to its own entities); skipped when the target's
   * plugin is an optionalDependsOn that is off. Names must not clash with existing fields.
   *   extendEntities: { 'sales.quotation': { fields: { tax_template: { type: 'integer', 'x-ref': 'accounting.tax_template' } } } }
   */
  extendEntities?: Record<string, { fields?: Record<string, Record<string, unknown>>; lineFields?: Record<string, Record<string, Record<string, unknown>>> }>;
  /** JSON Schema of the plugin's settings (values come from the client configuration). */
  settingsSchema?: Record<string, unknown>;
  roles?: Record<string, RoleDefinition>;
  /** Row rules, by name (used as "<plugin>.<name>" in role definitions). */
  rowRules?: Record<string, RowRule>;
  /** Hooks per entity name (of this plugin) or key (another plugin's entity). */
  hooks?: Record<string, EntityHooks>;
  /** Document actions per entity name. */
  actions?: Record<string, Record<string, ActionDefinition>>;
  dashboard?: DashboardWidget[];
  /** Reports the plugin's setup serves, offered as screens by the admin UI. */
  reports?: ReportDeclaration[];
  /** Always loaded, idempotent (units of measure, default stages...). */
  seed?: (ctx: DataContext) => Promise<void>;
  /** Loaded by the run command's demo mode, once. */
  demo?: (ctx: DataContext) => Promise<void>;
  /**
   * Event subscribers, run after commit by the job queue (pg-boss), each in its own transaction.
   * The core emits "<plugin>.<entity>.created|updated|deleted|submitted|cancelled" with { id }.
   */
  subscribers?: Record<string, (payload: Doc, ctx: ServiceContext) => Promise<void> | void>;
  /** Scheduled jobs (cron, UTC), e.g. { name: 'reorder', cron: '0 * * * *', handler }. */
  schedules?: { name: string; cron: string; handler: (ctx: ServiceContext) => Promise<void> | void }[];
  /**
   * Print formats (PDF) per entity name (of this plugin) or key (another plugin's entity, e.g.
   * a statement of account on 'sales.customer'): served at GET /api/<plugin>/<entity>/:id/pdf.
   * A format whose `requires` names an entity that is not there is skipped. See docs/plugin-guide.md.
   */
  printFormats?: Record<string, PrintFormatDefinition | PrintFormatDefinition[]>;
  /** Extra routes (reports) registered under /api/<plugin>/... */
  setup?: (ctx: SetupContext) => Promise<void> | void;
}

export function definePlugin(def: PluginDefinition): PluginDefinition {
  return def;
}
