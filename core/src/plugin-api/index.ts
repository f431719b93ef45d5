/**
 * The public plugin API: the types plugins program against, definePlugin and the error class.
 * A leaf: it imports nothing of the core's implementation (only @tessera/contract and Fastify
 * types), so the plugin contract can be read, versioned and checked on its own.
 */
import './request.js';

export type * from './db.js';
export type * from './model.js';
export type * from './config.js';
export type * from './user.js';
export type * from './roles.js';
export type * from './context.js';
export type * from './hooks.js';
export type * from './actions.js';
export type * from './extensions.js';
export type * from './print.js';
export { HOOK_NAMES } from './hooks.js';
export { definePlugin, type PluginDefinition, type UpgradeContext } from './definition.js';
export {
  TesseraError,
  defineErrors,
  message,
  messageTemplates,
  registerMessages,
  renderMessage,
  problemsJoined,
  type ErrorCatalogue,
  type ErrorEntry,
  type DefinedErrors,
  type FieldProblem,
  type Lang,
  type LocalText,
  type Message,
  type MessageParams,
} from './errors.js';
