/**
 * Webhook subscriptions, kept in memory so that `listens` (asked on every write) costs nothing;
 * reloaded after a subscription changes here and every few seconds (changes on other servers).
 * On an event in a writing transaction, one outbox row per matching active subscription is
 * written in that transaction, with the record as it stands (secrets never included).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Database, Tx } from '../db/database.js';
import type { DataService } from '../data/service.js';
import { SYSTEM_USER } from '../data/service.js';
import type { Outbox, OutboxHandler } from '../outbox/outbox.js';
import type { Notifications } from '../notifications/notify.js';
import type { Doc } from '../plugin-api/index.js';
import type { EntityModel } from '../entities/model.js';
import { WEBHOOK_EVENTS } from './events.js';

interface Subscription {
  id: number;
  entity: string;
  events: Set<string>;
}

/** The record as a receiver gets it: secrets (header and line items) never leave. */
function withoutSecrets(e: EntityModel, doc: Doc | null): Doc | null {
  if (!doc) return doc;
  const out: Doc = { ...doc };
  for (const f of e.fields) {
    if (f.secret) delete out[f.name];
    else if (f.kind === 'children' && f.child && Array.isArray(out[f.name])) out[f.name] = out[f.name].map((l: Doc) => withoutSecrets(f.child!, l));
  }
  return out;
}

export class Webhooks {
  private subs: Subscription[] = [];
  private timer?: NodeJS.Timeout;
  private loading?: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly service: DataService,
    private readonly outbox: Outbox,
    private readonly notifications: Notifications,
    private readonly opts: { disableAfter: number; timeoutMs: number },
  ) {}

  async start(): Promise<void> {
    await this.load();
    this.timer = setInterval(() => this.refresh(), 5000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  refresh(): void {
    this.loading ??= this.load()
      .catch(() => undefined)
      .finally(() => (this.loading = undefined));
  }

  private async load(): Promise<void> {
    const { rows } = await this.db.query(`select id, entity, events from messaging_webhook where active`);
    this.subs = rows.map((r) => ({ id: Number(r.id), entity: r.entity, events: new Set(String(r.events).split(',')) }));
  }

  private matching(event: string): { key: string; kind: string; subs: Subscription[] } | undefined {
    const i = event.lastIndexOf('.');
    const key = event.slice(0, i);
    const kind = event.slice(i + 1);
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(kind) || !key.includes('.')) return undefined;
    const subs = this.subs.filter((s) => (s.entity === key || s.entity === '*') && s.events.has(kind));
    return subs.length ? { key, kind, subs } : undefined;
  }

  listens(event: string): boolean {
    return !!this.matching(event);
  }

  /** Called with every entity event, in the writing transaction. */
  async onEvent(tx: Tx, event: string, payload: Doc): Promise<void> {
    const m = this.matching(event);
    if (!m) return;
    const e = this.service.registry.entities.get(m.key);
    const id = Number(payload.id);
    const data = e && m.kind !== 'deleted' ? withoutSecrets(e, (await this.service.find(SYSTEM_USER, e, id, tx)) ?? null) : null;
    const occurredAt = new Date().toISOString();
    for (const s of m.subs) {
      const delivery = randomUUID();
      await this.outbox.enqueue(tx, {
        kind: 'webhook',
        idempotencyKey: `webhook:${delivery}`,
        entity: m.key,
        recordId: id,
        subscription: s.id,
        event: m.kind,
        target: '',
        payload: {
          id: delivery,
          event: `${m.key}.${m.kind}`,
          entity: m.key,
          record_id: id,
          ...(payload.action ? { action: payload.action } : {}),
          occurred_at: occurredAt,
          data,
        },
      });
    }
  }

  handler(): OutboxHandler {
    return {
      deliver: async (row) => {
        const [sub] = (await this.db.query(`select url, secret, active from messaging_webhook where id = $1`, [row.subscription])).rows as {
          url: string;
          secret: string;
          active: boolean;
        }[];
        if (!sub) return { ok: false, error: 'the subscription was deleted', final: true };
        if (!sub.active) return { ok: false, error: 'the subscription is switched off', final: true };
        const body = JSON.stringify(row.payload);
        const timestamp = String(Math.floor(Date.now() / 1000));
        try {
          const res = await fetch(sub.url, {
            method: 'POST',
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(this.opts.timeoutMs),
            headers: {
              'content-type': 'application/json',
              'user-agent': 'Tessera-Webhooks/1',
              'x-tessera-event': String(row.payload.event),
              'x-tessera-delivery': row.idempotency_key,
              'x-tessera-timestamp': timestamp,
              'x-tessera-signature': `sha256=${createHmac('sha256', sub.secret).update(body).digest('hex')}`,
            },
          });
          await res.arrayBuffer().catch(() => undefined);
          return res.ok ? { ok: true, statusCode: res.status } : { ok: false, statusCode: res.status, error: `the receiver answered ${res.status}` };
        } catch (e) {
          const err = e as Error & { cause?: { code?: string } };
          return {
            ok: false,
            error: err.name === 'TimeoutError' ? `no answer within ${this.opts.timeoutMs} ms` : `${err.cause?.code ?? err.name}: ${err.message}`,
          };
        }
      },
      onAttempt: async (tx, row, result) => {
        if (result.ok) {
          await tx.query(`update messaging_webhook set consecutive_failures = 0, last_delivery_at = now() where id = $1`, [row.subscription]);
          return;
        }
        const { rows } = await tx.query(
          `update messaging_webhook set consecutive_failures = consecutive_failures + 1 where id = $1 and active returning consecutive_failures, created_by, name`,
          [row.subscription],
        );
        const w = rows[0];
        if (!w || Number(w.consecutive_failures) < this.opts.disableAfter) return;
        await tx.query(`update messaging_webhook set active = false, disabled_reason = $2 where id = $1`, [
          row.subscription,
          `${w.consecutive_failures} failed deliveries in a row; last: ${result.error ?? ''}`.slice(0, 500),
        ]);
        tx.onCommit(() => this.refresh());
        if (w.created_by)
          await this.notifications.notify(tx, {
            userId: Number(w.created_by),
            kind: 'webhook_disabled',
            title: {
              en: `Webhook "${w.name}" was switched off after ${w.consecutive_failures} failed deliveries`,
              lt: `Webhook „${w.name}“ išjungtas po ${w.consecutive_failures} nepavykusių pristatymų`,
            },
            body: result.error ?? null,
            entity: 'messaging.webhook',
            recordId: Number(row.subscription),
            dedupeKey: `webhook_disabled:${row.subscription}:${row.id}`,
          });
      },
    };
  }
}
