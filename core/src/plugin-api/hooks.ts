/** Document hooks: named like Frappe's controller methods, checked against HOOK_NAMES when a plugin loads (like Fastify's). */
import type { Doc, ServiceContext } from './context.js';
import type { EntityModel } from './model.js';

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

/** Every hook name a plugin may declare. */
export const HOOK_NAMES: readonly HookName[] = [
  'beforeCreate',
  'afterCreate',
  'beforeUpdate',
  'afterUpdate',
  'beforeDelete',
  'afterDelete',
  'beforeSubmit',
  'afterSubmit',
  'beforeCancel',
  'afterCancel',
  'afterAction',
];
