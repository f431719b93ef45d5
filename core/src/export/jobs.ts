/**
 * Long exports as jobs: the file is written in the background to the server's export folder
 * (TESSERA_EXPORT_DIR, default <tmp>/tessera-exports), its progress (rows done / total) kept in
 * tessera_export_job, and downloaded once done by the user who asked for it:
 *   GET /api/<plugin>/<entity>/export/:job            progress, and the download link when done
 *   GET /api/<plugin>/<entity>/export/:job/download   the file
 * Files are removed after EXPORT_KEEP_HOURS.
 */
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Database } from '../db/database.js';
import type { EntityModel } from '../entities/model.js';
import type { DataService } from '../data/service.js';
import type { CurrentUser } from '../plugin-api/index.js';
import { TesseraError } from '../errors.js';
import { ensureTable } from '../db/ensure-table.js';

const EXPORT_KEEP_HOURS = 24;
const dir = () => process.env.TESSERA_EXPORT_DIR ?? join(tmpdir(), 'tessera-exports');

const TABLE_SQL = `create table if not exists tessera_export_job (
  id bigserial primary key, entity text not null, user_id bigint, status text not null, format text not null,
  total bigint not null default 0, done bigint not null default 0, file text, message text,
  started_at timestamptz not null default now(), finished_at timestamptz)`;

const ensureJobTable = (db: Database) => ensureTable(db, 'tessera_export_job', TABLE_SQL);

function sweep(): void {
  try {
    for (const f of readdirSync(dir()))
      if (Date.now() - statSync(join(dir(), f)).mtimeMs > EXPORT_KEEP_HOURS * 3600_000) rmSync(join(dir(), f), { force: true });
  } catch {
    // No folder yet.
  }
}

interface Prepared {
  format: 'csv' | 'xlsx';
  source: { count(): Promise<number> };
  stream(onBatch?: (rows: number) => void): Readable;
  filename: string;
}

export async function startExportJob(service: DataService, user: CurrentUser, e: EntityModel, prepared: Prepared) {
  const db = service.db;
  await ensureJobTable(db);
  const total = await prepared.source.count();
  const id = Number(
    (
      await db.query(`insert into tessera_export_job (entity, user_id, status, format, total) values ($1, $2, 'running', $3, $4) returning id`, [
        e.key,
        user.id || null,
        prepared.format,
        total,
      ])
    ).rows[0]!.id,
  );
  mkdirSync(dir(), { recursive: true, mode: 0o700 });
  sweep();
  const file = join(dir(), `export-${id}.${prepared.format}`);
  let done = 0;
  let last = Promise.resolve();
  const onBatch = (n: number) => {
    done += n;
    last = last.then(() =>
      db.query(`update tessera_export_job set done = $2 where id = $1`, [id, done]).then(
        () => undefined,
        () => undefined,
      ),
    );
  };
  setImmediate(() => {
    void pipeline(prepared.stream(onBatch), createWriteStream(file, { mode: 0o600 }))
      .then(async () => {
        await last;
        await db.query(`update tessera_export_job set status = 'done', done = $2, file = $3, finished_at = now() where id = $1`, [id, done, file]);
      })
      .catch(async (err: unknown) => {
        rmSync(file, { force: true });
        await db
          .query(`update tessera_export_job set status = 'failed', message = $2, finished_at = now() where id = $1`, [
            id,
            err instanceof TesseraError ? err.message : 'the export stopped on an internal error',
          ])
          .catch(() => undefined);
      });
  });
  return { job: id, status: 'running', total, done: 0, progress: `${e.path}/export/${id}` };
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

export function registerExportJobRoutes(app: FastifyInstance, service: DataService, e: EntityModel, userOf: (req: FastifyRequest) => CurrentUser): void {
  const tags = [e.plugin];
  app.get(
    `${e.path}/export/:job`,
    {
      schema: {
        tags,
        summary: `Progress of an export of ${e.plural}`,
        params: jobParams,
        response: {
          200: {
            type: 'object',
            properties: {
              job: { type: 'integer' },
              status: { type: 'string', enum: ['running', 'done', 'failed'] },
              total: { type: 'integer' },
              done: { type: 'integer' },
              progress: { type: 'integer', description: 'percent' },
              download: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
    async (req) => {
      const row = await loadJob(service.db, e, (req.params as { job: string }).job, userOf(req));
      const total = Number(row.total);
      return {
        job: Number(row.id),
        status: row.status,
        total,
        done: Number(row.done),
        progress: total ? Math.min(100, Math.round((Number(row.done) / total) * 100)) : 100,
        ...(row.status === 'done' ? { download: `${e.path}/export/${row.id}/download` } : {}),
        ...(row.message ? { message: row.message } : {}),
      };
    },
  );
  app.get(
    `${e.path}/export/:job/download`,
    { schema: { tags, summary: `Download a finished export of ${e.plural}`, params: jobParams } },
    async (req, reply) => {
      const row = await loadJob(service.db, e, (req.params as { job: string }).job, userOf(req));
      if (row.status !== 'done' || !row.file)
        throw new TesseraError(
          'EXPORT_NOT_READY',
          409,
          `export ${row.id} is ${row.status}${row.status === 'running' ? ` (${row.done} of ${row.total} rows): try again when it is done` : ''}`,
        );
      try {
        statSync(row.file);
      } catch {
        throw new TesseraError('NOT_FOUND', 404, `the file of export ${row.id} was removed (files are kept ${EXPORT_KEEP_HOURS} hours): export again`);
      }
      reply
        .header('content-type', row.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${e.name}.${row.format}"`);
      return reply.send(createReadStream(row.file));
    },
  );
}
