/**
 * The consultant's studio in a real browser against a real Tessera (CRM + sales with the demo
 * data, real PostgreSQL): a required field added to customers while customers exist, a pipeline
 * stage inserted between two others with a Lithuanian name, a numbering prefix with its preview,
 * "view as" a sales rep, and "why can't user X see record Y". Screenshots in
 * tests/artifacts/studio-*.png.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { columnTexts, screenshot, startUi, type UiSession } from './support.js';

let ui: UiSession;

/** Waits for a condition on the page (up to 15 s: the machine may be busy). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 45_000, interval: 150 });
const go = async (path: string) => ui.page.goto(`${ui.base}/admin${path}`);
const api = async (path: string, headers: Record<string, string> = {}) => {
  const res = await ui.page.request.get(`${ui.base}${path}`, { headers });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
};

beforeAll(async () => {
  ui = await startUi({ plugins: ['crm', 'sales'] });
  await ui.login();
  ui.page.setDefaultTimeout(45_000); // two cores shared by eight sessions
}, 300_000);

// Each test starts without a draft and without "view as" left over from another (both live in sessionStorage).
beforeEach(async () => {
  await ui.page.goto(`${ui.base}/api/health`);
  await ui.page.evaluate(() => sessionStorage.clear());
});

// A failed test leaves a picture of the page it stopped on.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(ui.page, `studio-failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await ui?.close();
});

describe('the studio: permissions', { timeout: 180_000 }, () => {
  it('"view as" a sales rep shows the menus and records that role sees, read-only, and switches back', async () => {
    const { page } = ui;
    // The viewer (the administrator) owns one deal: "own" admits that one.
    const me = (await ui.app.db.query(`select id from auth_user where username = $1`, [ui.user.username])).rows[0]!.id;
    const mine = (await ui.app.db.query(`update crm_opportunity set owner = $1 where id = (select min(id) from crm_opportunity) returning name`, [me])).rows[0]!
      .name;
    await go('/studio/roles');
    await page.locator('[data-role-picker]').selectOption('crm.sales_rep');
    await page.locator('[data-matrix="crm.sales_rep"]').waitFor();
    // The matrix shows the role's lines: deals readable, stages not creatable.
    expect(await page.locator('[data-cell="crm.opportunity:read"]').isChecked()).toBe(true);
    expect(await page.locator('[data-cell="crm.stage:create"]').isChecked()).toBe(false);
    await screenshot(page, 'studio-roles-matrix');
    await page.locator('[data-view-as="crm.sales_rep"]').click();
    await page.locator('[data-viewing-as="crm.sales_rep"]').waitFor();
    // The menu is the role's: CRM's lists, no user administration, no studio.
    await page.locator('[data-menu-item="crm.opportunity"]').waitFor();
    await poll(() => page.locator('[data-menu-group="auth"]').count()).toBe(0);
    expect(await page.locator('[data-menu-group="sales"]').count()).toBe(0);
    await poll(() => page.locator('[data-menu-group="studio"]').count()).toBe(0);
    // Organizations: all of them (no row rule); deals: only the viewer's own (the "own" row rule).
    const orgs = (await api('/api/crm/organization?limit=1')).total;
    const dealsAll = (await api('/api/crm/opportunity?limit=1')).total;
    const asRep = await api('/api/crm/opportunity?limit=100', { 'x-tessera-view-as': 'crm.sales_rep' });
    expect(asRep.data.map((d: any) => d.name)).toEqual([mine]);
    expect(dealsAll).toBeGreaterThan(1);
    await page.locator('[data-menu-item="crm.organization"]').click();
    await page.getByText(`1-${orgs} of ${orgs}`).waitFor();
    await page.locator('[data-menu-item="crm.opportunity"]').click();
    await page.waitForURL(/\/crm\.opportunity/);
    await poll(() => columnTexts(page, 'name')).toEqual([mine]);
    await page.getByText('1-1 of 1').waitFor();
    await screenshot(page, 'studio-view-as');
    await page.locator('[data-stop-view-as]').click();
    await page.locator('[data-menu-group="studio"]').waitFor();
    await page.locator('[data-menu-group="auth"]').waitFor();
    await page.locator('[data-menu-group="sales"]').waitFor();
    expect(await page.locator('[data-viewing-as]').count()).toBe(0);
  });

  it('"why can\'t user X see record Y" names the row rule that denies it', async () => {
    const { page } = ui;
    const rep = (await ui.app.db.query(`select id from auth_user where username = 'crm.sales_rep'`)).rows[0]!.id;
    const other = (await ui.app.db.query(`select id from crm_opportunity where owner is distinct from $1 order by id limit 1`, [rep])).rows[0]!.id;
    await go('/studio/roles');
    await page.locator('[data-explain="user"]').fill('crm.sales_rep');
    await page.locator('[data-explain="entity"]').selectOption('crm.opportunity');
    await page.locator('[data-explain="id"]').fill(String(other));
    await page.locator('[data-explain-run]').click();
    const result = page.locator('[data-explain-result="denied"][data-denied-by="row-rule"]');
    await result.waitFor();
    expect(await result.locator('[data-explain-reason]').innerText()).toContain('row rule own');
    await result.getByText('crm.sales_rep', { exact: false }).first().waitFor();
    await screenshot(page, 'studio-explain');
  });
});

describe('the studio: configuring', { timeout: 180_000 }, () => {
  it('adds a required field to customers while customers exist: the plan names the rows and asks for a default; after apply it is in the form, the list and OpenAPI, no reload', async () => {
    const { page } = ui;
    const customers = Number((await ui.app.db.query('select count(*)::int as n from sales_customer')).rows[0]!.n);
    expect(customers).toBeGreaterThan(0);
    await go('/studio/entities/sales.customer');
    await page.locator('[data-field="name"]').waitFor();
    // The page is not reloaded from here on: this marker would be gone.
    await page.evaluate(() => Object.assign(window, { __studioNoReload: true }));
    await page.locator('[data-add-field]').click();
    await page.locator('[data-new-field="en"]').fill('Segment');
    await page.locator('[data-new-field="lt"]').fill('Segmentas');
    await page.locator('[data-new-field="required"]').check();
    await page.locator('[data-new-field="column"]').check();
    await screenshot(page, 'studio-add-field');
    await page.locator('[data-add-field-submit]').click();
    await page.locator('[data-review]').click();
    const change = page.locator('[data-change="field.add:sales.customer.x_segment"]');
    await change.waitFor();
    expect(await change.locator('[data-rows-affected]').getAttribute('data-rows-affected')).toBe(String(customers));
    expect(await change.innerText()).toContain('alter table "sales_customer" add column "x_segment"');
    // Apply waits for the answer: the default for the existing rows.
    expect(await page.locator('[data-apply]').isDisabled()).toBe(true);
    const question = page.locator('[data-question="default:sales.customer.x_segment"]');
    await question.fill('Retail');
    await page.locator('[data-comment]').fill('customer segments');
    await screenshot(page, 'studio-plan');
    await page.locator('[data-apply]').click();
    await page.locator('[data-applied]').waitFor();
    // The list and the form follow the new model at once (client-side navigation).
    const navigate = (path: string) =>
      page.evaluate((to) => {
        window.history.pushState({}, '', to);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, `/admin${path}`);
    await navigate('/sales.customer');
    await page.locator('table thead').getByText('Segment', { exact: true }).waitFor();
    await poll(async () => [...new Set(await columnTexts(page, 'x_segment'))]).toEqual(['Retail']);
    await screenshot(page, 'studio-required-field-list');
    await navigate('/sales.customer/create');
    await page.locator('input[name="x_segment"]').waitFor();
    await screenshot(page, 'studio-required-field-form');
    expect(await page.evaluate(() => (window as any).__studioNoReload)).toBe(true);
    expect(JSON.stringify(await api('/api/openapi.json'))).toContain('x_segment');
    expect((await api('/api/config')).config.customizations['sales.customer'].fields.x_segment).toEqual({ required: true });
  });

  it('places a field in the form, makes it a list filter, colours the options and edits the default sort', async () => {
    const { page } = ui;
    await go('/studio/entities/sales.customer');
    await page.locator('[data-field="x_segment"]').waitFor();
    await page.locator('[data-position="x_segment"]').selectOption('name');
    await page.locator('[data-filterable="x_segment"]').check();
    await page.locator('[data-edit-options="customer_type"]').click();
    await page.locator('[data-option-color="company"]').fill('#1565c0');
    await page.locator('[data-save-options="customer_type"]').click();
    await page.locator('[data-sort-field]').selectOption('name');
    await page.locator('[data-sort-descending]').check();
    await page.locator('[data-save-sort]').click();
    await screenshot(page, 'studio-entity-keys');
    await page.locator('[data-review]').click();
    for (const id of [
      'field.position:sales.customer.x_segment',
      'field.filter:sales.customer.x_segment',
      'enum.color:sales.customer.customer_type',
      'list.sort:sales.customer',
    ])
      await page.locator(`[data-change="${id}"]`).waitFor();
    expect(await page.locator('[data-change="field.filter:sales.customer.x_segment"]').innerText()).toMatch(
      /create index "sales_customer_x_segment_trgm_index"/,
    );
    await page.locator('[data-apply]').click();
    await page.locator('[data-applied]').waitFor();
    const meta = (await api('/api/meta')).entities.find((e: any) => e.key === 'sales.customer');
    expect(meta.filters).toContain('x_segment');
    expect(meta.defaultSort).toBe('-name');
    // The list: sorted by name descending, the customer type as a coloured chip.
    await go('/sales.customer');
    const names = (await ui.app.db.query('select name from sales_customer order by name desc')).rows.map((r: any) => r.name);
    await poll(async () => (await columnTexts(page, 'name')).slice(0, 3)).toEqual(names.slice(0, 3));
    const companies = Number((await ui.app.db.query(`select count(*)::int as n from sales_customer where customer_type = 'company'`)).rows[0]!.n);
    expect(companies).toBeGreaterThan(0);
    await page.locator('[data-enum-color="#1565c0"]').first().waitFor();
    expect(
      await page
        .locator('[data-enum-color="#1565c0"]')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor),
    ).toBe('rgb(21, 101, 192)');
    await screenshot(page, 'studio-entity-keys-list');
    // The form: the segment right after the name.
    await go('/sales.customer/create');
    await page.locator('input[name="x_segment"]').waitFor();
    const order = await page.locator('form input[name]').evaluateAll((els) => els.map((e) => e.getAttribute('name')));
    expect(order[order.indexOf('name') + 1]).toBe('x_segment');
  });

  it('changes a numbering prefix and sees the preview of the next number', async () => {
    const { page } = ui;
    await go('/studio/entities/sales.sales_order');
    const input = page.locator('[data-numbering-pattern]');
    await input.waitFor();
    expect(await input.inputValue()).toBe('SO-.YYYY.-.#####');
    const year = new Date().getFullYear();
    await poll(() => page.locator('[data-numbering-preview]').getAttribute('data-numbering-preview')).toMatch(new RegExp(`^SO-${year}-\\d{5}$`));
    await input.fill('ORD-.YY.-.####');
    await poll(() => page.locator('[data-numbering-preview]').getAttribute('data-numbering-preview')).toMatch(
      new RegExp(`^ORD-${String(year).slice(2)}-\\d{4}$`),
    );
    await page.getByText(/Next number: ORD-/).waitFor();
    await screenshot(page, 'studio-numbering');
    await page.locator('[data-section="numbering"]').getByRole('button').click();
    await page.locator('[data-review]').click();
    await page.locator('[data-change="numbering.change:sales.sales_order"]').waitFor();
    await page.locator('[data-apply]').click();
    await page.locator('[data-applied]').waitFor();
    expect((await api('/api/meta')).entities.find((e: any) => e.key === 'sales.sales_order').naming.pattern).toBe('ORD-.YY.-.####');
  });
  it('inserts a pipeline stage between two others, with a Lithuanian name, and sees it in that place on the deals board', async () => {
    const { page } = ui;
    const before = (await ui.app.db.query('select id, name from crm_stage order by sort_order')).rows;
    const proposal = before.findIndex((r: any) => r.name === 'Proposal');
    expect(before[proposal - 1].name).toBe('Needs analysis');
    await go('/studio/entities/crm.stage');
    await page.locator('[data-section="stages"] [data-stage-row="Proposal"]').waitFor();
    await page.locator(`[data-stage-insert="${proposal}"]`).click();
    await page.locator('[data-stage="name"]').fill('Demo');
    await page.locator('[data-stage="lt"]').fill('Demonstracija');
    await page.locator('[data-stage="probability"]').fill('50');
    await page.locator('[data-stage-add]').click();
    await page.locator('[data-review]').click();
    await page.locator('[data-change-kind="setting.change"], [data-change*="crm"]').first().waitFor();
    await screenshot(page, 'studio-stage-plan');
    await page.locator('[data-apply]').click();
    await page.locator('[data-applied]').waitFor();
    const after = (await ui.app.db.query('select id, name from crm_stage order by sort_order')).rows;
    const demo = after.find((r: any) => r.name === 'Demo')!;
    expect(demo).toBeDefined();
    // Its Lithuanian name is a title of /api/meta (the one mechanism for set-up records' names).
    const stageMeta = (await api('/api/meta')).entities.find((e: any) => e.key === 'crm.stage');
    expect(stageMeta.titleTranslations.lt).toMatchObject({ Demo: 'Demonstracija', Proposal: 'Pasiūlymas' });
    expect(after.map((r: any) => r.name).slice(proposal - 1, proposal + 2)).toEqual(['Needs analysis', 'Demo', 'Proposal']);
    // The board shows the columns in that order.
    await page.evaluate(() => localStorage.clear());
    await go('/crm.opportunity');
    await page.locator('[data-view="board"]').click();
    await page.locator('[data-board="crm.opportunity"]').waitFor();
    await poll(async () =>
      page.locator('[data-board="crm.opportunity"] [data-column]').evaluateAll((els) => els.map((e) => e.getAttribute('data-column'))),
    ).toEqual(expect.arrayContaining([String(demo.id)]));
    const columns = await page.locator('[data-board="crm.opportunity"] [data-column]').evaluateAll((els) => els.map((e) => e.getAttribute('data-column')));
    const at = columns.indexOf(String(demo.id));
    expect([columns[at - 1], columns[at + 1]]).toEqual([String(after[proposal - 1].id), String(after[proposal + 1].id)]);
    await screenshot(page, 'studio-stage-board');
    // An existing stage renamed in Lithuanian through the studio: the plan names it, apply changes only the name.
    await go('/studio/entities/crm.stage');
    await page.locator('[data-stage-edit-open="Proposal"]').click();
    await page.locator('[data-stage-edit-lt="Proposal"]').fill('Komercinis pasiūlymas');
    await page.locator('[data-stage-edit-save="Proposal"]').click();
    await page.locator('[data-review]').click();
    const relabel = page.locator('[data-change="masterdata.relabel:crm.stage.Proposal.lt"]');
    await relabel.waitFor();
    expect(await relabel.innerText()).toContain('Pasiūlymas → Komercinis pasiūlymas');
    expect(await page.locator('[data-change-kind="masterdata.update"], [data-change-kind="masterdata.order"]').count()).toBe(0);
    await page.locator('[data-apply]').click();
    await page.locator('[data-applied]').waitFor();
    await go('/crm.opportunity');
    await page.locator('[data-board="crm.opportunity"]').waitFor();
    // A Lithuanian user sees the board's columns by their Lithuanian names (seeded and configured).
    await page.getByRole('button', { name: /English/i }).click();
    await page.getByRole('menuitem', { name: 'Lietuvių' }).click();
    const heading = (id: number) => page.locator(`[data-board="crm.opportunity"] [data-column="${id}"]`);
    await poll(async () => heading(demo.id).innerText()).toMatch(/Demonstracija/);
    const proposalId = after.find((r: any) => r.name === 'Proposal')!.id;
    await poll(async () => heading(proposalId).innerText()).toMatch(/Komercinis pasiūlymas/);
    expect(await heading(proposalId).innerText()).not.toMatch(/Proposal/);
    const needs = after.find((r: any) => r.name === 'Needs analysis')!.id;
    expect(await heading(needs).innerText()).toMatch(/Poreikių analizė/);
    await screenshot(page, 'studio-stage-board-lt');
    await page.getByRole('button', { name: /Lietuvių/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await poll(async () => heading(proposalId).innerText()).toMatch(/Proposal/);
  });
  it('lists the revisions (who, when, comment), shows one with its changes, and a revert shows its plan before anything changes', async () => {
    const { page } = ui;
    const current = (await api('/api/config')).version;
    await go('/studio/history');
    const row = page.locator(`[data-revision="${current}"]`);
    await row.waitFor();
    const segments = page.locator('[data-revision]', { hasText: 'customer segments' });
    expect(await segments.innerText()).toContain(ui.user.username);
    await segments.click();
    const detail = page.locator('[data-revision-detail]');
    await detail.getByText('sales.customer', { exact: false }).first().waitFor();
    await screenshot(page, 'studio-history');
    const version = Number(await detail.getAttribute('data-revision-detail'));
    await page.locator(`[data-revert="${version}"]`).click();
    await page.locator('[data-plan] [data-change]').first().waitFor();
    await page.locator('[data-apply]').waitFor();
    // Only planned: the configuration is unchanged until Apply.
    expect((await api('/api/config')).version).toBe(current);
  });
});

describe('the studio: modules', { timeout: 180_000 }, () => {
  it('switches a module on with its dependencies explained, and the plan enables what it needs, saying why', async () => {
    const { page } = ui;
    const version = (await api('/api/config')).version;
    await go('/studio/modules');
    const projects = page.locator('[data-plugin="projects"]');
    await projects.waitFor();
    expect(await projects.getAttribute('data-enabled')).toBe('false');
    expect(await projects.locator('[data-needs]').innerText()).toMatch(/Human resources/);
    await projects
      .getByText(/Human resources, Purchasing|Purchasing, Human resources/)
      .first()
      .waitFor();
    // A module others need cannot be switched off while they are on.
    expect(await page.locator('[data-plugin="crm"] input[type="checkbox"]').isDisabled()).toBe(true);
    await projects.locator('input[type="checkbox"]').check();
    await screenshot(page, 'studio-modules');
    await go('/studio/review');
    await page.locator('[data-change="plugin.enable:projects"]').waitFor();
    // The screen switched the modules it needs on with it; the plan names why each is there.
    expect(await page.locator('[data-change="plugin.enable:projects"]').innerText()).toMatch(/enable Projects \(projects\); it needs .*Human resources/);
    await page.locator('[data-change="plugin.enable:hr"]').waitFor();
    await page.locator('[data-change="plugin.enable:purchasing"]').waitFor();
    // Only planned: nothing changes until Apply.
    expect((await api('/api/config')).version).toBe(version);
  });
});

describe('the studio: the roles matrix', { timeout: 180_000 }, () => {
  it('changes a permission, a row rule and a field rule in the matrix, applies the plan, and "view as" the role shows the new rights', async () => {
    const { page } = ui;
    const viewAs = { 'x-tessera-view-as': 'crm.sales_rep' };
    const stageBefore = (await api('/api/meta', viewAs)).entities.find((e: any) => e.key === 'crm.stage');
    expect(stageBefore.permissions.create).toBe(false);
    // The viewer (the administrator) owns exactly one organization: "own" admits that one.
    const me = (await ui.app.db.query(`select id from auth_user where username = $1`, [ui.user.username])).rows[0]!.id;
    await ui.app.db.query('update crm_organization set owner = null where owner = $1', [me]);
    await ui.app.db.query('update crm_organization set owner = $1 where id = (select min(id) from crm_organization)', [me]);
    await ui.app.db.query('update crm_opportunity set owner = $1 where id = (select min(id) from crm_opportunity)', [me]);
    const orgsBefore = (await api('/api/crm/organization?limit=1', viewAs)).total;
    expect(orgsBefore).toBeGreaterThan(1);
    const dealBefore = (await api('/api/crm/opportunity?limit=1', viewAs)).data[0];
    expect(dealBefore).toHaveProperty('amount');

    await go('/studio/roles');
    await page.locator('[data-role-picker]').selectOption('crm.sales_rep');
    await page.locator('[data-matrix="crm.sales_rep"]').waitFor();
    await page.locator('[data-cell="crm.stage:create"]').check();
    await page.locator('[data-row-rule="crm.organization"]').selectOption('own');
    await page.locator('[data-field-rule-new="entity"]').selectOption('crm.opportunity');
    await page.locator('[data-field-rule-new="field"]').selectOption('amount');
    await page.locator('[data-field-rule-new="access"]').selectOption('hidden');
    await page.locator('[data-field-rule-add]').click();
    await page.locator('[data-field-rule="crm.opportunity.amount"]').waitFor();
    await screenshot(page, 'studio-roles-matrix-edit');
    await go('/studio/review');
    await page.locator('[data-change="role.change:crm.sales_rep"]').waitFor();
    await page.locator('[data-apply]').click();
    await page.locator('[data-applied]').waitFor();

    // The role's rights as "view as" sees them: stages creatable, only own organizations, no deal amounts.
    await poll(async () => (await api('/api/meta', viewAs)).entities.find((e: any) => e.key === 'crm.stage').permissions.create).toBe(true);
    expect((await api('/api/crm/organization?limit=1', viewAs)).total).toBe(1);
    expect((await api('/api/crm/opportunity?limit=1', viewAs)).data[0]).not.toHaveProperty('amount');
    // And in the screens: the viewer as the role sees the organizations list cut down to its own.
    await go('/studio/roles');
    await page.locator('[data-role-picker]').selectOption('crm.sales_rep');
    await page.locator('[data-view-as="crm.sales_rep"]').click();
    await page.locator('[data-viewing-as="crm.sales_rep"]').waitFor();
    await poll(() => page.locator('[data-menu-group="studio"]').count()).toBe(0);
    await go('/crm.organization');
    await page.locator('[data-viewing-as="crm.sales_rep"]').waitFor();
    await page.getByText('1-1 of 1').waitFor();
    await screenshot(page, 'studio-roles-view-as-after');
    await page.locator('[data-stop-view-as]').click();
    await page.locator('[data-menu-group="studio"]').waitFor();
  });
});
