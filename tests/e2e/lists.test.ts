/**
 * Lists in a real browser (issue 17, item 8) on the demo CRM: filter on a field the plugin did
 * not declare as a filter, the column chooser, group by with counts and sums, bulk edit of the
 * selected rows, and the board's column totals, a collapsed column and a drop onto it.
 * Screenshots: tests/artifacts/lists-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDecimal } from '../../admin-ui/src/mapping/format.js';
import { filter } from '../helpers.js';
import { columnTexts, screenshot, signInAs, startUi, type UiSession } from './support.js';

let ui: UiSession;
/** The rows of the list's own table (not the group summary's). */
const ROWS = 'table.RaDatagrid-table tbody tr';
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 150 });

beforeAll(async () => {
  ui = await startUi({ plugins: ['crm'] });
  await ui.page.setViewportSize({ width: 1366, height: 900 });
  await signInAs(ui, ui.user.username, ui.user.password);
}, 120_000);

afterAll(async () => {
  await ui?.close();
});

const go = async (path: string) => {
  await ui.page.goto(`${ui.base}/admin/`);
  await ui.page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.includes('listParams') || key.includes('tessera.')) localStorage.removeItem(key);
  });
  await ui.page.goto(`${ui.base}/admin${path}`);
};

/** Exact sums of decimal strings ("1234.50"), in cents, as the decimal text. */
const sum = (values: string[]) => {
  const cents = values.reduce((a, v) => a + BigInt(Math.round(Number(v) * 100)), 0n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
};

async function deals(): Promise<{ id: number; name: string; stage: number | null; amount: string }[]> {
  return (await ui.app.req('GET', '/api/crm/opportunity?limit=1000')).body.data;
}

describe('lists', () => {
  it('filters on a field that is not a declared filter, and adds a column with the column chooser', async () => {
    const { page } = ui;
    const all = await deals();
    const word = all[0]!.name.split(' ')[0]!;
    const expected = all.filter((d) => d.name.toLowerCase().includes(word.toLowerCase())).length;
    expect(expected).toBeLessThan(all.length);
    await go('/crm.opportunity');
    await page.locator(ROWS).first().waitFor();
    // "name" is no declared filter of deals: "Add filter" offers it all the same
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.locator('[data-key="name.contains"]').click();
    await page.locator('input[name="name.contains"]').fill(word);
    await poll(async () => page.locator(ROWS).count()).toBe(expected);
    for (const name of await columnTexts(page, 'name')) expect(name.toLowerCase()).toContain(word.toLowerCase());
    // the column chooser: the deal's source is not a declared column
    expect(await page.locator('td.column-source').count()).toBe(0);
    await page.locator('[data-columns-button]').click();
    await page.locator('[data-column-choice="source"]').click();
    await page.keyboard.press('Escape');
    await page.locator('td.column-source').first().waitFor();
    // a wide list scrolls inside its table at 1366 px: the page itself does not
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await screenshot(page, 'lists-filter-columns');
  });

  it('groups by stage with the count and the exact sum of each group', async () => {
    const { page } = ui;
    const all = await deals();
    await go('/crm.opportunity');
    await page.locator('[data-group-button]').click();
    await page.locator('[data-group-choice="stage"]').click();
    const summary = page.locator('[data-group-summary="stage"]');
    await summary.waitFor();
    const stage = all.find((d) => d.stage !== null)!.stage!;
    const mine = all.filter((d) => d.stage === stage);
    const row = summary.locator(`[data-group-key="${stage}"]`);
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[1]).toBe(String(mine.length));
    expect(await row.locator('[data-group-sum="amount"]').innerText()).toBe(formatDecimal(sum(mine.map((d) => d.amount)), 'en', 2));
    await screenshot(page, 'lists-group-by');
    // a group's row filters the list to it
    await row.click();
    await poll(async () => page.locator(ROWS).count()).toBe(Math.min(mine.length, 25));
  });

  it('bulk edits the selected rows in one request', async () => {
    const { page, app } = ui;
    await go('/crm.organization');
    await page.locator(ROWS).nth(1).waitFor();
    const rows = page.locator(ROWS);
    const names = (await columnTexts(page, 'name')).slice(0, 2);
    await rows.nth(0).locator('td').first().locator('input[type="checkbox"]').click();
    await rows.nth(1).locator('td').first().locator('input[type="checkbox"]').click();
    await screenshot(page, 'lists-bulk-selected');
    await page.locator('[data-bulk-edit]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[role="combobox"]').first().click();
    await page.getByRole('option', { name: 'Relationship' }).click();
    await dialog.locator('[role="combobox"]').nth(1).click();
    await page.getByRole('option', { name: 'Partner' }).click();
    await screenshot(page, 'lists-bulk-edit');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await poll(async () =>
      (await app.req('GET', `/api/crm/organization?filter=${filter({ name: { in: names } })}`)).body.data.map((o: { relationship: string }) => o.relationship),
    ).toEqual(['partner', 'partner']);
  });

  it('the board: each column totals its amounts; a collapsed column still takes a drop', async () => {
    const { page } = ui;
    const all = await deals();
    await go('/crm.opportunity');
    await page.locator('[data-view="board"]').click();
    await page.locator('[data-card]').first().waitFor();
    const keys = await page.locator('[data-column]').evaluateAll((els) => els.map((e) => e.getAttribute('data-column')!));
    const open = keys.find((k) => all.some((d) => String(d.stage) === k))!;
    const mine = all.filter((d) => String(d.stage) === open);
    expect(await page.locator(`[data-column-total="${open}"]`).innerText()).toBe(formatDecimal(sum(mine.map((d) => d.amount)), 'en', 2));
    // collapse another column, then drop a card of the first one onto it
    const to = keys.find((k) => k !== open && k !== 'null')!;
    const collapse = page.locator(`[data-column-collapse="${to}"]`);
    if (await collapse.count()) await collapse.click();
    await page.locator(`[data-column="${to}"][data-collapsed="true"]`).waitFor();
    const card = page.locator(`[data-column="${open}"] [data-card]`).first();
    const id = Number(await card.getAttribute('data-card'));
    await card.dragTo(page.locator(`[data-column="${to}"]`));
    await poll(async () => String((await ui.app.req('GET', `/api/crm/opportunity/${id}`)).body.stage)).toBe(to);
    await screenshot(page, 'lists-board-collapsed-drop');
  });
});
