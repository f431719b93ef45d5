/**
 * The client configuration as data: versioned revisions in tessera_config_revision (who, when,
 * comment, the document). The latest revision is the effective configuration. It is seeded
 * from the file (TESSERA_CONFIG / tessera.config.json) when the database has none; later the
 * file is applied again only when asked (`tessera config apply`), or on start while nobody has
 * changed the configuration through the studio or the CLI since the file last seeded it (so an
 * instance run from its file keeps following the file).
 * Secrets (the SMTP password) and where the database is never enter a revision: they stay in the
 * file or the environment and are laid over the revision when it is resolved.
 */
import { createHash } from 'node:crypto';
import { resolveConfig, validateClientConfig, type ClientConfig, type ResolvedConfig } from '../config.js';
import type { Queryable } from '../db/database.js';

/** Who made a revision from the file (as opposed to a user of the studio or the CLI). */
export const FILE_AUTHOR = 'file';

export interface Revision {
  version: number;
  created_at: string;
  created_by: string | null;
  comment: string | null;
  config: ClientConfig;
  hash: string;
}

/** Keys sorted at every level: the same document always serializes (and hashes) the same. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .filter((k) => (v as any)[k] !== undefined)
        .map((k) => [k, sortKeys((v as any)[k])]),
    );
  return v;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const configHash = (c: ClientConfig) => sha256(canonicalJson(storable(c)));

/**
 * The part of a configuration a revision stores: without the database location, the file's own
 * bookkeeping ($schema, $comment), plugin folders of this machine and secrets.
 */
export function storable(c: ClientConfig | ResolvedConfig): ClientConfig {
  const { database: _db, $schema: _s, $comment: _c, pluginPaths: _pp, file: _f, baseDir: _b, ...rest } = c as any;
  const out = structuredClone(rest) as ClientConfig;
  if (out.mail?.smtp?.password !== undefined) {
    delete out.mail.smtp.password;
  }
  return out;
}

/** The revision laid over the file's machine-local parts (database, plugin folders, secrets). */
export function effectiveConfig(revision: ClientConfig, file: ResolvedConfig): ResolvedConfig {
  const merged: ClientConfig = structuredClone(revision);
  if (file.database) merged.database = file.database;
  if (file.pluginPaths) merged.pluginPaths = file.pluginPaths;
  const password = file.mail?.smtp?.password;
  if (password !== undefined && merged.mail?.smtp) merged.mail.smtp.password = password;
  return resolveConfig(validateClientConfig(merged, `${file.file} (revision)`), file.file, file.baseDir);
}

const COLUMNS = 'version, created_at, created_by, comment, config, hash';

export async function latestRevision(db: Queryable): Promise<Revision | undefined> {
  return (await db.query<any>(`select ${COLUMNS} from tessera_config_revision order by version desc limit 1`)).rows[0];
}

export async function currentVersion(db: Queryable): Promise<number> {
  return (await db.query<{ v: number }>('select coalesce(max(version), 0)::int as v from tessera_config_revision')).rows[0]!.v;
}

export async function getRevision(db: Queryable, version: number): Promise<Revision | undefined> {
  return (await db.query<any>(`select ${COLUMNS} from tessera_config_revision where version = $1`, [version])).rows[0];
}

export async function listRevisions(db: Queryable, limit: number, after?: number): Promise<{ rows: Revision[]; total: number }> {
  const rows = (
    await db.query<any>(`select ${COLUMNS} from tessera_config_revision where ($1::int is null or version < $1) order by version desc limit $2`, [
      after ?? null,
      limit,
    ])
  ).rows;
  const total = (await db.query<{ n: number }>('select count(*)::int as n from tessera_config_revision')).rows[0]!.n;
  return { rows, total };
}

export async function insertRevision(db: Queryable, config: ClientConfig, author: string, comment: string | null): Promise<number> {
  const stored = storable(config);
  const r = await db.query<{ version: number }>(
    'insert into tessera_config_revision (config, created_by, comment, hash) values ($1, $2, $3, $4) returning version',
    [JSON.stringify(stored), author, comment, configHash(stored)],
  );
  return r.rows[0]!.version;
}

/**
 * The configuration a starting server runs: the latest revision (seeded from the file when there
 * is none; the file's changes taken over while only the file ever changed it).
 */
export async function startingConfig(db: Queryable, file: ResolvedConfig): Promise<{ config: ResolvedConfig; version: number }> {
  const latest = await latestRevision(db);
  if (!latest) {
    const version = await insertRevision(db, file, FILE_AUTHOR, `seeded from ${file.file}`);
    return { config: file, version };
  }
  if (latest.hash === configHash(file)) return { config: effectiveConfig(latest.config, file), version: latest.version };
  if (latest.created_by === FILE_AUTHOR) {
    const version = await insertRevision(db, file, FILE_AUTHOR, `changed in ${file.file}`);
    return { config: file, version };
  }
  console.warn(
    `[tessera] ${file.file} differs from the database's configuration (revision ${latest.version}, by ${latest.created_by}); the database's is used. Apply the file with: pnpm tessera config apply ${file.file}`,
  );
  return { config: effectiveConfig(latest.config, file), version: latest.version };
}

/** Read-only: the configuration the database's latest revision gives (the file's when there is none, or the table is missing). */
export async function databaseConfig(db: Queryable, file: ResolvedConfig): Promise<ResolvedConfig> {
  const exists = (await db.query<{ t: string | null }>(`select to_regclass('tessera_config_revision')::text as t`)).rows[0]?.t;
  const latest = exists ? await latestRevision(db) : undefined;
  if (!latest || latest.created_by === FILE_AUTHOR) return file;
  return effectiveConfig(latest.config, file);
}
