/**
 * The outbox: a row per message (e-mail, webhook delivery) written in the transaction of the
 * change that causes it, with a pg-boss job sent in the same transaction, so a rolled-back
 * change sends nothing and a committed one is delivered after commit.
 *
 * Exactly once: the worker locks the row (select ... for update), skips it when it is already
 * sent, delivers, and marks it sent in that transaction; a second job for the same row (a
 * retry that raced, a replay) finds it sent. The idempotency key travels with the message
 * (Message-ID, X-Tessera-Delivery) so a receiver can drop a duplicate after a crash between
 * delivery and commit. A failed attempt is logged (tessera_outbox_attempt) and the job fails,
 * so pg-boss retries it with exponential backoff; after the last retry the row is "failed"
 * and its handler's onFinalFailure runs (e-mail: a notification to the sender).
 */
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../db/database.js';
import type { JobQueue } from '../jobs.js';

export type OutboxKind = 'email' | 'webhook';

export interface OutboxRow {
  id: number;
  kind: OutboxKind;
  idempotency_key: string;
  status: 'queued' | 'retrying' | 'sent' | 'failed';
  entity: string | null;
  record_id: number | null;
  party_entity: string | null;
  party_id: number | null;
  subscription: number | null;
  event: string | null;
  target: string;
  subject: string | null;
  payload: Record<string, any>;
  attachment: Buffer | null;
  attachment_name: string | null;
  attempts: number;
  last_error: string | null;
  created_by: number | null;
}

export interface NewOutboxRow {
  kind: OutboxKind;
  idempotencyKey?: string;
  entity?: string;
  recordId?: number;
  partyEntity?: string;
  partyId?: number;
  subscription?: number;
  event?: string;
  target: string;
  subject?: string;
  payload: Record<string, unknown>;
  attachment?: Buffer;
  attachmentName?: string;
  createdBy?: number;
}

export interface DeliveryResult {
  ok: boolean;
  statusCode?: number;
  error?: string;
  /** No retry can help (the subscription is gone or off). */
  final?: boolean;
}

export interface OutboxHandler {
  deliver(row: OutboxRow): Promise<DeliveryResult>;
  /** After the attempt is recorded, in its transaction. */
  onAttempt?(tx: Tx, row: OutboxRow, result: DeliveryResult, final: boolean): Promise<void>;
}

export interface OutboxSettings {
  retryLimit: number;
  retryDelaySeconds: number;
}

const QUEUE = 'core.outbox';

export class Outbox {
  private handlers = new Map<OutboxKind, OutboxHandler>();

  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    readonly settings: OutboxSettings,
  ) {
    jobs.addCoreQueue(QUEUE, (data) => this.deliver(Number(data.id)), { retryLimit: settings.retryLimit, retryDelay: settings.retryDelaySeconds });
  }

  handle(kind: OutboxKind, handler: OutboxHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Writes the message in the caller's transaction and enqueues its delivery there. */
  async enqueue(tx: Tx, m: NewOutboxRow): Promise<OutboxRow> {
    const key = m.idempotencyKey ?? randomUUID();
    const { rows } = await tx.query(
      `insert into tessera_outbox (kind, idempotency_key, entity, record_id, party_entity, party_id, subscription, event, target, subject, payload, attachment, attachment_name, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       on conflict (idempotency_key) do nothing returning *`,
      [
        m.kind,
        key,
        m.entity ?? null,
        m.recordId ?? null,
        m.partyEntity ?? null,
        m.partyId ?? null,
        m.subscription ?? null,
        m.event ?? null,
        m.target,
        m.subject ?? null,
        JSON.stringify(m.payload),
        m.attachment ?? null,
        m.attachmentName ?? null,
        m.createdBy ?? null,
      ],
    );
    if (!rows[0]) {
      // The same idempotency key again: the message exists already, nothing new is sent.
      return (await tx.query(`select * from tessera_outbox where idempotency_key = $1`, [key])).rows[0] as OutboxRow;
    }
    await this.jobs.sendCore(tx, QUEUE, { id: Number(rows[0].id) });
    return rows[0] as OutboxRow;
  }

  /**
   * On start: messages left queued or retrying while no worker ran (a stop between the write and
   * the job, a crash) get a job again. A duplicate job is harmless: delivery locks the row and
   * skips it once sent.
   */
  async sweep(): Promise<number> {
    const { rows } = await this.db.query(`select id from tessera_outbox where status in ('queued', 'retrying') order by id limit 10000`);
    for (const r of rows) await this.jobs.sendCoreNow(QUEUE, { id: Number(r.id) });
    return rows.length;
  }

  /** Sends a failed message again (a new job; its attempts start over). */
  async replay(tx: Tx, id: number): Promise<void> {
    await tx.query(`update tessera_outbox set status = 'queued', attempts = 0, last_error = null where id = $1`, [id]);
    await this.jobs.sendCore(tx, QUEUE, { id });
  }

  /** One delivery attempt (the pg-boss worker). Throws to make pg-boss retry. */
  async deliver(id: number): Promise<void> {
    let retry: string | undefined;
    await this.db.transaction(async (tx) => {
      const row = (await tx.query(`select * from tessera_outbox where id = $1 for update`, [id])).rows[0] as OutboxRow | undefined;
      if (!row || row.status === 'sent' || row.status === 'failed') return;
      const handler = this.handlers.get(row.kind);
      if (!handler) return;
      const started = Date.now();
      let result: DeliveryResult;
      try {
        result = await handler.deliver(row);
      } catch (e) {
        result = { ok: false, error: (e as Error).message || String(e) };
      }
      const attempts = row.attempts + 1;
      const final = !result.ok && (!!result.final || attempts > this.settings.retryLimit);
      await tx.query(`insert into tessera_outbox_attempt (outbox_id, ok, status_code, error, duration_ms) values ($1, $2, $3, $4, $5)`, [
        id,
        result.ok,
        result.statusCode ?? null,
        result.error?.slice(0, 2000) ?? null,
        Date.now() - started,
      ]);
      await tx.query(
        `update tessera_outbox set attempts = $2, status = $3, last_error = $4, sent_at = case when $3 = 'sent' then now() else sent_at end where id = $1`,
        [id, attempts, result.ok ? 'sent' : final ? 'failed' : 'retrying', result.ok ? null : (result.error ?? 'failed').slice(0, 2000)],
      );
      await handler.onAttempt?.(tx, { ...row, attempts }, result, final);
      if (!result.ok && !final) retry = result.error ?? 'delivery failed';
    });
    if (retry) throw new Error(retry);
  }
}
