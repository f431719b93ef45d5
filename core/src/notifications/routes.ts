/**
 *   GET  /api/notifications[?unread=1]      the current user's notifications (newest first) and the unread count
 *   POST /api/notifications/:id/read        marks one read
 *   POST /api/notifications/read-all        marks all read
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { CurrentUser } from '../plugin-api/index.js';
import { parseId } from '../api/routes.js';
import { outboundError } from '../outbox/errors.js';

export function registerNotificationRoutes(app: FastifyInstance, db: Database, userOf: (req: FastifyRequest) => CurrentUser): void {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['platform'],
        summary: 'My notifications',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { unread: { type: 'string', enum: ['0', '1', 'true', 'false'] }, limit: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' } },
        },
      },
    },
    async (req) => {
      const user = userOf(req);
      const q = req.query as { unread?: string; limit?: string };
      const onlyUnread = q.unread === '1' || q.unread === 'true';
      const limit = Math.min(Number(q.limit ?? 50), 200);
      const { rows } = await db.query(
        `select id, kind, title, body, entity, record_id, read_at, created_at from tessera_notification where user_id = $1 ${onlyUnread ? 'and read_at is null' : ''} order by id desc limit $2`,
        [user.id, limit],
      );
      const unread = (await db.query(`select count(*)::int as n from tessera_notification where user_id = $1 and read_at is null`, [user.id])).rows[0]!.n;
      return { data: rows.map((r) => ({ ...r, id: Number(r.id), record_id: r.record_id == null ? null : Number(r.record_id) })), unread };
    },
  );
  app.post('/api/notifications/read-all', { schema: { tags: ['platform'], summary: 'Mark all my notifications read' } }, async (req) => {
    const user = userOf(req);
    const { rowCount } = await db.query(`update tessera_notification set read_at = now() where user_id = $1 and read_at is null`, [user.id]);
    return { marked: rowCount ?? 0 };
  });
  app.post('/api/notifications/:id/read', { schema: { tags: ['platform'], summary: 'Mark a notification read' } }, async (req) => {
    const user = userOf(req);
    const id = parseId((req.params as { id: string }).id);
    const { rows } = await db.query(`update tessera_notification set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2 returning id, read_at`, [
      id,
      user.id,
    ]);
    if (!rows[0]) throw outboundError('NOTIFICATION_NOT_FOUND', `notification ${id}`);
    return { id, read_at: rows[0].read_at };
  });
}
