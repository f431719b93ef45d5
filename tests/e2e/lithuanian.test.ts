/**
 * The sales chain in Lithuanian (issue 17, item 10): a company whose locale is `lt` gets the
 * login page in Lithuanian (GET /api/public/locale, before anyone signs in), and after sign-in
 * the record pages, a form and an action dialog of quotation -> order -> delivery -> invoice
 * show no English text of the catalogues (the UI's own, the entity and field labels, the
 * action labels), including a server error in the dialog, which comes from the message
 * catalogue (key + params) in Lithuanian. Screenshots: tests/artifacts/lt-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tesseraEn } from '../../admin-ui/src/i18n/tessera.en.js';
import { tesseraLt } from '../../admin-ui/src/i18n/tessera.lt.js';
import { filter } from '../helpers.js';
import { columnTexts, screenshot, startUi, type UiSession } from './support.js';

let ui: UiSession;
const english = new Set<string>();

beforeAll(async () => {
  ui = await startUi({ plugins: ['inventory', 'crm', 'sales'], company: { currency: 'EUR', locale: 'lt' } });
  await ui.page.setViewportSize({ width: 1366, height: 900 });
  const meta = (await ui.app.req('GET', '/api/meta')).body;
  // The English texts that differ from their Lithuanian ones: the UI catalogue, the sales entities' names, field and action labels.
  const walk = (en: any, lt: any) => {
    for (const [k, v] of Object.entries(en))
      if (typeof v === 'string') {
        if (v !== lt?.[k] && /^[A-Z][a-z]+( [a-z]+)*$/.test(v) && v.length > 4) english.add(v);
      } else walk(v, lt?.[k]);
  };
  walk(tesseraEn, tesseraLt);
  for (const e of meta.entities.filter((x: any) => x.plugin === 'sales')) {
    for (const s of [e.plural, e.label]) if (s !== e.labels?.lt?.plural && s !== e.labels?.lt?.title) english.add(s);
    for (const f of e.fields) if (f.labels?.lt && f.labels.lt !== f.label && f.label.length > 4) english.add(f.label);
    for (const a of e.actions ?? []) if (a.labels?.lt && a.labels.lt !== a.label) english.add(a.label);
  }
}, 240_000);

afterAll(async () => {
  await ui?.close();
});

const go = (path: string) => ui.page.goto(`${ui.base}/admin${path}`);
const ok = async (method: string, path: string, body?: unknown, status = 200) => {
  const r = await ui.app.req(method, path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};
const one = async (path: string, f: Record<string, unknown>) => (await ok('GET', `${path}?filter=${filter(f)}&limit=1`)).data[0];

/** The English catalogue texts found in a piece of the page (whole words). */
async function englishIn(locator: ReturnType<UiSession['page']['locator']>): Promise<string[]> {
  const text = await locator.innerText();
  return [...english].filter((s) => new RegExp(`(^|[^\\p{L}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text));
}

describe('the sales chain in Lithuanian', () => {
  it('the login page speaks the company language before anyone signs in', async () => {
    const { page } = ui;
    await go('/');
    await page.locator('input[name="username"]').waitFor();
    await page.getByRole('button', { name: 'Prisijungti' }).waitFor();
    await screenshot(page, 'lt-login');
    await page.locator('input[name="username"]').fill(ui.user.username);
    await page.locator('input[name="password"]').fill(ui.user.password);
    await page.getByRole('button', { name: 'Prisijungti' }).click();
    await page.locator('[data-menu-group]').first().waitFor();
    expect(await englishIn(page.locator('body'))).toEqual([]);
  });

  it('quotation page, its action dialog and a server error in Lithuanian; order, delivery and invoice pages; a form', async () => {
    const { page } = ui;
    const uom = (await one('/api/inventory/uom', { name: 'Nos' })).id;
    const item = (await ok('POST', '/api/inventory/item', { code: 'LT-NOWH', name: 'Prekė be sandėlio', stock_uom: uom, is_stock_item: false }, 201)).id;
    const hammer = (await one('/api/inventory/item', { code: 'TL-001' })).id;
    const main = (await one('/api/inventory/warehouse', { code: 'VLN' })).id;
    const customer = (await ok('POST', '/api/sales/customer', { name: 'UAB Lietuviškas klientas', tax_rate: '21' }, 201)).id;
    const q = await ok(
      'POST',
      '/api/sales/quotation',
      {
        customer,
        lines: [
          { item: hammer, qty: '2', rate: '12.90' },
          { item, qty: '1', rate: '5' },
        ],
      },
      201,
    );
    await ok('POST', `/api/sales/quotation/${q.id}/submit`, {});

    // The quotation's record page.
    await go(`/sales.quotation/${q.id}/show`);
    await page.locator('[data-action="make_sales_order"]').waitFor();
    await page.locator('[data-menu-group]').first().waitFor();
    expect(await englishIn(page.locator('body')), 'quotation page').toEqual([]);
    await screenshot(page, 'lt-quotation');

    // Its action dialog, and the server's refusal (line 2's item has no warehouse) in Lithuanian, in the dialog.
    await page.locator('[data-action="make_sales_order"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="customer_po"]').fill('PO-LT-1');
    expect(await englishIn(dialog), 'action dialog').toEqual([]);
    await dialog.locator('[data-action-run="make_sales_order"]').click();
    const error = dialog.locator('[data-dialog-error]');
    await error.getByText(/privaloma: nurodykite užsakymo sandėlį arba numatytąjį prekės LT-NOWH sandėlį/).waitFor();
    expect(await error.innerText()).not.toMatch(/is required|warehouse of item/);
    expect(await englishIn(dialog), 'dialog with the error').toEqual([]);
    expect(await dialog.locator('input[name="customer_po"]').inputValue()).toBe('PO-LT-1');
    await screenshot(page, 'lt-action-error');
    await page.keyboard.press('Escape');

    // The chain made through the API; each record page in Lithuanian.
    const order = await ok('POST', `/api/sales/quotation/${q.id}/actions/make_sales_order`, { warehouse: main, submit: true });
    expect(order.docstatus).toBe('submitted');
    const delivery = await ok('POST', `/api/sales/sales_order/${order.id}/actions/make_delivery`, { submit: true });
    const invoice = await ok('POST', `/api/sales/sales_order/${order.id}/actions/make_invoice`, { submit: true });
    for (const [path, name] of [
      [`/sales.sales_order/${order.id}/show`, 'lt-sales-order'],
      [`/sales.delivery/${delivery.id}/show`, 'lt-delivery'],
      [`/sales.sales_invoice/${invoice.id}/show`, 'lt-sales-invoice'],
    ] as const) {
      await go(path);
      await page.locator('[data-menu-group]').first().waitFor();
      await page
        .getByText(String((await ok('GET', `/api/${path.split('/')[1]!.replace('.', '/')}/${path.split('/')[2]}`)).number))
        .first()
        .waitFor();
      expect(await englishIn(page.locator('body')), path).toEqual([]);
      await screenshot(page, name);
    }

    // A form: a new quotation.
    await go('/sales.quotation/create');
    await page.locator('form').first().waitFor();
    await page.locator('[data-menu-group]').first().waitFor();
    expect(await englishIn(page.locator('body')), 'quotation form').toEqual([]);
    await screenshot(page, 'lt-quotation-form');
  }, 180_000);
  it("the chain's lists and their menus and dialogs in Lithuanian: filters, columns, group by, saved views, export, the delivery and invoice dialogs", async () => {
    const { page } = ui;
    const menuOrDialog = () => page.locator('[role="menu"], [role="dialog"]').last();
    const noEnglish = async (what: string) => expect(await englishIn(page.locator('body')), what).toEqual([]);
    for (const list of ['sales.quotation', 'sales.sales_order', 'sales.delivery', 'sales.sales_invoice', 'sales.customer']) {
      await go(`/${list}`);
      await page.locator('table tbody tr').first().waitFor();
      await noEnglish(`${list} list`);
      for (const button of ['[data-columns-button]', '[data-group-button]', '[data-views-button]']) {
        await page.locator(button).click();
        await menuOrDialog().waitFor();
        expect(await englishIn(menuOrDialog()), `${list} ${button}`).toEqual([]);
        await page.keyboard.press('Escape');
        await menuOrDialog().waitFor({ state: 'hidden' });
      }
      // the filter menu (react-admin's "Add filter")
      const addFilter = page.locator('[data-testid="FilterListIcon"]').first();
      if (await addFilter.count()) {
        await addFilter.click();
        await menuOrDialog().waitFor();
        expect(await englishIn(menuOrDialog()), `${list} filters`).toEqual([]);
        await page.keyboard.press('Escape');
        await menuOrDialog().waitFor({ state: 'hidden' });
      }
      await page.locator('[data-export-button]').click();
      await page.getByRole('dialog').waitFor();
      expect(await englishIn(page.getByRole('dialog')), `${list} export dialog`).toEqual([]);
      if (list === 'sales.quotation') await screenshot(page, 'lt-list-export-dialog');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
    }
    // grouped by status, with counts and sums
    await go('/sales.sales_order');
    await page.locator('[data-group-button]').click();
    await page.locator('[data-group-choice="docstatus"]').click();
    await page.locator('[data-group-summary="docstatus"]').waitFor();
    await noEnglish('sales orders grouped');
    await screenshot(page, 'lt-list-grouped');

    // an order to deliver part of and invoice: the open-lines dialog and the invoice dialog
    const customer = (await one('/api/sales/customer', { name: 'UAB Lietuviškas klientas' })).id;
    const hammer = (await one('/api/inventory/item', { code: 'TL-001' })).id;
    const main = (await one('/api/inventory/warehouse', { code: 'VLN' })).id;
    const order = await ok('POST', '/api/sales/sales_order', { customer, warehouse: main, lines: [{ item: hammer, qty: '3', rate: '12.90' }] }, 201);
    await ok('POST', `/api/sales/sales_order/${order.id}/submit`, {});
    await go(`/sales.sales_order/${order.id}/show`);
    for (const action of ['make_delivery', 'make_invoice']) {
      await page.locator(`[data-action="${action}"]`).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await page.waitForTimeout(300);
      expect(await englishIn(dialog), `${action} dialog`).toEqual([]);
      await screenshot(page, `lt-dialog-${action.replace('_', '-')}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    }
  }, 240_000);

  it('seeded names in Lithuanian everywhere a record is shown: list titles, reference cells, the board, a report, the search', async () => {
    const { page } = ui;
    const stage = await one('/api/crm/stage', { name: 'Prospecting' });
    const source = await one('/api/crm/lead_source', { name: 'Website' });
    const organization = (await ok('POST', '/api/crm/organization', { name: 'UAB Sandorių partneris' }, 201)).id;
    await ok('POST', '/api/crm/opportunity', { name: 'Sandoris LT', organization, amount: '1000', stage: stage.id, source: source.id }, 201);

    // set-up lists: their title cells
    for (const [list, lt, en, shot] of [
      ['inventory.uom', ['Vnt.', 'Dėžė', 'Pakuotė'], ['Nos', 'Box', 'Pack'], 'lt-units-list'],
      ['crm.lead_source', ['Svetainė', 'Rekomendacija', 'Šaltas skambutis'], ['Website', 'Referral', 'Cold call'], 'lt-lead-sources-list'],
    ] as const) {
      await go(`/${list}`);
      await page.locator('td.column-name', { hasText: lt[0] }).first().waitFor();
      const titles = await columnTexts(page, 'name');
      expect(titles).toEqual(expect.arrayContaining([...lt]));
      expect(titles.filter((t) => (en as readonly string[]).includes(t))).toEqual([]);
      await screenshot(page, shot);
    }

    // reference cells: an item's unit, a deal's stage
    await go('/inventory.item');
    await page.locator('td.column-stock_uom', { hasText: 'Vnt.' }).first().waitFor();
    expect(await columnTexts(page, 'stock_uom')).not.toContain('Nos');
    await go('/crm.opportunity');
    await page.locator('tr', { hasText: 'Sandoris LT' }).locator('td.column-stage', { hasText: 'Paieška' }).waitFor();

    // the board: columns and cards
    await page.locator('[data-view="board"]').click();
    const column = page.locator(`[data-column="${stage.id}"]`);
    await column.locator('[data-card]', { hasText: 'Sandoris LT' }).waitFor();
    expect(await column.innerText()).toContain('Paieška');
    const board = await page.locator('[data-board]').innerText();
    for (const en of ['Prospecting', 'Qualification', 'Negotiation']) expect(board).not.toContain(en);
    await screenshot(page, 'lt-board-seeded');
    await page
      .locator('[aria-label="Lentelė"], [title="Lentelė"]')
      .first()
      .click()
      .catch(() => undefined);

    // a report that shows a reference: the pipeline by stage
    const meta = (await ui.app.req('GET', '/api/meta')).body;
    const pipeline = meta.reports.find((r: any) => r.url === '/api/crm/reports/pipeline');
    await go(`/reports/${pipeline.id}`);
    await page.locator('[data-report-ready]').waitFor();
    const table = page.locator('[data-report-table]').first();
    await table.locator('[data-col="stage"]', { hasText: 'Paieška' }).first().waitFor();
    const reportText = await table.innerText();
    for (const en of ['Prospecting', 'Qualification', 'Negotiation']) expect(reportText).not.toContain(en);
    await screenshot(page, 'lt-report-seeded');

    // the dashboard's chart of deals by stage names the stages in Lithuanian
    await go('/');
    const pipelineWidget = page.locator('[data-widget="crm.pipeline_by_stage"]');
    await pipelineWidget.locator('svg text', { hasText: 'Paieška' }).first().waitFor();
    expect(await pipelineWidget.evaluate((el) => el.textContent)).not.toContain('Prospecting');
    await screenshot(page, 'lt-dashboard-seeded');

    // the global search: a seeded record is found by its Lithuanian title, and its hit reads in Lithuanian
    await page.keyboard.press('Control+k');
    await page.locator('[data-global-search-input]').fill('svetain');
    await page.locator(`[data-search-hit="crm.lead_source/${source.id}"]`, { hasText: 'Svetainė' }).waitFor();
    expect(await page.locator(`[data-search-hit="crm.lead_source/${source.id}"]`).innerText()).not.toContain('Website');
    await screenshot(page, 'lt-search-seeded');
    await page.keyboard.press('Escape');
  }, 180_000);
});
