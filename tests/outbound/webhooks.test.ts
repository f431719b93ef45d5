/**
 * Outbound webhooks against a receiver on loopback: signed deliveries per entity and event,
 * retries with backoff, the delivery log, replay of a failed delivery, switching off after
 * repeated failures (with a notification), and refusals of bad subscriptions.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';
import { waitFor } from './smtp.js';
import { ok } from '../../plugin-kit/src/testing.js';

let t: TestApp;
let server: Server;
let base: string;
const SECRET = 'a-very-long-signing-secret';
interface Hit {
  path: string;
  headers: Record<string, any>;
  body: string;
}
const hits: Hit[] = [];
/** Status the receiver answers per path (default 200). */
const answer = new Map<string, number>();

const subscribe = async (name: string, path: string, entity: string, events: string) =>
  ok(await t.req('POST', '/api/messaging/webhook', { name, url: `${base}${path}`, secret: SECRET, entity, events }), 201);

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      hits.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answer.get(req.url!) ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await startApp({ plugins: ['crm', 'inventory', 'sales'], outbox: { retryLimit: 1, retryDelaySeconds: 1 }, webhooks: { disableAfter: 3 } } as any);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await new Promise((r) => server.close(r));
});

describe('subscriptions', () => {
  it('refuses unknown events, unknown entities and non-http URLs; the secret is never read back', async () => {
    const ftp = await t.req('POST', '/api/messaging/webhook', {
      name: 'x',
      url: 'ftp://example.test/h',
      secret: SECRET,
      entity: 'crm.lead',
      events: 'created',
    });
    expect([ftp.status, ftp.body.error.details[0].path]).toEqual([422, 'url']);
    const r = await t.req('POST', '/api/messaging/webhook', {
      name: 'x',
      url: `${base}/x`,
      secret: SECRET,
      entity: 'sales.nothing',
      events: 'created,exploded',
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: any) => d.path).sort()).toEqual(['entity', 'events']);
    expect(r.body.error.details.find((d: any) => d.path === 'events').message).toContain('"exploded" is not an event');
    const short = await t.req('POST', '/api/messaging/webhook', { name: 'x', url: `${base}/x`, secret: 'short', entity: '*', events: 'created' });
    expect([short.status, short.body.error.details[0].path]).toEqual([422, 'secret']);
    const w = await subscribe('Readback', '/readback', 'crm.lead', 'created');
    expect(w.secret).toBeUndefined();
    expect(ok(await t.req('GET', `/api/messaging/webhook/${w.id}`)).secret).toBeUndefined();
    ok(await t.req('DELETE', `/api/messaging/webhook/${w.id}`));
  });

  it('never sends a secret field in the record of a delivery', async () => {
    const spy = await subscribe('Spy', '/spy', 'messaging.webhook', 'created');
    const other = await subscribe('Other', '/other', 'crm.lead', 'created');
    const hit = await waitFor(() => hits.find((h) => h.path === '/spy'), 'the delivery');
    const body = JSON.parse(hit.body);
    expect(body.data).toMatchObject({ id: other.id, name: 'Other' });
    expect('secret' in body.data).toBe(false);
    expect(hit.body).not.toContain(SECRET);
    for (const w of [spy, other]) ok(await t.req('PATCH', `/api/messaging/webhook/${w.id}`, { active: false }));
  });
});

describe('delivery', () => {
  it('POSTs the event with the record, signed with HMAC-SHA256 of the body', async () => {
    const w = await subscribe('Customers', '/customers', 'sales.customer', 'created,updated');
    const c = ok(await t.req('POST', '/api/sales/customer', { name: 'Webhook Customer' }), 201);
    const hit = await waitFor(() => hits.find((h) => h.path === '/customers'), 'the delivery');
    const body = JSON.parse(hit.body);
    expect(body).toMatchObject({ event: 'sales.customer.created', entity: 'sales.customer', record_id: c.id, data: { id: c.id, name: 'Webhook Customer' } });
    expect(hit.headers['x-tessera-event']).toBe('sales.customer.created');
    expect(hit.headers['x-tessera-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(hit.body).digest('hex')}`);
    expect(hit.headers['x-tessera-delivery']).toMatch(/^webhook:/);
    // not subscribed to deletes
    ok(await t.req('PATCH', `/api/sales/customer/${c.id}`, { notes: 'changed' }));
    await waitFor(() => hits.filter((h) => h.path === '/customers').length === 2, 'the update');
    ok(await t.req('DELETE', `/api/sales/customer/${c.id}`));
    const log = ok(await t.req('GET', `/api/messaging/webhook/${w.id}/deliveries`)).data;
    expect(log.map((d: any) => d.event).sort()).toEqual(['created', 'updated']);
    expect(log.every((d: any) => d.status === 'sent' && d.log[0].status_code === 200)).toBe(true);
    ok(await t.req('PATCH', `/api/messaging/webhook/${w.id}`, { active: false }));
  });

  it('retries a failing receiver with backoff, logs each attempt, and replays a failed delivery', async () => {
    answer.set('/flaky', 500);
    const w = await subscribe('Flaky', '/flaky', 'crm.lead', 'created');
    ok(await t.req('POST', '/api/crm/lead', { name: 'Flaky Lead' }), 201);
    const failed = await waitFor(async () => {
      const d = ok(await t.req('GET', `/api/messaging/webhook/${w.id}/deliveries`)).data[0];
      return d?.status === 'failed' ? d : undefined;
    }, 'the final failure');
    expect(failed.attempts).toBe(2);
    expect(failed.log.map((a: any) => [a.ok, a.status_code])).toEqual([
      [false, 500],
      [false, 500],
    ]);
    expect(hits.filter((h) => h.path === '/flaky')).toHaveLength(2);
    // both attempts carried the same delivery id (the receiver can drop duplicates)
    expect(new Set(hits.filter((h) => h.path === '/flaky').map((h) => h.headers['x-tessera-delivery'])).size).toBe(1);
    answer.set('/flaky', 204);
    expect(ok(await t.req('POST', `/api/messaging/deliveries/${failed.id}/replay`), 202)).toMatchObject({ status: 'queued' });
    await waitFor(async () => ok(await t.req('GET', `/api/messaging/webhook/${w.id}/deliveries`)).data[0].status === 'sent', 'the replay');
    expect(hits.filter((h) => h.path === '/flaky')).toHaveLength(3);
    const again = await t.req('POST', `/api/messaging/deliveries/${failed.id}/replay`);
    expect([again.status, again.body.error.code]).toEqual([409, 'DELIVERY_NOT_REPLAYABLE']);
    ok(await t.req('PATCH', `/api/messaging/webhook/${w.id}`, { active: false }));
  });

  it('switches a subscription off after repeated failures and tells its creator', async () => {
    answer.set('/down', 503);
    const w = await subscribe('Down', '/down', 'crm.organization', 'created');
    ok(await t.req('POST', '/api/crm/organization', { name: 'Org 1' }), 201);
    ok(await t.req('POST', '/api/crm/organization', { name: 'Org 2' }), 201);
    const off = await waitFor(
      async () => {
        const x = ok(await t.req('GET', `/api/messaging/webhook/${w.id}`));
        return x.active === false ? x : undefined;
      },
      'the switch-off',
      40_000,
    );
    expect(off.consecutive_failures).toBeGreaterThanOrEqual(3);
    expect(off.disabled_reason).toContain('503');
    const bell = ok(await t.req('GET', '/api/notifications'));
    expect(bell.data.find((n: any) => n.kind === 'webhook_disabled' && n.record_id === w.id)).toBeTruthy();
    // switched off: a new event makes no delivery
    const n = (await t.db.query(`select count(*)::int as n from tessera_outbox where subscription = $1`, [w.id])).rows[0].n;
    await waitFor(async () => {
      ok(await t.req('POST', '/api/crm/organization', { name: `Org ${Date.now()}` }), 201);
      return true;
    }, 'a write');
    expect((await t.db.query(`select count(*)::int as n from tessera_outbox where subscription = $1`, [w.id])).rows[0].n).toBe(n);
    // switched back on: the count starts afresh
    answer.set('/down', 200);
    const on = ok(await t.req('PATCH', `/api/messaging/webhook/${w.id}`, { active: true }));
    expect(on).toMatchObject({ active: true });
    expect(ok(await t.req('GET', `/api/messaging/webhook/${w.id}`))).toMatchObject({ consecutive_failures: 0, disabled_reason: null });
  });

  it('a document action and a submit are events too; a rolled-back write sends nothing', async () => {
    const w = await subscribe('Orders', '/orders', '*', 'submitted,action');
    const nos = (await t.db.query(`select id from inventory_uom where name = 'Nos'`)).rows[0]!.id;
    const wh = ok(await t.req('POST', '/api/inventory/warehouse', { name: 'Main' }), 201).id;
    const item = ok(await t.req('POST', '/api/inventory/item', { code: 'WH-1', name: 'W', stock_uom: nos }), 201).id;
    const c = ok(await t.req('POST', '/api/sales/customer', { name: 'Orderer' }), 201).id;
    const so = ok(await t.req('POST', '/api/sales/sales_order', { customer: c, warehouse: wh, lines: [{ item, qty: '1', rate: '5' }] }), 201);
    ok(await t.req('POST', `/api/sales/sales_order/${so.id}/submit`));
    ok(await t.req('POST', `/api/sales/sales_order/${so.id}/actions/make_invoice`, { basis: 'ordered' }));
    await waitFor(() => hits.filter((h) => h.path === '/orders').length >= 2, 'submit and action');
    const events = hits
      .filter((h) => h.path === '/orders')
      .map((h) => JSON.parse(h.body))
      .map((b) => `${b.event}${b.action ? `:${b.action}` : ''}`);
    expect(events).toEqual(expect.arrayContaining(['sales.sales_order.submitted', 'sales.sales_order.action:make_invoice']));
    // a submit refused (already submitted) writes no delivery
    const n = (await t.db.query(`select count(*)::int as n from tessera_outbox where subscription = $1`, [w.id])).rows[0].n;
    expect((await t.req('POST', `/api/sales/sales_order/${so.id}/submit`)).status).toBe(409);
    expect((await t.db.query(`select count(*)::int as n from tessera_outbox where subscription = $1`, [w.id])).rows[0].n).toBe(n);
  });
});
