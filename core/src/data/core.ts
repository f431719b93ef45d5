/**
 * The data service as its parts see one another: every concept file (read, create, update,
 * lifecycle, actions...) takes a DataCore and calls the others through it, so the files do not
 * import each other and the facade (service.ts) is the only place that wires them.
 */
import type { EntityModel, FieldModel } from '../entities/model.js';
import type { Database, Params, Queryable, Tx } from '../db/database.js';
import type { TesseraError } from '../errors.js';
import type { CurrentUser, Doc, HookName, ListQuery, ListResult, ServiceContext } from '../plugin-api/index.js';
import type { WriteContext } from './pg-errors.js';
import type { Registry } from './registry.js';
import type { SeriesNumber } from './naming.js';

/** How a list's WHERE is built. `tsquery`: the search's tsquery, already worked out (query/filter.ts compileSearch). */
export interface WhereOptions {
  tsquery?: string;
}

export interface DataCore {
  readonly db: Database;
  readonly registry: Registry;
  entity(key: string, from?: string): EntityModel;
  visibleFields(user: CurrentUser, e: EntityModel): FieldModel[];
  readable(user: CurrentUser, e: EntityModel, f: FieldModel | string): boolean;
  selectList(user: CurrentUser, e: EntityModel, fields: string[] | undefined, alias: string): string;
  whereFor(user: CurrentUser, e: EntityModel, query: ListQuery, params: Params, action?: string, opts?: WhereOptions): string;
  listWhere(user: CurrentUser, e: EntityModel, query: ListQuery, params: Params): string;
  listSql(user: CurrentUser, e: EntityModel, query: ListQuery, action?: string): { sql: string; params: unknown[] };
  list(user: CurrentUser, e: EntityModel, query: ListQuery, q?: Queryable, action?: string): Promise<ListResult>;
  attach(user: CurrentUser, e: EntityModel, rows: Doc[], expand: string[], q: Queryable, fields?: string[], withChildren?: boolean): Promise<void>;
  find(
    user: CurrentUser,
    e: EntityModel,
    id: number,
    q?: Queryable,
    opts?: { expand?: string[]; fields?: string[]; forUpdate?: boolean; action?: string },
  ): Promise<Doc | undefined>;
  get(
    user: CurrentUser,
    e: EntityModel,
    id: number,
    q?: Queryable,
    opts?: { expand?: string[]; fields?: string[]; forUpdate?: boolean; action?: string },
  ): Promise<Doc>;
  assertVersion(e: EntityModel, id: number, stored: Doc, expected: number[] | undefined): Promise<void>;
  staleError(e: EntityModel, id: number, current: number, expected: number[]): Promise<TesseraError>;
  writeContext(e: EntityModel): WriteContext;
  validate(e: EntityModel, body: unknown, mode: 'create' | 'update'): Doc;
  writableInput(user: CurrentUser, e: EntityModel, body: Doc, action: 'create' | 'update'): Doc;
  insertRow(tx: Tx, table: string, fields: FieldModel[], values: Doc, extra?: Doc, number?: SeriesNumber): Promise<Doc>;
  writeChildren(tx: Tx, e: EntityModel, parentId: number, doc: Doc, wctx: WriteContext, replace: boolean): Promise<Doc>;
  seesAll(user: CurrentUser, e: EntityModel): boolean;
  refuseReadOnly(e: EntityModel): void;
  inScope(tx: Tx, user: CurrentUser, e: EntityModel, id: number, action: string): Promise<boolean>;
  assertInScope(tx: Tx, user: CurrentUser, e: EntityModel, id: number, action: string): Promise<void>;
  runHooks(name: HookName, e: EntityModel, ctx: ServiceContext, doc: Doc, old?: Doc, patch?: Doc, extra?: { action?: string; input?: unknown }): Promise<void>;
  hasHook(e: EntityModel, name: HookName): boolean;
  create(ctx: ServiceContext, e: EntityModel, body: unknown): Promise<Doc>;
  simpleWrite(user: CurrentUser, e: EntityModel, action: 'create' | 'update'): boolean;
  auditChangesSql(e: EntityModel, oldAlias: string | null, newAlias: string): string;
  auditCte(ctx: ServiceContext, e: EntityModel, params: Params, action: string, sourceFrom: string, idExpr: string, changes: string): string;
  simpleCreate(ctx: ServiceContext, e: EntityModel, doc: Doc): Promise<Doc>;
  simpleDocumentCreate(user: CurrentUser, e: EntityModel, doc: Doc): boolean;
  documentCreate(ctx: ServiceContext, e: EntityModel, doc: Doc): Promise<Doc>;
  simpleUpdate(ctx: ServiceContext, e: EntityModel, id: number, patch: Doc, ifVersion?: number[]): Promise<Doc>;
  update(ctx: ServiceContext, e: EntityModel, id: number, body: unknown, opts?: { allowSubmitted?: boolean; ifVersion?: number[] }): Promise<Doc>;
  setServerFields(ctx: ServiceContext, e: EntityModel, id: number, values: Doc, lines?: { collection: string; id: number; values: Doc }[]): Promise<Doc>;
  delete(ctx: ServiceContext, e: EntityModel, id: number, opts?: { ifVersion?: number[] }): Promise<void>;
  stillReferenced(tx: Tx, e: EntityModel, id: number, doc: Doc, err: any): Promise<TesseraError>;
  submit(ctx: ServiceContext, e: EntityModel, id: number, opts?: { ifVersion?: number[] }): Promise<Doc>;
  simpleSubmit(user: CurrentUser, e: EntityModel): boolean;
  trySimpleSubmit(ctx: ServiceContext, e: EntityModel, id: number, ifVersion?: number[]): Promise<Doc | undefined>;
  cancel(ctx: ServiceContext, e: EntityModel, id: number, opts?: { ifVersion?: number[] }): Promise<Doc>;
  transition(ctx: ServiceContext, e: EntityModel, id: number, action: 'submit' | 'cancel', from: string, to: string, ifVersion?: number[]): Promise<Doc>;
  assertNoDependents(tx: Tx, e: EntityModel, id: number, title: unknown): Promise<void>;
  amend(ctx: ServiceContext, e: EntityModel, id: number): Promise<Doc>;
  action(ctx: ServiceContext, e: EntityModel, id: number, name: string, input: unknown, opts?: { ifVersion?: number[] }): Promise<unknown>;
  visibleResult(user: CurrentUser, value: unknown, depth?: number): unknown;
  fieldVisible(user: CurrentUser, e: EntityModel, path: string): boolean;
  assertReadable(user: CurrentUser, e: EntityModel, fields?: readonly string[]): void;
  rowFilter(user: CurrentUser, e: EntityModel, alias: string, param: (v: unknown) => string, action?: string): string;
  context(tx: Tx, realUser: CurrentUser, plugin?: string, opts?: { elevated?: boolean }): ServiceContext;
  withServices<T>(user: CurrentUser, fn: (ctx: ServiceContext) => Promise<T>, plugin?: string): Promise<T>;
}
