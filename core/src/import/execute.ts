/**
 * Running an import from its stored upload, in the request (small files) or as a pg-boss job
 * (IMPORT_QUEUE; large files, async=true): the file is checked and counted first, in the
 * request (a bad file fails before anything runs; the job reuses the header and count), then
 * streamed through runImport in ONE transaction. Dry runs and
 * refused files roll back; a cancelled or failed job rolls back too, so nothing is half-written.
 * The batch row keeps the progress (rows done / total), readable by any server process.
 */
import type { EntityModel } from '../entities/model.js';
import type { DataService } from '../data/service.js';
import type { CurrentUser } from '../plugin-api/index.js';
import { TesseraError } from '../errors.js';
import { ImportErrors } from './errors.js';
import { openSheet, scanSheet, type SheetKind, type SheetRow } from './parse.js';
import { ImportCancelled, importPlan, runImport, type ImportOptions, type ImportOutcome } from './run.js';
import { ErrorFile, finishBatch, recordChunk, setProgress } from './batches.js';
import { mapLineColumns } from './columns.js';
import { keyText, type LinesIndex } from './documents.js';
import type { DataIo } from './runtime.js';

/** Where the uploaded file(s) are in the files store. */
export interface StoredUpload {
  key: string;
  kind: SheetKind;
  delimiter?: string;
  /** The lines: a second stored file, or the second sheet of the same workbook (sheet 1). */
  lines?: { key: string; kind: SheetKind; sheet: number };
  /** The line collection the lines file fills (default the first). */
  linesOf?: string;
}

export interface PreparedImport {
  headers: string[];
  total: number;
  lines?: LinesIndex;
}

/**
 * Checks the file(s) (readable, known columns, a key when needed) and counts the rows; reads a
 * lines file into an index by parent key. `scanned`: the header and count the request already
 * read (a background job does not read the main file a second time before importing it).
 */
export async function prepareImport(
  e: EntityModel,
  io: DataIo,
  up: StoredUpload,
  opts: ImportOptions,
  scanned?: { headers: string[]; rows: number },
): Promise<PreparedImport> {
  const open = (key: string) => () => io.files.get(key);
  const { headers, rows } = scanned ?? (await scanSheet(open(up.key), up.kind, { delimiter: up.delimiter }));
  if (!rows) throw ImportErrors.empty();
  const { keyField, targets: mainTargets } = importPlan(e, headers, opts);
  if (!up.lines) return { headers, total: rows };
  const sheet = await openSheet(open(up.lines.key), up.lines.kind, { sheet: up.lines.sheet, delimiter: up.delimiter });
  const keyModel = keyField && keyField !== 'id' ? e.fieldMap.get(keyField) : undefined;
  const { collection, targets, linkCol, mainCol } = mapLineColumns(e, { headers, targets: mainTargets }, sheet.headers, keyModel, up.linesOf);
  // The lines file is held in memory, grouped by document (the main file streams past it).
  const byKey = new Map<string, SheetRow[]>();
  for await (const r of sheet.rows) {
    const key = keyText(r.cells[linkCol]);
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(r);
  }
  return { headers, total: rows, lines: { headers: sheet.headers, collection, targets, byKey, mainCol } };
}

export type ImportStatus = 'done' | 'dry_run' | 'rejected' | 'cancelled';

/**
 * The import in one transaction; the batch row (when there is one) records the outcome and its
 * error file. Returns the outcome; a dry run or a refused file has rolled back.
 */
export async function executeImport(
  service: DataService,
  io: DataIo,
  e: EntityModel,
  user: CurrentUser,
  up: StoredUpload,
  opts: ImportOptions,
  batch: number | undefined,
  prepared: PreparedImport,
): Promise<{ out: ImportOutcome; status: ImportStatus }> {
  const db = service.db;
  const ROLLBACK = Symbol('rollback');
  const errors = batch ? new ErrorFile(prepared.headers) : undefined;
  let out: ImportOutcome | undefined;
  try {
    await db.transaction(async (tx) => {
      const sheet = await openSheet(() => io.files.get(up.key), up.kind, { delimiter: up.delimiter });
      out = await runImport(service, tx, user, e, { headers: sheet.headers, rows: sheet.rows, total: prepared.total, lines: prepared.lines }, opts, {
        progress: batch ? (done) => setProgress(db, batch, done) : undefined,
        cancelled: batch
          ? async () => (await db.query(`select status from tessera_import_batch where id = $1`, [batch])).rows[0]?.status === 'cancelling'
          : undefined,
        refused: errors ? (row, reasons) => errors.add(row, reasons) : undefined,
        written: batch && !opts.dryRun ? (chunk) => recordChunk(tx, batch, chunk) : undefined,
      });
      if (opts.dryRun || (out.failed && opts.onError === 'rollback')) throw ROLLBACK;
      if (batch) await finishBatch(tx, batch, 'done', out, await errors!.store(io.files));
    });
  } catch (err) {
    if (err instanceof ImportCancelled) {
      errors?.discard();
      if (batch) await finishBatch(db, batch, 'cancelled', undefined, undefined, 'cancelled: nothing was imported');
      return { out: out!, status: 'cancelled' };
    }
    if (err !== ROLLBACK) {
      errors?.discard();
      if (batch)
        await finishBatch(
          db,
          batch,
          'failed',
          undefined,
          undefined,
          err instanceof TesseraError ? `${err.code}: ${err.message}` : 'the import stopped on an internal error',
        ).catch(() => undefined);
      throw err;
    }
    const status = opts.dryRun ? 'dry_run' : 'rejected';
    if (batch)
      await finishBatch(
        db,
        batch,
        status,
        out,
        await errors!.store(io.files),
        status === 'rejected' ? ImportErrors.rejected(out!.failed, out!.total).message : undefined,
      );
    return { out: out!, status };
  }
  return { out: out!, status: 'done' };
}

/**
 * The pg-boss job of a queued batch: runs it as its user (loaded again), once. A batch already
 * finished or cancelled is left alone (a retried job after a crash re-runs a 'running' one: its
 * transaction was rolled back). The upload is removed from the files store at the end.
 */
export async function runImportJob(service: DataService, io: DataIo, batchId: number): Promise<void> {
  const db = service.db;
  const claimed = await db.query(
    `update tessera_import_batch set status = 'running', started_at = now() where id = $1 and status in ('queued', 'running') returning *`,
    [batchId],
  );
  const b = claimed.rows[0];
  if (!b) return;
  const e = service.registry.entities.get(b.entity);
  const user = b.user_id ? await io.loadUser(Number(b.user_id)) : undefined;
  const up = b.options.upload as StoredUpload;
  try {
    if (!e) throw new TesseraError('NOT_FOUND', 404, `entity ${b.entity} is no longer installed`);
    if (!user) throw new TesseraError('FORBIDDEN', 403, 'the user who started the import is no longer active');
    const opts = b.options.import as ImportOptions;
    const headers = b.options.headers as string[] | undefined;
    const prepared = await prepareImport(e, io, up, opts, headers ? { headers, rows: Number(b.total) } : undefined);
    await executeImport(service, io, e, user, up, opts, batchId, prepared);
  } catch (err) {
    const message = err instanceof TesseraError ? `${err.code}: ${err.message}` : 'the import stopped on an internal error';
    await db.query(`update tessera_import_batch set status = 'failed', message = $2, finished_at = now() where id = $1 and status <> 'failed'`, [
      batchId,
      message,
    ]);
  } finally {
    await removeUpload(io, up);
  }
}

export async function removeUpload(io: DataIo, up: StoredUpload | undefined): Promise<void> {
  if (!up) return;
  await io.files.delete(up.key).catch(() => undefined);
  if (up.lines && up.lines.key !== up.key) await io.files.delete(up.lines.key).catch(() => undefined);
}
