/**
 *   POST /api/<plugin>/<entity>/:id/email      e-mail a printable document to its party (202, the outbox row)
 *   GET  /api/<plugin>/<entity>/:id/messages   the record's timeline of e-mails and webhook deliveries
 *                                               (its own, and as the party of other documents)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataService } from '../data/service.js';
import type { CurrentUser } from '../plugin-api/index.js';
import type { PrintService } from '../print/service.js';
import type { Outbox, OutboxRow } from '../outbox/outbox.js';
import { parseId } from '../api/routes.js';
import { emailDocument, type EmailRequest } from './send.js';

const emailBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    to: {
      oneOf: [
        { type: 'string', maxLength: 2000 },
        { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 320 } },
      ],
    },
    cc: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 320 } },
    template: { type: 'integer', minimum: 1 },
    subject: { type: 'string', minLength: 1, maxLength: 300 },
    body: { type: 'string', minLength: 1, maxLength: 20000 },
    locale: { type: 'string', enum: ['en', 'lt'] },
    attach: { type: 'boolean' },
  },
};

/** What the timeline shows of an outbox row: never the attachment bytes or a webhook's payload. */
export function messageView(r: OutboxRow & { created_at?: string; sent_at?: string | null }) {
  return {
    id: Number(r.id),
    kind: r.kind,
    status: r.status,
    entity: r.entity,
    record_id: r.record_id == null ? null : Number(r.record_id),
    event: r.event,
    to: r.kind === 'email' ? r.target : undefined,
    subject: r.subject,
    attachment: r.attachment_name,
    attempts: r.attempts,
    error: r.last_error,
    created_at: r.created_at,
    sent_at: r.sent_at ?? null,
  };
}

export function registerMailRoutes(
  app: FastifyInstance,
  service: DataService,
  print: PrintService,
  outbox: Outbox,
  userOf: (req: FastifyRequest) => CurrentUser,
): void {
  for (const key of print.formats.keys()) {
    const e = service.registry.entities.get(key)!;
    app.post(
      `${e.path}/:id/email`,
      { schema: { tags: [e.plugin], summary: `E-mail the ${e.label} to its party (PDF attached)`, body: emailBody } },
      async (req, reply) => {
        const user = userOf(req);
        const id = parseId((req.params as { id: string }).id);
        const header = req.headers['idempotency-key'];
        const body = { ...(req.body as EmailRequest), idempotencyKey: typeof header === 'string' ? header.slice(0, 200) : undefined };
        const row = await service.withServices(user, (ctx) => emailDocument(ctx, print, outbox, key, id, body), e.plugin);
        return reply.status(202).send(messageView(row));
      },
    );
  }
  for (const e of service.registry.entities.values()) {
    if (e.parent) continue;
    app.get(`${e.path}/:id/messages`, { schema: { tags: [e.plugin], summary: `E-mails and webhook deliveries of a ${e.label}` } }, async (req) => {
      const user = userOf(req);
      const id = parseId((req.params as { id: string }).id);
      return service.db.transaction(async (tx) => {
        await service.get(user, e, id, tx, { fields: ['id'] });
        const { rows } = await tx.query(
          `select id, kind, status, entity, record_id, event, target, subject, attachment_name, attempts, last_error, created_at, sent_at from tessera_outbox
            where (entity = $1 and record_id = $2 and kind = 'email') or (party_entity = $1 and party_id = $2) order by id desc limit 200`,
          [e.key, id],
        );
        return { data: rows.map((r) => messageView(r as OutboxRow)) };
      });
    });
  }
}
