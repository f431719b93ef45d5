/**
 * GET /api/<plugin>/<entity>?format=csv|xlsx: the list's filter, sort, fields (the visible
 * columns), q and ids, the user's permissions (export action, row rule, field rules), streamed
 * with no row cap. With async=true the export runs as a pg-boss job: 202 with its progress URL,
 * and a download link when done (export/jobs.ts).
 */
import type { FastifyReply } from 'fastify';
import type { EntityModel } from '../entities/model.js';
import type { DataService } from '../data/service.js';
import type { CurrentUser, ListQuery } from '../plugin-api/index.js';
import type { DataIo } from '../import/runtime.js';
import { prepareExport } from './prepare.js';
import { startExportJob } from './jobs.js';

export { exportStyle, prepareExport, XLSX_TYPE } from './prepare.js';

export async function sendExport(
  service: DataService,
  user: CurrentUser,
  e: EntityModel,
  query: ListQuery,
  q: Record<string, string | undefined>,
  reply: FastifyReply,
  io: DataIo,
) {
  const prepared = prepareExport(service, user, e, query, q);
  if (q.async === 'true') {
    const job = await startExportJob(service, io, user, e, query, q, prepared);
    reply.status(202).header('location', job.progress);
    return job;
  }
  reply.header('content-type', prepared.type).header('content-disposition', `attachment; filename="${prepared.filename}"`);
  return reply.send(prepared.stream());
}
