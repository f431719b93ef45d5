/**
 * Attachments on any record:
 *   POST   /api/<plugin>/<entity>/:id/files   upload (multipart/form-data, part "file"): needs update permission on the record
 *   GET    /api/<plugin>/<entity>/:id/files   list: needs read permission on the record (row rules apply)
 *   GET    /api/files/:fileId                 download (as attachment, nosniff)
 *   DELETE /api/files/:fileId                 needs update permission on the record
 * Oversized uploads are 413, types outside the allowlist (or whose bytes disagree) 415. The audit
 * trail records name, size, type and SHA-256 (never the content) under the record.
 */
import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataService } from '../data/service.js';
import type { EntityModel } from '../entities/model.js';
import type { CurrentUser } from '../plugin-api/index.js';
import type { Tx } from '../db/database.js';
import { parseId } from '../api/routes.js';
import { outboundError } from '../outbox/errors.js';
import type { FileStorage } from './storage.js';
import { contentDisposition, contentMatches, DEFAULT_ALLOWED_TYPES, DEFAULT_MAX_BYTES, safeUploadName, typeAllowed } from './names.js';

interface FileRow {
  id: number;
  entity: string;
  record_id: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_by: number | null;
  created_at: string;
}

const publicRow = (r: FileRow) => ({
  id: Number(r.id),
  entity: r.entity,
  record_id: Number(r.record_id),
  name: r.name,
  content_type: r.content_type,
  size: Number(r.size),
  sha256: r.sha256,
  created_by: r.created_by,
  created_at: r.created_at,
  url: `/api/files/${r.id}`,
});

async function auditFile(tx: Tx, user: CurrentUser, r: FileRow, action: 'attach' | 'detach'): Promise<void> {
  await tx.query(`insert into tessera_audit (user_id, username, entity, record_id, action, changes) values ($1, $2, $3, $4, $5, $6)`, [
    user.id || null,
    user.username,
    r.entity,
    r.record_id,
    action,
    JSON.stringify({ file: { id: Number(r.id), name: r.name, size: Number(r.size), content_type: r.content_type, sha256: r.sha256 } }),
  ]);
}

export async function registerFileRoutes(
  app: FastifyInstance,
  service: DataService,
  storage: FileStorage,
  userOf: (req: FastifyRequest) => CurrentUser,
): Promise<void> {
  const cfg = service.registry.config.files ?? {};
  const maxBytes = cfg.maxBytes ?? DEFAULT_MAX_BYTES;
  const allowed = cfg.allowedTypes ?? DEFAULT_ALLOWED_TYPES;
  const { default: multipart } = await import('@fastify/multipart');
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });

  /** The record, checked for the action (read or update) under the user's permissions and row rules. */
  const record = async (tx: Tx, user: CurrentUser, e: EntityModel, id: number, action: 'read' | 'update') => {
    service.registry.policy.assert(user, e, action);
    await service.get(user, e, id, tx, { fields: ['id'], action });
  };

  for (const e of service.registry.entities.values()) {
    if (e.parent) continue;
    app.get(`${e.path}/:id/files`, { schema: { tags: [e.plugin], summary: `Files attached to a ${e.label}` } }, async (req) => {
      const user = userOf(req);
      const id = parseId((req.params as { id: string }).id);
      return service.db.transaction(async (tx) => {
        await record(tx, user, e, id, 'read');
        const { rows } = await tx.query(`select * from tessera_file where entity = $1 and record_id = $2 order by id`, [e.key, id]);
        return { data: (rows as FileRow[]).map(publicRow) };
      });
    });

    app.post(
      `${e.path}/:id/files`,
      { schema: { tags: [e.plugin], summary: `Attach a file to a ${e.label}` }, config: { accepts: ['multipart/form-data'] } },
      async (req, reply) => {
        const user = userOf(req);
        const id = parseId((req.params as { id: string }).id);
        await service.db.transaction((tx) => record(tx, user, e, id, 'update'));
        if (!req.isMultipart()) throw outboundError('NO_FILE');
        // A body busboy cannot parse (no boundary, cut short) is the caller's mistake, not a 500.
        const part = await req.file().catch((err: Error) => {
          throw outboundError('INVALID_MULTIPART', `${err.message}; send multipart/form-data with its boundary and a "file" part`, [
            { path: 'file', message: err.message },
          ]);
        });
        if (!part) throw outboundError('NO_FILE');
        const type = part.mimetype.split(';')[0]!.trim().toLowerCase();
        const named = safeUploadName(part.filename ?? 'file');
        if ('refused' in named) throw outboundError('FILE_TYPE_NOT_ALLOWED', named.refused, [{ path: 'file', message: named.refused }]);
        if (!typeAllowed(type, allowed))
          throw outboundError('FILE_TYPE_NOT_ALLOWED', `${type || '(none)'}; accepted: ${allowed.join(', ')}`, [
            { path: 'file', message: `type ${type || '(none)'} is not accepted` },
          ]);
        const key = `${randomUUID()
          .slice(0, 2)
          .replace(/[^a-f0-9]/g, '0')}/${randomUUID()}`;
        const hash = createHash('sha256');
        let size = 0;
        let head = Buffer.alloc(0);
        const counted = new PassThrough();
        part.file.on('data', (chunk: Buffer) => {
          size += chunk.length;
          hash.update(chunk);
          if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
        });
        part.file.pipe(counted);
        try {
          await storage.put(key, counted as Readable);
        } catch (err) {
          await storage.delete(key);
          throw err;
        }
        if (part.file.truncated) {
          await storage.delete(key);
          throw outboundError('FILE_TOO_LARGE', `at most ${maxBytes} bytes`, [{ path: 'file', message: `must be at most ${maxBytes} bytes` }]);
        }
        if (!contentMatches(type, head)) {
          await storage.delete(key);
          throw outboundError('FILE_TYPE_NOT_ALLOWED', `the content is not ${type}`, [{ path: 'file', message: `content does not match its type ${type}` }]);
        }
        try {
          const row = await service.db.transaction(async (tx) => {
            await record(tx, user, e, id, 'update');
            const { rows } = await tx.query(
              `insert into tessera_file (entity, record_id, name, content_type, size, sha256, storage_key, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
              [e.key, id, named.name, type, size, hash.digest('hex'), key, user.id || null],
            );
            await auditFile(tx, user, rows[0] as FileRow, 'attach');
            return rows[0] as FileRow;
          });
          return reply.status(201).send(publicRow(row));
        } catch (err) {
          await storage.delete(key);
          throw err;
        }
      },
    );
  }

  const fileById = async (tx: Tx, user: CurrentUser, raw: string, action: 'read' | 'update'): Promise<FileRow> => {
    const id = parseId(raw, 'fileId');
    const [row] = (await tx.query(`select * from tessera_file where id = $1`, [id])).rows as FileRow[];
    const e = row ? service.registry.entities.get(row.entity) : undefined;
    if (!row || !e) throw outboundError('FILE_NOT_FOUND', `file ${id}`);
    await record(tx, user, e, Number(row.record_id), action);
    return row;
  };

  app.get('/api/files/:fileId', { schema: { tags: ['platform'], summary: 'Download an attached file' } }, async (req, reply) => {
    const user = userOf(req);
    const row = await service.db.transaction((tx) => fileById(tx, user, (req.params as { fileId: string }).fileId, 'read'));
    const stream = await storage.get(row.storage_key);
    return reply
      .header('content-type', row.content_type)
      .header('content-length', String(row.size))
      .header('content-disposition', contentDisposition('attachment', row.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  });

  app.delete('/api/files/:fileId', { schema: { tags: ['platform'], summary: 'Delete an attached file' } }, async (req, reply) => {
    const user = userOf(req);
    const row = await service.db.transaction(async (tx) => {
      const r = await fileById(tx, user, (req.params as { fileId: string }).fileId, 'update');
      await tx.query(`delete from tessera_file where id = $1`, [r.id]);
      await auditFile(tx, user, r, 'detach');
      return r;
    });
    await storage.delete(row.storage_key);
    return reply.status(204).send();
  });
}
