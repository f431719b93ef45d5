/**
 * Long exports as pg-boss jobs (EXPORT_QUEUE): the request records the export (entity, the
 * list query, the style options, the user) in tessera_export_job and queues it; whichever
 * server process has workers writes the file into the files store, keeping its progress
 * (rows done / total) in the row, readable by any process. The user who asked downloads it:
 *   GET  /api/<plugin>/<entity>/export/:job            progress, and the download link when done
 *   GET  /api/<plugin>/<entity>/export/:job/download   the file
 *   POST /api/<plugin>/<entity>/export/:job/cancel     stops it (the partial file is removed)
 * A failed or cancelled export leaves no file. Files are removed after EXPORT_KEEP_HOURS.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { EntityModel } from '../entities/model.js';
import type { DataService } from '../data/service.js';
import type { CurrentUser, ListQuery } from '../plugin-api/index.js';
import { TesseraError } from '../errors.js';
import { ensureTable } from '../db/ensure-table.js';
import { EXPORT_QUEUE, newStorageKey, type DataIo } from '../import/runtime.js';
import { prepareExport, XLSX_TYPE, type PreparedExport } from './prepare.js';

const EXPORT_KEEP_HOURS = 24;

const TABLE_SQL = `create table if not exists tessera_export_job (
  id bigserial primary key, entity text not null, user_id bigint, status text not null, format text not null,
  total bigint not null default 0, done bigint not null default 0, file text, message text,
  started_at timestamptz not null default now(), finished_at timestamptz);
alter table tessera_export_job add column if not exists query jsonb, add column if not exists params jsonb, add column if not exists file_key text`;

const ensureJobTable = (db: Database) => ensureTable(db, 'tessera_export_job', TABLE_SQL);

/** Removes the files of exports finished more than EXPORT_KEEP_HOURS ago. */
async function sweep(service: DataService, io: DataIo): Promise<void> {
  const { rows } = await service.db.query(
    `update tessera_export_job j set file_key = null from (select id, file_key from tessera_export_job where file_key is not null and finished_at < now() - make_interval(hours => $1) for update skip locked) old
      where j.id = old.id returning old.file_key`,
    [EXPORT_KEEP_HOURS],
  );
  for (const r of rows) await io.files.delete(r.file_key).catch(() => undefined);
}

export async function startExportJob(
  service: DataService,
  io: DataIo,
  user: CurrentUser,
  e: EntityModel,
  query: ListQuery,
  q: Record<string, string | undefined>,
  prepared: PreparedExport,
) {
  const db = service.db;
  await ensureJobTable(db);
  const total = await prepared.source.count();
  const params = Object.fromEntries(['format', 'lang', 'headers', 'refs', 'decimals'].filter((k) => q[k] !== undefined).map((k) => [k, q[k]]));
  const { id, queued } = await db.transaction(async (tx) => {
    const row = await tx.query(
      `insert into tessera_export_job (entity, user_id, status, format, total, query, params) values ($1, $2, 'queued', $3, $4, $5, $6) returning id`,
      [e.key, user.id || null, prepared.format, total, JSON.stringify(query), JSON.stringify(params)],
    );
    const id = Number(row.rows[0]!.id);
    return { id, queued: await io.jobs.sendCore(tx, EXPORT_QUEUE, { job: id }) };
  });
  // No queue in this process (stopped): run it here rather than leave it waiting.
  if (!queued) setImmediate(() => void runExportJob(service, io, id).catch(() => undefined));
  return { job: id, status: 'queued', total, done: 0, progress: `${e.path}/export/${id}` };
}

class ExportCancelled extends Error {}

/** The pg-boss job: writes the export into the files store as its user (loaded again), once. */
export async function runExportJob(service: DataService, io: DataIo, id: number): Promise<void> {
  const db = service.db;
  await ensureJobTable(db);
  const claimed = await db.query(`update tessera_export_job set status = 'running' where id = $1 and status in ('queued', 'running') returning *`, [id]);
  const job = claimed.rows[0];
  if (!job) return;
  await sweep(service, io).catch(() => undefined);
  const key = newStorageKey();
  try {
    const e = service.registry.entities.get(job.entity);
    const user = job.user_id ? await io.loadUser(Number(job.user_id)) : undefined;
    if (!e) throw new TesseraError('NOT_FOUND', 404, `entity ${job.entity} is no longer installed`);
    if (!user) throw new TesseraError('FORBIDDEN', 403, 'the user who asked for the export is no longer active');
    const prepared = prepareExport(service, user, e, job.query as ListQuery, job.params ?? { format: job.format });
    let done = 0;
    let last = Promise.resolve();
    let stop: ((err: Error) => void) | undefined;
    const onBatch = (n: number) => {
      done += n;
      const at = done;
      last = last.then(async () => {
        const r = await db.query(`update tessera_export_job set done = $2 where id = $1 returning status`, [id, at]).catch(() => undefined);
        if (r?.rows[0]?.status === 'cancelling') stop?.(new ExportCancelled());
      });
    };
    const stream = prepared.stream(onBatch);
    stop = (err) => stream.destroy(err);
    await io.files.put(key, stream);
    await last;
    const fin = await db.query(
      `update tessera_export_job set status = 'done', done = $2, file_key = $3, finished_at = now() where id = $1 and status = 'running' returning id`,
      [id, done, key],
    );
    // Cancelled after the last batch: the file is not kept.
    if (!fin.rows.length) throw new ExportCancelled();
  } catch (err) {
    await io.files.delete(key).catch(() => undefined);
    const cancelled = err instanceof ExportCancelled;
    await db
      .query(`update tessera_export_job set status = $2, message = $3, finished_at = now() where id = $1`, [
        id,
        cancelled ? 'cancelled' : 'failed',
        cancelled ? 'cancelled: no file was kept' : err instanceof TesseraError ? err.message : 'the export stopped on an internal error',
      ])
      .catch(() => undefined);
  }
}

async function loadJob(db: Database, e: EntityModel, raw: string, user: CurrentUser) {
  await ensureJobTable(db);
  const notFound = new TesseraError('NOT_FOUND', 404, `export ${raw.slice(0, 20)} does not exist`);
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) throw notFound;
  const row = (await db.query(`select * from tessera_export_job where id = $1 and entity = $2`, [Number(raw), e.key])).rows[0];
  // An export holds what its user could see: only they download it.
  if (!row || Number(row.user_id) !== user.id) throw notFound;
  return row;
}

const jobParams = { type: 'object', required: ['job'], properties: { job: { type: 'string', maxLength: 20 } } };
const jobSchema = {
  type: 'object',
  properties: {
    job: { type: 'integer' },
    status: { type: 'string', enum: ['queued', 'running', 'cancelling', 'done', 'failed', 'cancelled'] },
    total: { type: 'integer' },
    done: { type: 'integer' },
    progress: { type: 'integer', description: 'percent' },
    download: { type: 'string' },
    cancel: { type: 'string' },
    message: { type: 'string' },
  },
};

function jobView(e: EntityModel, row: Record<string, any>) {
  const total = Number(row.total);
  return {
    job: Number(row.id),
    status: row.status,
    total,
    done: Number(row.done),
    progress: total ? Math.min(100, Math.round((Number(row.done) / total) * 100)) : row.status === 'done' ? 100 : 0,
    ...(row.status === 'done' ? { download: `${e.path}/export/${row.id}/download` } : {}),
    ...(row.status === 'queued' || row.status === 'running' ? { cancel: `${e.path}/export/${row.id}/cancel` } : {}),
    ...(row.message ? { message: row.message } : {}),
  };
}

export function registerExportJobRoutes(
  app: FastifyInstance,
  service: DataService,
  e: EntityModel,
  userOf: (req: FastifyRequest) => CurrentUser,
  io: DataIo,
): void {
  const tags = [e.plugin];
  app.get(
    `${e.path}/export/:job`,
    { schema: { tags, summary: `Progress of an export of ${e.plural}`, params: jobParams, response: { 200: jobSchema } } },
    async (req) => jobView(e, await loadJob(service.db, e, (req.params as { job: string }).job, userOf(req))),
  );
  app.post(
    `${e.path}/export/:job/cancel`,
    { schema: { tags, summary: `Cancel an export of ${e.plural}`, params: jobParams, response: { 200: jobSchema } } },
    async (req) => {
      const row = await loadJob(service.db, e, (req.params as { job: string }).job, userOf(req));
      const r = await service.db.query(
        `update tessera_export_job set status = case status when 'queued' then 'cancelled' else 'cancelling' end,
           finished_at = case status when 'queued' then now() end, message = case status when 'queued' then 'cancelled before it started' end
         where id = $1 and status in ('queued', 'running') returning *`,
        [row.id],
      );
      if (!r.rows[0])
        throw new TesseraError('EXPORT_NOT_CANCELLABLE', 409, `export ${row.id} is ${row.status}: only a queued or running export can be cancelled`);
      return jobView(e, r.rows[0]);
    },
  );
  app.get(
    `${e.path}/export/:job/download`,
    { schema: { tags, summary: `Download a finished export of ${e.plural}`, params: jobParams } },
    async (req, reply) => {
      const row = await loadJob(service.db, e, (req.params as { job: string }).job, userOf(req));
      if (row.status !== 'done')
        throw new TesseraError(
          'EXPORT_NOT_READY',
          409,
          `export ${row.id} is ${row.status}${row.status === 'running' ? ` (${row.done} of ${row.total} rows): try again when it is done` : ''}`,
        );
      if (!row.file_key || !(await io.files.exists(row.file_key)))
        throw new TesseraError('NOT_FOUND', 404, `the file of export ${row.id} was removed (files are kept ${EXPORT_KEEP_HOURS} hours): export again`);
      reply
        .header('content-type', row.format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${e.name}.${row.format}"`);
      return reply.send((await io.files.get(row.file_key)).pipe(new PassThrough()));
    },
  );
}
