import { describe, expect, it } from 'vitest';
import { catalogMeta, entity } from '../test-support/catalogMeta.js';
import type { Meta, MetaAction, MetaDashboardWidget, MetaEntity } from '../meta/types.js';
import { docStatusColor, documentButtons } from './documents.js';
import { actionBody, actionDefaults, actionInputs } from './actionForm.js';
import { formatDate, formatDecimal, formatMoney, formatTime } from './format.js';
import { barLayout, linePoints, niceMax, normalizeWidget, orderWidgets, pieSlices, pointLabeller, readableLabel } from './dashboard.js';
import { menuGroups, resourceMessages } from './resources.js';
import { entityPlural, fieldLabel, choiceLabel, iconName } from './labels.js';

const meta = catalogMeta();
// The lifecycle alone (the fixture's catalog_ext adds a "duplicate" action to orders).
const order = { ...entity(meta, 'catalog.order'), actions: [] };
const product = entity(meta, 'catalog.product');

const approve: MetaAction = { name: 'approve', label: 'Approve', labels: { lt: 'Patvirtinti' }, when: { docstatus: ['submitted'] }, allowed: true };

describe('document buttons', () => {
  it('offers submit on drafts, cancel on submitted and amend on cancelled documents', () => {
    expect(documentButtons(order, { docstatus: 'draft' })).toEqual([{ kind: 'submit' }]);
    expect(documentButtons(order, { docstatus: 'submitted' })).toEqual([{ kind: 'cancel' }]);
    expect(documentButtons(order, { docstatus: 'cancelled' })).toEqual([{ kind: 'amend' }]);
  });

  it('shows declared actions only in their states and when allowed', () => {
    const e = { ...order, actions: [approve, { ...approve, name: 'secret', allowed: false }] };
    expect(documentButtons(e, { docstatus: 'draft' }).map((b) => b.kind)).toEqual(['submit']);
    expect(documentButtons(e, { docstatus: 'submitted' })).toEqual([{ kind: 'cancel' }, { kind: 'action', action: approve }]);
    expect(documentButtons({ ...order, permissions: { ...order.permissions, submit: false } }, { docstatus: 'draft' })).toEqual([]);
  });

  it('checks every `when` field against the record, docstatus only on submittable entities', () => {
    const receive: MetaAction = { ...approve, name: 'receive', when: { docstatus: ['submitted'], status: ['to_receive', 'to_receive_and_bill'] } };
    const e = { ...order, actions: [receive] };
    const kinds = (r: Record<string, unknown>, ent: MetaEntity = e) => documentButtons(ent, r).map((b) => (b.kind === 'action' ? b.action.name : b.kind));
    expect(kinds({ docstatus: 'submitted', status: 'to_receive' })).toEqual(['cancel', 'receive']);
    expect(kinds({ docstatus: 'submitted', status: 'to_receive_and_bill' })).toEqual(['cancel', 'receive']);
    expect(kinds({ docstatus: 'submitted', status: 'completed' })).toEqual(['cancel']);
    expect(kinds({ docstatus: 'draft', status: 'to_receive' })).toEqual(['submit']);
    // A field the user cannot read is left to the server.
    expect(kinds({ docstatus: 'submitted' })).toEqual(['cancel', 'receive']);
    // Not submittable: docstatus is ignored, the other fields still count.
    const won: MetaAction = { ...approve, name: 'won', when: { docstatus: ['submitted'], status: ['open', 'lost'] } };
    const plain = { ...product, submittable: undefined, actions: [won] };
    expect(kinds({ status: 'open' }, plain)).toEqual(['won']);
    expect(kinds({ status: 'won' }, plain)).toEqual([]);
  });

  it('colours the status chip', () => {
    expect(['draft', 'submitted', 'cancelled'].map(docStatusColor)).toEqual(['info', 'success', 'error']);
  });
});

describe('action input forms', () => {
  const schema = {
    type: 'object',
    required: ['reason'],
    properties: {
      reason: { type: 'string', title: 'Reason', maxLength: 500 },
      qty: { type: 'integer', minimum: 1, default: 1 },
      level: { type: 'string', enum: ['low', 'high'] },
      notify: { type: 'boolean' },
      due: { type: 'string', format: 'date' },
    },
  };

  it('derives one input per property with its kind and constraints', () => {
    expect(actionInputs(schema).map((i) => [i.name, i.kind, i.required])).toEqual([
      ['reason', 'multiline', true],
      ['qty', 'integer', false],
      ['level', 'select', false],
      ['notify', 'boolean', false],
      ['due', 'date', false],
    ]);
    expect(actionInputs(schema)[1]).toMatchObject({ label: 'Qty', min: 1 });
  });

  it('renders a declared secret (x-secret, writeOnly or widget password) as a password input', () => {
    const secret = {
      type: 'object',
      properties: {
        a: { type: 'string', 'x-secret': true },
        b: { type: 'string', writeOnly: true },
        c: { type: 'string', 'x-ui': { widget: 'password' } },
        d: { type: 'string' },
      },
    } as any;
    expect(actionInputs(secret).map((i) => i.kind)).toEqual(['password', 'password', 'password', 'text']);
  });

  it('starts with the defaults and sends typed values without empty ones', () => {
    expect(actionDefaults(schema)).toEqual({ qty: 1 });
    expect(actionDefaults(schema, { id: 4, reason: 'from the record', qty: 5, level: null, lines: [] })).toEqual({ reason: 'from the record', qty: 5 });
    expect(actionBody(schema, { reason: 'late', qty: '3', level: '', notify: false })).toEqual({ reason: 'late', qty: 3, notify: false });
  });
});

describe('formatting', () => {
  it('formats exact decimals and money for each locale', () => {
    expect(formatDecimal('1234567.125', 'en', 3)).toBe('1,234,567.125');
    expect(formatDecimal('12345678901234567.89', 'en', 2)).toBe('12,345,678,901,234,567.89');
    expect(formatDecimal('2.500000', 'lt', 6, true)).toBe('2,5');
    expect(formatDecimal('500.000000', 'en', 6, true)).toBe('500');
    expect(formatDecimal('80.5', 'en', 2, true)).toBe('80.50');
    expect(formatMoney('29.5', 'en', 'EUR')).toBe('€29.50');
    expect(formatMoney('1234.5', 'lt', 'EUR').replace(/\s/g, ' ')).toBe('1 234,50 €');
  });

  it('formats calendar dates and times without a time-zone shift', () => {
    expect(formatDate('2026-11-02', 'en')).toBe('Nov 2, 2026');
    expect(formatDate('2026-11-02', 'lt')).toBe('2026-11-02');
    expect(formatTime('09:30:00', 'lt')).toBe('09:30');
  });
});

describe('dashboard', () => {
  it('names chart points in the locale: a linked record by its seeded title, a status by its choice label', () => {
    const m = {
      entities: [
        {
          key: 'crm.opportunity',
          fields: [{ name: 'stage', kind: 'reference', ref: { entity: 'crm.stage' } }],
        },
        { key: 'crm.stage', titleField: 'name', titleTranslations: { lt: { Prospecting: 'Paieška' } }, fields: [] },
        {
          key: 'purchasing.purchase_order',
          fields: [{ name: 'status', kind: 'enum', choices: [{ id: 'to_bill', name: 'To bill', labels: { lt: 'Apmokestinti' } }] }],
        },
      ],
    } as unknown as Meta;
    const stages = {
      id: 'p',
      label: 'P',
      kind: 'bar',
      entity: 'crm.opportunity',
      url: '',
      link: { entity: 'crm.opportunity', pointField: 'stage' },
    } as MetaDashboardWidget;
    expect(pointLabeller(stages, m, 'lt')({ label: 'Prospecting', raw: 'Prospecting', value: 1 })).toBe('Paieška');
    expect(pointLabeller(stages, m, 'lt')({ label: 'Custom', raw: 'Custom', value: 1 })).toBe('Custom');
    const statuses = { id: 's', label: 'S', kind: 'pie', entity: 'purchasing.purchase_order', url: '' } as MetaDashboardWidget;
    expect(pointLabeller(statuses, m, 'lt')({ label: 'To bill', raw: 'to_bill', value: 1 })).toBe('Apmokestinti');
    expect(pointLabeller(statuses, m, 'en')({ label: 'To bill', raw: 'to_bill', value: 1 })).toBe('To bill');
  });

  it('normalizes figures and series', () => {
    expect(normalizeWidget({ value: '12.50' })).toEqual({ kind: 'figure', value: '12.50' });
    expect(
      normalizeWidget({
        series: [
          { label: 'A', value: '2' },
          { label: 'B', value: 'x' },
        ],
      }),
    ).toEqual({ kind: 'series', series: [{ label: 'A', raw: 'A', value: 2 }] });
    expect(
      normalizeWidget({
        series: [
          { label: 'in_process', value: 1 },
          { label: 'draft', value: 2 },
          { label: '2026-02', value: 3 },
        ],
      }).kind,
    ).toBe('series');
    expect(['in_process', 'draft', '2026-02', 'Vilnius main'].map(readableLabel)).toEqual(['In process', 'Draft', '2026-02', 'Vilnius main']);
    expect(orderWidgets([{ kind: 'bar' }, { kind: 'number' }, { kind: 'pie' }, { kind: 'money' }]).map((w) => w.kind)).toEqual([
      'number',
      'money',
      'bar',
      'pie',
    ]);
  });

  it('lays out bars, slices and lines inside the box', () => {
    expect(niceMax(7)).toBe(10);
    expect(niceMax(0)).toBe(1);
    const { bars } = barLayout(
      [
        { label: 'a', value: 5 },
        { label: 'b', value: 10 },
      ],
      200,
      100,
    );
    expect(bars[1]!.height).toBe(100);
    expect(bars[0]!.height).toBe(50);
    expect(
      pieSlices(
        [
          { label: 'a', value: 1 },
          { label: 'b', value: 3 },
        ],
        50,
      ).map((s) => s.share),
    ).toEqual([0.25, 0.75]);
    expect(pieSlices([{ label: 'a', value: 0 }], 50)).toEqual([]);
    const { points } = linePoints(
      [
        { label: 'a', value: 0 },
        { label: 'b', value: 10 },
      ],
      100,
      50,
    );
    expect(points.map((p) => [p.x, p.y])).toEqual([
      [0, 50],
      [100, 0],
    ]);
  });
});

describe('menu and labels', () => {
  it('groups entities by plugin in their declared order, translated', () => {
    const groups = menuGroups(meta, 'lt');
    expect(groups.map((g) => g.label)).toEqual(['Naudotojai ir rolės', 'Katalogas', 'Catalog reviews']);
    const catalog = groups.find((g) => g.plugin === 'catalog')!;
    expect(catalog.items.map((i) => i.resource)).toEqual(['catalog.product', 'catalog.category', 'catalog.order']);
    expect(catalog.items[1]!.label).toBe('Kategorijos');
    expect(catalog.items[0]!.icon).toBe('inventory_2');
  });

  it('translates field and choice labels when a translation exists', () => {
    const status = product.fields.find((f) => f.name === 'status')!;
    expect(fieldLabel(status, 'lt')).toBe('Būsena');
    expect(fieldLabel(status, 'en')).toBe('Status');
    expect(status.choices!.map((c) => choiceLabel(c, 'lt'))).toEqual(['Juodraštis', 'Parduodama', 'Nebegaminama']);
    expect(entityPlural(product, 'lt')).toBe('Products');
    expect(iconName('bad name!')).toBe('folder');
  });

  it('builds react-admin resource messages with singular and plural names', () => {
    const msgs = resourceMessages(meta, 'lt') as { resources: Record<string, Record<string, { name: string }>> };
    expect(msgs.resources.catalog!.category!.name).toBe('Kategorija |||| Kategorijos |||| Kategorijos');
    expect((resourceMessages(meta, 'en') as any).resources.catalog.product.name).toBe('Product |||| Products');
  });
});
