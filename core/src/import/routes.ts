/**
 * The import routes of an entity (/api/<plugin>/<entity>/import):
 *   POST   /import?mode=insert|upsert|update&key=&dryRun=&onError=rollback|skip&locale=&delimiter=&submit=&async=
 *          body: the CSV (text/csv) or XLSX file
 *   GET    /import/template?format=csv|xlsx&lang=en|lt|name   the header row
 *   GET    /import/:batch            progress and outcome of a batch (background imports poll it)
 *   GET    /import/:batch/errors     the refused rows as a CSV to fix and import again
 *   POST   /import/:batch/revert     undoes a finished import
 * Files above ASYNC_ROWS rows (or with async=true) run in the background: 202 with the batch,
 * whose `done` / `total` show the progress.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { EntityModel } from '../entities/model.js';
import type { DataService } from '../data/service.js';
import type { CurrentUser } from '../plugin-api/index.js';
import { TesseraError } from '../errors.js';
import { ImportErrors } from './errors.js';
import { CSV_TYPES, readSheet, XLSX_TYPE, type Sheet } from './parse.js';
import { runImport, type ImportMode, type ImportOptions, type ImportOutcome } from './run.js';
import { batchView, ensureBatchTable, errorFile, finishBatch, loadBatch, revertBatch, setProgress, startBatch } from './batches.js';
import { templateHeaders } from './columns.js';

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
  },
};

const batchParams = { type: 'object', required: ['batch'], properties: { batch: { type: 'string', maxLength: 20 } } };

const problemSchema = {
  type: 'object',
  properties: { row: { type: 'integer' }, column: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
};
const outcomeSchema = {
  type: 'object',
  properties: {
    batch: { type: ['integer', 'null'] },
    status: { type: 'string', enum: ['done', 'dry_run', 'running', 'rejected', 'failed'] },
    dryRun: { type: 'boolean' },
    total: { type: 'integer', description: 'data rows in the file' },
    documents: { type: 'integer', description: 'records the rows make (a document with lines takes a row per line)' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    failed: { type: 'integer' },
    problems: { type: 'array', items: problemSchema },
    rows: { type: 'array', items: { type: 'object', properties: { row: { type: 'integer' }, status: { type: 'string' }, id: { type: 'integer' } } } },
    ignoredColumns: { type: 'array', items: { type: 'object', properties: { column: { type: 'string' }, reason: { type: 'string' } } } },
    errorFile: { type: 'string', description: 'GET it for the refused rows as CSV' },
    progress: { type: 'string', description: 'GET it for the progress of a background import' },
  },
};

/** Per-row results are listed up to this many rows (the counts and problems are always complete). */
const LISTED_ROWS = 1000;

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

function summary(e: EntityModel, out: ImportOutcome, batch: number | undefined, status: string, opts: ImportOptions, hasErrorFile: boolean) {
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
    ...(out.results.length <= LISTED_ROWS ? { rows: out.results } : {}),
    ignoredColumns: out.ignoredColumns,
    ...(hasErrorFile && batch ? { errorFile: `${e.path}/import/${batch}/errors` } : {}),
  };
}

/** The import in one transaction; the batch row records what was kept. Dry runs and refusals roll back. */
async function execute(service: DataService, e: EntityModel, user: CurrentUser, sheet: Sheet, opts: ImportOptions, batch: number | undefined) {
  const db = service.db;
  const ROLLBACK = Symbol('rollback');
  let out: ImportOutcome | undefined;
  try {
    await db.transaction(async (tx) => {
      out = await runImport(service, tx, user, e, sheet, opts, batch ? (done) => setProgress(db, batch, done) : undefined);
      if (opts.dryRun || (out.failed && opts.onError === 'rollback')) throw ROLLBACK;
      if (batch) await finishBatch(tx, batch, 'done', out, errorFile(sheet, out));
    });
  } catch (err) {
    if (err !== ROLLBACK) {
      if (batch)
        await finishBatch(
          db,
          batch,
          'failed',
          undefined,
          undefined,
          err instanceof TesseraError ? `${err.code}: ${err.message}` : 'the import stopped on an internal error',
        );
      throw err;
    }
    const status = opts.dryRun ? 'dry_run' : 'rejected';
    if (batch)
      await finishBatch(
        db,
        batch,
        status,
        out,
        errorFile(sheet, out!),
        status === 'rejected' ? ImportErrors.rejected(out!.failed, out!.total).message : undefined,
      );
    return { out: out!, status };
  }
  return { out: out!, status: 'done' };
}

const pendingImportRoutes = new WeakMap<FastifyInstance, ((scope: FastifyInstance) => void)[]>();

/**
 * Every entity's import route goes into one encapsulated scope with the file body parser and
 * the size check: one Fastify plugin per server instead of one per entity (each plugin costs
 * start-up time). Routes added after the scope has loaded get a scope of their own.
 */
function inImportScope(app: FastifyInstance, add: (scope: FastifyInstance) => void): void {
  let queue = pendingImportRoutes.get(app);
  if (!queue) {
    const routes: ((scope: FastifyInstance) => void)[] = [];
    pendingImportRoutes.set(app, (queue = routes));
    app.register(async (scope) => {
      pendingImportRoutes.delete(app);
      scope.addContentTypeParser(ACCEPTS, { parseAs: 'buffer', bodyLimit: IMPORT_BYTES }, (_req, body, done) => done(null, body));
      scope.addHook('onRequest', async (req) => {
        const len = Number(req.headers['content-length'] ?? 0);
        if (req.method === 'POST' && len > IMPORT_BYTES) throw ImportErrors.tooLarge(len, IMPORT_BYTES);
      });
      for (const route of routes) route(scope);
    });
  }
  queue.push(add);
}

export function registerImportRoutes(app: FastifyInstance, service: DataService, e: EntityModel, userOf: (req: FastifyRequest) => CurrentUser): void {
  const tags = [e.plugin];
  inImportScope(app, (scope) => {
    scope.post(
      `${e.path}/import`,
      {
        config: { accepts: ACCEPTS },
        bodyLimit: IMPORT_BYTES,
        schema: {
          tags,
          summary: `Import ${e.plural} from CSV or XLSX`,
          description:
            'Columns by field name or label (English or Lithuanian), line items as "<collection>.<field>"; references by natural key. See docs/import-export.md.',
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
        const body = req.body as Buffer | undefined;
        if (!Buffer.isBuffer(body) || !body.length) throw ImportErrors.noHeader();
        const type = String(req.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim()
          .toLowerCase();
        const sheet = await readSheet(body, type, q.delimiter);
        if (!sheet.rows.length) throw ImportErrors.empty();
        await ensureBatchTable(service.db);
        const background = q.async === 'true' || sheet.rows.length > ASYNC_ROWS;
        if (background) {
          const batch = await startBatch(service.db, e, user, opts.mode, opts.dryRun, sheet.rows.length);
          setImmediate(() => void execute(service, e, user, sheet, opts, batch).catch(() => undefined));
          reply.status(202).header('location', `${e.path}/import/${batch}`);
          return { batch, status: 'running', dryRun: opts.dryRun, total: sheet.rows.length, progress: `${e.path}/import/${batch}` };
        }
        const batch = opts.dryRun ? undefined : await startBatch(service.db, e, user, opts.mode, false, sheet.rows.length);
        const { out, status } = await execute(service, e, user, sheet, opts, batch);
        if (status === 'rejected') {
          // A refused file leaves nothing behind, not even its batch: the answer lists every row.
          if (batch) await service.db.query(`delete from tessera_import_batch where id = $1`, [batch]);
          const err = ImportErrors.rejected(out.failed, out.total);
          throw new TesseraError(
            err.code,
            err.status,
            err.message,
            out.problems.map((p) => ({
              path: `rows/${p.row}${p.field ? `/${p.field}` : ''}`,
              message: `${p.column ? `${p.column}: ` : ''}${p.message}`,
              code: p.code,
            })),
          );
        }
        return summary(e, out, batch, status, opts, !!out.failedRows.length);
      },
    );
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
      if (!b.error_file) throw new TesseraError('NOT_FOUND', 404, `import batch ${b.id} refused no rows: there is no error file`);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${e.name}-import-${b.id}-errors.csv"`);
      return b.error_file;
    },
  );

  app.post(`${e.path}/import/:batch/revert`, { schema: { tags, summary: `Revert an import of ${e.plural}`, params: batchParams } }, async (req) => {
    await ensureBatchTable(service.db);
    return revertBatch(service, e, userOf(req), (req.params as { batch: string }).batch);
  });
}
