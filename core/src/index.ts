/** The public API for plugin developers and embedders. */
export { definePlugin } from './plugins/api.js';
export type * from './plugins/api.js';
export type { EntityModel, FieldModel, FieldKind } from './entities/model.js';
export { TesseraError, Errors, type FieldProblem } from './errors.js';
export { Decimal, toScale, decimalText } from './decimal.js';
export { createTessera, type Tessera, type TesseraOptions, ROOT_DIR, DEMO_PASSWORD, requestUser } from './app.js';
export { SYSTEM_USER } from './data/service.js';
export { resolveConfig, loadClientConfig, validateClientConfig, type ClientConfig, type ResolvedConfig } from './config.js';
export { startEmbeddedPostgres } from './db/embedded.js';
export { toCsv } from './api/csv.js';
export { taxBreakdown, printStatus, lines as printLines } from './print/kit.js';
export { amountInWords } from './print/words.js';
