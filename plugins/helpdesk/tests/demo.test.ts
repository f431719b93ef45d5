import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;

beforeAll(async () => {
  t = await startApp({ plugins: ['crm', 'helpdesk'] }, { demo: true });
});
afterAll(async () => t?.close());

describe('helpdesk demo data', () => {
  it('has tickets in every state with their SLA timers, assigned round robin in the first-line team', async () => {
    const tickets = ok(await t.req('GET', '/api/helpdesk/ticket?sort=id&limit=50')).data;
    const byStatus = (s: string) => tickets.filter((x: any) => x.status === s);
    expect(Object.fromEntries(['open', 'replied', 'waiting_on_customer', 'resolved', 'closed'].map((s) => [s, byStatus(s).length]))).toEqual({
      open: 2,
      replied: 1,
      waiting_on_customer: 1,
      resolved: 1,
      closed: 1,
    });
    expect(tickets.every((x: any) => x.sla_policy !== null && x.first_response_due && x.resolution_due && x.agent)).toBe(true);
    expect(byStatus('waiting_on_customer')[0].resolution_status).toBe('paused');
    expect(byStatus('resolved')[0]).toMatchObject({ resolution_status: 'met', satisfaction: 5 });
    expect(tickets.some((x: any) => x.status === 'open' && x.resolution_status === 'breached')).toBe(true);
    const agent = ok(await t.req('GET', `/api/auth/user?filter=${encodeURIComponent(JSON.stringify({ username: 'helpdesk.agent' }))}`)).data[0];
    expect(tickets.filter((x: any) => x.agent === agent.id).length).toBe(3);
    // The premium customer's tickets take the premium policy.
    const policies = ok(await t.req('GET', '/api/helpdesk/sla_policy?sort=id')).data;
    expect(policies.map((p: any) => p.name)).toEqual(['Standard / Standartinė', 'Premium / Aukščiausio lygio']);
    const timeline = ok(await t.req('GET', `/api/crm/activity?filter=${encodeURIComponent(JSON.stringify({ reference_type: 'helpdesk.ticket' }))}&limit=100`));
    expect(timeline.total).toBeGreaterThanOrEqual(tickets.length);
  });
});
