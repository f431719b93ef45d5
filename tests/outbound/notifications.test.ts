/**
 * The bell: assigned to you, approval awaiting you, mention; per user, marked read; the kinds the
 * configuration lists are also e-mailed to the user (through the outbox, real SMTP on loopback).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';
import { TestSmtp, waitFor } from './smtp.js';
import { ok } from '../../plugin-kit/src/testing.js';

let t: TestApp;
const smtp = new TestSmtp();
let ona: Awaited<ReturnType<TestApp['createUser']>>;
let rasa: Awaited<ReturnType<TestApp['createUser']>>;
let jonas: Awaited<ReturnType<TestApp['createUser']>>;

beforeAll(async () => {
  const port = await smtp.start();
  t = await startApp({
    plugins: ['crm', 'hr'],
    mail: { smtp: { host: '127.0.0.1', port }, from: 'tessera@baltic.test' },
    notifications: { email: ['assigned'] },
    outbox: { retryLimit: 1, retryDelaySeconds: 1 },
  } as any);
  ona = await t.createUser('ona', ['crm.sales_rep']);
  rasa = await t.createUser('rasa', ['hr.employee']);
  jonas = await t.createUser('jonas', ['hr.employee']);
  ok(await t.req('PATCH', `/api/auth/user/${ona.id}`, { email: 'ona@baltic.test', locale: 'lt' }));
}, 120_000);
afterAll(async () => {
  await t?.close();
  await smtp.stop();
});

describe('notifications', () => {
  let org: any;
  it('tells a user a record was assigned to them (in their language), and e-mails it as configured', async () => {
    org = ok(await t.req('POST', '/api/crm/organization', { name: 'Assigned UAB', owner: ona.id }), 201);
    const bell = ok(await ona.req('GET', '/api/notifications'));
    expect(bell.unread).toBe(1);
    expect(bell.data[0]).toMatchObject({ kind: 'assigned', entity: 'crm.organization', record_id: org.id, read_at: null });
    expect(bell.data[0].title).toContain('jums priskyrė');
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes('ona@baltic.test')), 'the notification e-mail');
    expect(mail.subject).toContain('Assigned UAB');
    // the admin's own bell is untouched; saving again without a change adds nothing
    expect(ok(await t.req('GET', '/api/notifications')).data.filter((n: any) => n.kind === 'assigned')).toEqual([]);
    ok(await t.req('PATCH', `/api/crm/organization/${org.id}`, { name: 'Assigned UAB 2' }));
    expect(ok(await ona.req('GET', '/api/notifications')).unread).toBe(1);
  });

  it('tells a user they were @mentioned, once per new mention', async () => {
    ok(await t.req('PATCH', `/api/crm/organization/${org.id}`, { notes: 'Call them back, @ona, and @nobody.' }));
    let bell = ok(await ona.req('GET', '/api/notifications?unread=1'));
    expect(bell.data.map((n: any) => n.kind)).toEqual(['mention', 'assigned']);
    expect(bell.data[0].body).toContain('@ona');
    ok(await t.req('PATCH', `/api/crm/organization/${org.id}`, { notes: 'Call them back, @ona, and @nobody. Done.' }));
    bell = ok(await ona.req('GET', '/api/notifications?unread=1'));
    expect(bell.unread).toBe(2);
  });

  it('tells the approver a leave application awaits them', async () => {
    ok(await t.req('POST', '/api/hr/holiday_list', { name: 'Everyday', weekly_off: [] }), 201);
    const boss = ok(await t.req('POST', '/api/hr/employee', { first_name: 'Rasa', last_name: 'B', date_of_joining: '2024-01-08', user: rasa.id }), 201);
    ok(await t.req('POST', '/api/hr/employee', { first_name: 'Jonas', last_name: 'J', date_of_joining: '2024-01-08', user: jonas.id, manager: boss.id }), 201);
    const unpaid = ok(await t.req('POST', '/api/hr/leave_type', { name: 'Unpaid', is_lwp: true }), 201).id;
    const app = ok(await jonas.req('POST', '/api/hr/leave_application', { leave_type: unpaid, from_date: '2026-04-06', to_date: '2026-04-06' }), 201);
    expect(ok(await rasa.req('GET', '/api/notifications')).unread).toBe(0);
    ok(await jonas.req('POST', `/api/hr/leave_application/${app.id}/submit`));
    const bell = ok(await rasa.req('GET', '/api/notifications'));
    expect(bell.data[0]).toMatchObject({ kind: 'approval', entity: 'hr.leave_application', record_id: app.id });
    expect(bell.data[0].title).toContain('awaits your approval');
  });

  it("marks one or all read, only the user's own", async () => {
    const mine = ok(await ona.req('GET', '/api/notifications')).data;
    const r = ok(await ona.req('POST', `/api/notifications/${mine[0].id}/read`));
    expect(r.read_at).toBeTruthy();
    expect(ok(await ona.req('GET', '/api/notifications')).unread).toBe(mine.length - 1);
    const foreign = await rasa.req('POST', `/api/notifications/${mine[1].id}/read`);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOTIFICATION_NOT_FOUND']);
    expect(ok(await ona.req('POST', '/api/notifications/read-all')).marked).toBe(mine.length - 1);
    expect(ok(await ona.req('GET', '/api/notifications')).unread).toBe(0);
    expect((await t.req('GET', '/api/notifications', undefined, { authorization: '' })).status).toBe(401);
  });
});
