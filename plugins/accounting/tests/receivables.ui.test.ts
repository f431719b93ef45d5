/**
 * Receivables screens in the browser (real server with the demo data, headless Chromium): the
 * payment entry suggests the oldest open invoices and submits the allocation; the
 * reconciliation screen accepts a suggested match in one click and creates a payment for the
 * unbooked transfer; the ageing and statement reports render; a quotation in another currency
 * shows its company-currency totals live, before saving. The same screens in Lithuanian show no
 * English text of their catalogues, and the statement's party is a picker of the party type's records. Screenshots in tests/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter } from '../../../tests/helpers.js';
import { screenshot, startUi, type UiSession } from '../../../tests/e2e/support.js';
import { ACCOUNTING_TEXTS } from '../../../admin-ui/src/ui/pages/accounting-texts.js';
import { tesseraEn } from '../../../admin-ui/src/i18n/tessera.en.js';
import { tesseraLt } from '../../../admin-ui/src/i18n/tessera.lt.js';

let ui: UiSession;

beforeAll(async () => {
  ui = await startUi({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'accounting'] });
  await ui.login();
}, 180_000);
afterAll(async () => {
  await ui?.close();
});

describe('receivables in the browser', () => {
  it('payment entry: the grid suggests the oldest open invoices and the payment settles them', async () => {
    const { page, app } = ui;
    const overdue = (await app.req('GET', `/api/sales/sales_invoice?filter=${filter({ payment_status: 'overdue' })}&sort=due_date`)).body.data;
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    const customer = (await app.req('GET', `/api/sales/customer/${overdue[0].customer}`)).body;
    const open = (await app.req('GET', `/api/accounting/open-invoices?party_type=customer&party=${customer.id}`)).body.data;
    const [first, second] = open;
    await page.goto(`${ui.base}/admin/accounting/payment-entry`);
    await page.locator('[data-page="accounting-payment-entry"]').waitFor();
    await page.locator('[data-menu-item="/accounting/payment-entry"]').waitFor({ state: 'attached' });
    await page.locator('[role="combobox"]').nth(1).click();
    await page.getByRole('option', { name: customer.name, exact: true }).click();
    await page.locator(`[data-open-invoice="${first.number}"]`).waitFor();
    // the first invoice in full and 1.00 of the second
    const amount = (Number(first.outstanding_amount) + 1).toFixed(2);
    await page.locator('[data-amount]').fill(amount);
    await expect.poll(() => page.locator(`[data-allocate="${first.number}"]`).inputValue()).toBe(first.outstanding_amount);
    if (second) expect(await page.locator(`[data-allocate="${second.number}"]`).inputValue()).toBe('1.00');
    expect(await page.locator('[data-unallocated]').innerText()).toContain(second ? '0.00' : '1.00');
    if (!second) await page.getByLabel(/advance/).check();
    await screenshot(page, 'accounting-payment-entry');
    await page.locator('[data-payment-submit]').click();
    await page.locator('[data-payment-done]').waitFor();
    expect((await app.req('GET', `/api/sales/sales_invoice/${first.id}`)).body.payment_status).toBe('paid');
  }, 180_000);

  it('reconciliation: one click accepts a suggested payment; an unbooked transfer becomes a payment of the invoice it names', async () => {
    const { page, app } = ui;
    const bank = (await app.req('GET', '/api/accounting/bank_account')).body.data[0];
    await page.goto(`${ui.base}/admin/accounting/reconciliation`);
    await page.locator('[data-page="accounting-reconciliation"]').waitFor();
    await page.locator('[data-statement-line]').first().waitFor();
    const before = await page.locator('[data-statement-line]').count();
    const sug = (await app.req('GET', `/api/accounting/bank-reconciliation/${bank.id}/suggestions`)).body.data;
    const matched = sug.find((s: any) => s.payments.length);
    await page.locator(`[data-statement-line="${matched.transaction.id}"]`).click();
    await page.locator(`[data-suggested-payment="${matched.payments[0].number}"]`).waitFor();
    await screenshot(page, 'accounting-reconciliation');
    await page.locator(`[data-suggested-payment="${matched.payments[0].number}"] [data-accept]`).click();
    await expect.poll(() => page.locator('[data-statement-line]').count(), { timeout: 15_000 }).toBe(before - 1);
    expect((await app.req('GET', `/api/accounting/bank_transaction/${matched.transaction.id}`)).body).toMatchObject({
      status: 'reconciled',
      payment: matched.payments[0].payment,
    });
    const unbooked = sug.find((s: any) => !s.payments.length && s.invoices.length);
    await page.locator(`[data-statement-line="${unbooked.transaction.id}"]`).click();
    await page.locator(`[data-suggested-invoice="${unbooked.invoices[0].number}"] [data-create-payment]`).click();
    await expect.poll(() => page.locator('[data-statement-line]').count(), { timeout: 15_000 }).toBe(before - 2);
    expect((await app.req('GET', `/api/accounting/bank_transaction/${unbooked.transaction.id}`)).body.status).toBe('reconciled');
    // what is left (the other demo lines, the bank fee) explains book vs statement to the cent
    await expect.poll(() => page.locator('[data-unexplained]').innerText()).toMatch(/: 0\.00$/);
  }, 180_000);

  it('ageing and statement of account render as report screens', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}/admin/reports/accounting.ageing`);
    await page.getByText('Over 90 days').first().waitFor();
    await screenshot(page, 'accounting-ageing');
    const verify = (await ui.app.req('GET', '/api/accounting/reports/verify')).body;
    expect(verify.data).toEqual([]);
  }, 180_000);

  it('sales forms show company-currency totals live, before saving: the rate the server will fill', async () => {
    const { page, app } = ui;
    // CHF is worth 0.95 EUR since 2020 (a currency the demo data does not use)
    const rate = await app.req('POST', '/api/accounting/exchange_rate', {
      rate_date: '2020-01-01',
      from_currency: 'CHF',
      to_currency: 'EUR',
      rate: '0.950000000',
    });
    expect(rate.status, JSON.stringify(rate.body)).toBe(201);
    const buyer = await app.req('POST', '/api/sales/customer', { name: 'Zurich Werkzeug AG', currency: 'CHF', tax_rate: '0' });
    expect(buyer.status, JSON.stringify(buyer.body)).toBe(201);
    const item = (await app.req('GET', '/api/inventory/item?limit=1&sort=id')).body.data[0];
    await page.goto(`${ui.base}/admin/sales.quotation/create`);
    const customer = page.locator('[data-input="customer"] input[role="combobox"]');
    await customer.click();
    await customer.pressSequentially('Zurich', { delay: 20 });
    await page
      .getByRole('option', { name: /Zurich Werkzeug AG/ })
      .first()
      .click();
    const itemInput = page.locator('[data-line-index="0"] [data-cell="item"] input[role="combobox"]');
    await itemInput.click();
    await itemInput.pressSequentially(item.code, { delay: 20 });
    await page
      .getByRole('option', { name: new RegExp(`^${item.code} - `) })
      .first()
      .click();
    await page.locator('[data-line-index="0"] [data-cell="qty"] input').fill('3');
    await page.locator('[data-line-index="0"] [data-cell="rate"] input').fill('33.33');
    const live = (name: string) => page.locator(`[data-computed="${name}"] [data-value]`).getAttribute('data-value');
    // 99.99 CHF x 0.95 = 94.9905 -> 94.99 EUR, while the rate field is still empty
    await expect.poll(() => live('grand_total'), { timeout: 15_000 }).toBe('99.99');
    await expect.poll(() => live('base_grand_total'), { timeout: 15_000 }).toBe('94.99');
    await expect.poll(() => live('base_net_total')).toBe('94.99');
    expect(await page.locator('[data-input="exchange_rate"] input').inputValue()).toBe('');
    await screenshot(page, 'accounting-quotation-live-base-totals');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/sales\.quotation\/\d+\/show/);
    const id = Number(/sales\.quotation\/(\d+)/.exec(page.url())![1]);
    expect((await app.req('GET', `/api/sales/quotation/${id}`)).body).toMatchObject({
      currency: 'CHF',
      exchange_rate: '0.950000000',
      base_grand_total: '94.99',
    });
  }, 180_000);

  it('in Lithuanian: payment entry, reconciliation, ageing and statement show no English text of their catalogues', async () => {
    const { page, app } = ui;
    await page.goto(`${ui.base}/admin/`);
    await page.locator('[data-menu-group]').first().waitFor();
    await page.getByRole('button', { name: /English/i }).click();
    await page.getByRole('menuitem', { name: 'Lietuvių' }).click();
    const meta = (await app.req('GET', '/api/meta')).body;
    // The English texts that differ from their Lithuanian ones: the screens' own catalogue, the UI
    // catalogue, accounting's entity and field labels, the reports' labels, parameters and columns.
    const english = new Set<string>();
    const add = (en: unknown, lt: unknown) => {
      if (typeof en === 'string' && en !== lt && en.length > 3 && /^[A-Z][a-z]+( [a-z0-9-]+)*$/.test(en)) english.add(en);
    };
    const walk = (en: any, lt: any) => {
      for (const [k, v] of Object.entries(en))
        if (typeof v === 'string') add(v, lt?.[k]);
        else walk(v, lt?.[k]);
    };
    walk(ACCOUNTING_TEXTS.en, ACCOUNTING_TEXTS.lt);
    walk(tesseraEn, tesseraLt);
    for (const e of meta.entities.filter((x: any) => x.plugin === 'accounting')) {
      add(e.plural, e.labels?.lt?.plural);
      add(e.label, e.labels?.lt?.title);
      for (const f of e.fields) if (f.labels?.lt) add(f.label, f.labels.lt);
    }
    for (const r of meta.reports.filter((x: any) => ['ageing', 'statement-of-account'].includes(x.id))) {
      add(r.label, r.labels?.lt);
      for (const [name, p] of Object.entries<any>(r.params?.properties ?? {})) add(p.title ?? name, p['x-labels']?.lt?.title);
    }
    const customer = (await app.req('GET', '/api/sales/customer?limit=1&sort=id')).body.data[0];
    for (const q of ['ageing?party_type=customer', `statement-of-account?party_type=customer&party=${customer.id}`]) {
      const answer = (await app.req('GET', `/api/accounting/reports/${q}`)).body;
      for (const c of answer.columns ?? []) add(c.label, c.labels?.lt);
      for (const f of answer.summary ?? []) add(f.label, f.labels?.lt);
    }
    expect(english.size).toBeGreaterThan(30);
    const englishOnScreen = async () => {
      const text = await page.locator('body').innerText();
      return [...english].filter((s) => new RegExp(`(^|[^\\p{L}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text));
    };
    // payment entry with a customer's open invoices in the grid
    const open = (await app.req('GET', `/api/sales/sales_invoice?filter=${filter({ docstatus: 'submitted' })}&sort=due_date`)).body.data;
    const withOpen = open.find((i: any) => Number(i.outstanding_amount) > 0);
    const party = (await app.req('GET', `/api/sales/customer/${withOpen.customer}`)).body;
    await page.goto(`${ui.base}/admin/accounting/payment-entry`);
    await page.locator('[data-page="accounting-payment-entry"]').waitFor();
    await page.getByText(ACCOUNTING_TEXTS.lt.payment).first().waitFor();
    await page.locator('[role="combobox"]').nth(1).click();
    await page.getByRole('option', { name: party.name, exact: true }).click();
    await page.locator('[data-open-invoice]').first().waitFor();
    expect(await englishOnScreen(), 'payment entry').toEqual([]);
    await screenshot(page, 'accounting-payment-entry-lt');
    // reconciliation with a statement line picked
    await page.goto(`${ui.base}/admin/accounting/reconciliation`);
    await page.locator('[data-page="accounting-reconciliation"]').waitFor();
    await page.getByText(ACCOUNTING_TEXTS.lt.reconciliation).first().waitFor();
    const line = page.locator('[data-statement-line]').first();
    if (await line.count()) await line.click();
    expect(await englishOnScreen(), 'reconciliation').toEqual([]);
    await screenshot(page, 'accounting-reconciliation-lt');
    // the ageing and the statement of account report screens
    await page.goto(`${ui.base}/admin/reports/accounting.ageing`);
    await page.getByText('Daugiau nei 90 d.').first().waitFor();
    expect(await englishOnScreen(), 'ageing').toEqual([]);
    await screenshot(page, 'accounting-ageing-lt');
    await page.goto(`${ui.base}/admin/reports/accounting.statement-of-account?party_type=customer&party=${customer.id}`);
    await page.locator('[data-report] table').first().waitFor();
    // the party is a picker of the chosen party type's records (not an id field), its value by name;
    // the parameters line names the party type in Lithuanian, not the raw "customer"
    const partyInput = page.locator('input[data-param="party"]');
    await expect.poll(() => partyInput.inputValue(), { timeout: 15_000 }).toBe(customer.name);
    expect(await partyInput.getAttribute('data-param-ref')).toBe('sales.customer');
    const paramsLine = await page.locator('[data-report-params]').innerText();
    expect(paramsLine).toContain('Šalies tipas: Pirkėjas');
    expect(paramsLine).not.toMatch(/customer|Party/);
    expect(await englishOnScreen(), 'statement of account').toEqual([]);
    await screenshot(page, 'accounting-statement-lt');
    // picking another customer runs the statement for them
    const other = (await app.req('GET', `/api/sales/customer?limit=2&sort=id`)).body.data[1];
    await partyInput.click();
    await page.getByRole('option', { name: other.name, exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('party'), { timeout: 15_000 }).toBe(String(other.id));
    // a supplier statement picks from the suppliers
    await page.locator('input[data-param="party_type"]').locator('xpath=..').locator('[role="combobox"]').click();
    await page.getByRole('option', { name: 'Tiekėjas' }).click();
    await expect.poll(() => page.locator('input[data-param="party"]').getAttribute('data-param-ref'), { timeout: 15_000 }).toBe('purchasing.supplier');
    await page.getByRole('button', { name: /Lietuvių/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  }, 240_000);
});
