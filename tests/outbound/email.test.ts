/**
 * E-mailing documents through the outbox against a real SMTP server on loopback: the message,
 * its recipient and its PDF; templates with placeholders (unknown ones refused on save); the
 * state on the document's and the party's timeline; a stopped SMTP server retried with backoff
 * and the mail arriving once; a permanent failure notifying the sender; missing settings a 422.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';
import { pdfText } from './pdf.js';
import { TestSmtp, waitFor } from './smtp.js';
import { ok } from '../../plugin-kit/src/testing.js';

let t: TestApp;
const smtp = new TestSmtp();
let port: number;
let invoice: any;
let customer: number;

const outboxRow = async (id: number) => (await t.db.query(`select status, attempts, last_error from tessera_outbox where id = $1`, [id])).rows[0];

beforeAll(async () => {
  port = await smtp.start();
  t = await startApp({
    plugins: ['crm', 'inventory', 'sales'],
    company: { name: 'Baltic Tools UAB', currency: 'EUR', locale: 'en' },
    mail: { smtp: { host: '127.0.0.1', port }, from: 'Baltic Tools <sales@baltic.test>' },
    outbox: { retryLimit: 2, retryDelaySeconds: 1 },
  } as any);
  const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0]!.id;
  const wh = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Main' }), 201).id;
  const item = ok(await t.req('POST', '/api/inventory/item', { code: 'SAW', name: 'Pjūklas', stock_uom: nos }), 201).id;
  customer = ok(await t.req('POST', '/api/sales/customer', { name: 'Ąžuolas UAB', email: 'buh@azuolas.test' }), 201).id;
  const so = ok(
    await t.req('POST', '/api/sales/sales_order', {
      customer,
      order_date: '2026-04-01',
      warehouse: wh,
      lines: [{ item, qty: '1', rate: '100.00', tax_rate: '21' }],
    }),
    201,
  );
  ok(await t.req('POST', `/api/sales/sales_order/${so.id}/submit`));
  invoice = ok(await t.req('POST', `/api/sales/sales_order/${so.id}/actions/make_invoice`, { basis: 'ordered', posting_date: '2026-04-02', submit: true }));
}, 120_000);

afterAll(async () => {
  await t?.close();
  await smtp.stop();
});

describe('templates', () => {
  it('refuses an unknown placeholder when the template is saved, naming the field and the known ones', async () => {
    const r = await t.req('POST', '/api/messaging/email_template', {
      name: 'Invoice',
      entity: 'sales.sales_invoice',
      subject: 'Invoice {{number}}',
      body: 'Dear {{customer_nmae}}, total {{grand_total}}',
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toMatchObject([{ path: 'body', code: 'placeholder' }]);
    expect(r.body.error.details[0].message).toContain('{{customer_nmae}}');
    expect(r.body.error.details[0].message).toContain('{{party_name}}');
    expect((await t.db.query(`select count(*)::int as n from messaging_email_template`)).rows[0].n).toBe(0);
    const other = await t.req('POST', '/api/messaging/email_template', { name: 'X', entity: 'sales.nothing', subject: 'a', body: 'b' });
    expect(other.body.error.details).toMatchObject([{ path: 'entity' }]);
  });

  it('accepts known placeholders and document fields', async () => {
    ok(
      await t.req('POST', '/api/messaging/email_template', {
        name: 'Invoice EN',
        entity: 'sales.sales_invoice',
        locale: 'en',
        is_default: true,
        subject: 'Invoice {{number}} from {{company_name}}',
        body: 'Dear {{party_name}},\ntotal {{grand_total}}, due {{doc.due_date}}.\n{{sender_name}}',
      }),
      201,
    );
  });
});

describe('sending', () => {
  it('delivers the message with the template filled and the PDF attached; the state shows on both timelines', async () => {
    const before = smtp.received.length;
    const queued = ok(await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/email`, { cc: ['boss@baltic.test'] }), 202);
    expect(queued).toMatchObject({
      kind: 'email',
      status: 'queued',
      to: 'buh@azuolas.test, boss@baltic.test',
      subject: `Invoice ${invoice.number} from Baltic Tools UAB`,
    });
    const mail = await waitFor(() => smtp.received[before], 'the e-mail');
    expect(mail.to.sort()).toEqual(['boss@baltic.test', 'buh@azuolas.test']);
    expect(mail.subject).toBe(`Invoice ${invoice.number} from Baltic Tools UAB`);
    expect(mail.text).toContain('Dear Ąžuolas UAB');
    expect(mail.text).toContain('total 121.00'); // the grand total as the PDF prints it
    expect(mail.text).toContain('due 2026-');
    expect(mail.attachments.map((a) => a.name)).toEqual([`${invoice.number}.pdf`]);
    const text = pdfText(mail.attachments[0]!.content);
    expect(text).toContain(invoice.number);
    expect(text).toContain('121.00');
    await waitFor(async () => (await outboxRow(queued.id)).status === 'sent', 'status sent');
    const own = ok(await t.req('GET', `/api/sales/sales_invoice/${invoice.id}/messages`)).data;
    expect(own[0]).toMatchObject({ id: queued.id, status: 'sent', attempts: 1, attachment: `${invoice.number}.pdf` });
    const party = ok(await t.req('GET', `/api/sales/customer/${customer}/messages`)).data;
    expect(party.map((m: any) => m.id)).toContain(queued.id);
  });

  it('an Idempotency-Key sent twice queues one message', async () => {
    const a = ok(await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/email`, {}, { 'idempotency-key': 'click-1' }), 202);
    const b = ok(await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/email`, {}, { 'idempotency-key': 'click-1' }), 202);
    expect(b.id).toBe(a.id);
    await waitFor(async () => (await outboxRow(a.id)).status === 'sent', 'status sent');
  });

  it('with the SMTP server stopped, retries with backoff; after it is back the mail arrives once', async () => {
    await smtp.stop();
    const queued = ok(await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/email`, { to: 'once@azuolas.test', subject: 'Once {{number}}' }), 202);
    const failed = await waitFor(async () => {
      const r = await outboxRow(queued.id);
      return r.status === 'retrying' ? r : undefined;
    }, 'a failed attempt');
    expect(failed.last_error).toMatch(/ECONNREFUSED/);
    await smtp.start(port);
    await waitFor(async () => (await outboxRow(queued.id)).status === 'sent', 'delivery after the restart');
    const copies = smtp.received.filter((m) => m.to.includes('once@azuolas.test'));
    expect(copies).toHaveLength(1);
    expect(copies[0]!.subject).toBe(`Once ${invoice.number}`);
    const attempts = (await t.db.query(`select ok from tessera_outbox_attempt where outbox_id = $1 order by id`, [queued.id])).rows.map((r) => r.ok);
    expect(attempts[attempts.length - 1]).toBe(true);
    expect(attempts.filter(Boolean)).toHaveLength(1);
  });

  it('a recipient the server refuses fails for good after the retries and notifies the sender', async () => {
    smtp.reject.add('nobody@azuolas.test');
    const queued = ok(await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/email`, { to: 'nobody@azuolas.test' }), 202);
    await waitFor(async () => (await outboxRow(queued.id)).status === 'failed', 'the final failure', 40_000);
    const row = await outboxRow(queued.id);
    expect(row.attempts).toBe(3);
    expect(row.last_error).toContain('550');
    const bell = ok(await t.req('GET', '/api/notifications?unread=1'));
    expect(bell.data[0]).toMatchObject({ kind: 'email_failed', entity: 'sales.sales_invoice', record_id: invoice.id });
    expect(bell.data[0].title).toContain('nobody@azuolas.test');
    const timeline = ok(await t.req('GET', `/api/sales/sales_invoice/${invoice.id}/messages`)).data;
    expect(timeline.find((m: any) => m.id === queued.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('550') });
  });

  it('refuses a bad recipient and a party without e-mail with 422, writing nothing', async () => {
    const n = (await t.db.query(`select count(*)::int as n from tessera_outbox`)).rows[0].n;
    const bad = await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/email`, { to: ['ok@x.test', 'not-an-address'] });
    expect([bad.status, bad.body.error.code, bad.body.error.details[0].path]).toEqual([422, 'BAD_RECIPIENT', 'to/1']);
    const unknown = await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/email`, { body: 'Hi {{nope}}' });
    expect([unknown.status, unknown.body.error.details[0].path]).toEqual([422, 'body']);
    ok(await t.req('PATCH', `/api/sales/customer/${customer}`, { email: null }));
    const none = await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/email`, {});
    expect([none.status, none.body.error.code]).toEqual([422, 'NO_RECIPIENT']);
    expect((await t.db.query(`select count(*)::int as n from tessera_outbox`)).rows[0].n).toBe(n);
  });
});

describe('without SMTP settings', () => {
  it('answers 422 naming the missing setting', async () => {
    const bare = await startApp({ plugins: ['crm', 'inventory', 'sales'] });
    try {
      const c = ok(await bare.req('POST', '/api/sales/customer', { name: 'A', email: 'a@a.test' }), 201);
      const q = ok(
        await bare.req('POST', '/api/sales/quotation', {
          customer: c.id,
          lines: [
            {
              item: (
                await bare.req('POST', '/api/inventory/item', {
                  code: 'I',
                  name: 'I',
                  stock_uom: (await bare.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0]!.id,
                })
              ).body.id,
              qty: '1',
              rate: '1',
            },
          ],
        }),
        201,
      );
      const r = await bare.req('POST', `/api/sales/quotation/${q.id}/email`, {});
      expect([r.status, r.body.error.code]).toEqual([422, 'MAIL_NOT_CONFIGURED']);
      expect(r.body.error.message).toContain('mail.smtp.host');
      expect(r.body.error.details).toEqual([{ path: 'mail.smtp.host', message: 'is missing' }]);
    } finally {
      await bare.close();
    }
  });
});

describe('a message queued while no worker runs', () => {
  it('is delivered once by the next start (the outbox sweep)', async () => {
    smtp.reject.clear();
    ok(await t.req('PATCH', `/api/sales/customer/${customer}`, { email: 'later@azuolas.test' }));
    await t.jobs!.stop();
    const queued = ok(await t.req('POST', `/api/sales/sales_invoice/${invoice.id}/email`, { subject: 'Later {{number}}' }), 202);
    expect((await outboxRow(queued.id)).status).toBe('queued');
    const next = await startApp(
      {
        plugins: ['crm', 'inventory', 'sales'],
        company: { name: 'Baltic Tools UAB', currency: 'EUR', locale: 'en' },
        mail: { smtp: { host: '127.0.0.1', port }, from: 'Baltic Tools <sales@baltic.test>' },
        outbox: { retryLimit: 2, retryDelaySeconds: 1 },
      } as any,
      { url: t.url },
    );
    try {
      await waitFor(async () => (await outboxRow(queued.id)).status === 'sent', 'delivery by the next start');
      expect(smtp.received.filter((m) => m.to.includes('later@azuolas.test'))).toHaveLength(1);
    } finally {
      await next.close();
    }
  });
});
