/** A real SMTP server on loopback (npm smtp-server) that keeps what it receives, for e-mail tests. */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  messageId: string;
  attachments: { name: string; content: Buffer }[];
  text: string;
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head);
  return m ? decodeWords(m[1]!.trim()) : '';
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= / Q). */
function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** The MIME parts of a multipart message (one level deep is all nodemailer writes for text + attachment). */
function parts(raw: string): { headers: string; body: string }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary)
    return [
      {
        headers: raw.split(/\r?\n\r?\n/)[0]!,
        body: raw
          .split(/\r?\n\r?\n/)
          .slice(1)
          .join('\n\n'),
      },
    ];
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((p) => {
      const [h, ...b] = p.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
      return { headers: h!.replace(/\r?\n[ \t]+/g, ' '), body: b.join('\n\n') };
    });
}

function decodeBody(p: { headers: string; body: string }): Buffer {
  const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(p.headers)?.[1]?.toLowerCase();
  if (enc === 'base64') return Buffer.from(p.body.replace(/\s+/g, ''), 'base64');
  if (enc === 'quoted-printable')
    return Buffer.from(
      p.body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
  return Buffer.from(p.body);
}

export class TestSmtp {
  received: ReceivedMail[] = [];
  /** Recipients the server refuses (550), to make deliveries fail for good. */
  reject = new Set<string>();
  private server?: SMTPServer;
  port = 0;

  async start(port = 0): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, cb) =>
        this.reject.has(address.address) ? cb(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 })) : cb(),
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const ps = parts(raw);
          const attachments = ps
            .filter((p) => /filename=/i.test(p.headers))
            .map((p) => ({ name: decodeWords(/filename\*?=(?:"([^"]+)"|([^;\s]+))/i.exec(p.headers)!.slice(1).find(Boolean)!), content: decodeBody(p) }));
          const textPart = ps.find((p) => /content-type:\s*text\/plain/i.test(p.headers)) ?? ps[0]!;
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            subject: header(raw, 'Subject'),
            messageId: header(raw, 'Message-ID'),
            attachments,
            text: decodeBody(textPart).toString('utf8'),
          });
          cb();
        });
      },
    });
    await new Promise<void>((res, rej) => {
      this.server!.once('error', rej);
      this.server!.listen(port, '127.0.0.1', () => res());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((res) => s.close(() => res()));
  }
}

/** Polls until fn returns a truthy value (deliveries happen after commit, in a worker). */
export async function waitFor<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 30_000): Promise<Exclude<T, undefined | null | false | '' | 0>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as Exclude<T, undefined | null | false | '' | 0>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
