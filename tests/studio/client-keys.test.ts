/**
 * The client-configuration keys of the entity designer, through plan and apply on a running
 * server (real PostgreSQL): a field's position in the form (`after`), a filterable custom field
 * (the list filter and the index a list filter implies), enum option colours (meta choices) and
 * the list's default sort. Each is a change of the plan in EN and LT, and is served at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers.js';

let t: TestApp;

beforeAll(async () => {
  t = await startApp({ plugins: ['sales'], company: { name: 'Keys UAB', currency: 'EUR' } });
  for (const name of ['Alpha UAB', 'Beta UAB']) expect((await t.req('POST', '/api/sales/customer', { name })).status).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

const indexes = async (table: string) =>
  (await t.db.query<{ indexname: string; indexdef: string }>('select indexname, indexdef from pg_indexes where tablename = $1', [table])).rows;

const customer = async () => (await t.req('GET', '/api/meta')).body.entities.find((e: any) => e.key === 'sales.customer');

describe('the entity designer keys', () => {
  it('plans, applies and serves position, filterable, option colours and the default sort', async () => {
    const base = (await t.req('GET', '/api/config')).body.config;
    const proposal = {
      ...base,
      customizations: {
        'sales.customer': {
          addFields: {
            x_region: { type: 'string', maxLength: 40, title: 'Region', 'x-labels': { lt: { title: 'Regionas' } } },
            x_tier: { type: 'string', enum: ['gold', 'silver'], title: 'Tier', 'x-labels': { lt: { title: 'Lygis' } } },
          },
          fields: {
            x_region: { filterable: true, after: 'name' },
            x_tier: { enumColors: { gold: '#d4a017', silver: '#9e9e9e' }, filterable: true },
            email: { after: '' },
          },
          defaultSort: '-created_at',
        },
      },
    };
    const plan = await t.req('POST', '/api/config/plan', { config: proposal });
    expect(plan.status).toBe(200);
    const byId = Object.fromEntries(plan.body.changes.map((c: any) => [c.id, c]));
    expect(byId['field.position:sales.customer.x_region'].description).toEqual({
      en: 'place "Region" (sales.customer.x_region) after "Name" in the form',
      lt: expect.stringMatching(/^lauką „Regionas“ \(sales\.customer\.x_region\) formoje rodyti po lauko „.+“$/),
    });
    expect(byId['field.position:sales.customer.email'].description.en).toMatch(/first in the form/);
    expect(byId['field.filter:sales.customer.x_region'].description).toEqual({
      en: 'offer "Region" (sales.customer.x_region) as a list filter',
      lt: 'siūlyti lauką „Regionas“ (sales.customer.x_region) kaip sąrašo filtrą',
    });
    expect(byId['enum.color:sales.customer.x_tier']).toBeUndefined(); // a new field: its colours come with it
    expect(byId['list.sort:sales.customer'].description.en).toMatch(/by "Created.*" \(descending\)/i);
    expect(byId['list.sort:sales.customer'].description.lt).toMatch(/mažėjančiai/);
    // The index a list filter implies is a step of the plan (a trigram index for text).
    const steps = plan.body.changes.flatMap((c: any) => c.steps).join('\n');
    expect(steps).toMatch(/create index "sales_customer_x_region_trgm_index"/);
    expect(steps).toMatch(/sales_customer_x_tier_index/);
    expect(plan.body.ok).toBe(true);

    const applied = await t.req('POST', '/api/config/apply', { hash: plan.body.hash });
    expect(applied.status).toBe(200);
    // The plugin's read view (select * over the table) is made again with the new columns.
    const viewColumns = (await t.db.query<{ c: string }>(`select column_name as c from information_schema.columns where table_name = 'sales_v_customer'`)).rows;
    expect(viewColumns.map((r) => r.c)).toEqual(expect.arrayContaining(['x_region', 'x_tier']));

    const meta = await customer();
    const names = meta.fields.map((f: any) => f.name);
    expect(names[0]).toBe('email');
    expect(names[names.indexOf('name') + 1]).toBe('x_region');
    expect(meta.filters).toEqual(expect.arrayContaining(['x_region', 'x_tier']));
    expect(meta.defaultSort).toBe('-created_at');
    expect(meta.fields.find((f: any) => f.name === 'x_tier').choices).toEqual([
      expect.objectContaining({ id: 'gold', color: '#d4a017' }),
      expect.objectContaining({ id: 'silver', color: '#9e9e9e' }),
    ]);
    const names2 = (await indexes('sales_customer')).map((i) => i.indexname);
    expect(names2).toEqual(
      expect.arrayContaining(['sales_customer_x_region_trgm_index', 'sales_customer_x_tier_index', 'sales_customer_created_at_id_sort_index']),
    );

    // The filter works and the default sort is the list's order.
    const c = await t.req('POST', '/api/sales/customer', { name: 'Gama UAB', x_region: 'Žemaitija', x_tier: 'gold' });
    expect(c.status).toBe(201);
    const found = await t.req('GET', `/api/sales/customer?filter=${encodeURIComponent(JSON.stringify({ x_region: { contains: 'zemait' } }))}`);
    expect(found.body.data.map((r: any) => r.name)).toEqual(['Gama UAB']);
    expect((await t.req('GET', '/api/sales/customer')).body.data[0].name).toBe('Gama UAB');

    // Changing a colour and taking a filter away are changes of their own.
    const next = structuredClone(proposal);
    next.customizations['sales.customer'].fields.x_tier = { enumColors: { gold: '#ffbf00', silver: '#9e9e9e' }, filterable: true };
    next.customizations['sales.customer'].fields.x_region = { filterable: false, after: 'name' };
    const plan2 = await t.req('POST', '/api/config/plan', {
      config: { ...(await t.req('GET', '/api/config')).body.config, customizations: next.customizations },
    });
    const ids2 = plan2.body.changes.map((c: any) => c.id);
    expect(ids2).toEqual(expect.arrayContaining(['enum.color:sales.customer.x_tier', 'field.filter:sales.customer.x_region']));
    expect(plan2.body.changes.find((c: any) => c.id === 'field.filter:sales.customer.x_region').description.lt).toMatch(/^nebesiūlyti/);
    expect(ids2).not.toContain('field.position:sales.customer.x_region');
  });

  it('plans relabelled and hidden fields, options added, reordered and renamed, and list columns, in EN and LT, and serves them', async () => {
    const base = (await t.req('GET', '/api/config')).body.config;
    const proposal = {
      ...base,
      customizations: {
        ...base.customizations,
        'sales.customer': {
          ...base.customizations['sales.customer'],
          fields: {
            ...base.customizations['sales.customer'].fields,
            name: { title: 'Client', labels: { lt: { title: 'Klientas' } } },
            phone: { hidden: true },
            customer_type: { enum: ['individual', 'company', 'public_body'], enumLabels: { public_body: 'Public body', company: 'Business' } },
          },
          listColumns: ['name', 'customer_type', 'x_region'],
        },
      },
    };
    const plan = await t.req('POST', '/api/config/plan', { config: proposal });
    expect(plan.status).toBe(200);
    const byId = Object.fromEntries(plan.body.changes.map((c: any) => [c.id, c.description]));
    expect(byId['field.relabel:sales.customer.name']).toEqual({
      en: 'rename the label of sales.customer.name to "Client"',
      lt: 'pervadinti lauko sales.customer.name etiketę į „Klientas“',
    });
    expect(byId['field.hide:sales.customer.phone']).toEqual({
      en: 'hide sales.customer.phone in forms and lists',
      lt: 'paslėpti lauką sales.customer.phone formose ir sąrašuose',
    });
    expect(byId['enum.add:sales.customer.customer_type'].en).toBe('add option(s) public_body to sales.customer.customer_type');
    expect(byId['enum.reorder:sales.customer.customer_type'].lt).toMatch(
      /^nauja lauko sales\.customer\.customer_type pasirinkimų tvarka: individual, company, public_body/,
    );
    expect(byId['enum.relabel:sales.customer.customer_type']).toBeDefined();
    expect(byId['list.change:sales.customer'].en).toBe('list columns of Customer: name, customer_type, x_region');
    // Adding an option needs no data change: nothing is lossy, nothing asked.
    expect(plan.body.lossy).toEqual([]);
    expect(plan.body.questions).toEqual([]);
    expect((await t.req('POST', '/api/config/apply', { hash: plan.body.hash })).status).toBe(200);
    const meta = await customer();
    const field = (n: string) => meta.fields.find((f: any) => f.name === n);
    expect(field('name')).toMatchObject({ label: 'Client', labels: { lt: 'Klientas' } });
    expect(field('phone').hidden).toBe(true);
    expect(field('customer_type').choices.map((c: any) => [c.id, c.name])).toEqual([
      ['individual', 'Individual'],
      ['company', 'Business'],
      ['public_body', 'Public body'],
    ]);
    expect(meta.listColumns).toEqual(['name', 'customer_type', 'x_region']);
    expect((await t.req('POST', '/api/sales/customer', { name: 'Savivaldybė', customer_type: 'public_body' })).status).toBe(201);
  });

  it('refuses a position after a field that does not exist, and a colour that is not #rrggbb, with the path', async () => {
    const base = (await t.req('GET', '/api/config')).body.config;
    const bad = await t.req('POST', '/api/config/plan', {
      config: { ...base, customizations: { 'sales.customer': { fields: { email: { after: 'nope' } } } } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/customizations\/sales\.customer\/fields\/email\/after: there is no field "nope"/);
    const colour = await t.req('POST', '/api/config/plan', {
      config: { ...base, customizations: { 'sales.customer': { fields: { customer_type: { enumColors: { company: 'red; x' } } } } } },
    });
    expect(colour.status).toBe(422);
    expect(JSON.stringify(colour.body.error)).toMatch(/enumColors/);
  });
});
