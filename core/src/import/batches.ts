/**
 * Import batches: what one import did (for its progress, its error file and its revert), kept
 * in tessera_import_batch. The table is created on first use. A batch keeps the ids it created
 * and the stored values of what it updated in tessera_import_batch_chunk, one row per chunk of
 * the import written in the import's own transaction (so a million-row import does not hold
 * them in memory, and a rolled-back one leaves none); reverting deletes the created records (cancelling
 * submitted ones first) and writes the old values back, in one transaction, through the data
 * service (so a record that others now refer to stops the revert with 409, nothing reverted).
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, createReadStream, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { FileStorage } from '../files/storage.js';
import { newStorageKey } from './runtime.js';
import type { Database, Queryable } from '../db/database.js';
import type { EntityModel } from '../entities/model.js';
import type { CurrentUser, Doc } from '../plugin-api/index.js';
import type { DataService } from '../data/service.js';
import { ImportErrors } from './errors.js';
import { ensureTable } from '../db/ensure-table.js';
import type { ImportOutcome, WrittenChunk } from './run.js';
import type { SheetRow } from './parse.js';

const TABLE_SQL = `create table if not exists tessera_import_batch (
  id bigserial primary key,
  entity text not null,
  user_id bigint,
  username text not null,
  status text not null,
  mode text not null,
  dry_run boolean not null default false,
  total int not null default 0,
  done int not null default 0,
  created int not null default 0,
  updated int not null default 0,
  unchanged int not null default 0,
  failed int not null default 0,
  created_ids bigint[] not null default '{}',
  updated_before jsonb not null default '[]',
  problems jsonb not null default '[]',
  error_file text,
  message text,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
alter table tessera_import_batch add column if not exists options jsonb, add column if not exists upload_key text,
  add column if not exists upload_kind text, add column if not exists error_key text, add column if not exists problem_count int not null default 0;
create table if not exists tessera_import_batch_chunk (
  batch bigint not null references tessera_import_batch (id) on delete cascade,
  seq bigserial,
  created_ids bigint[] not null default '{}',
  updated_before jsonb not null default '[]',
  primary key (batch, seq)
)`;

export function ensureBatchTable(db: Database): Promise<void> {
  return ensureTable(db, 'tessera_import_batch', TABLE_SQL);
}

/** A batch row; a background import also records its options and its stored upload (the job reads them). */
export async function startBatch(
  db: Queryable,
  e: EntityModel,
  user: CurrentUser,
  mode: string,
  dryRun: boolean,
  total: number,
  job?: { status: 'queued'; options: unknown; uploadKey: string; uploadKind: string },
): Promise<number> {
  const res = await db.query(
    `insert into tessera_import_batch (entity, user_id, username, status, mode, dry_run, total, options, upload_key, upload_kind) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      e.key,
      user.id || null,
      user.username,
      job?.status ?? 'running',
      mode,
      dryRun,
      total,
      job ? JSON.stringify(job.options) : null,
      job?.uploadKey ?? null,
      job?.uploadKind ?? null,
    ],
  );
  return Number(res.rows[0]!.id);
}

export async function setProgress(db: Queryable, id: number, done: number): Promise<void> {
  await db.query(`update tessera_import_batch set done = $2 where id = $1`, [id, done]);
}

/** What one chunk of the import wrote, kept with its batch for the revert (in the import's transaction). */
export async function recordChunk(tx: Queryable, batch: number, chunk: WrittenChunk): Promise<void> {
  await tx.query(`insert into tessera_import_batch_chunk (batch, created_ids, updated_before) values ($1, $2, $3)`, [
    batch,
    chunk.created,
    JSON.stringify(chunk.updated),
  ]);
}

/** The chunks of a batch, last first (for the revert), a page at a time. */
async function* chunksOf(tx: Queryable, batch: number): AsyncGenerator<WrittenChunk> {
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const res = await tx.query(
      `select seq, created_ids, updated_before from tessera_import_batch_chunk where batch = $1 and seq < $2 order by seq desc limit 100`,
      [batch, before],
    );
    if (!res.rows.length) return;
    for (const r of res.rows) yield { created: (r.created_ids as string[]).map(Number), updated: r.updated_before };
    before = Number(res.rows[res.rows.length - 1]!.seq);
  }
}

export async function finishBatch(
  db: Queryable,
  id: number,
  status: string,
  out: ImportOutcome | undefined,
  errorKey: string | undefined,
  message?: string,
): Promise<void> {
  await db.query(
    `update tessera_import_batch set status = $2, done = total, created = $3, updated = $4, unchanged = $5, failed = $6, problems = $7, error_key = $8, message = $9, problem_count = $10, finished_at = now() where id = $1`,
    [
      id,
      status,
      out?.created ?? 0,
      out?.updated ?? 0,
      out?.unchanged ?? 0,
      out?.failed ?? 0,
      JSON.stringify(out?.problems ?? []),
      errorKey ?? null,
      message ?? null,
      out?.problemCount ?? 0,
    ],
  );
}

/**
 * The rows the import refused, as they were in the file, with the reasons in a last column:
 * written to a temporary file as the import goes (constant memory), then put in the files store.
 */
export class ErrorFile {
  private path = join(tmpdir(), `tessera-import-errors-${randomUUID()}.csv`);
  private buffer: unknown[][] = [];
  private rows = 0;

  constructor(headers: string[]) {
    writeFileSync(this.path, `\ufeff${stringify([[...headers, 'Error']], { record_delimiter: '\r\n' })}`, { mode: 0o600 });
  }

  add(row: SheetRow, reasons: string[]): void {
    this.buffer.push([...row.cells.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)), reasons.join('; ')]);
    this.rows += 1;
    if (this.buffer.length >= 500) this.flush();
  }

  private flush(): void {
    if (!this.buffer.length) return;
    appendFileSync(this.path, stringify(this.buffer, { record_delimiter: '\r\n' }));
    this.buffer = [];
  }

  /** Stores the file (when it has rows) and returns its key; the temporary file is removed. */
  async store(files: FileStorage): Promise<string | undefined> {
    try {
      this.flush();
      if (!this.rows) return undefined;
      const key = newStorageKey();
      await files.put(key, createReadStream(this.path));
      return key;
    } finally {
      this.discard();
    }
  }

  discard(): void {
    rmSync(this.path, { force: true });
  }
}

export interface BatchRow {
  id: number;
  entity: string;
  user_id: number | null;
  status: string;
  [k: string]: unknown;
}

export async function loadBatch(db: Queryable, e: EntityModel, id: string, user: CurrentUser): Promise<BatchRow> {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) throw ImportErrors.batchNotFound(id.slice(0, 20));
  const res = await db.query(`select * from tessera_import_batch where id = $1 and entity = $2`, [Number(id), e.key]);
  const row = res.rows[0] as BatchRow | undefined;
  // Someone else's batch is not shown (its problems quote their file), except to administrators.
  if (!row || (!user.isAdmin && Number(row.user_id) !== user.id)) throw ImportErrors.batchNotFound(id);
  return row;
}

/** What the API shows of a batch. */
export function batchView(e: EntityModel, b: BatchRow): Doc {
  return {
    id: Number(b.id),
    entity: b.entity,
    status: b.status,
    mode: b.mode,
    dryRun: b.dry_run,
    total: b.total,
    done: b.done,
    progress: b.total ? Math.round(((b.done as number) / (b.total as number)) * 100) : 100,
    created: b.created,
    updated: b.updated,
    unchanged: b.unchanged,
    failed: b.failed,
    problems: b.problems,
    problemCount: b.problem_count ?? (b.problems as unknown[]).length,
    message: b.message,
    startedAt: b.started_at,
    finishedAt: b.finished_at,
    ...(b.error_file || b.error_key ? { errorFile: `${e.path}/import/${b.id}/errors` } : {}),
    ...(b.status === 'queued' || b.status === 'running' ? { cancel: `${e.path}/import/${b.id}/cancel` } : {}),
    ...(b.status === 'done' && !b.dry_run ? { revert: `${e.path}/import/${b.id}/revert` } : {}),
  };
}

export async function revertBatch(service: DataService, e: EntityModel, user: CurrentUser, id: string): Promise<Doc> {
  return service.db.transaction(async (tx) => {
    const b = await loadBatch(tx, e, id, user);
    const locked = await tx.query(`select status from tessera_import_batch where id = $1 for update`, [b.id]);
    if (locked.rows[0]!.status !== 'done' || b.dry_run)
      throw ImportErrors.notRevertible(Number(b.id), b.dry_run ? 'a dry run' : String(locked.rows[0]!.status));
    const ctx = service.context(tx, user, e.plugin);
    let deleted = 0;
    let restored = 0;
    // Batches kept before the chunk table hold their ids on the batch row itself.
    const legacy: WrittenChunk = { created: (b.created_ids as (number | string)[]).map(Number), updated: b.updated_before as WrittenChunk['updated'] };
    const chunks = async function* () {
      yield* chunksOf(tx, Number(b.id));
      yield legacy;
    };
    // The created records, last first; then the updated ones get their stored values back, last first.
    for await (const chunk of chunks())
      for (const rid of [...chunk.created].reverse()) {
        deleted += 1;
        const doc = await service.find(user, e, rid, tx, { fields: e.submittable ? ['id', 'docstatus'] : ['id'] });
        if (!doc) continue;
        if (e.submittable && doc.docstatus === 'submitted') await service.cancel(ctx, e, rid);
        else await service.delete(ctx, e, rid);
      }
    for await (const chunk of chunks())
      for (const u of [...chunk.updated].reverse()) {
        restored += 1;
        await service.update(ctx, e, u.id, u.before);
      }
    await tx.query(`update tessera_import_batch set status = 'reverted', finished_at = now() where id = $1`, [b.id]);
    return { id: Number(b.id), status: 'reverted', deleted, restored };
  });
}
