/**
 * In-app notifications (the bell): assigned to you, approval awaiting you, mention, e-mail
 * failed, webhook disabled. Written in the transaction of the change that causes them; a user
 * who has an e-mail address and asked for it (auth_user.locale picks the language) also gets
 * them by e-mail through the outbox, when e-mail is set up.
 */
import type { Tx } from '../db/database.js';
import type { ResolvedConfig } from '../config.js';
import type { Outbox } from '../outbox/outbox.js';

import type { NotificationKind } from '../plugin-api/index.js';

export type { NotificationKind };

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  title: { en: string; lt: string };
  body?: string | null;
  entity?: string | null;
  recordId?: number | null;
  /** The same key twice writes one notification. */
  dedupeKey?: string;
}

export class Notifications {
  constructor(
    private readonly config: ResolvedConfig,
    private outbox?: Outbox,
  ) {}

  setOutbox(outbox: Outbox): void {
    this.outbox = outbox;
  }

  async notify(tx: Tx, n: NewNotification): Promise<void> {
    if (!n.userId) return;
    const [user] = (await tx.query(`select email, locale, active from auth_user where id = $1`, [n.userId])).rows as {
      email: string | null;
      locale: string | null;
      active: boolean;
    }[];
    if (!user?.active) return;
    const locale = user.locale === 'lt' || user.locale === 'en' ? user.locale : this.config.company.locale === 'lt' ? 'lt' : 'en';
    const title = n.title[locale];
    const { rows } = await tx.query(
      `insert into tessera_notification (user_id, kind, title, body, entity, record_id, dedupe_key) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (dedupe_key) do nothing returning id`,
      [n.userId, n.kind, title, n.body ?? null, n.entity ?? null, n.recordId ?? null, n.dedupeKey ?? null],
    );
    const mailKinds = this.config.notifications?.email ?? [];
    // An "email failed" is never e-mailed (it could fail the same way, again and again).
    if (
      !rows[0] ||
      !user.email ||
      !this.outbox ||
      n.kind === 'email_failed' ||
      !mailKinds.includes(n.kind) ||
      !this.config.mail?.smtp?.host ||
      !this.config.mail.from
    )
      return;
    await this.outbox.enqueue(tx, {
      kind: 'email',
      idempotencyKey: `notification:${rows[0].id}`,
      entity: n.entity ?? undefined,
      recordId: n.recordId ?? undefined,
      target: user.email,
      subject: title,
      payload: { to: [user.email], cc: [], text: `${title}${n.body ? `\n\n${n.body}` : ''}`, notification: Number(rows[0].id) },
    });
  }
}
