/** Delivers outbox e-mails over SMTP; the last failed retry notifies the sender ("email failed"). */
import type { ResolvedConfig } from '../config.js';
import type { OutboxHandler } from '../outbox/outbox.js';
import type { Notifications } from '../notifications/notify.js';
import { mailSettings } from './settings.js';
import { sendMail } from './transport.js';

export function emailHandler(config: ResolvedConfig, notifications: Notifications): OutboxHandler {
  return {
    async deliver(row) {
      let settings: ReturnType<typeof mailSettings>;
      try {
        settings = mailSettings(config);
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
      const p = row.payload as { to: string[]; cc?: string[]; text: string };
      return sendMail(settings, {
        to: p.to,
        cc: p.cc ?? [],
        subject: row.subject ?? '',
        text: p.text,
        messageId: `<${row.idempotency_key}@tessera.outbox>`,
        attachment: row.attachment && row.attachment_name ? { name: row.attachment_name, content: row.attachment } : undefined,
      });
    },
    async onAttempt(tx, row, result, final) {
      if (!final || result.ok || !row.created_by || row.payload.notification) return;
      await notifications.notify(tx, {
        userId: row.created_by,
        kind: 'email_failed',
        title: {
          en: `E-mail "${row.subject ?? ''}" to ${row.target} could not be sent`,
          lt: `Laiško „${row.subject ?? ''}“ gavėjui ${row.target} išsiųsti nepavyko`,
        },
        body: result.error ?? null,
        entity: row.entity,
        recordId: row.record_id,
        dedupeKey: `email_failed:${row.id}:${row.attempts}`,
      });
    },
  };
}
