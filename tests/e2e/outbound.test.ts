/**
 * The admin UI's outbound parts in a real browser: Print / Download PDF / E-mail on a printable
 * document, the Files tab (upload, list), and the notification bell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startUi, type UiSession } from './support.js';

let ui: UiSession;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });

beforeAll(async () => {
  ui = await startUi({ plugins: ['crm', 'inventory', 'sales'] });
  await ui.login();
}, 180_000);
afterAll(async () => {
  await ui?.close();
});

describe('documents out in the admin UI', () => {
  it('offers Print and Download PDF on an invoice, whose PDF the session may fetch', async () => {
    const { page } = ui;
    const id = (await ui.app.db.query(`select id from sales_sales_invoice order by id limit 1`)).rows[0]!.id;
    await page.goto(`${ui.base}/admin/sales.sales_invoice/${id}/show`);
    await page.locator('[data-print]').waitFor();
    await page.locator('[data-download-pdf]').waitFor();
    await page.locator('[data-email]').waitFor();
    const res = await page.request.get(`${ui.base}/api/sales/sales_invoice/${id}/pdf?download=1`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="SINV-/);
    await screenshot(page, 'invoice-print-buttons');
    // a record without a print format has no Print button
    const org = (await ui.app.db.query(`select id from crm_organization order by id limit 1`)).rows[0]!.id;
    await page.goto(`${ui.base}/admin/crm.organization/${org}/show`);
    await page.locator('[data-files-tab], [role="tab"]').first().waitFor();
    expect(await page.locator('[data-print]').count()).toBe(0);
  });

  it('attaches a file in the Files tab and lists it', async () => {
    const { page } = ui;
    const org = (await ui.app.db.query(`select id from crm_organization order by id limit 1`)).rows[0]!.id;
    await page.goto(`${ui.base}/admin/crm.organization/${org}/show/files`);
    await page.locator('[data-files-tab]').waitFor();
    await page.locator('[data-file-input]').setInputFiles({ name: 'sutartis.txt', mimeType: 'text/plain', buffer: Buffer.from('Sutarties tekstas') });
    await page.locator('[data-file="sutartis.txt"]').waitFor();
    await poll(
      async () => (await ui.app.db.query(`select count(*)::int as n from tessera_file where entity = 'crm.organization' and record_id = $1`, [org])).rows[0].n,
    ).toBe(1);
    await screenshot(page, 'files-tab');
  });

  it('shows the bell with the unread count and opens the record', async () => {
    const { page } = ui;
    const me = (await ui.app.db.query(`select id from auth_user where username = $1`, [ui.user.username])).rows[0]!.id;
    const org = await ui.app.req('POST', '/api/crm/organization', { name: 'Bell UAB', owner: Number(me) });
    expect(org.status).toBe(201);
    await page.goto(`${ui.base}/admin/`);
    await poll(async () => page.locator('[data-bell-count]').getAttribute('data-bell-count')).toBe('1');
    await page.locator('[data-bell]').click();
    await page.locator('[data-notification="assigned"]').first().click();
    await poll(() => page.url()).toContain(`/crm.organization/${org.body.id}/show`);
    await poll(async () => page.locator('[data-bell-count]').getAttribute('data-bell-count')).toBe('0');
  });
});
