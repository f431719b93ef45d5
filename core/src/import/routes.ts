/**
 * The import routes of an entity (/api/<plugin>/<entity>/import):
 *   POST   /import?mode=insert|upsert|update&key=&dryRun=&onError=rollback|skip&locale=&delimiter=&submit=&async=&lines=sheet&linesOf=
 *          body: the CSV (text/csv) or XLSX file; or multipart/form-data with a "file" part and a
 *          "lines" part (a parent file plus a lines file, linked by the parent's key column);
 *          or an XLSX workbook whose second sheet holds the lines (lines=sheet)
 *   GET    /import/template?format=csv|xlsx&lang=en|lt|name   the header row
 *   GET    /import/:batch            progress and outcome of a batch (background imports poll it)
 *   GET    /import/:batch/errors     the refused rows as a CSV to fix and import again
 *   POST   /import/:batch/revert     undoes a finished import
 *   POST   /import/:batch/cancel     stops a queued or running background import (nothing is kept)
 *   GET    /import/batches           the user's import history (newest first)
 * The upload is streamed into the files store (never held whole in memory). Files above
 * ASYNC_ROWS rows (or with async=true) run as a pg-boss job: 202 with the batch, whose `done` /
 * `total` show the progress.
 */
import { PassThrough, Transform, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { EntityModel } from '../entities/model.js';
import type { DataService } from '../data/service.js';
import type { CurrentUser } from '../plugin-api/index.js';
import { TesseraError } from '../errors.js';
import { ImportErrors } from './errors.js';
import { CSV_TYPES, sheetKind, XLSX_TYPE, type SheetKind } from './parse.js';
import { LISTED_RESULTS, type ImportMode, type ImportOptions, type ImportOutcome } from './run.js';
import { batchView, ensureBatchTable, loadBatch, revertBatch, startBatch, type BatchRow } from './batches.js';
import { templateHeaders } from './columns.js';
import { executeImport, prepareImport, removeUpload, runImportJob, type StoredUpload } from './execute.js';
import { IMPORT_QUEUE, newStorageKey, type DataIo } from './runtime.js';

/** Largest import file. */
export const IMPORT_BYTES = 64 * 1024 * 1024;
/** Files with more rows run as a background job. */
export const ASYNC_ROWS = 5000;

const ACCEPTS = [...CSV_TYPES, XLSX_TYPE, 'application/octet-stream'];

const importQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    mode: {
      type: 'string',
      enum: ['insert', 'upsert', 'update'],
      default: 'insert',
      description: 'insert: new records only; upsert: update the record with the same key, else create; update: stored records only',
    },
    key: {
      type: 'string',
      pattern: '^[a-z][a-z0-9_]*$',
      description: 'unique field that matches rows to stored records (default: an id column, else the natural key, else the first unique field in the file)',
    },
    dryRun: { type: 'string', enum: ['true', 'false'], description: 'run the import and roll it back: the per-row answer, nothing written' },
    onError: {
      type: 'string',
      enum: ['rollback', 'skip'],
      description: 'rollback (default): one refused row refuses the file; skip: import the valid rows, the refused ones come back as an error file',
    },
    locale: {
      type: 'string',
      enum: ['en', 'lt'],
      description: 'how the file writes decimals and dates (lt: 12,50 and 01.03.2026); default the company locale',
    },
    delimiter: { type: 'string', enum: [',', ';', '\t', '|'], description: 'CSV column separator (default: detected from the header)' },
    submit: { type: 'string', enum: ['true', 'false'], description: 'submit each created document (opening stock through a stock reconciliation)' },
    async: { type: 'string', enum: ['true', 'false'], description: `run in the background (always above ${ASYNC_ROWS} rows)` },
    lines: { type: 'string', enum: ['sheet'], description: "sheet: an XLSX workbook's second sheet holds the lines, linked by the parent's key column" },
    linesOf: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', description: 'the line collection a lines file fills (default the first)' },
  },
};

const batchParams = { type: 'object', required: ['batch'], properties: { batch: { type: 'string', maxLength: 20 } } };

const problemSchema = {
  type: 'object',
  properties: {
    row: { type: 'integer' },
    sheet: { type: 'string', enum: ['lines'], description: 'lines: the row is in the lines file' },
    column: { type: 'string' },
    field: { type: 'string' },
    message: { type: 'string' },
    code: { type: 'string' },
  },
};
const outcomeSchema = {
  type: 'object',
  properties: {
    batch: { type: ['integer', 'null'] },
    status: { type: 'string', enum: ['done', 'dry_run', 'queued', 'running', 'rejected', 'failed', 'cancelled'] },
    dryRun: { type: 'boolean' },
    total: { type: 'integer', description: 'data rows in the file' },
    documents: { type: 'integer', description: 'records the rows make (a document with lines takes a row per line)' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    failed: { type: 'integer' },
    problems: {
      type: 'array',
      items: problemSchema,
      description: 'the first 1,000 problems in file order (problemCount counts them all; the error file has every refused row)',
    },
    problemCount: { type: 'integer' },
    rows: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, status: { type: 'string' }, id: { type: 'integer' } } } },
    ignoredColumns: { type: 'array', items: { type: 'object', properties: { column: { type: 'string' }, reason: { type: 'string' } } } },
    columns: {
      type: 'array',
      description: 'what each column of the file sets (a field name, "lines.item" for a line field) or why it is ignored',
      items: { type: 'object', properties: { column: { type: 'string' }, field: { type: 'string' }, ignored: { type: 'string' } } },
    },
    errorFile: { type: 'string', description: 'GET it for the refused rows as CSV' },
    progress: { type: 'string', description: 'GET it for the progress of a background import' },
  },
};

function options(q: Record<string, string | undefined>, service: DataService): ImportOptions {
  return {
    mode: (q.mode ?? 'insert') as ImportMode,
    key: q.key,
    dryRun: q.dryRun === 'true',
    onError: (q.onError ?? 'rollback') as 'rollback' | 'skip',
    locale: (q.locale ?? service.registry.config.company.locale ?? 'en') as 'en' | 'lt',
    submit: q.submit === 'true',
  };
}

function summary(e: EntityModel, out: ImportOutcome, batch: number | undefined, status: string, opts: ImportOptions) {
  return {
    batch: batch ?? null,
    status,
    dryRun: opts.dryRun,
    total: out.total,
    documents: out.documents,
    created: out.created,
    updated: out.updated,
    unchanged: out.unchanged,
    failed: out.failed,
    problems: out.problems,
    problemCount: out.problemCount,
    ...(out.results.length <= LISTED_RESULTS ? { rows: out.results } : {}),
    ignoredColumns: out.ignoredColumns,
    columns: out.columns,
    ...(out.failed && batch ? { errorFile: `${e.path}/import/${batch}/errors` } : {}),
  };
}

/** Streams an upload into the files store, counting it (over IMPORT_BYTES: 413) and keeping its first bytes. */
async function storeUpload(io: DataIo, body: Readable): Promise<{ key: string; size: number; head: Buffer }> {
  const key = newStorageKey();
  let size = 0;
  let head = Buffer.alloc(0);
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)]);
      done(size > IMPORT_BYTES ? ImportErrors.tooLarge(undefined, IMPORT_BYTES) : null, chunk);
    },
  });
  body.on('error', (err) => counted.destroy(err));
  try {
    await io.files.put(key, body.pipe(counted));
  } catch (err) {
    await io.files.delete(key).catch(() => undefined);
    throw err;
  }
  return { key, size, head };
}

const typeOf = (raw: unknown) =>
  String(raw ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();

/** A multipart part's reader: by its type, else by its name's extension (browsers send .csv as application/vnd.ms-excel). */
function partKind(type: string, filename: string | undefined, head: Buffer): SheetKind {
  if (/\.xlsx$/i.test(filename ?? '')) return 'xlsx';
  if (/\.(csv|txt)$/i.test(filename ?? '') || type === 'application/vnd.ms-excel') return 'csv';
  return sheetKind(type, head);
}

/** The uploaded file(s) in the files store: one body, or the "file" and "lines" parts of a multipart request. */
async function receive(io: DataIo, req: FastifyRequest, q: Record<string, string>): Promise<StoredUpload> {
  const stored: StoredUpload[] = [];
  try {
    if (req.isMultipart()) {
      const parts: Record<string, { key: string; kind: SheetKind }> = {};
      try {
        for await (const part of req.parts()) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file' && part.fieldname !== 'lines') {
            part.file.resume();
            continue;
          }
          const s = await storeUpload(io, part.file as unknown as Readable);
          stored.push({ key: s.key, kind: 'csv' });
          if (part.file.truncated) throw ImportErrors.tooLarge(undefined, IMPORT_BYTES);
          if (!s.size) throw ImportErrors.noHeader();
          parts[part.fieldname] = { key: s.key, kind: partKind(typeOf(part.mimetype), part.filename, s.head) };
        }
      } catch (err) {
        if (err instanceof TesseraError) throw err;
        throw ImportErrors.parse(
          undefined,
          `the multipart body cannot be read (${(err as Error).message?.slice(0, 100)}); send a "file" part and, for a lines file, a "lines" part`,
        );
      }
      if (!parts.file) throw ImportErrors.noFilePart();
      return { ...parts.file, delimiter: q.delimiter, linesOf: q.linesOf, ...(parts.lines ? { lines: { ...parts.lines, sheet: 0 } } : {}) };
    }
    const body = req.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') throw ImportErrors.noHeader();
    const s = await storeUpload(io, body);
    stored.push({ key: s.key, kind: 'csv' });
    if (!s.size) throw ImportErrors.noHeader();
    const kind = sheetKind(typeOf(req.headers['content-type']), s.head);
    if (q.lines === 'sheet' && kind !== 'xlsx') throw ImportErrors.badOption('lines', 'sheet needs an XLSX workbook (its second sheet holds the lines)');
    return { key: s.key, kind, delimiter: q.delimiter, linesOf: q.linesOf, ...(q.lines === 'sheet' ? { lines: { key: s.key, kind, sheet: 1 } } : {}) };
  } catch (err) {
    for (const u of stored) await removeUpload(io, u);
    throw err;
  }
}

const pendingImportRoutes = new WeakMap<FastifyInstance, ((scope: FastifyInstance) => void)[]>();

/**
 * Every entity's import route goes into one encapsulated scope with the streaming body parser,
 * multipart and the size check: one Fastify plugin per server instead of one per entity (each
 * plugin costs start-up time). Routes added after the scope has loaded get a scope of their own.
 */
function inImportScope(app: FastifyInstance, add: (scope: FastifyInstance) => void): void {
  let queue = pendingImportRoutes.get(app);
  if (!queue) {
    const routes: ((scope: FastifyInstance) => void)[] = [];
    pendingImportRoutes.set(app, (queue = routes));
    app.register(async (scope) => {
      pendingImportRoutes.delete(app);
      // The body is not read here: the handler streams it into the files store.
      scope.addContentTypeParser(ACCEPTS, (_req, payload, done) => done(null, payload));
      const { default: multipart } = await import('@fastify/multipart');
      await scope.register(multipart, { limits: { fileSize: IMPORT_BYTES, files: 2, fields: 10, parts: 12 } });
      scope.addHook('onRequest', async (req) => {
        const len = Number(req.headers['content-length'] ?? 0);
        if (req.method === 'POST' && len > IMPORT_BYTES * 2) throw ImportErrors.tooLarge(len, IMPORT_BYTES);
        if (req.method === 'POST' && len > IMPORT_BYTES && !typeOf(req.headers['content-type']).startsWith('multipart/'))
          throw ImportErrors.tooLarge(len, IMPORT_BYTES);
      });
      for (const route of routes) route(scope);
    });
  }
  queue.push(add);
}

export function registerImportRoutes(
  app: FastifyInstance,
  service: DataService,
  e: EntityModel,
  userOf: (req: FastifyRequest) => CurrentUser,
  io: DataIo,
): void {
  const tags = [e.plugin];
  const db = service.db;
  inImportScope(app, (scope) => {
    scope.post(
      `${e.path}/import`,
      {
        config: { accepts: [...ACCEPTS, 'multipart/form-data'] },
        schema: {
          tags,
          summary: `Import ${e.plural} from CSV or XLSX`,
          description:
            'Columns by field name or label (English or Lithuanian), line items as "<collection>.<field>" (one row per line), or a lines file / second sheet linked by the key column; references by natural key. See docs/import-export.md.',
          querystring: importQuery,
          response: { 200: outcomeSchema, 202: outcomeSchema },
        },
      },
      async (req, reply) => {
        const user = userOf(req);
        const q = req.query as Record<string, string>;
        const opts = options(q, service);
        service.registry.policy.assert(user, e, opts.mode === 'update' ? 'update' : 'create');
        if (opts.mode !== 'insert') service.registry.policy.assert(user, e, 'update');
        const up = await receive(io, req, q);
        let keep = false;
        try {
          const prepared = await prepareImport(e, io, up, opts);
          await ensureBatchTable(db);
          if (q.async === 'true' || prepared.total > ASYNC_ROWS) {
            const { batch, queued } = await db.transaction(async (tx) => {
              const id = await startBatch(tx, e, user, opts.mode, opts.dryRun, prepared.total, {
                status: 'queued',
                options: { import: opts, upload: up, headers: prepared.headers },
                uploadKey: up.key,
                uploadKind: up.kind,
              });
              return { batch: id, queued: await io.jobs.sendCore(tx, IMPORT_QUEUE, { batch: id }) };
            });
            keep = true;
            // No queue in this process (stopped): run it here rather than leave it waiting.
            if (!queued) setImmediate(() => void runImportJob(service, io, batch).catch(() => undefined));
            reply.status(202).header('location', `${e.path}/import/${batch}`);
            return { batch, status: 'queued', dryRun: opts.dryRun, total: prepared.total, progress: `${e.path}/import/${batch}` };
          }
          const batch = opts.dryRun ? undefined : await startBatch(db, e, user, opts.mode, false, prepared.total);
          const { out, status } = await executeImport(service, io, e, user, up, opts, batch, prepared);
          if (status === 'rejected') {
            // A refused file leaves nothing behind, not even its batch: the answer lists the rows.
            if (batch) {
              const gone = await db.query(`delete from tessera_import_batch where id = $1 returning error_key`, [batch]);
              if (gone.rows[0]?.error_key) await io.files.delete(gone.rows[0].error_key).catch(() => undefined);
            }
            const err = ImportErrors.rejected(out.failed, out.total);
            throw new TesseraError(
              err.code,
              err.status,
              err.message,
              out.problems.map((p) => ({
                path: `${p.sheet ? 'lines/' : 'rows/'}${p.row}${p.field ? `/${p.field}` : ''}`,
                message: `${p.column ? `${p.column}: ` : ''}${p.message}`,
                code: p.code,
              })),
            );
          }
          return summary(e, out, batch, status, opts);
        } finally {
          if (!keep) await removeUpload(io, up);
        }
      },
    );
  });

  app.get(
    `${e.path}/import/batches`,
    {
      schema: {
        tags,
        summary: `Import history of ${e.plural} (newest first; an administrator sees everyone's)`,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'string', pattern: '^[1-9][0-9]?$' } } },
      },
    },
    async (req) => {
      const user = userOf(req);
      await ensureBatchTable(db);
      const limit = Number((req.query as { limit?: string }).limit ?? 20);
      const { rows } = await db.query(
        `select id, entity, user_id, username, status, mode, dry_run, total, done, created, updated, unchanged, failed, problem_count, '[]'::jsonb as problems, error_file is not null as has_error_file, error_key, message, started_at, finished_at
           from tessera_import_batch where entity = $1 and ($2::bool or user_id = $3) order by id desc limit $4`,
        [e.key, !!user.isAdmin, user.id || null, limit],
      );
      return {
        data: rows.map((r) => {
          const { problems: _p, ...view } = batchView(e, { ...r, error_file: r.has_error_file ? 'yes' : null } as any);
          return { ...view, username: r.username };
        }),
      };
    },
  );

  app.post(`${e.path}/import/:batch/cancel`, { schema: { tags, summary: `Cancel a background import of ${e.plural}`, params: batchParams } }, async (req) => {
    await ensureBatchTable(db);
    const user = userOf(req);
    const raw = (req.params as { batch: string }).batch;
    const b = await db.transaction(async (tx) => {
      const found = await loadBatch(tx, e, raw, user);
      const { rows } = await tx.query(`select * from tessera_import_batch where id = $1 for update`, [found.id]);
      const row = rows[0]!;
      if (row.status === 'queued') {
        const done = await tx.query(
          `update tessera_import_batch set status = 'cancelled', message = 'cancelled before it started: nothing was imported', finished_at = now() where id = $1 returning *`,
          [row.id],
        );
        return done.rows[0];
      }
      if (row.status === 'running')
        return (await tx.query(`update tessera_import_batch set status = 'cancelling' where id = $1 returning *`, [row.id])).rows[0];
      if (row.status === 'cancelling') return row;
      throw ImportErrors.notCancellable(Number(row.id), String(row.status));
    });
    if (b!.status === 'cancelled') await removeUpload(io, b!.options?.upload);
    return batchView(e, b as BatchRow);
  });

  app.get(
    `${e.path}/import/template`,
    {
      schema: {
        tags,
        summary: `Import template of ${e.plural} (the header row)`,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { format: { type: 'string', enum: ['csv', 'xlsx'] }, lang: { type: 'string', enum: ['en', 'lt', 'name'] } },
        },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      service.registry.policy.assert(user, e, 'create');
      const q = req.query as { format?: string; lang?: string };
      const headers = templateHeaders(e, q.lang ?? service.registry.config.company.locale ?? 'en');
      if (q.format === 'xlsx') {
        const { default: ExcelJS } = await import('exceljs');
        const wb = new ExcelJS.Workbook();
        wb.addWorksheet(e.plural.slice(0, 31)).addRow(headers).font = { bold: true };
        reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename="${e.name}-template.xlsx"`);
        return Buffer.from(await wb.xlsx.writeBuffer());
      }
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${e.name}-template.csv"`);
      return `\ufeff${stringify([headers], { record_delimiter: '\r\n' })}`;
    },
  );

  app.get(`${e.path}/import/:batch`, { schema: { tags, summary: `Progress and outcome of an import of ${e.plural}`, params: batchParams } }, async (req) => {
    await ensureBatchTable(service.db);
    return batchView(e, await loadBatch(service.db, e, (req.params as { batch: string }).batch, userOf(req)));
  });

  app.get(
    `${e.path}/import/:batch/errors`,
    { schema: { tags, summary: `The rows an import of ${e.plural} refused (CSV)`, params: batchParams } },
    async (req, reply) => {
      await ensureBatchTable(service.db);
      const b = await loadBatch(service.db, e, (req.params as { batch: string }).batch, userOf(req));
      if (!b.error_file && !b.error_key) throw new TesseraError('NOT_FOUND', 404, `import batch ${b.id} refused no rows: there is no error file`);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${e.name}-import-${b.id}-errors.csv"`);
      if (b.error_key) return reply.send((await io.files.get(String(b.error_key))).pipe(new PassThrough()));
      return b.error_file;
    },
  );

  app.post(`${e.path}/import/:batch/revert`, { schema: { tags, summary: `Revert an import of ${e.plural}`, params: batchParams } }, async (req) => {
    await ensureBatchTable(service.db);
    return revertBatch(service, e, userOf(req), (req.params as { batch: string }).batch);
  });
}
