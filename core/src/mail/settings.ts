/**
 * SMTP settings from the client configuration (`mail`), the password optionally from the
 * environment (TESSERA_SMTP_PASSWORD) so the file can be committed without it. The password is
 * a secret: it is never logged, returned, audited or put in an error message.
 */
import type { MailSettings, ResolvedConfig } from '../plugin-api/index.js';
import { outboundError } from '../outbox/errors.js';

export type { MailSettings };

export interface ResolvedMail {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  replyTo?: string;
}

/** The settings, or a 422 naming the first missing one. */
export function mailSettings(config: ResolvedConfig): ResolvedMail {
  const m = config.mail ?? {};
  if (!m.smtp?.host)
    throw outboundError(
      'MAIL_NOT_CONFIGURED',
      'set mail.smtp.host (and mail.from) in the client configuration',
      [{ path: 'mail.smtp.host', message: 'is missing' }],
      { setting: 'mail.smtp.host' },
    );
  if (!m.from)
    throw outboundError(
      'MAIL_NOT_CONFIGURED',
      'set mail.from (the sender address) in the client configuration',
      [{ path: 'mail.from', message: 'is missing' }],
      { setting: 'mail.from' },
    );
  const password = process.env.TESSERA_SMTP_PASSWORD ?? m.smtp.password;
  if (m.smtp.user && !password)
    throw outboundError(
      'MAIL_NOT_CONFIGURED',
      'mail.smtp.user is set but no password: set mail.smtp.password or TESSERA_SMTP_PASSWORD',
      [{ path: 'mail.smtp.password', message: 'is missing' }],
      { setting: 'mail.smtp.password' },
    );
  return {
    host: m.smtp.host,
    port: m.smtp.port ?? (m.smtp.secure ? 465 : 587),
    secure: !!m.smtp.secure,
    user: m.smtp.user,
    password,
    from: m.from,
    replyTo: m.replyTo,
  };
}
