/**
 * What the data layer knows about the running system (the Registry the composition root
 * fills), the permission-and-audit port it calls (Policy; auth implements it), and who counts
 * as trusted plugin code.
 */
import type { EntityModel } from '../entities/model.js';
import type { Params } from '../db/database.js';
import type { TitleTranslations } from './titles.js';
import type { ActionDefinition, CurrentUser, Doc, EntityHooks, PlatformServices, ResolvedConfig, Tx } from '../plugin-api/index.js';

export const MAX_LIMIT = 1000;

/** What the data layer needs to know about the running system. */
export interface Registry {
  entities: Map<string, EntityModel>;
  tables: Map<string, EntityModel>;
  hooks: Map<string, EntityHooks[]>;
  actions: Map<string, Map<string, ActionDefinition>>;
  config: ResolvedConfig;
  settings: Map<string, Record<string, any>>;
  /** Permission layer (auth): row scope SQL, field visibility, audit writer. */
  policy: Policy;
  emit: (tx: Tx, event: string, payload: Doc) => Promise<void>;
  /** Whether anything subscribes to an event. */
  listens?: (event: string) => boolean;
  platform: PlatformServices;
  /** Seeded records' titles in other languages (the plugins' seedTitles, data/titles.ts). */
  titleTranslations?: TitleTranslations;
}

/** The permission and audit layer, as the data layer sees it. */
export interface Policy {
  /** SQL predicate limiting rows the user may see for this action, or undefined for all rows. */
  rowScope(user: CurrentUser, e: EntityModel, action: string, params: Params, alias: string): string | undefined;
  /** Whether the user may see a field. */
  canSeeField(user: CurrentUser, e: EntityModel, field: string): boolean;
  /** Fields the user may not write (read-only for their role). */
  readOnlyFields(user: CurrentUser, e: EntityModel, action?: 'create' | 'update'): Set<string>;
  /** Whether the user may do the action on the entity. */
  can(user: CurrentUser, e: EntityModel, action: string): boolean;
  /** Throws 403 unless the user may do the action on the entity. */
  assert(user: CurrentUser, e: EntityModel, action: string): void;
  audit(tx: Tx, user: CurrentUser, e: EntityModel, action: string, id: number, before: Doc | undefined, after: Doc | undefined): Promise<void>;
  /** When true, single-statement writes insert the audit row (tessera_audit) themselves. */
  readonly auditsInline?: boolean;
}

export const openPolicy: Policy = {
  rowScope: () => undefined,
  canSeeField: () => true,
  readOnlyFields: () => new Set(),
  can: () => true,
  assert: () => undefined,
  audit: async () => undefined,
};

export const SYSTEM_USER: CurrentUser = { id: 0, username: 'system', roles: ['admin'], isAdmin: true };

/** Marks the user of an elevated context (hooks, actions, jobs): trusted plugin code. */
export const ELEVATED = Symbol('tessera.elevated');

/** Plugin code (elevated contexts and the system user) reads secrets; users, even administrators, never do. */
export function trustedCode(user: CurrentUser): boolean {
  return user === SYSTEM_USER || user.id === 0 || (user as unknown as Record<symbol, unknown>)[ELEVATED] === true;
}
