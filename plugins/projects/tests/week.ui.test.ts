/**
 * The projects screens in the admin UI (real server with the demo data, headless Chromium):
 * a member fills a new row of their timesheet week and saves it as draft timesheets; the task
 * timeline and the profitability page show the demo projects. Screenshots in tests/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@tessera/core';
import { filter } from '../../../tests/helpers.js';
import { screenshot, signInAs, startUi, type UiSession } from '../../../tests/e2e/support.js';

let ui: UiSession;

beforeAll(async () => {
  ui = await startUi({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'hr', 'projects'] });
}, 180_000);
afterAll(async () => {
  await ui?.close();
});

const signIn = (username: string, password: string) => signInAs(ui, username, password);

describe('projects in the browser', () => {
  it('a member books a new row of hours in their week grid', async () => {
    const { page, app } = ui;
    await signIn('projects.member', DEMO_PASSWORD);
    await page.goto(`${ui.base}/admin/projects/week`);
    await page.locator('[data-page="projects-week"]').waitFor();
    await page.locator('[data-menu-item="/projects/week"]').waitFor();
    const days = await page.locator('[data-new-hours]').evaluateAll((els) => els.map((e) => e.getAttribute('data-new-hours')!));
    expect(days).toHaveLength(7);
    const before = await page.locator('[data-week-total]').innerText();
    const row = page.locator('[data-week-new-row]');
    await row.locator('[role="combobox"]').nth(0).click();
    await page.getByRole('option', { name: /Website support/ }).click();
    await row.locator('[role="combobox"]').nth(1).click();
    await page.getByRole('option', { name: /Consulting/ }).click();
    await page.locator(`[data-new-hours="${days[0]}"]`).fill('2');
    await page.locator(`[data-new-hours="${days[1]}"]`).fill('1.5');
    await page.locator('[data-week-save]').click();
    await expect.poll(() => page.locator('[data-week-total]').innerText(), { timeout: 15_000 }).toBe((Number(before) + 3.5).toFixed(2));
    await screenshot(page, 'projects-week-grid');
    const member = (await app.req('GET', `/api/auth/user?filter=${filter({ username: 'projects.member' })}`)).body.data[0];
    const employee = (await app.req('GET', `/api/hr/employee?filter=${filter({ user: member.id })}`)).body.data[0];
    const drafts = (await app.req('GET', `/api/projects/timesheet?filter=${filter({ employee: employee.id, docstatus: 'draft' })}&sort=date`)).body.data;
    expect(drafts.map((d: any) => [d.date, d.hours, d.billing_amount])).toEqual([
      [days[0], '2.00', '80.00'],
      [days[1], '1.50', '60.00'],
    ]);
  }, 180_000);

  it('shows the task timeline and the projects’ profitability', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}/admin/projects/timeline`);
    await page.locator('[data-task-bar]').first().waitFor();
    expect(await page.locator('[data-task-bar]').count()).toBe(3);
    await screenshot(page, 'projects-task-timeline');
    await page.goto(`${ui.base}/admin/projects/profitability`);
    const rollout = page.locator('[data-profit-row^="Warehouse scanners"]');
    await rollout.waitFor();
    expect(await rollout.locator('td').nth(1).innerText()).toBe('662.50');
    expect(await rollout.locator('[data-margin]').innerText()).toMatch(/^\d+\.\d{2} \(\d+\.\d{2} %\)$/);
    await screenshot(page, 'projects-profitability');
  }, 180_000);
});
