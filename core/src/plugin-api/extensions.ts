/** What a plugin contributes besides entities: dashboard widgets, reports, CLI commands. */
import type { JsonSchema, ReportInfo } from '@tessera/contract';
import type { Doc, ServiceContext } from './context.js';
import type { ResolvedConfig } from './config.js';
import type { CurrentUser } from './user.js';

/** Which entities and fields something reads ('items.amount' for a line-item field): the viewer needs read permission on each and must see each field. */
export type Reads = Record<string, readonly string[]>;

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
  reads: Reads;
  /**
   * Where a click on the widget leads: the filtered list of an entity, or a declared report
   * (id within the plugin, or "plugin.id") with its parameters. For charts, `pointField` names
   * the list field a point's `key` filters on (a bar per stage opens the stage's deals). A filter
   * value `"$user"` is the signed-in user's id (a member's own tile opens their own records).
   */
  link?: { entity: string; filter?: Record<string, unknown>; pointField?: string } | { report: string; params?: Record<string, string> };
  /** Offered only to users with one of these roles (a personal dashboard per role); administrators see every widget. */
  roles?: string[];
  /** Returns { value } for number/money, { series: [{ label, value, key? }] } for charts. */
  query: (ctx: WidgetContext) => Promise<unknown>;
}

export interface WidgetContext {
  sql: <R extends Doc = Doc>(text: string, params?: unknown[]) => Promise<R[]>;
  config: ResolvedConfig;
  /** The viewer. */
  user: CurrentUser;
  /** The viewer's row rule on an entity as a SQL predicate over `alias` (values through `param`); "true" when unrestricted. */
  rowFilter: (entity: string, alias: string, param: (value: unknown) => string, action?: string) => string;
  /** Whether the viewer may see a field (see ServiceContext.canSeeField). */
  canSeeField: (entity: string, field: string) => boolean;
}

/** What a report answers: the admin UI renders a table from it (and the CSV export the same rows). */
export interface ReportAnswer {
  columns?: { name: string; label?: string; labels?: Record<string, string>; kind?: string }[];
  rows: Doc[];
  totals?: Doc;
  summary?: Doc;
  /** Rows in all (for paging), when the report pages. */
  total?: number;
  [key: string]: unknown;
}

/**
 * A report: listed in /api/meta (the admin UI renders it as a screen from `params` and the
 * answer) and, when it has `run`, served by the core at `url`: the query string is validated
 * against `params`, the viewer needs read permission on `entity` and on everything in `reads`
 * (403 FIELD_HIDDEN for a hidden field), `run` gets a transaction with the viewer's service
 * context (row rules through ctx.rowFilter), and `?format=csv` streams the rows as CSV unless
 * `export` is false. Without `run`, the plugin's setup serves the route itself.
 */
export interface ReportDefinition<Q = Record<string, string | undefined>> extends ReportInfo {
  /** Entities and fields the report reads (checked for the viewer before it runs, and before meta offers it). */
  reads?: Reads;
  /** JSON Schema of one row of the answer. */
  rowSchema?: JsonSchema;
  /** Whether ?format=csv is offered (default true). */
  export?: boolean;
  /** Answers the report for the viewer (values of the query string arrive as strings). */
  run?: (ctx: ServiceContext, query: Q) => Promise<ReportAnswer | Doc> | ReportAnswer | Doc;
}

/** @deprecated the old name of ReportDefinition (a report served by the plugin's setup). */
export type ReportDeclaration = ReportDefinition;

/** One option of a command, as node:util parseArgs takes it. */
export interface CommandOption {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  description?: string;
}

/** What a command's run receives. */
export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** Parsed options (node:util parseArgs values). */
  options: Record<string, string | boolean | string[] | undefined>;
  config: ResolvedConfig;
  /**
   * Opens the configured database (DATABASE_URL, the configuration's database.url, or the
   * embedded PostgreSQL, reused next to a live server) and runs fn in one transaction with the
   * service API as the system user; closes everything afterwards.
   */
  withServices<T>(fn: (ctx: ServiceContext) => Promise<T>): Promise<T>;
  /** Parameterized SQL on the configured database, without starting the platform (for checks and reads). */
  sql<R extends Doc = Doc>(text: string, params?: unknown[]): Promise<R[]>;
  /** Prints a line on standard output. */
  print(line: string): void;
}

/**
 * A CLI command a plugin contributes: `pnpm tessera <plugin> <command> [options]`. The exit
 * code is what run returns (default 0).
 */
export interface CommandDefinition {
  description: string;
  /** Positional arguments, for the usage line ("<file>"). */
  usage?: string;
  options?: Record<string, CommandOption>;
  run(ctx: CommandContext): Promise<number | void> | number | void;
}

/**
 * A public read model: a SQL view `<plugin>_v_<name>` over one of the plugin's own entities
 * (or a line-item collection, "sales_invoice.lines"), with every column of its table, the
 * fields other plugins add included. Other plugins read the owner's rows through these views
 * (or the owner's api.ts functions), never through its tables, so the owner may change its
 * storage behind them. The core recreates the views after every migration (they are dropped
 * before one, so a column change is never blocked by a view) and creates missing ones at start.
 */
export interface ViewDefinition {
  /** The plugin's own entity name, or "<entity>.<lines field>" for its line items. */
  entity: string;
  /** What the view is for (docs/architecture.md; shown nowhere else). */
  description: string;
}
