/**
 * Finding and seeing (issue 17, items 5-10) in the admin UI against a real Tessera with the
 * real plugins and demo data: the global search (Ctrl+K) finding "Žukauskas" by "zukauskas",
 * a report screen with drill-down to a record, a saved view, the dashboard click-through, the
 * employee's own leave balance, and the sales screens in Lithuanian with no English label of
 * the catalogue on screen. One browser for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../core/src/app.js';
import { tesseraEn } from '../../admin-ui/src/i18n/tessera.en.js';
import { tesseraLt } from '../../admin-ui/src/i18n/tessera.lt.js';
import { screenshot, signInAs, startUi, type UiSession } from './support.js';

let ui: UiSession;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 150 });

beforeAll(async () => {
  ui = await startUi({ plugins: ['inventory', 'purchasing', 'crm', 'sales', 'hr'] });
  expect((await ui.app.req('POST', '/api/crm/contact', { first_name: 'Jonas', last_name: 'Žukauskas', email: 'jonas@zuk.lt' })).status).toBe(201);
  await ui.login();
}, 180_000);

afterAll(async () => {
  await ui?.close();
});

const go = async (path: string) => {
  await ui.page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.includes('listParams')) localStorage.removeItem(key);
  });
  await ui.page.goto(`${ui.base}/admin${path}`);
};

describe('finding and seeing', () => {
  it('global search: Ctrl+K, "zukauskas" finds "Jonas Žukauskas", grouped by entity; the record joins the recent list', async () => {
    const { page } = ui;
    await go('/');
    await page.locator('[data-menu-group]').first().waitFor();
    await page.keyboard.press('Control+k');
    await page.locator('[data-global-search-input]').fill('zukauskas');
    const hit = page.locator('[data-search-hit^="crm.contact/"]', { hasText: 'Žukauskas' });
    await hit.waitFor();
    await page.locator('[data-search-group="crm.contact"]').waitFor();
    await screenshot(page, 'finding-global-search');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/crm\.contact\/\d+\/show/);
    await page.locator('[data-menu-recent^="crm.contact/"]', { hasText: 'Žukauskas' }).waitFor();
  });

  it('a report screen (leave balance) with a drill-down to the employee', async () => {
    const { page } = ui;
    await go('/reports/hr.leave-balance');
    await page.locator('[data-report-ready]').waitFor();
    const link = page.locator('a[data-drill="hr.employee"]').first();
    const name = await link.innerText();
    await screenshot(page, 'finding-report');
    await link.click();
    await page.waitForURL(/\/admin\/hr\.employee\/\d+\/show/);
    expect(name.length).toBeGreaterThan(0);
  });

  it("every report of these modules opens on its screen: parameters, a table (or 'no rows'), export; in its module's Reports menu", async () => {
    const { page } = ui;
    const meta = (await ui.app.req('GET', '/api/meta')).body;
    const reports = meta.reports as { id: string; plugin: string; params?: { required?: string[] } }[];
    expect(reports.length).toBeGreaterThan(8);
    const failed: string[] = [];
    for (const r of reports) {
      await go(`/reports/${r.id}`);
      await page.locator(`[data-report="${r.id}"]`).waitFor();
      const outcome = page.locator('[data-report-ready], [data-report-error]').first();
      await outcome.waitFor();
      const needsInput = (r.params?.required ?? []).length > 0;
      if ((await page.locator('[data-report-error]').count()) && !needsInput) failed.push(`${r.id}: ${await page.locator('[data-report-error]').innerText()}`);
      else if (!needsInput && !(await page.locator('[data-report-table], [data-report-empty]').count())) failed.push(`${r.id}: no table`);
      expect(await page.getByRole('button', { name: 'Export' }).count(), r.id).toBe(1);
      expect(await page.locator(`[data-menu-item="reports/${r.id}"], a[href$="/reports/${r.id}"]`).count(), `${r.id} in the menu`).toBeGreaterThan(0);
    }
    expect(failed).toEqual([]);
    await screenshot(page, 'finding-every-report');
  });

  it('a saved view: filters and columns saved under a name, stored server-side, applied again', async () => {
    const { page, app } = ui;
    await go(`/crm.contact?filter=${encodeURIComponent(JSON.stringify({ q: 'Jonas' }))}`);
    await page.locator('table tbody tr').first().waitFor();
    await page.locator('[data-views-button]').click();
    await page.locator('[data-view-save-open]').click();
    await page.locator('[data-view-name]').fill('Jonas only');
    await page.locator('[data-view-shared]').check();
    await page.locator('[data-view-save]').click();
    await poll(async () => (await app.req('GET', '/api/views?entity=crm.contact')).body.data.map((v: any) => [v.name, v.shared, v.state.filter])).toEqual([
      ['Jonas only', true, { q: 'Jonas' }],
    ]);
    // back to the default view: more contacts; then the saved one narrows the list again
    await page.locator('[data-views-button]').click();
    await page.getByRole('menuitem', { name: 'Default view' }).click();
    const total = (await app.req('GET', '/api/crm/contact?limit=1')).body.total;
    await poll(async () => page.locator('table tbody tr').count()).toBe(Math.min(total, 25));
    await page.locator('[data-views-button]').click();
    await page.locator('[data-saved-view="Jonas only"]').click();
    const jonas = (await app.req('GET', '/api/crm/contact?q=Jonas&limit=1')).body.total;
    await poll(async () => page.locator('table tbody tr').count()).toBe(jonas);
    await screenshot(page, 'finding-saved-view');
  });

  it('the dashboard click-through: a figure opens its filtered list', async () => {
    const { page } = ui;
    await go('/');
    const tile = page.locator('[data-widget="sales.orders_to_deliver"] [data-widget-link]');
    await tile.waitFor();
    await screenshot(page, 'finding-dashboard');
    await tile.click();
    await page.waitForURL(/\/admin\/sales\.sales_order\?/);
    expect(decodeURIComponent(page.url())).toContain('"status":["to_deliver_and_bill","to_deliver"]');
    await page.locator('table, [data-entity]').first().waitFor();
  });

  it("the employee's own dashboard shows their leave balance", async () => {
    const { page, app } = ui;
    await signInAs(ui, 'hr.employee', DEMO_PASSWORD);
    await page.goto(`${ui.base}/admin/`);
    const widget = page.locator('[data-widget="hr.my_leave_balance"]');
    await widget.waitFor();
    await widget.locator('svg').first().waitFor();
    // their approvals beside it (the figure of the applications that name them as approver)
    const approvals = page.locator('[data-widget="hr.my_approvals"]');
    await approvals.waitFor();
    await screenshot(page, 'finding-employee-leave-balance');
    const token = (await app.auth!.createApiToken(Number((await app.db.query(`select id from auth_user where username = 'hr.employee'`)).rows[0].id), 'e2e'))
      .token;
    const series = (await app.as(token)('GET', '/api/dashboard/hr.my_leave_balance')).body.series;
    expect(series.length).toBeGreaterThan(0);
    const mine = (await app.as(token)('GET', '/api/dashboard/hr.my_approvals')).body.value;
    expect(await approvals.innerText()).toContain(String(mine));
    // the figure follows the applications that name them as approver: one more named, or one less
    const me = Number((await app.db.query(`select e.id from hr_employee e join auth_user u on u.id = e."user" where u.username = 'hr.employee'`)).rows[0].id);
    const change = Number(mine) > 0 ? { to: null, from: me, delta: -1 } : { to: me, from: null, delta: 1 };
    await app.db.query(
      `update hr_leave_application set approver = $1 where id = (select min(id) from hr_leave_application where status = 'open' and approver is not distinct from $2)`,
      [change.to, change.from],
    );
    expect((await app.as(token)('GET', '/api/dashboard/hr.my_approvals')).body.value).toBe(Number(mine) + change.delta);
    await signInAs(ui, ui.user.username, ui.user.password);
  });

  it('the sales screens in Lithuanian: no English label of the catalogue on screen', async () => {
    const { page, app } = ui;
    await page.goto(`${ui.base}/admin/`);
    await page.locator('[data-menu-group]').first().waitFor();
    await page.getByRole('button', { name: /English/i }).click();
    await page.getByRole('menuitem', { name: 'Lietuvių' }).click();
    const meta = (await app.req('GET', '/api/meta')).body;
    // The English texts that differ from their Lithuanian ones: UI catalogue, entity names, field labels, reports.
    const english = new Set<string>();
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
    }
    for (const path of ['/sales.quotation', '/sales.sales_order', '/sales.delivery', '/sales.sales_invoice']) {
      await go(path);
      await page.locator('.RaList-main').first().waitFor();
      await page.locator('[data-menu-group]').first().waitFor();
      const text = await page.locator('body').innerText();
      const found = [...english].filter((s) => new RegExp(`(^|[^\\p{L}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text));
      expect(found, path).toEqual([]);
    }
    await screenshot(page, 'finding-sales-lt');
    await page.getByRole('button', { name: /Lietuvių/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  });
});
