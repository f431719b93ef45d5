/**
 * Every read path applies the same row and field rules (issue 11, item 11): reports, dashboard
 * widgets, full-text search and the duplicate check never let a row outside the caller's row
 * rule, or a field hidden from their role, influence what they get.
 *
 * The matrix: all six business plugins with the demo data; as every demo role, and as probe
 * roles that hide every number of one plugin or admit only their own rows, every report route
 * (from the OpenAPI document) and every dashboard widget is fetched; then, for that role only,
 * the database is changed where the role must not look (hidden values altered, rows outside its
 * row rules altered and copied), everything is fetched again and must be identical; then the
 * data is restored.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../core/src/app.js';
import type { EntityModel } from '../../core/src/entities/model.js';
import type { CurrentUser } from '../../core/src/plugin-api/index.js';
import { filter, startApp, type Req, type TestApp } from '../helpers.js';

const PLUGINS = ['inventory', 'purchasing', 'crm', 'sales', 'production', 'hr'];
const NUMERIC = new Set(['decimal', 'integer']);
const TEXT = new Set(['string', 'text', 'email', 'url', 'phone']);

let t: TestApp;
let db: pg.Client;
interface Viewer {
  name: string;
  user: CurrentUser;
  req: Req;
}
const viewers: Viewer[] = [];
let routes: string[] = [];

/** Every entity table with its model (documents and their line items). */
function tables(): { e: EntityModel; table: string }[] {
  // Users and roles are left alone: the viewers' own credentials live there.
  return [...t.registry.tables.entries()].filter(([, e]) => e.plugin !== 'auth').map(([table, e]) => ({ table, e }));
}

async function viewer(username: string): Promise<Viewer> {
  const id = Number((await t.db.query(`select id from auth_user where username = $1`, [username])).rows[0].id);
  const { token } = await t.auth!.createApiToken(id, 'read-paths');
  return { name: username, user: (await t.auth!.loadUser(id))!, req: t.as(token) };
}

/** The report URLs to fetch: every GET report route of the OpenAPI document, required parameters filled. */
async function reportRoutes(): Promise<string[]> {
  const doc = (await t.req('GET', '/api/openapi.json')).body;
  const month = new Date().toISOString().slice(0, 7);
  const firstId = async (sql: string) => String((await t.db.query(sql)).rows[0]?.id ?? 1);
  const values: Record<string, string[]> = {
    month: [month],
    bom: [await firstId(`select min(id) as id from production_bom`)],
    item: [await firstId(`select item as id from inventory_stock_ledger_entry group by item order by count(*) desc limit 1`)],
  };
  const out: string[] = [];
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    if (!/^\/api\/[a-z_]+\/reports\//.test(path) || !ops.get || path.includes('{')) continue;
    const required = (ops.get.parameters ?? []).filter((p: any) => p.in === 'query' && p.required);
    let urls = [path];
    for (const p of required) {
      const choices = p.schema?.enum ?? values[p.name];
      if (!choices) throw new Error(`read-paths test: no value for the required parameter ${p.name} of ${path}`);
      urls = urls.flatMap((u) => choices.map((v: string) => `${u}${u.includes('?') ? '&' : '?'}${p.name}=${encodeURIComponent(v)}`));
    }
    out.push(...urls);
  }
  // Variants that read other tables.
  out.push(
    '/api/sales/reports/analytics?based_on=invoice&group_by=item',
    `/api/inventory/reports/stock-balance?as_of=${new Date().toISOString().slice(0, 10)}`,
  );
  const meta = (await t.req('GET', '/api/meta')).body;
  out.push(...meta.dashboard.map((w: any) => w.url as string));
  return out.sort();
}

async function snapshot(v: Viewer): Promise<Record<string, { status: number; body: unknown }>> {
  const out: Record<string, { status: number; body: unknown }> = {};
  for (const url of routes) {
    const r = await v.req('GET', url);
    expect(r.status, `${v.name} GET ${url}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
    out[url] = { status: r.status, body: r.status === 200 ? r.body : r.body?.error?.code };
  }
  return out;
}

/** The viewer's row rule on a table as SQL over alias t ("true" when unrestricted), with its values. */
function scopeOf(v: Viewer, e: EntityModel): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const target = e.parent ?? e;
  const rule = t.service.rowFilter(v.user, target, e.parent ? 'p' : 't', (x) => `$${params.push(x)}`);
  if (rule === 'true' || rule === 'false') return { sql: rule, params };
  return { sql: e.parent ? `exists (select 1 from ${target.table} p where p.id = t.parent_id and (${rule}))` : rule, params };
}

const changed = (kind: string, col: string) =>
  NUMERIC.has(kind) ? `${col} * 3 + 1` : TEXT.has(kind) ? `reverse(${col})` : kind === 'date' ? `${col} + 1` : undefined;

/** Alters, for this viewer only, what they must not see; returns the tables touched. */
async function perturb(v: Viewer): Promise<Set<string>> {
  const touched = new Set<string>();
  for (const { e, table } of tables()) {
    // Hidden values, on every row.
    const hidden = e.fields.filter((f) => f.kind !== 'reference' && changed(f.kind, f.column) && !t.registry.policy.canSeeField(v.user, e, f.name));
    if (hidden.length) {
      await db.query(`update ${table} set ${hidden.map((f) => `"${f.column}" = ${changed(f.kind, `"${f.column}"`)}`).join(', ')}`);
      touched.add(table);
    }
    // Rows outside the row rule: every number altered, and each row copied (documents only).
    const scope = scopeOf(v, e);
    if (scope.sql === 'true') continue;
    const outside = `not coalesce((${scope.sql}), false)`;
    const numbers = e.fields.filter((f) => NUMERIC.has(f.kind));
    if (numbers.length)
      await db.query(
        `update ${table} t set ${numbers.map((f) => `"${f.column}" = ${changed(f.kind, `t."${f.column}"`)}`).join(', ')} where ${outside}`,
        scope.params,
      );
    if (!e.parent) {
      const before = Number((await db.query(`select coalesce(max(id), 0) as m from ${table}`)).rows[0].m);
      const cols = (
        await db.query(
          `select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1 and column_name <> 'id' order by ordinal_position`,
          [table],
        )
      ).rows.map((r) => `"${r.column_name}"`);
      await db.query(`insert into ${table} (${cols.join(', ')}) select ${cols.map((c) => `t.${c}`).join(', ')} from ${table} t where ${outside}`, scope.params);
      // The copies must stay outside the rule, or the comparison would be unfair.
      const inside = await db.query(`select count(*)::int as n from ${table} t where t.id > ${before} and coalesce((${scope.sql}), false)`, scope.params);
      expect(inside.rows[0].n, `copies of ${table} rows outside ${v.name}'s rule are inside it`).toBe(0);
    }
    touched.add(table);
  }
  return touched;
}

async function restore(touched: Set<string>): Promise<void> {
  for (const table of touched) {
    await db.query(`delete from ${table}`);
    await db.query(`insert into ${table} select * from read_paths_backup.${table}`);
  }
}

beforeAll(async () => {
  t = await startApp({ plugins: PLUGINS }, { demo: true });
  for (const p of t.plugins) for (const role of Object.keys(p.def.roles ?? {})) viewers.push(await viewer(role));
  // Probe roles: everything readable, every number of one plugin hidden; or only one's own rows.
  const numbersOf = (plugin: string) =>
    [...t.registry.entities.values()]
      .filter((e) => e.plugin === plugin)
      .flatMap((e) => [
        ...e.fields.filter((f) => NUMERIC.has(f.kind)).map((f) => ({ entity: e.key, field: f.name, access: 'hidden' })),
        ...e.children.flatMap((c) =>
          c.child!.fields.filter((f) => NUMERIC.has(f.kind)).map((f) => ({ entity: e.key, field: `${c.name}.${f.name}`, access: 'hidden' })),
        ),
      ]);
  const probes: Record<string, object> = {
    'probe.own_rows': { permissions: [{ entity: '*', actions: 'read', row_rule: 'own' }], field_rules: [] },
    ...Object.fromEntries(PLUGINS.map((p) => [`probe.no_${p}_numbers`, { permissions: [{ entity: '*', actions: 'read' }], field_rules: numbersOf(p) }])),
  };
  for (const [name, body] of Object.entries(probes)) {
    const r = await t.req('POST', '/api/auth/role', { name, label: name, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await t.createUser(name, [name]);
    viewers.push(await viewer(name));
  }
  routes = await reportRoutes();

  // The test's own connection alters data behind the application's back: no triggers (the
  // ledgers are append-only), no foreign-key or check constraints, no unique indexes (copies).
  db = new pg.Client({ connectionString: t.url });
  await db.connect();
  await db.query(`set session_replication_role = replica`);
  for (const { table } of tables()) {
    for (const c of (await db.query(`select conname from pg_constraint where conrelid = $1::regclass and contype in ('c', 'u')`, [table])).rows)
      await db.query(`alter table ${table} drop constraint "${c.conname}"`);
    for (const i of (
      await db.query(`select indexrelid::regclass::text as name from pg_index where indrelid = $1::regclass and indisunique and not indisprimary`, [table])
    ).rows)
      await db.query(`drop index ${i.name}`);
  }
  await db.query(`create schema read_paths_backup`);
  for (const { table } of tables()) await db.query(`create table read_paths_backup.${table} as select * from ${table}`);
}, 300_000);
afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('reports and dashboard widgets, as every role', () => {
  it('covers every report and widget route', () => {
    expect(routes.filter((r) => r.includes('/reports/')).length).toBeGreaterThanOrEqual(20);
    expect(routes.filter((r) => r.startsWith('/api/dashboard/')).length).toBeGreaterThanOrEqual(15);
    // the plugins' 13 demo roles, the built-in consultant and 7 probe roles
    expect(viewers.length).toBe(14 + 7);
  });

  it('rows outside the role’s row rules and fields hidden from it do not change any result', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    let compared = 0;
    for (const v of viewers) {
      const before = await snapshot(v);
      const touched = await perturb(v);
      try {
        const after = await snapshot(v);
        for (const url of routes) {
          compared++;
          if (JSON.stringify(before[url]) !== JSON.stringify(after[url]))
            failures.push(`${v.name} GET ${url}:\n  before ${JSON.stringify(before[url]).slice(0, 400)}\n  after  ${JSON.stringify(after[url]).slice(0, 400)}`);
        }
      } finally {
        await restore(touched);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(compared).toBe(viewers.length * routes.length);
  });

  it('a widget or report over a hidden field answers 403 FIELD_HIDDEN, and the widget is not offered', async () => {
    const probe = viewers.find((v) => v.name === 'probe.no_crm_numbers')!;
    const pipeline = await probe.req('GET', '/api/crm/reports/pipeline');
    expect(pipeline.status).toBe(403);
    expect(pipeline.body.error.code).toBe('FIELD_HIDDEN');
    expect(pipeline.body.error.message).toContain('crm.opportunity.amount');
    const widget = await probe.req('GET', '/api/dashboard/crm.open_pipeline_weighted');
    expect(widget.status).toBe(403);
    expect(widget.body.error.code).toBe('FIELD_HIDDEN');
    const offered = (await probe.req('GET', '/api/meta')).body.dashboard.map((w: any) => w.id);
    expect(offered).not.toContain('crm.open_pipeline_weighted');
    expect(offered).toContain('crm.overdue_activities');
    // Another plugin's numbers stay visible to it.
    expect((await probe.req('GET', '/api/dashboard/sales.sales_this_month')).status).toBe(200);
  });
});

describe('search and duplicate checks', () => {
  it('q does not match on a field hidden from the role', async () => {
    const employee = viewers.find((v) => v.name === 'hr.employee')!;
    // Link the demo employee user to an employee with reports, and give one report a searchable hidden value.
    const [boss] = (await t.db.query(`select m.id from hr_employee m where exists (select 1 from hr_employee r where r.manager = m.id) order by m.id limit 1`))
      .rows;
    await t.db.query(`update hr_employee set "user" = null where "user" = $1`, [employee.user.id]);
    await t.db.query(`update hr_employee set "user" = $1 where id = $2`, [employee.user.id, boss.id]);
    const [report] = (await t.db.query(`select id, full_name from hr_employee where manager = $1 order by id limit 1`, [boss.id])).rows;
    const model = t.registry.entities.get('hr.employee')!;
    const hiddenSearchable = model.searchFields.find((f) => !t.registry.policy.canSeeField(employee.user, model, f));
    const secret = 'zzsecretvalue';
    if (hiddenSearchable)
      await t.db.query(`update hr_employee set "${model.fieldMap.get(hiddenSearchable)!.column}" = $1 where id = $2`, [`${secret}@example.com`, report.id]);
    // Whether or not hr.employee's search fields include a hidden one, a configured one must not leak:
    const leaky = await t.req('GET', `/api/hr/employee?q=${secret}`);
    if (hiddenSearchable) expect(leaky.body.total).toBe(1); // the administrator finds it
    const asEmployee = await employee.req('GET', `/api/hr/employee?q=${secret}`);
    expect(asEmployee.status).toBe(200);
    expect(asEmployee.body.total).toBe(0);
    // Visible fields are still searched.
    const byName = await employee.req('GET', `/api/hr/employee?q=${encodeURIComponent(report.full_name.split(' ')[0])}`);
    expect(byName.body.data.map((r: any) => r.id)).toContain(report.id);
  });

  it('q over a search field the role hides matches nothing through it (client-configured hiding)', async () => {
    const e = t.registry.entities.get('crm.organization')!;
    const field = e.searchFields.find((f) => f !== e.titleField)!;
    const role = await t.req('POST', '/api/auth/role', {
      name: 'probe.hide_search',
      label: 'Hide a search field',
      permissions: [{ entity: 'crm.*', actions: 'read' }],
      field_rules: [{ entity: 'crm.organization', field, access: 'hidden' }],
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const u = await t.createUser('probe.hide_search', ['probe.hide_search']);
    const org = (
      await t.req('POST', '/api/crm/organization', {
        name: 'Searchable Org',
        [field]: field === 'email' ? 'hiddenneedle@example.com' : 'hiddenneedle',
        allow_duplicate: true,
      })
    ).body;
    expect(org.id).toBeDefined();
    expect((await t.req('GET', `/api/crm/organization?q=hiddenneedle`)).body.total).toBe(1);
    expect((await u.req('GET', `/api/crm/organization?q=hiddenneedle`)).body.total).toBe(0);
    expect((await u.req('GET', `/api/crm/organization?q=Searchable`)).body.total).toBe(1);
    // Nor can it be filtered or sorted on.
    expect((await u.req('GET', `/api/crm/organization?filter=${filter({ [field]: { contains: 'needle' } })}`)).status).toBe(400);
  });

  it('the duplicate check does not name a lead outside the caller’s row rule', async () => {
    const rep = viewers.find((v) => v.name === 'crm.sales_rep')!;
    const lead = (
      await t.req('POST', '/api/crm/lead', { name: 'Paulius Urbonas', company_name: 'Urbonas Ltd', email: 'paulius@urbonas.example', allow_duplicate: true })
    ).body;
    expect((await rep.req('GET', `/api/crm/lead/${lead.id}`)).status).toBe(404);
    const dup = await rep.req('POST', '/api/crm/lead', { name: 'Paulius Urbonas', company_name: 'Urbonas Ltd', email: 'paulius@urbonas.example' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('POSSIBLE_DUPLICATE');
    const text = JSON.stringify(dup.body);
    expect(text).not.toContain('Paulius');
    expect(text).not.toContain(`${String(lead.id)} `);
    expect(dup.body.error.message).toMatch(/you cannot see/);
    // The rep's own lead is still named.
    const mine = (await rep.req('POST', '/api/crm/lead', { name: 'Rūta Kairė', company_name: 'Kairė UAB', email: 'ruta@kaire.example' })).body;
    const again = await rep.req('POST', '/api/crm/lead', { name: 'Rūta Kairė', company_name: 'Kairė UAB', email: 'ruta@kaire.example' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`${mine.id} "Rūta Kairė"`);
    // The duplicates report lists only groups among readable leads.
    const groups = (await rep.req('GET', '/api/crm/reports/duplicates?entity=crm.lead')).body.data;
    expect(JSON.stringify(groups)).not.toContain('Paulius');
  });
});

describe('action results', () => {
  it('a record an action returns carries no field hidden from the caller', async () => {
    const role = await t.req('POST', '/api/auth/role', {
      name: 'probe.rep_no_amount',
      label: 'Rep without amounts',
      permissions: [
        { entity: 'crm.opportunity', actions: 'read,update,mark_won' },
        { entity: 'crm.stage', actions: 'read' },
      ],
      field_rules: [
        { entity: 'crm.opportunity', field: 'amount', access: 'hidden' },
        { entity: 'crm.opportunity', field: 'weighted_amount', access: 'hidden' },
      ],
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const u = await t.createUser('probe.rep_no_amount', ['probe.rep_no_amount']);
    const org = Number((await t.db.query(`select min(id) as id from crm_organization`)).rows[0].id);
    const created = await t.req('POST', '/api/crm/opportunity', { name: 'Hidden amount deal', amount: '98765.43', organization: org });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const deal = created.body;
    expect((await u.req('GET', `/api/crm/opportunity/${deal.id}`)).body).not.toHaveProperty('amount');
    const won = await u.req('POST', `/api/crm/opportunity/${deal.id}/actions/mark_won`, {});
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    expect(won.body.status).toBe('won');
    expect(won.body).not.toHaveProperty('amount');
    expect(won.body).not.toHaveProperty('weighted_amount');
    expect(JSON.stringify(won.body)).not.toContain('98765');
  });
});

describe('history', () => {
  it('an action’s input in the history leaves out values of fields hidden from the reader', async () => {
    const role = await t.req('POST', '/api/auth/role', {
      name: 'probe.no_lost_detail',
      label: 'No lost details',
      permissions: [{ entity: 'crm.opportunity', actions: 'read' }],
      field_rules: [{ entity: 'crm.opportunity', field: 'lost_detail', access: 'hidden' }],
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const u = await t.createUser('probe.no_lost_detail', ['probe.no_lost_detail']);
    const org = Number((await t.db.query(`select min(id) as id from crm_organization`)).rows[0].id);
    const deal = (await t.req('POST', '/api/crm/opportunity', { name: 'Lost with a secret', amount: '10.00', organization: org })).body;
    const reason = Number((await t.db.query(`select min(id) as id from crm_lost_reason`)).rows[0].id);
    const lost = await t.req('POST', `/api/crm/opportunity/${deal.id}/actions/mark_lost`, {
      lost_reason: reason,
      lost_detail: 'the buyer is leaving zzconfidential',
    });
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    const mine = await t.req('GET', `/api/crm/opportunity/${deal.id}/history`);
    expect(JSON.stringify(mine.body)).toContain('zzconfidential');
    const theirs = await u.req('GET', `/api/crm/opportunity/${deal.id}/history`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.data.some((h: any) => h.action === 'mark_lost' && h.changes.input?.lost_reason === reason)).toBe(true);
    expect(JSON.stringify(theirs.body)).not.toContain('zzconfidential');
  });
});

describe('demo users', () => {
  it('log in with the demo password', async () => {
    const r = await t.req('POST', '/api/auth/login', { username: 'crm.sales_rep', password: DEMO_PASSWORD }, { authorization: '' });
    expect(r.status).toBe(200);
  });
});
