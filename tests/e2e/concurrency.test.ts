/**
 * Lost updates in the admin UI (issue 11, item 15): the edit form sends If-Match with the
 * version it loaded; when someone else saved the record meanwhile the server answers 412 and
 * the form says so (English and Lithuanian) and offers to reload, instead of overwriting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startUi, type UiSession } from './support.js';
import { tesseraLt } from '../../admin-ui/src/i18n/tessera.lt.js';

let ui: UiSession;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 100 });

beforeAll(async () => {
  ui = await startUi({ plugins: ['catalog'] });
  await ui.login();
});
afterAll(async () => ui?.close());

describe('editing a record someone else changed meanwhile', () => {
  it('refuses the save, keeps their change, says so and reloads their version', async () => {
    const { page, app } = ui;
    await page.goto(`${ui.base}/admin/catalog.product/5`);
    const name = page.locator('input[name="name"]');
    await poll(async () => name.inputValue()).toBe('Hex bolt 5');
    // Another client saves the same record while the form is open.
    expect((await app.req('PATCH', '/api/catalog/product/5', { name: 'Changed by the API' })).status).toBe(200);
    await name.fill('Changed in the browser');
    await page.getByRole('button', { name: 'Save' }).click();
    const notice = page.getByTestId('stale-record');
    await notice.getByText('Someone else changed this record after you opened it').waitFor();
    await screenshot(page, 'stale-record');
    expect((await app.req('GET', '/api/catalog/product/5')).body.name).toBe('Changed by the API');
    expect(page.url()).toMatch(/\/catalog\.product\/5$/);
    // Reload shows their version; saving again then goes through.
    await notice.getByRole('button', { name: 'Reload' }).click();
    await poll(async () => name.inputValue()).toBe('Changed by the API');
    await poll(async () => notice.count()).toBe(0);
    await name.fill('Changed in the browser');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/catalog\.product\/5\/show$/);
    await poll(async () => (await app.req('GET', '/api/catalog/product/5')).body.name).toBe('Changed in the browser');
  });

  it('has the message in Lithuanian', () => {
    expect(tesseraLt.tessera.stale.message).toMatch(/Kažkas kitas pakeitė šį įrašą/);
    expect(tesseraLt.tessera.stale.reload).toBe('Įkelti iš naujo');
  });
});
