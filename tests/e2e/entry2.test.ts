/**
 * Entry in the admin UI, second part (issue 17, items 1-4) against a real Tessera with sales,
 * purchasing and accounting and the demo data: the item's default tax template filled on item
 * pick with its rate and the tax live in the totals; the buying rate of a purchase order line
 * from the supplier's prices (else the standard buying rate), declared as the line's price
 * source like the selling side's price lists; leaf warehouses only and a grid that keeps its
 * first column in view; the contact picker offering only the customer's contacts and saying
 * so; the "show all fields" switch, remembered. One browser for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter } from '../helpers.js';
import { chooseByKeyboard, screenshot, startUi, type UiSession } from './support.js';
import { requests } from '../../plugin-kit/src/testing.js';

let ui: UiSession;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 150 });
const tpl: Record<string, number> = {};

beforeAll(async () => {
  ui = await startUi({ plugins: ['inventory', 'crm', 'sales', 'purchasing', 'accounting'] });
  await ui.page.setViewportSize({ width: 1366, height: 900 });
  for (const r of (await ui.app.db.query(`select id, kind, code from accounting_tax_template`)).rows) tpl[`${r.kind}:${r.code}`] = Number(r.id);
  await ui.login();
}, 180_000);

afterAll(async () => {
  await ui?.close();
});

const go = (path: string) => ui.page.goto(`${ui.base}/admin${path}`);
const { get, post } = requests({ req: (method, path, body, headers) => ui.app.req(method, path, body, headers) });
const patch = async (path: string, body: unknown) => expect((await ui.app.req('PATCH', path, body)).status).toBe(200);
/** An input's decimal as typed in the UI (either separator, trailing zeros). */
const decimal = (v: string | number) => {
  const [int, frac] = String(Number(v)).split('.');
  return new RegExp(frac ? `^${int}[.,]${frac}0*$` : `^${int}([.,]0*)?$`);
};
const one = async (path: string, where: Record<string, unknown>) => (await get(`${path}?filter=${filter(where)}`)).data[0];
const live = (name: string) => ui.page.locator(`[data-computed="${name}"] [data-value]`).getAttribute('data-value');
const cell = (row: number, name: string) => ui.page.locator(`[data-line-index="${row}"] [data-cell="${name}"]`);

/** Picks a record in a header picker by typing part of its name. */
async function pickHeader(input: string, text: string, option: RegExp) {
  const box = ui.page.locator(`[data-input="${input}"] input[role="combobox"]`);
  await box.click();
  await box.pressSequentially(text, { delay: 20 });
  await ui.page.getByRole('option', { name: option }).first().click();
  await poll(() => box.inputValue()).toMatch(option);
}

/** Types into a line's item picker and chooses the option by keyboard. */
const pickItem = (row: number, text: string, option: RegExp) => chooseByKeyboard(ui.page, cell(row, 'item').locator('input[role="combobox"]'), text, option);

/** A line's warehouse picker offers warehouses, not the group "All warehouses". */
async function expectLeafWarehouses(row: number) {
  const wh = cell(row, 'warehouse').locator('input[role="combobox"]');
  await wh.click();
  await ui.page
    .getByRole('option', { name: /Vilnius main/ })
    .first()
    .waitFor();
  expect(await ui.page.getByRole('option', { name: /All warehouses/ }).count()).toBe(0);
  await wh.press('Escape');
}

describe('line defaults from the item', () => {
  it("picking an item fills its default tax template and the template's rate; the tax is live in the totals", async () => {
    const { page } = ui;
    const wrap = await one('/api/inventory/item', { code: 'PK-009' });
    await patch(`/api/inventory/item/${wrap.id}`, { sales_tax_template: tpl['sales:VAT9'] });
    await go('/sales.quotation/create');
    await pickHeader('customer', 'Nemunas', /Nemunas Builders/);
    await poll(() => page.locator('[data-input="tax_rate"] input').inputValue()).toMatch(/^21/);

    await pickItem(0, 'PK-009', /PK-009 - Pallet wrap clear/);
    // The item's template (9 %) replaces the document's 21 % on this line, before saving.
    await poll(() => cell(0, 'tax_template').locator('input').inputValue()).toMatch(/VAT 9 %/);
    await poll(() => cell(0, 'tax_rate').locator('input').inputValue()).toMatch(decimal(9));
    // Pallet wrap is on no price list: the rate is typed.
    await cell(0, 'rate').locator('input').fill('11.90');
    const rate = '11.90';
    await cell(0, 'qty').locator('input').fill('10');
    const net = (Number(rate.replace(',', '.')) * 10).toFixed(2);
    await poll(() => live('net_total')).toBe(net);
    await poll(() => live('tax_total')).toBe(((Number(net) * 9) / 100).toFixed(2));
    // A line without an item template takes the document's rate.
    await page.keyboard.press('Enter');
    await pickItem(1, 'TL-001', /TL-001 - Claw hammer/);
    await poll(() => cell(1, 'rate').locator('input').inputValue()).toMatch(/\d/);
    await cell(1, 'qty').locator('input').fill('1');
    await poll(() => cell(1, 'tax_rate').locator('input').inputValue()).toBe('');
    const hammer = Number((await cell(1, 'rate').locator('input').inputValue()).replace(',', '.'));
    await poll(() => live('tax_total')).toBe((Math.round(Number(net) * 9) / 100 + Math.round(hammer * 21) / 100).toFixed(2));
    // In the company currency the exchange rate is 1: the company-currency totals are live too (not 0.00).
    await poll(() => live('base_net_total')).toBe(await live('net_total'));
    await screenshot(page, 'entry2-item-tax-template');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-lines-table="lines"]').waitFor();
    const q = await get(`/api/sales/quotation/${Number(/sales\.quotation\/(\d+)/.exec(page.url())![1])}`);
    expect(q.lines.map((l: any) => [l.tax_template, l.tax_rate])).toEqual([
      [tpl['sales:VAT9'], '9.00'],
      [null, null],
    ]);
    expect(q.tax_total).toBe((Math.round(Number(net) * 9) / 100 + Math.round(hammer * 21) / 100).toFixed(2));
  });

  it("a purchase order line takes the supplier's buying price, else the standard buying rate, and the purchase tax template", async () => {
    const { page } = ui;
    const nut = await one('/api/inventory/item', { code: 'NUT-M8' });
    const bolt = await one('/api/inventory/item', { code: 'BLT-M8-40' });
    const fasteners = await one('/api/inventory/item_group', { name: 'Fasteners' });
    await patch(`/api/inventory/item_group/${fasteners.id}`, { purchase_tax_template: tpl['purchase:VAT21'] });
    const supplier = await one('/api/purchasing/supplier', { code: 'BALTFAST' });
    await patch(`/api/purchasing/supplier/${supplier.id}`, { prices: [{ item: nut.id, rate: '0.07' }] });

    await go('/purchasing.purchase_order/create');
    await pickHeader('supplier', 'Baltic Fast', /Baltic Fasteners UAB/);
    await pickItem(0, 'NUT-M8', /NUT-M8 - Hex nut M8/);
    await poll(() => cell(0, 'rate').locator('input').inputValue()).toMatch(decimal('0.07'));
    await poll(() => cell(0, 'tax_template').locator('input').inputValue()).toMatch(/VAT 21 %/);
    await poll(() => cell(0, 'tax_rate').locator('input').inputValue()).toMatch(/^21/);
    await cell(0, 'qty').locator('input').fill('100');
    await page.keyboard.press('Enter');
    await pickItem(1, 'BLT-M8-40', /BLT-M8-40 - Hex bolt M8x40/);
    // No price of the supplier: the item's standard buying rate.
    await poll(() => cell(1, 'rate').locator('input').inputValue()).toMatch(decimal(bolt.standard_rate));
    await cell(1, 'qty').locator('input').fill('10');
    const boltAmount = (Number(bolt.standard_rate) * 10).toFixed(2);
    await poll(() => live('total')).toBe((7 + Number(boltAmount)).toFixed(2));
    await poll(() => live('tax_total')).toBe((1.47 + Math.round(Number(boltAmount) * 21) / 100).toFixed(2));

    // Leaf warehouses only: the group "All warehouses" is not offered on the line.
    await expectLeafWarehouses(0);

    // The grid scrolls inside itself at 1366 px; the row number and item column stay in view.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    const grid = page
      .locator('[data-lines="lines"] > div')
      .filter({ has: page.locator('table') })
      .first();
    const before = (await cell(0, 'item').boundingBox())!.x;
    await grid.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await poll(() => grid.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(Math.abs((await cell(0, 'item').boundingBox())!.x - before)).toBeLessThan(2);
    await screenshot(page, 'entry2-purchase-order-buying-rate');
  });
});

describe('keyboard entry', () => {
  it("a new line copies the previous line's warehouse, and picking its item keeps it", async () => {
    const { page } = ui;
    await go('/sales.sales_order/create');
    await pickHeader('customer', 'Nemunas', /Nemunas Builders/);
    await pickItem(0, 'TL-001', /TL-001 - Claw hammer/);
    // The item's default warehouse is filled; the user sends this line from Kaunas.
    const wh0 = cell(0, 'warehouse').locator('input[role="combobox"]');
    await poll(() => wh0.inputValue()).not.toBe('');
    await wh0.click();
    await wh0.fill('');
    await wh0.pressSequentially('Kaunas', { delay: 20 });
    await page
      .getByRole('option', { name: /Kaunas store/ })
      .first()
      .click();
    await poll(() => wh0.inputValue()).toMatch(/Kaunas store/);
    await cell(0, 'qty').locator('input').fill('1');
    await page.keyboard.press('Enter');
    await page.locator('[data-line-index="1"]').waitFor();
    await poll(() => cell(1, 'warehouse').locator('input[role="combobox"]').inputValue()).toMatch(/Kaunas store/);
    await pickItem(1, 'NUT-M8', /NUT-M8 - Hex nut M8/);
    await poll(() => cell(1, 'rate').locator('input').inputValue()).toMatch(/\d/);
    expect(await cell(1, 'warehouse').locator('input[role="combobox"]').inputValue()).toMatch(/Kaunas store/);
    await screenshot(page, 'entry2-line-repeats-warehouse');
  });
});

describe('pickers in context', () => {
  it("the contact picker offers only the customer's organization's contacts, and says so", async () => {
    const { page } = ui;
    await go('/sales.quotation/create');
    await pickHeader('customer', 'Baltic Hard', /Baltic Hardware UAB/);
    const contact = page.locator('[data-input="contact"] input[role="combobox"]');
    await page.locator('[data-input="contact"] [data-filtered-by]').getByText('Only those of Customer: Baltic Hardware UAB').waitFor();
    await contact.click();
    await page.getByRole('option', { name: /Rūta Kazlauskienė/ }).waitFor();
    await page.getByRole('option', { name: /Tomas Petrauskas/ }).waitFor();
    // Equal names are told apart by the secondary text (job title, e-mail).
    await page
      .getByRole('option', { name: /Rūta Kazlauskienė - Purchasing manager/ })
      .getByText('ruta@baltichardware.lt')
      .waitFor();
    expect(await page.getByRole('option').count()).toBe(2);
    expect(await page.getByRole('option', { name: /Jonas Jonaitis/ }).count()).toBe(0);
    await screenshot(page, 'entry2-contact-picker-filtered');
    await page.getByRole('option', { name: /Tomas Petrauskas/ }).click();
    // Another customer: the choices follow.
    await pickHeader('customer', 'Nemunas', /Nemunas Builders/);
    await page.locator('[data-input="contact"] [data-filtered-by]').getByText('Only those of Customer: Nemunas Builders').waitFor();
    await contact.click();
    await page.getByRole('option', { name: /Jonas Jonaitis/ }).waitFor();
    expect(await page.getByRole('option', { name: /Tomas Petrauskas/ }).count()).toBe(0);
  });
});

describe('pickers by document kind', () => {
  it('a stock document offers stock items only and leaf warehouses only', async () => {
    const { page } = ui;
    await go('/inventory.stock_reconciliation/create');
    const item = cell(0, 'item').locator('input[role="combobox"]');
    await item.click();
    await item.pressSequentially('SRV', { delay: 20 });
    // The services (SRV-DELIVERY, SRV-INSTALL) keep no stock: nothing is found, only "Create" is offered.
    await poll(() => page.getByRole('option').allInnerTexts()).toEqual(['Create "SRV"…']);
    await item.fill('');
    await item.pressSequentially('NUT', { delay: 20 });
    await page
      .getByRole('option', { name: /NUT-M8/ })
      .first()
      .waitFor();
    await item.press('Escape');
    await expectLeafWarehouses(0);
  });
});

describe('document messages and buttons', () => {
  it('submitting names the document, and Submit is then no longer offered', async () => {
    const { page } = ui;
    const customer = (await one('/api/sales/customer', { name: 'Nemunas Builders' })).id;
    const hammer = (await one('/api/inventory/item', { code: 'TL-001' })).id;
    const q = await post('/api/sales/quotation', { customer, quotation_date: '2026-03-01', lines: [{ item: hammer, qty: '1', rate: '12.90' }] });
    await go(`/sales.quotation/${q.id}/show`);
    await page.locator('[data-doc-op="submit"]').click();
    await page.getByRole('dialog').locator('button', { hasText: 'Submit' }).last().click();
    await page.getByText(`Quotation ${q.number} submitted`).waitFor();
    // Dates in the user's locale, long on a record page.
    await page.locator('[data-field="quotation_date"]').getByText('March 1, 2026').waitFor();
    await poll(() => page.locator('[data-doc-op="submit"]').count()).toBe(0);
    await page.locator('[data-doc-op="cancel"]').waitFor();
    expect(await page.locator('[data-docstatus]').count()).toBe(1);
    await screenshot(page, 'entry2-submitted-named');
  });
});

describe('show all fields', () => {
  it('internal fields are hidden until the switch shows them; the choice is remembered for the user', async () => {
    const { page } = ui;
    await go('/crm.contact/create');
    await page.locator('[data-input="first_name"]').waitFor();
    expect(await page.locator('[data-input="allow_duplicate"]').count()).toBe(0);
    const toggle = page.locator('[data-all-fields]').first();
    await toggle.getByText('Show all fields').click();
    await page.locator('[data-input="allow_duplicate"]').waitFor();
    await screenshot(page, 'entry2-show-all-fields');
    // Remembered (local storage, per user): a new page load keeps it.
    await page.reload();
    await page.locator('[data-input="allow_duplicate"]').waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).some((k) => /tessera\.all_fields\.\d+/.test(k)))).toBe(true);
    // A record page shows the internal line column too (a delivery's order line), read-only.
    const delivery = (await get('/api/sales/delivery?limit=1&sort=id')).data[0];
    if (delivery) {
      await go(`/sales.delivery/${delivery.id}/show`);
      await page.locator('[data-lines-table="lines"] th', { hasText: 'Order line' }).first().waitFor();
    }
    await go('/crm.contact/create');
    await page.locator('[data-all-fields]').first().getByText('Show all fields').click();
    await poll(() => page.locator('[data-input="allow_duplicate"]').count()).toBe(0);
  });
});
