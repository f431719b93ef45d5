/**
 * The plugin manifest. A plugin is a package whose package.json has
 * "tessera": { "plugin": "<name>" } and whose main module exports definePlugin({...}).
 * See docs/plugin-guide.md.
 */
import type { Doc, DataContext, ExchangeRateProvider, ServiceContext, SetupContext } from './context.js';
import type { ActionDefinition } from './actions.js';
import type { EntityHooks } from './hooks.js';
import type { RoleDefinition, RowRule } from './roles.js';
import type { CommandDefinition, DashboardWidget, ReportDefinition, ViewDefinition } from './extensions.js';
import type { ErrorCatalogue } from './errors.js';
import type { PrintFormatDefinition } from './print.js';
import type { ClientConfig } from './config.js';

/** What a plugin's upgrade step may do: SQL in the start-up transaction, and the stored configuration (a copy). */
export interface UpgradeContext {
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  config: ClientConfig;
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
  /** Reports offered as screens by the admin UI (served by the core when they have `run`, else by setup). */
  reports?: ReportDefinition<any>[];
  /** Public read models other plugins may query, by name: the view is `<plugin>_v_<name>` (see ViewDefinition). */
  views?: Record<string, ViewDefinition>;
  /** CLI commands: `pnpm tessera <plugin> <command>`. */
  commands?: Record<string, CommandDefinition>;
  /** The error codes the plugin throws (defineErrors), listed in docs/api.md. */
  errors?: ErrorCatalogue;
  /**
   * The titles of what `seed` loads, in other languages: entity name (or key) -> the title as
   * stored -> { lt: '...' }. Lists, pickers and record pages show a seeded record's title in the
   * user's language (while it is not renamed); tests/core/lithuanian.test.ts fails on a seeded
   * title without `lt`.
   */
  seedTitles?: Record<string, Record<string, Record<string, string>>>;
  /**
   * Titles in other languages that the plugin's settings give its set-up records (a pipeline
   * stage's `labels.lt`), in the shape of seedTitles and laid over them; the configuration's
   * `customizations.<entity>.titles` are laid over both. One mechanism: /api/meta titleTranslations.
   */
  settingsTitles?: (settings: Record<string, any>) => Record<string, Record<string, Record<string, string>>>;
  /**
   * The set-up records the plugin's settings declare, as the configuration states them (no
   * defaults: a list the configuration leaves out declares nothing): entity name -> records in
   * the list's order, each keyed by the entity's natural key (a stage by its name) with the
   * values the configuration fixes. The studio's plan shows how existing rows differ (values,
   * order) and apply brings them in step; records not there yet are created by `seed`.
   */
  configuredRecords?: (settings: Record<string, any>) => Record<string, { key: string; values: Record<string, unknown> }[]>;
  /**
   * Runs on start before the schema migration (under the schema lock, in one transaction with
   * the revision it may store): moves data out of what this version no longer declares (a
   * column that became configuration). Returns the configuration amended, or nothing.
   */
  upgrade?: (ctx: UpgradeContext) => Promise<ClientConfig | undefined>;
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
  /**
   * The exchange rates documents of other plugins take when none is entered (ctx.platform.exchangeRates).
   * At most one enabled plugin provides them.
   */
  exchangeRates?: ExchangeRateProvider;
  /** Extra routes (reports) registered under /api/<plugin>/... */
  setup?: (ctx: SetupContext) => Promise<void> | void;
}

export function definePlugin(def: PluginDefinition): PluginDefinition {
  return def;
}
