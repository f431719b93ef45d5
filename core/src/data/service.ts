/**
 * Reading and writing entities: one place that every route, action, hook and plugin goes
 * through, so validation, computed values, numbering, hooks, lifecycle and audit apply the
 * same way whatever the caller. This class is the facade: each concept lives in its own file
 * (read, create, update, delete, lifecycle, amend, actions, server fields, the single-statement
 * fast path, visibility, the service context) and the facade only delegates.
 */
import { Errors } from '../errors.js';
import type { EntityModel, FieldModel } from '../entities/model.js';
import type { Database, Params, Queryable, Tx } from '../db/database.js';
import type { TesseraError } from '../errors.js';
import type { CurrentUser, Doc, HookName, ListQuery, ListResult, ServiceContext } from '../plugin-api/index.js';
import type { WriteContext } from './pg-errors.js';
import type { Registry } from './registry.js';
import type { SeriesNumber } from './naming.js';
import type { DataCore, WhereOptions } from './core.js';
import * as read from './read.js';
import * as version from './version.js';
import * as write from './write.js';
import * as hooks from './hooks.js';
import * as create from './create.js';
import * as fast_path from './fast-path.js';
import * as update from './update.js';
import * as server_fields from './server-fields.js';
import * as deletion from './delete-record.js';
import * as lifecycle from './lifecycle.js';
import * as fast_submit from './fast-submit.js';
import * as fast_document from './fast-document.js';
import * as amend from './amend.js';
import * as actions from './actions.js';
import * as visibility from './visibility.js';
import * as context from './context.js';

export { MAX_LIMIT, SYSTEM_USER, openPolicy, trustedCode, type Policy, type Registry } from './registry.js';
export { auditableInput } from './actions.js';

export class DataService implements DataCore {
  constructor(
    readonly db: Database,
    readonly registry: Registry,
  ) {}

  entity(key: string, from?: string): EntityModel {
    const e = this.registry.entities.get(key) ?? (from ? this.registry.entities.get(`${from}.${key}`) : undefined);
    if (!e) throw Errors.unprocessable('UNKNOWN_ENTITY', `unknown entity "${key}"`);
    return e;
  }

  visibleFields(user: CurrentUser, e: EntityModel): FieldModel[] {
    return read.visibleFields(this, user, e);
  }

  readable(user: CurrentUser, e: EntityModel, f: FieldModel | string): boolean {
    return read.readable(this, user, e, f);
  }

  selectList(user: CurrentUser, e: EntityModel, fields: string[] | undefined, alias: string): string {
    return read.selectList(this, user, e, fields, alias);
  }

  whereFor(user: CurrentUser, e: EntityModel, query: ListQuery, params: Params, action?: string, opts?: WhereOptions): string {
    return read.whereFor(this, user, e, query, params, action, opts);
  }

  listWhere(user: CurrentUser, e: EntityModel, query: ListQuery, params: Params): string {
    return read.listWhere(this, user, e, query, params);
  }

  listSql(user: CurrentUser, e: EntityModel, query: ListQuery, action?: string): { sql: string; params: unknown[] } {
    return read.listSql(this, user, e, query, action);
  }

  list(user: CurrentUser, e: EntityModel, query: ListQuery, q?: Queryable, action?: string): Promise<ListResult> {
    return read.list(this, user, e, query, q, action);
  }

  attach(user: CurrentUser, e: EntityModel, rows: Doc[], expand: string[], q: Queryable, fields?: string[], withChildren?: boolean): Promise<void> {
    return read.attach(this, user, e, rows, expand, q, fields, withChildren);
  }

  find(
    user: CurrentUser,
    e: EntityModel,
    id: number,
    q?: Queryable,
    opts?: { expand?: string[]; fields?: string[]; forUpdate?: boolean; action?: string },
  ): Promise<Doc | undefined> {
    return read.find(this, user, e, id, q, opts);
  }

  get(
    user: CurrentUser,
    e: EntityModel,
    id: number,
    q?: Queryable,
    opts?: { expand?: string[]; fields?: string[]; forUpdate?: boolean; action?: string },
  ): Promise<Doc> {
    return read.get(this, user, e, id, q, opts);
  }

  assertVersion(e: EntityModel, id: number, stored: Doc, expected: number[] | undefined): Promise<void> {
    return version.assertVersion(this, e, id, stored, expected);
  }

  staleError(e: EntityModel, id: number, current: number, expected: number[]): Promise<TesseraError> {
    return version.staleError(this, e, id, current, expected);
  }

  writeContext(e: EntityModel): WriteContext {
    return write.writeContext(this, e);
  }

  validate(e: EntityModel, body: unknown, mode: 'create' | 'update'): Doc {
    return write.validate(e, body, mode);
  }

  writableInput(user: CurrentUser, e: EntityModel, body: Doc, action: 'create' | 'update'): Doc {
    return write.writableInput(this, user, e, body, action);
  }

  insertRow(tx: Tx, table: string, fields: FieldModel[], values: Doc, extra?: Doc, number?: SeriesNumber): Promise<Doc> {
    return write.insertRow(tx, table, fields, values, extra, number);
  }

  writeChildren(tx: Tx, e: EntityModel, parentId: number, doc: Doc, wctx: WriteContext, replace: boolean): Promise<Doc> {
    return write.writeChildren(this, tx, e, parentId, doc, wctx, replace);
  }

  seesAll(user: CurrentUser, e: EntityModel): boolean {
    return write.seesAll(this, user, e);
  }

  refuseReadOnly(e: EntityModel): void {
    return write.refuseReadOnly(e);
  }

  inScope(tx: Tx, user: CurrentUser, e: EntityModel, id: number, action: string): Promise<boolean> {
    return write.inScope(this, tx, user, e, id, action);
  }

  assertInScope(tx: Tx, user: CurrentUser, e: EntityModel, id: number, action: string): Promise<void> {
    return write.assertInScope(this, tx, user, e, id, action);
  }

  runHooks(name: HookName, e: EntityModel, ctx: ServiceContext, doc: Doc, old?: Doc, patch?: Doc, extra?: { action?: string; input?: unknown }): Promise<void> {
    return hooks.runHooks(this, name, e, ctx, doc, old, patch, extra);
  }

  hasHook(e: EntityModel, name: HookName): boolean {
    return hooks.hasHook(this, e, name);
  }

  create(ctx: ServiceContext, e: EntityModel, body: unknown): Promise<Doc> {
    return create.create(this, ctx, e, body);
  }

  simpleWrite(user: CurrentUser, e: EntityModel, action: 'create' | 'update'): boolean {
    return fast_path.simpleWrite(this, user, e, action);
  }

  auditChangesSql(e: EntityModel, oldAlias: string | null, newAlias: string): string {
    return fast_path.auditChangesSql(e, oldAlias, newAlias);
  }

  auditCte(ctx: ServiceContext, e: EntityModel, params: Params, action: string, sourceFrom: string, idExpr: string, changes: string): string {
    return fast_path.auditCte(this, ctx, e, params, action, sourceFrom, idExpr, changes);
  }

  simpleCreate(ctx: ServiceContext, e: EntityModel, doc: Doc): Promise<Doc> {
    return fast_path.simpleCreate(this, ctx, e, doc);
  }

  simpleDocumentCreate(user: CurrentUser, e: EntityModel, doc: Doc): boolean {
    return fast_document.simpleDocumentCreate(this, user, e, doc);
  }

  documentCreate(ctx: ServiceContext, e: EntityModel, doc: Doc): Promise<Doc> {
    return fast_document.documentCreate(this, ctx, e, doc);
  }

  simpleUpdate(ctx: ServiceContext, e: EntityModel, id: number, patch: Doc, ifVersion?: number[]): Promise<Doc> {
    return fast_path.simpleUpdate(this, ctx, e, id, patch, ifVersion);
  }

  update(ctx: ServiceContext, e: EntityModel, id: number, body: unknown, opts?: { allowSubmitted?: boolean; ifVersion?: number[] }): Promise<Doc> {
    return update.update(this, ctx, e, id, body, opts);
  }

  setServerFields(ctx: ServiceContext, e: EntityModel, id: number, values: Doc, lines?: { collection: string; id: number; values: Doc }[]): Promise<Doc> {
    return server_fields.setServerFields(this, ctx, e, id, values, lines);
  }

  delete(ctx: ServiceContext, e: EntityModel, id: number, opts?: { ifVersion?: number[] }): Promise<void> {
    return deletion.deleteRecord(this, ctx, e, id, opts);
  }

  stillReferenced(tx: Tx, e: EntityModel, id: number, doc: Doc, err: any): Promise<TesseraError> {
    return deletion.stillReferenced(this, tx, e, id, doc, err);
  }

  submit(ctx: ServiceContext, e: EntityModel, id: number, opts?: { ifVersion?: number[] }): Promise<Doc> {
    return lifecycle.submit(this, ctx, e, id, opts);
  }

  simpleSubmit(user: CurrentUser, e: EntityModel): boolean {
    return fast_submit.simpleSubmit(this, user, e);
  }

  trySimpleSubmit(ctx: ServiceContext, e: EntityModel, id: number, ifVersion?: number[]): Promise<Doc | undefined> {
    return fast_submit.trySimpleSubmit(this, ctx, e, id, ifVersion);
  }

  cancel(ctx: ServiceContext, e: EntityModel, id: number, opts?: { ifVersion?: number[] }): Promise<Doc> {
    return lifecycle.cancel(this, ctx, e, id, opts);
  }

  transition(ctx: ServiceContext, e: EntityModel, id: number, action: 'submit' | 'cancel', from: string, to: string, ifVersion?: number[]): Promise<Doc> {
    return lifecycle.transition(this, ctx, e, id, action, from, to, ifVersion);
  }

  assertNoDependents(tx: Tx, e: EntityModel, id: number, title: unknown): Promise<void> {
    return lifecycle.assertNoDependents(this, tx, e, id, title);
  }

  amend(ctx: ServiceContext, e: EntityModel, id: number): Promise<Doc> {
    return amend.amend(this, ctx, e, id);
  }

  action(ctx: ServiceContext, e: EntityModel, id: number, name: string, input: unknown, opts?: { ifVersion?: number[] }): Promise<unknown> {
    return actions.action(this, ctx, e, id, name, input, opts);
  }

  visibleResult(user: CurrentUser, value: unknown, depth?: number): unknown {
    return visibility.visibleResult(this, user, value, depth);
  }

  fieldVisible(user: CurrentUser, e: EntityModel, path: string): boolean {
    return visibility.fieldVisible(this, user, e, path);
  }

  assertReadable(user: CurrentUser, e: EntityModel, fields?: readonly string[]): void {
    return visibility.assertReadable(this, user, e, fields);
  }

  rowFilter(user: CurrentUser, e: EntityModel, alias: string, param: (v: unknown) => string, action?: string): string {
    return visibility.rowFilter(this, user, e, alias, param, action);
  }

  context(tx: Tx, realUser: CurrentUser, plugin?: string, opts?: { elevated?: boolean }): ServiceContext {
    return context.context(this, tx, realUser, plugin, opts);
  }

  withServices<T>(user: CurrentUser, fn: (ctx: ServiceContext) => Promise<T>, plugin?: string): Promise<T> {
    return context.withServices(this, user, fn, plugin);
  }
}
