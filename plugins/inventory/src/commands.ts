/**
 * `pnpm tessera inventory verify [--json] [--config FILE]`: checks that every stock balance
 * equals the sum of its ledger entries (and the running chain of qty/value after), prints the
 * mismatches and exits with 1 when there are any. The database is found like `tessera start`
 * (DATABASE_URL, the configuration's database.url, or the embedded PostgreSQL, reused next to a
 * live server); nothing is started or migrated.
 */
import type { CommandDefinition } from '@tessera/core';
import { verifyStock } from './verify.js';

export const commands: Record<string, CommandDefinition> = {
  verify: {
    description: 'check stock balances against the stock ledger',
    options: { json: { type: 'boolean', description: 'print the result as JSON' } },
    async run(ctx) {
      const result = await verifyStock(ctx.sql);
      if (ctx.options.json) ctx.print(JSON.stringify(result, null, 2));
      else if (result.ok) ctx.print(`Stock ledger OK: ${result.bins} balances and ${result.entries} ledger entries agree.`);
      else {
        ctx.print(`Stock ledger MISMATCH: ${result.mismatches.length} problem(s) in ${result.bins} balances / ${result.entries} entries:`);
        for (const m of result.mismatches)
          ctx.print(
            `  ${m.item_code ?? m.item} @ ${m.warehouse_name ?? m.warehouse}${m.ledger_entry ? ` (entry ${m.ledger_entry})` : ''}: ${m.problem}: expected ${m.expected}, found ${m.actual}`,
          );
      }
      return result.ok ? 0 : 1;
    },
  },
};
