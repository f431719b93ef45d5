/** The database a command runs against: DATABASE_URL, the configuration's database.url, or the embedded PostgreSQL. */
import { resolve } from 'node:path';
import type { ResolvedConfig } from '../config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.js';
import { ROOT_DIR } from '../paths.js';

export const dataDir = () => resolve(process.env.TESSERA_DATA_DIR ?? resolve(ROOT_DIR, '.tessera'));

export interface DatabaseHandle {
  url: string;
  embedded?: EmbeddedDatabase;
}

/**
 * DATABASE_URL, else the configuration's database.url, else the embedded PostgreSQL under
 * TESSERA_DATA_DIR. With `reuse`, a command run next to a live server connects to that server's
 * embedded instance instead of refusing.
 */
export async function openDatabase(config: ResolvedConfig, opts: { reuse?: boolean } = {}): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL || config.database?.url;
  if (url) return { url };
  const embedded = await startEmbeddedPostgres(dataDir(), { reuse: opts.reuse });
  try {
    const admin = new (await import('pg')).default.Client({ connectionString: embedded.url('postgres') });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      const exists = await admin.query(`select 1 from pg_database where datname = 'tessera'`);
      if (!exists.rowCount) await admin.query('create database tessera');
    } finally {
      await admin.end();
    }
  } catch (e) {
    await embedded.stop().catch(() => undefined);
    throw e;
  }
  return { url: embedded.url('tessera'), embedded };
}
