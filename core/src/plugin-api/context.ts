/** What plugin code works with: the service context of one transaction and user, and the typed entity service. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable, Tx } from './db.js';
import type { EntityModel } from './model.js';
import type { ResolvedConfig } from './config.js';
import type { CurrentUser } from './user.js';

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
    /** Declared actions per entity key (label and the permission each checks). */
    actions: Map<string, Map<string, { label: string; permission?: string }>>;
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
  /** Printing records to PDF (the implementation is core/src/print/service.ts; print types in plugin-api/print.ts). */
  print?: PrintPlatform;
  /** The company's exchange rates, when a plugin provides them (PluginDefinition.exchangeRates; accounting does). */
  exchangeRates?: ExchangeRateProvider;
}

/**
 * Exchange rates for documents in another currency, provided by one plugin (accounting) and
 * asked for by the plugins whose documents carry a rate (sales, purchasing), which work without it.
 */
export interface ExchangeRateProvider {
  /**
   * Company-currency units per unit of `from` on `date` (decimal text); throws a 422 naming
   * `path` when no rate is recorded for that date.
   */
  rateOn(ctx: Pick<ServiceContext, 'sql' | 'config'>, from: string, date: string, path?: string): Promise<string>;
}

/** Printing records to PDF, as plugins see it. */
export interface PrintPlatform {
  printIn(
    ctx: ServiceContext,
    key: string,
    recordId: number,
    opts?: { format?: string; locale?: string },
  ): Promise<{ pdf: Buffer; fileName: string; locale: string; document: Doc }>;
  print(
    user: CurrentUser,
    key: string,
    recordId: number,
    opts?: { format?: string; locale?: string },
  ): Promise<{ pdf: Buffer; fileName: string; locale: string; document: Doc }>;
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

export interface DataContext extends ServiceContext {
  /** True when loading demo data (the run command's demo mode). */
  demo: boolean;
}

export interface SetupContext {
  app: FastifyInstance;
  /** The authenticated user of a request (throws 401 when there is none). */
  userOf(req: FastifyRequest): CurrentUser;
  config: ResolvedConfig;
  /** Runs fn in a transaction with the service API (for custom routes and reports). */
  withServices<T>(user: CurrentUser, fn: (ctx: ServiceContext) => Promise<T>): Promise<T>;
  query: Queryable['query'];
}
