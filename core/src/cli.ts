#!/usr/bin/env node
/** The tessera command's entry point (see cli/main.ts for the commands). */
import { runCli } from './cli/main.js';
import { describeError, installGlobalErrorHandlers } from './cli/errors.js';

export { describeError, installGlobalErrorHandlers } from './cli/errors.js';
export { openDatabase, dataDir, type DatabaseHandle } from './cli/database.js';
export { runCli } from './cli/main.js';

const invokedDirectly = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  installGlobalErrorHandlers();
  runCli(process.argv.slice(2)).catch((e) => {
    console.error(describeError(e));
    process.exit(1);
  });
}
