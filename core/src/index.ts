/** The public API for plugin developers and embedders. */
export { definePlugin } from './plugin-api/index.js';
export type * from './plugin-api/index.js';
export type { EntityModel, FieldModel, FieldKind } from './entities/model.js';
export { TesseraError, Errors, choiceText, labelText, statusText, type FieldProblem } from './errors.js';
export { defineErrors, message, messageTemplates, registerMessages, renderMessage, HOOK_NAMES } from './plugin-api/index.js';
export { CORE_ERRORS } from './error-codes.js';
export { Decimal, toScale, decimalText, toDecimal } from '@tessera/contract';
export { createTessera, type Tessera, type TesseraOptions, ROOT_DIR, DEMO_PASSWORD, requestUser } from './app.js';
export { SYSTEM_USER } from './data/service.js';
export { resolveConfig, loadClientConfig, validateClientConfig, type ClientConfig, type ResolvedConfig } from './config.js';
export { startEmbeddedPostgres } from './db/embedded.js';
export { toCsv } from './api/csv.js';
export { requestLang } from './api/errors.js';
export { taxBreakdown, printStatus, lines as printLines } from './print/kit.js';
export { amountInWords } from './print/words.js';
