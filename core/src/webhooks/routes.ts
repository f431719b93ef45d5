/**
 *   GET  /api/messaging/webhook/:id/deliveries    the delivery log (status, attempts, last error, each attempt)
 *   POST /api/messaging/deliveries/:id/replay      sends a failed delivery again
 * Both need the permission to update webhooks (administrators by default).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataService } from '../data/service.js';
import type { CurrentUser } from '../plugin-api/index.js';
import type { Outbox } from '../outbox/outbox.js';
import { parseId } from '../api/routes.js';
import { outboundError } from '../outbox/errors.js';

export function registerWebhookRoutes(app: FastifyInstance, service: DataService, outbox: Outbox, userOf: (req: FastifyRequest) => CurrentUser): void {
  const e = service.registry.entities.get('messaging.webhook')!;
  app.get(`${e.path}/:id/deliveries`, { schema: { tags: ['messaging'], summary: 'The delivery log of a webhook' } }, async (req) => {
    const user = userOf(req);
    service.registry.policy.assert(user, e, 'update');
    const id = parseId((req.params as { id: string }).id);
    return service.db.transaction(async (tx) => {
      await service.get(user, e, id, tx, { fields: ['id'] });
      const { rows } = await tx.query(
        `select o.id, o.status, o.event, o.entity, o.record_id, o.idempotency_key as delivery, o.attempts, o.last_error as error, o.created_at, o.sent_at,
                coalesce((select json_agg(json_build_object('at', a.at, 'ok', a.ok, 'status_code', a.status_code, 'error', a.error, 'duration_ms', a.duration_ms) order by a.id)
                            from tessera_outbox_attempt a where a.outbox_id = o.id), '[]') as log
           from tessera_outbox o where o.kind = 'webhook' and o.subscription = $1 order by o.id desc limit 200`,
        [id],
      );
      return { data: rows };
    });
  });
  app.post('/api/messaging/deliveries/:id/replay', { schema: { tags: ['messaging'], summary: 'Send a failed webhook delivery again' } }, async (req, reply) => {
    const user = userOf(req);
    service.registry.policy.assert(user, e, 'update');
    const id = parseId((req.params as { id: string }).id);
    await service.db.transaction(async (tx) => {
      const [row] = (await tx.query(`select id, status, subscription from tessera_outbox where id = $1 and kind = 'webhook' for update`, [id])).rows;
      if (!row) throw outboundError('DELIVERY_NOT_FOUND', `delivery ${id}`);
      if (row.status !== 'failed') throw outboundError('DELIVERY_NOT_REPLAYABLE', `delivery ${id} is ${row.status}`);
      await service.get(user, e, Number(row.subscription), tx, { fields: ['id'] });
      await outbox.replay(tx, id);
    });
    return reply.status(202).send({ id, status: 'queued' });
  });
}
