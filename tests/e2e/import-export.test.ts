/**
 * Import and export screens in a real browser: on the items list, import a small CSV with one
 * bad row (the dry run shows it in the problems table and writes nothing), fix it, import it
 * (the rows appear in the list, the history lists the import), then export the list to XLSX
 * and read the downloaded file back with exceljs.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { screenshot, startUi, type UiSession } from './support.js';

let ui: UiSession;

beforeAll(async () => {
  ui = await startUi({ plugins: ['inventory'] });
  await ui.login();
}, 180_000);
afterAll(async () => {
  await ui?.close();
});

const header = 'Item code,Name,Stock unit,Standard buying rate';
const count = async (where: string) => Number((await ui.app.db.query(`select count(*)::int as n from inventory_item where ${where}`)).rows[0].n);

describe('import and export screens', () => {
  it('imports a CSV: the dry run names the bad row, the fixed file imports, the rows are in the list', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}/admin/inventory.item`);
    await page.locator('[data-import-button]').click();
    const dialog = page.locator('[data-import-dialog]');
    await dialog.waitFor();
    const bad = [header, 'E2E-IMP-1,Imported one,Nos,1.50', 'E2E-IMP-2,Imported two,Nos,abc', 'E2E-IMP-3,Imported three,Nos,2'].join('\n');
    await page.setInputFiles('[data-import-file]', { name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await dialog.locator('[data-import-dry-run]').click();
    await dialog.locator('[data-import-problems]').waitFor({ timeout: 60_000 });
    // Line 3 of the file (the second data row) has a rate that is not a number.
    await dialog.locator('[data-problem-row="3"]').waitFor();
    expect(await dialog.locator('[data-problem-row="3"]').innerText()).toContain('Standard buying rate');
    expect(await dialog.locator('[data-import-mapping]').innerText()).toContain('Item code');
    expect(await count(`code like 'E2E-IMP-%'`)).toBe(0);
    await screenshot(page, 'import-dry-run-problems');

    const good = bad.replace('Nos,abc', 'Nos,3.25');
    await page.setInputFiles('[data-import-file]', { name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await dialog.locator('[data-import-dry-run]').click();
    await dialog.locator('[data-import-outcome="dry_run"]').waitFor({ timeout: 60_000 });
    expect(await dialog.locator('[data-import-problems]').count()).toBe(0);
    await dialog.locator('[data-import-run]').click();
    await dialog.locator('[data-import-outcome="done"]').waitFor({ timeout: 60_000 });
    expect(await dialog.locator('[data-import-summary]').innerText()).toContain('3 created');
    await dialog.locator('[data-import-history] [data-revert]').first().waitFor();
    await screenshot(page, 'import-done-history');
    expect(await count(`code like 'E2E-IMP-%'`)).toBe(3);
    expect((await ui.app.db.query(`select standard_rate::text as r from inventory_item where code = 'E2E-IMP-2'`)).rows[0].r).toBe('3.250000000');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.goto(`${ui.base}/admin/inventory.item?filter=${encodeURIComponent(JSON.stringify({ q: 'E2E-IMP' }))}`);
    await page.locator('table tbody tr', { hasText: 'E2E-IMP-3' }).waitFor();
    await screenshot(page, 'import-rows-in-list');
  });

  it('exports the list to XLSX with its filter; the file reads back with typed cells', async () => {
    const { page } = ui;
    await page.locator('[data-export-button]').click();
    const dialog = page.locator('[data-export-dialog]');
    await dialog.waitFor();
    await screenshot(page, 'export-dialog');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), dialog.locator('[data-export-run]').click()]);
    expect(download.suggestedFilename()).toBe('item.xlsx');
    const path = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path!) as any);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain('Item code');
    const codeCol = headers.indexOf('Item code') + 1;
    const codes: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(codeCol).value));
    });
    // The list's search applies: only the imported items.
    expect(codes.sort()).toEqual(['E2E-IMP-1', 'E2E-IMP-2', 'E2E-IMP-3']);
    const rateCol = headers.indexOf('Standard buying rate') + 1;
    if (rateCol > 0) {
      const rates: unknown[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) rates.push(row.getCell(rateCol).value);
      });
      expect(rates.every((r) => typeof r === 'number')).toBe(true);
    }
  });
});
