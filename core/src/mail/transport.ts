/** Sends one message over SMTP with nodemailer; errors come back without the credentials. */
import type { ResolvedMail } from './settings.js';

export interface OutgoingMail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  messageId: string;
  attachment?: { name: string; content: Buffer };
}

export async function sendMail(s: ResolvedMail, m: OutgoingMail): Promise<{ ok: true } | { ok: false; error: string }> {
  // Loaded on the first message, not at start-up.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // loopback test servers and internal relays without a certificate
    tls: { rejectUnauthorized: process.env.TESSERA_SMTP_INSECURE_TLS !== '1' },
  });
  try {
    await transport.sendMail({
      from: s.from,
      replyTo: s.replyTo,
      to: m.to,
      cc: m.cc.length ? m.cc : undefined,
      subject: m.subject,
      text: m.text,
      messageId: m.messageId,
      attachments: m.attachment ? [{ filename: m.attachment.name, content: m.attachment.content, contentType: 'application/pdf' }] : undefined,
    });
    return { ok: true };
  } catch (e) {
    const err = e as { message?: string; code?: string; responseCode?: number };
    let message = `${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`;
    if (s.password) message = message.split(s.password).join('[redacted]');
    return { ok: false, error: message };
  } finally {
    transport.close();
  }
}
