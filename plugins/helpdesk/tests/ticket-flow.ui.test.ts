/**
 * The ticket flow in the admin UI (real server with the demo data, headless Chromium): create a
 * ticket, reply, wait on the customer, the customer answers, resolve; the SLA timer (due times
 * and their state) is on the ticket's page at each step. Screenshots in tests/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startUi, type UiSession } from '../../../tests/e2e/support.js';

let ui: UiSession;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 150 });

beforeAll(async () => {
  ui = await startUi({ plugins: ['crm', 'helpdesk'] });
}, 120_000);
afterAll(async () => {
  await ui?.close();
});

async function runAction(name: string, fill?: Record<string, string>) {
  const { page } = ui;
  await page.locator(`[data-action="${name}"]`).click();
  const dialog = page.getByRole('dialog');
  for (const [field, value] of Object.entries(fill ?? {})) await dialog.locator(`textarea[name="${field}"], input[name="${field}"]`).first().fill(value);
  // The run button is the dialog's last (it carries the action's name).
  await dialog.getByRole('button').last().click();
  await dialog.waitFor({ state: 'detached' });
}

const fieldText = (name: string) => ui.page.locator(`[data-field="${name}"]`).innerText();

describe('helpdesk in the browser', () => {
  it('creates a ticket, replies, waits on the customer, resolves; the SLA timer follows', async () => {
    const { page, app } = ui;
    await ui.login();
    await page.goto(`${ui.base}/admin/helpdesk.ticket/create`);
    await page.locator('input[name="subject"]').fill('Saw blade arrived bent');
    const customer = page.locator('[data-input="customer"] input[role="combobox"]').first();
    await customer.click();
    await customer.fill('Baltic');
    await page
      .getByRole('option', { name: /Baltic Hardware/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/helpdesk\.ticket\/\d+\/show$/);
    const id = Number(/ticket\/(\d+)\/show/.exec(page.url())![1]);
    const stored = (await app.req('GET', `/api/helpdesk/ticket/${id}`)).body;
    // Baltic Hardware is the demo's premium customer: 2 h / 8 h on office hours.
    expect(stored).toMatchObject({ status: 'open', first_response_status: 'pending', resolution_status: 'pending' });
    expect(stored.first_response_due).toBeTruthy();
    await poll(() => fieldText('first_response_status')).toMatch(/Running/);
    expect(await fieldText('first_response_due')).toMatch(/\d/);
    await screenshot(page, 'helpdesk-ticket-open');

    await runAction('reply', { body: 'Sorry about that, a new blade is on its way.' });
    await poll(() => fieldText('status')).toMatch(/Replied/);
    await poll(() => fieldText('first_response_status')).toMatch(/Met/);

    await runAction('wait_on_customer');
    await poll(() => fieldText('resolution_status')).toMatch(/Paused/);
    await poll(() => fieldText('status')).toMatch(/Waiting on customer/);
    await screenshot(page, 'helpdesk-ticket-waiting');

    await runAction('customer_replied', { body: 'Got it, thanks.' });
    await poll(() => fieldText('status')).toMatch(/Open/);
    await runAction('resolve');
    await poll(() => fieldText('status')).toMatch(/Resolved/);
    await poll(() => fieldText('resolution_status')).toMatch(/Met/);
    const done = (await app.req('GET', `/api/helpdesk/ticket/${id}`)).body;
    expect(done).toMatchObject({ status: 'resolved', first_response_status: 'met', resolution_status: 'met' });
    await screenshot(page, 'helpdesk-ticket-sla');

    // The thread is on the ticket's timeline (crm activities linked to it).
    await page.getByRole('tab', { name: /Timeline/ }).click();
    await page
      .getByText(/Reply: Saw blade arrived bent/)
      .first()
      .waitFor();
    await page
      .getByText(/Customer wrote: Saw blade arrived bent/)
      .first()
      .waitFor();
    await screenshot(page, 'helpdesk-ticket-timeline');
  }, 180_000);
});
