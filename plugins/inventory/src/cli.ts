/**
 * `tessera inventory verify [--config FILE] [--json]`: checks that every stock balance equals
 * the sum of its ledger entries (and the running chain of qty/value after), prints the
 * mismatches and exits with 1 when there are any. The database is found like `tessera start`:
 * DATABASE_URL, the configuration's database.url, or the embedded PostgreSQL under
 * TESSERA_DATA_DIR (default .tessera).
 */
import { resolve } from 'node:path';
import pg from 'pg';
import { loadClientConfig, ROOT_DIR, startEmbeddedPostgres } from '@tessera/core';
import { verifyStock, type SqlRunner } from './verify.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function inventoryCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') {
    console.log('usage: tessera inventory verify [--config FILE] [--json]   check stock balances against the stock ledger');
    process.exitCode = sub ? 2 : 0;
    return;
  }
  const config = loadClientConfig(resolve(option(rest, '--config') ?? process.env.TESSERA_CONFIG ?? resolve(ROOT_DIR, 'tessera.config.json')));
  let url = process.env.DATABASE_URL || config.database?.url;
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres(resolve(process.env.TESSERA_DATA_DIR ?? resolve(ROOT_DIR, '.tessera')), { reuse: true });
    url = embedded.url('tessera');
  }
  const client = new pg.Client({ connectionString: url });
  // A dropped connection fails the query in flight; without a listener it would also crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const sql: SqlRunner = async (text, params = []) => (await client.query(text, params)).rows as any;
    const result = await verifyStock(sql);
    if (rest.includes('--json')) console.log(JSON.stringify(result, null, 2));
    else if (result.ok) console.log(`Stock ledger OK: ${result.bins} balances and ${result.entries} ledger entries agree.`);
    else {
      console.log(`Stock ledger MISMATCH: ${result.mismatches.length} problem(s) in ${result.bins} balances / ${result.entries} entries:`);
      for (const m of result.mismatches)
        console.log(`  ${m.item_code ?? m.item} @ ${m.warehouse_name ?? m.warehouse}${m.ledger_entry ? ` (entry ${m.ledger_entry})` : ''}: ${m.problem}: expected ${m.expected}, found ${m.actual}`);
    }
    if (!result.ok) process.exitCode = 1;
  } finally {
    await client.end();
    await embedded?.stop();
  }
}
