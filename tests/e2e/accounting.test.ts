/**
 * Accounting in the admin UI against a real Tessera (inventory + accounting, demo data):
 * the chart of accounts as a tree, a journal entry posted by clicking (live totals; the
 * unbalanced one refused with the server's message), the trial balance and the balance sheet
 * with the figures, and the drill-down from a report row to the general ledger entries.
 * The API only sets up the accounts and checks numbers. Screenshots in tests/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startUi, type UiSession } from './support.js';

let ui: UiSession;
const acc: Record<string, number> = {};
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 150 });

const go = async (path: string) => {
  await ui.page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.includes('listParams') || key.includes('tessera.view')) localStorage.removeItem(key);
  });
  await ui.page.goto(`${ui.base}/admin${path}`);
};

async function pick(scope: string, search: string, option: RegExp) {
  const input = ui.page.locator(`${scope} input[role="combobox"]`).first();
  await input.click();
  await input.fill(search);
  await ui.page.getByRole('option', { name: option }).first().click();
}

async function account(number: string, name: string, root_type: string, extra: Record<string, unknown> = {}) {
  const r = await ui.app.req('POST', '/api/accounting/account', { number, name, root_type, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  acc[name] = r.body.id;
}

const computed = (name: string) => ui.page.locator(`[data-computed="${name}"] [data-value]`).getAttribute('data-value');

beforeAll(async () => {
  ui = await startUi({ plugins: ['inventory', 'accounting'] });
  await account('E1', 'E2E assets', 'asset', { is_group: true });
  await account('E11', 'E2E bank', 'asset', { parent: acc['E2E assets'], account_type: 'bank', is_current: true });
  await account('E2', 'E2E equity', 'equity', { is_group: true });
  await account('E21', 'E2E capital', 'equity', { parent: acc['E2E equity'], account_type: 'equity' });
  await ui.login();
}, 120_000);

afterAll(async () => {
  await ui?.close();
});

describe('accounting screens', () => {
  it('shows the chart of accounts as a tree that folds', async () => {
    const { page } = ui;
    await go('/accounting.account');
    await page.locator('[data-view="tree"]').click();
    const group = page.locator(`[data-tree-node="${acc['E2E assets']}"]`);
    const child = page.locator(`[data-tree-node="${acc['E2E bank']}"]`);
    await child.waitFor();
    expect(await group.getAttribute('data-depth')).toBe('0');
    expect(await child.getAttribute('data-depth')).toBe('1');
    // the seeded chart is a tree too: some node below the top level
    expect(await page.locator('[data-tree-node][data-depth="2"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'accounting-chart-tree');
    await page.locator(`[data-tree-toggle="${acc['E2E assets']}"]`).click();
    await child.waitFor({ state: 'detached' });
    await page.locator(`[data-tree-toggle="${acc['E2E assets']}"]`).click();
    await child.waitFor();
  });

  it('posts a journal entry by clicking: totals follow the lines, an unbalanced one is refused with the message, the balanced one submits', async () => {
    const { page, app } = ui;
    await go('/accounting.journal_entry/create');
    await page.locator('input[name="posting_date"]').fill('2024-06-10');
    await pick('[data-line-index="0"]', 'E2E bank', /E2E bank/);
    await page.locator('input[name="lines.0.debit"]').fill('100.00');
    await page.locator('[data-add-line="lines"]').click();
    await pick('[data-line-index="1"]', 'E2E capital', /E2E capital/);
    await page.locator('input[name="lines.1.credit"]').fill('90.00');
    await poll(() => computed('total_debit')).toMatch(/^100(\.00)?$/);
    await poll(() => computed('total_credit')).toMatch(/^90(\.00)?$/);
    await poll(() => computed('difference')).toMatch(/^10(\.00)?$/);
    await screenshot(page, 'accounting-journal-unbalanced');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/accounting\.journal_entry\/\d+\/show$/);
    const id = Number(/journal_entry\/(\d+)\/show/.exec(page.url())![1]);
    await page.locator('[data-doc-op="submit"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await page
      .getByText(/must balance/)
      .first()
      .waitFor();
    await screenshot(page, 'accounting-journal-refused');
    expect((await app.req('GET', `/api/accounting/journal_entry/${id}`)).body.docstatus).toBe('draft');
    expect(
      (
        await app.req(
          'GET',
          `/api/accounting/gl_entry?filter=${encodeURIComponent(JSON.stringify({ voucher_id: id, voucher_type: 'accounting.journal_entry' }))}`,
        )
      ).body.total,
    ).toBe(0);

    // correct the credit: the difference goes to zero as it is typed
    await go(`/accounting.journal_entry/${id}`);
    await page.locator('input[name="lines.1.credit"]').fill('100.00');
    await poll(() => computed('difference')).toMatch(/^0(\.00)?$/);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/accounting\.journal_entry\/\d+\/show$/);
    // the show page refetches the saved record: submit once it shows the corrected line
    await page.locator('[data-lines], table').getByText('100.00', { exact: true }).nth(1).waitFor();
    await page.waitForLoadState('networkidle');
    await page.locator('[data-doc-op="submit"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await page.locator('[data-docstatus="submitted"]').waitFor();
    await poll(
      async () =>
        (
          await app.req(
            'GET',
            `/api/accounting/gl_entry?filter=${encodeURIComponent(JSON.stringify({ voucher_id: id, voucher_type: 'accounting.journal_entry' }))}`,
          )
        ).body.total,
    ).toBe(2);
  });

  it('opens the trial balance from the menu, shows the figures and drills down to the entries', async () => {
    const { page } = ui;
    await go('/');
    await page.locator('[data-menu-group="accounting"]').waitFor();
    // a large menu opens only the current group: open Accounting
    if ((await page.locator('[data-menu-group="accounting"]').getAttribute('aria-expanded')) !== 'true')
      await page.locator('[data-menu-group="accounting"]').click();
    await page.locator('[data-menu-item="reports/accounting.trial-balance"]').click();
    await page.locator('[data-report-ready="trial-balance"]').waitFor();
    // the period of June 2024 through the filters
    await page.locator('input[data-param="from"]').fill('2024-06-01');
    await page.locator('input[data-param="to"]').fill('2024-06-30');
    await page.waitForURL(/from=2024-06-01&to=2024-06-30|to=2024-06-30&from=2024-06-01/);
    const bank = page.locator(`[data-report-ready="trial-balance"] [data-row-key="account.${acc['E2E bank']}"]`);
    await poll(async () => (await bank.count()) > 0 && (await bank.locator('[data-col="debit"]').innerText())).toBe('100.00');
    expect(await bank.locator('[data-col="closing_debit"]').innerText()).toBe('100.00');
    const capital = page.locator(`[data-row-key="account.${acc['E2E capital']}"]`);
    expect(await capital.locator('[data-col="credit"]').innerText()).toBe('100.00');
    const total = page.locator('[data-row-key="total"]');
    expect(await total.locator('[data-col="debit"]').innerText()).toBe(await total.locator('[data-col="credit"]').innerText());
    await screenshot(page, 'accounting-trial-balance');

    await bank.locator('[data-drill="accounting.general-ledger"]').click();
    await page.waitForURL(/\/reports\/accounting\.general-ledger\?/);
    const gl = page.locator('[data-report-ready="general-ledger"]');
    await gl.waitFor();
    const rows = gl.locator('tbody tr');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('[data-col="debit"]').innerText()).toBe('100.00');
    expect(await rows.first().locator('[data-col="balance"]').innerText()).toBe('100.00');
    await screenshot(page, 'accounting-general-ledger');
    // the entry's voucher opens the journal entry
    await rows.first().locator('[data-drill="voucher"]').click();
    await page.waitForURL(/\/accounting\.journal_entry\/\d+\/show$/);
  });

  it('shows the balance sheet at a date, balanced', async () => {
    const { page } = ui;
    await go('/reports/accounting.balance-sheet?as_of=2024-06-30');
    const bs = page.locator('[data-report-ready="balance-sheet"]');
    await bs.waitFor();
    expect(await bs.locator(`[data-row-key="account.${acc['E2E bank']}"] [data-col="amount"]`).innerText()).toBe('100.00');
    expect(await bs.locator('[data-summary="check"]').innerText()).toMatch(/: 0\.00$/);
    const assets = await bs.locator('[data-row-key="total_assets"] [data-col="amount"]').innerText();
    expect(await bs.locator('[data-row-key="total_liabilities_and_equity"] [data-col="amount"]').innerText()).toBe(assets);
    await screenshot(page, 'accounting-balance-sheet');
  });

  it('shows the accounting widgets on the dashboard, and the report in Lithuanian', async () => {
    const { page } = ui;
    await go('/');
    const cash = page.locator('[data-widget="accounting.cash_and_bank"]');
    await cash.waitFor();
    await poll(async () => /\d/.test(await cash.innerText())).toBe(true);
    expect(await page.locator('[data-widget="accounting.current_ratio"]').count()).toBe(1);
    await screenshot(page, 'accounting-dashboard');
    await go('/reports/accounting.balance-sheet?as_of=2024-06-30');
    const bs = page.locator('[data-report-ready="balance-sheet"]');
    await bs.waitFor();
    await page.getByRole('button', { name: /english/i }).click();
    await page.getByRole('menuitem', { name: 'Lietuvių' }).click();
    await page.getByRole('heading', { name: 'Balansas' }).first().waitFor();
    expect(await bs.locator('[data-row-key="total_assets"] [data-col="label"]').innerText()).toBe('Turtas iš viso');
    expect(await bs.locator(`[data-row-key="account.${acc['E2E bank']}"] [data-col="amount"]`).innerText()).toBe('100,00');
    await screenshot(page, 'accounting-balance-sheet-lt');
    await page.getByRole('button', { name: /lietuvių/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  });
});
