/**
 * Entry in the admin UI (issue 17, items 1-4) against a real Tessera with the sales chain and
 * demo data: a quotation typed by keyboard with prices from the price list and live totals,
 * an action error kept in its dialog with the input, a warehouse picker instead of an id, the
 * made sales order opened and named, partial delivery through the open-lines grid, tags as
 * chips and internal fields left out. One browser for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter } from '../helpers.js';
import { chooseByKeyboard as choose, screenshot, startUi, type UiSession } from './support.js';
import { requests } from '../../plugin-kit/src/testing.js';

let ui: UiSession;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 150 });

beforeAll(async () => {
  ui = await startUi({ plugins: ['inventory', 'crm', 'sales'] });
  await ui.page.setViewportSize({ width: 1366, height: 900 });
  await ui.login();
}, 120_000);

afterAll(async () => {
  await ui?.close();
});

const go = (path: string) => ui.page.goto(`${ui.base}/admin${path}`);
const { get, post } = requests({ req: (method, path, body, headers) => ui.app.req(method, path, body, headers) });
const one = async (path: string, where: Record<string, unknown>) => (await get(`${path}?filter=${filter(where)}`)).data[0];

/** Types into a line's item picker and chooses the option by keyboard (arrow down + Enter). */
const chooseByKeyboard = (row: number, text: string, option: RegExp) =>
  choose(ui.page, ui.page.locator(`[data-line-index="${row}"] [data-cell="item"] input[role="combobox"]`), text, option);

describe('entry', () => {
  it('a quotation with three lines typed by keyboard: "code - name" pickers, price-list rates, live totals', async () => {
    const { page } = ui;
    await go('/sales.quotation/create');
    const customer = page.locator('[data-input="customer"] input[role="combobox"]');
    await customer.click();
    await customer.pressSequentially('Nemunas', { delay: 20 });
    await page
      .getByRole('option', { name: /Nemunas Builders/ })
      .first()
      .click();
    // The customer fills the document's tax rate (21 %).
    await poll(() => page.locator('[data-input="tax_rate"] input').inputValue()).toMatch(/^21/);

    // Line 1 by code: Tab to the qty, type it, Enter adds line 2 with the cursor in its item picker.
    await chooseByKeyboard(0, 'TL-001', /TL-001 - Claw hammer/);
    await poll(() => page.locator('[data-line-index="0"] [data-cell="rate"] input').inputValue()).toMatch(/^12[.,]9/);
    await page.keyboard.press('Tab'); // description (filled with the item's name)
    expect(await page.locator('[data-line-index="0"] [data-cell="description"] input').inputValue()).toBe('Claw hammer');
    await page.keyboard.press('Tab'); // qty
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.locator('[data-line-index="1"]').waitFor();
    await poll(() => page.evaluate(() => document.activeElement?.closest('[data-line-index]')?.getAttribute('data-line-index'))).toBe('1');

    // Line 2 found by its name (search covers code and name), with a 10 % discount.
    await chooseByKeyboard(1, 'Hex nut M8', /NUT-M8 - Hex nut M8, zinc/);
    await poll(() => page.locator('[data-line-index="1"] [data-cell="rate"] input').inputValue()).toMatch(/^0[.,]19/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('100');
    await page.keyboard.press('Tab'); // rate
    await page.keyboard.press('Tab'); // discount %
    await page.keyboard.press('Control+A');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await page.locator('[data-line-index="2"]').waitFor();

    await chooseByKeyboard(2, 'BLT-M8-40', /BLT-M8-40 - Hex bolt M8x40/);
    await poll(() => page.locator('[data-line-index="2"] [data-cell="rate"] input').inputValue()).toMatch(/^0[.,]49/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10');

    // Live, before saving: 25.80 + (19.00 - 1.90) + 4.90 = 47.80 net, tax 5.42 + 3.59 + 1.03 = 10.04.
    const live = (name: string) => page.locator(`[data-computed="${name}"] [data-value]`).getAttribute('data-value');
    await poll(() => live('net_total')).toBe('47.80');
    await poll(() => live('discount_total')).toBe('1.90');
    await poll(() => live('tax_total')).toBe('10.04');
    await poll(() => live('grand_total')).toBe('57.84');
    expect(await page.locator('[data-line-index="1"] [data-line-value="tax_amount"]').innerText()).toMatch(/3[.,]59/);
    expect(await page.getByText('calculated on save').count()).toBe(0);
    // The grid fits 1366 px with the item column in view: the page does not scroll sideways, codes are whole.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await screenshot(page, 'entry-quotation-keyboard-live-totals');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-lines-table="lines"]').waitFor();
    const id = Number(/sales\.quotation\/(\d+)/.exec(page.url())![1]);
    const q = await get(`/api/sales/quotation/${id}`);
    expect(q.lines.map((l: any) => [l.rate, l.qty, l.discount_percent, l.amount])).toEqual([
      ['12.9000', '2.000000', '0.00', '25.80'],
      ['0.1900', '100.000000', '10.00', '17.10'],
      ['0.4900', '10.000000', '0.00', '4.90'],
    ]);
    expect([q.net_total, q.tax_total, q.grand_total]).toEqual(['47.80', '10.04', '57.84']);
    // Money with its currency, quantities at their scale; one status chip (no "Status" field beside it).
    await page.locator('[data-field="grand_total"]').getByText('€57.84').waitFor();
    await page.locator('[data-lines-table="lines"]').getByText('100', { exact: true }).first().waitFor();
    expect(await page.locator('[data-field="status"]').count()).toBe(0);
    expect(await page.locator('[data-docstatus]').count()).toBe(1);
    await screenshot(page, 'entry-quotation-saved');
  });

  it('an action error stays in the dialog with the input kept; a warehouse picker; the made order is opened and named', async () => {
    const { page } = ui;
    const uom = (await one('/api/inventory/uom', { name: 'Nos' })).id;
    const item = (await post('/api/inventory/item', { code: 'NOWH-1', name: 'Item without a warehouse', stock_uom: uom })).id;
    const hammer = (await one('/api/inventory/item', { code: 'TL-001' })).id;
    const customer = (await post('/api/sales/customer', { name: 'No-warehouse customer', tax_rate: '21' })).id;
    const q = await post('/api/sales/quotation', {
      customer,
      lines: [
        { item: hammer, qty: '4', rate: '12.90' },
        { item, qty: '3', rate: '5' },
      ],
    });
    await post(`/api/sales/quotation/${q.id}/submit`, {}, 200);

    await go(`/sales.quotation/${q.id}/show`);
    await page.locator('[data-action="make_sales_order"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="customer_po"]').fill('PO-77');
    await dialog.getByRole('button', { name: 'Make sales order' }).click();
    // Line 2's item has no default warehouse: the server's problem is shown in the dialog, which stays open.
    await dialog
      .locator('[data-dialog-error]')
      .getByText(/Line 2, warehouse/)
      .waitFor();
    expect(await dialog.locator('input[name="customer_po"]').inputValue()).toBe('PO-77');
    await screenshot(page, 'entry-action-error-in-dialog');

    // The warehouse is a picker of leaf warehouses (no group), found by name.
    const wh = dialog.locator('input[role="combobox"]').first();
    await wh.click();
    await wh.pressSequentially('All', { delay: 20 });
    await page.getByRole('listbox').or(page.getByText('No options')).first().waitFor();
    expect(await page.getByRole('option', { name: /All warehouses/ }).count()).toBe(0);
    await wh.fill('');
    await wh.pressSequentially('Vilnius', { delay: 20 });
    await page
      .getByRole('option', { name: /Vilnius main/ })
      .first()
      .click();
    await dialog.getByRole('button', { name: 'Make sales order' }).click();
    await page.getByText(/Sales order SO-.+ created/).waitFor();
    await poll(() => page.url()).toMatch(/sales\.sales_order\/\d+\/show/);
    const order = await get(`/api/sales/sales_order/${Number(/sales_order\/(\d+)/.exec(page.url())![1])}`);
    expect(order.customer_po).toBe('PO-77');
    expect(order.quotation).toBe(q.id);
    await screenshot(page, 'entry-sales-order-opened');

    // Back on the quotation: its order is submitted, so "Make sales order" is no longer offered.
    await post(`/api/sales/sales_order/${order.id}/submit`, {}, 200);
    await go(`/sales.quotation/${q.id}/show`);
    await page.locator('[data-status="ordered"]').waitFor();
    expect(await page.locator('[data-action="make_sales_order"]').count()).toBe(0);

    // Partial delivery: the open lines with their qty prefilled; deliver 1 of 4 hammers and none of line 2.
    await go(`/sales.sales_order/${order.id}/show`);
    await page.locator('[data-action="make_delivery"]').click();
    const grid = page.getByRole('dialog').locator('[data-open-lines="lines"]');
    await grid.locator('[data-open-line="1"]').waitFor();
    const qty = (row: number) => grid.locator(`[data-open-line="${row}"] input[data-decimal]`);
    // Each row names its item and shows what was ordered and delivered.
    await grid.locator('[data-open-line="0"]').getByText('TL-001').waitFor();
    await grid.locator('[data-open-line="1"]').getByText('NOWH-1').waitFor();
    expect(await qty(0).inputValue()).toBe('4');
    expect(await qty(1).inputValue()).toBe('3');
    await qty(0).fill('1');
    await qty(1).fill('0');
    await screenshot(page, 'entry-partial-delivery-grid');
    await page.getByRole('dialog').getByRole('button', { name: 'Make delivery' }).click();
    await page.getByText(/Delivery .+ created/).waitFor();
    await poll(() => page.url()).toMatch(/sales\.delivery\/\d+\/show/);
    const delivery = await one('/api/sales/delivery', { sales_order: order.id });
    const lines = (await get(`/api/sales/delivery/${delivery.id}`)).lines;
    expect(lines.map((l: any) => [l.sales_order_item, l.qty])).toEqual([[order.lines[0].id, '1.000000']]);
    // The order line id is internal: not a column of the delivery's lines.
    expect(await page.locator('[data-lines-table="lines"] th', { hasText: 'Order line' }).count()).toBe(0);
    await screenshot(page, 'entry-delivery-made');
  });

  it('tags are typed as chips; internal fields are not in the form', async () => {
    const { page } = ui;
    await go('/crm.contact/create');
    await page.locator('[data-input="first_name"] input').fill('Rūta');
    await page.locator('[data-input="last_name"] input').fill('Chipienė');
    expect(await page.locator('[data-input="allow_duplicate"]').count()).toBe(0);
    expect(await page.locator('[data-input="lead"]').count()).toBe(0);
    const tags = page.locator('[data-tags-input="tags"]');
    await tags.click();
    await tags.pressSequentially('vip', { delay: 20 });
    await tags.press('Enter');
    await tags.pressSequentially('north', { delay: 20 });
    await tags.press('Enter');
    await page.locator('[data-tag="vip"]').waitFor();
    await page.locator('[data-tag="north"]').waitFor();
    await screenshot(page, 'entry-tags-chips');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-field="tags"] [data-tag="north"]').waitFor();
    const saved = await one('/api/crm/contact', { last_name: 'Chipienė' });
    expect(saved.tags).toEqual(['vip', 'north']);
  });
});

describe('pickers', () => {
  it('quick-creates a missing record from a picker and picks it', async () => {
    const { page } = ui;
    await go('/crm.contact/create');
    await page.locator('[data-input="first_name"] input').fill('Jonas');
    await page.locator('[data-input="last_name"] input').fill('Quickas');
    const org = page.locator('[data-input="organization"] input[role="combobox"]');
    await org.click();
    await org.pressSequentially('Quick Made UAB', { delay: 20 });
    await page.getByRole('option', { name: /Create "Quick Made UAB"/ }).click();
    const dialog = page.locator('[data-quick-create="crm.organization"]');
    await poll(() => dialog.locator('input[name="name"]').inputValue()).toBe('Quick Made UAB');
    await screenshot(page, 'entry-quick-create');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => org.inputValue()).toMatch(/^Quick Made UAB/);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-field="organization"]').getByText('Quick Made UAB').waitFor();
    const made = await one('/api/crm/organization', { name: 'Quick Made UAB' });
    expect((await one('/api/crm/contact', { last_name: 'Quickas' })).organization).toBe(made.id);
  });
});
