/** The pure rules of entry (issue 17, items 1-4): pickers, fill-in, repeat, open-lines grids, dialog errors, made documents, money by declared kind. */
import { describe, expect, it } from 'vitest';
import type { Meta, MetaEntity, MetaField } from '../meta/types.js';
import {
  cascadingFills,
  choiceDetail,
  choiceText,
  fillChanges,
  fillQuery,
  implicitFilter,
  pickerFilter,
  pickerFilterParts,
  repeatedValues,
  rowBase,
  secondaryFields,
} from './pickers.js';
import { actionBody, actionDefaults, actionInputs, openQty } from './actionForm.js';
import { dialogMessage, problemPlace, serverFieldErrors } from './dialogErrors.js';
import { madeDocument } from './actionResult.js';
import { awaitsSave, computeDocument } from './compute.js';
import { allFieldsKey, currencyOf, formInputs, hasInternalFields, isMoney, lineColumns, showFields } from './fields.js';
import { formatDate, formatRate } from './format.js';
import { recordName } from './labels.js';

const f = (name: string, kind: MetaField['kind'], extra: Partial<MetaField> = {}): MetaField => ({
  name,
  kind,
  label: name,
  labels: {},
  required: false,
  readOnly: false,
  hidden: false,
  unique: false,
  custom: false,
  computed: false,
  ...extra,
});
const entity = (key: string, fields: MetaField[], extra: Partial<MetaEntity> = {}): MetaEntity =>
  ({
    key,
    plugin: 'p',
    name: key,
    label: key,
    plural: key,
    labels: {},
    menu: true,
    order: 0,
    path: `/api/${key}`,
    titleField: 'code',
    searchFields: ['code', 'name'],
    listColumns: [],
    filters: [],
    defaultSort: 'id',
    fields,
    actions: [],
    referencedBy: [],
    permissions: { create: true, read: true },
    ...extra,
  }) as MetaEntity;

const item = entity('inventory.item', [f('code', 'string'), f('name', 'string'), f('is_group', 'boolean')]);

describe('pickers', () => {
  it('show "code - name" and secondary text, by declaration or the other of code/name', () => {
    expect(secondaryFields(f('item', 'reference'), item)).toEqual(['name']);
    expect(choiceText(item, ['name'], { id: 1, code: 'PK-009', name: 'Pallet wrap clear' })).toBe('PK-009 - Pallet wrap clear');
    const contact = entity('crm.contact', [f('full_name', 'string'), f('job_title', 'string'), f('email', 'string')], { titleField: 'full_name' });
    const sec = secondaryFields(f('contact', 'reference', { ui: { secondary: ['job_title', 'email', 'nope'] } }), contact);
    expect(sec).toEqual(['job_title', 'email']);
    expect(choiceText(contact, sec, { id: 2, full_name: 'Rūta K.', job_title: 'Buyer', email: 'r@x.lt' })).toBe('Rūta K. - Buyer');
    expect(choiceDetail(sec, { id: 2, full_name: 'Rūta K.', job_title: 'Buyer', email: 'r@x.lt' })).toBe('r@x.lt');
  });

  it('filter by context: constants, a field of the row, of the document (^), through a reference', () => {
    const field = f('contact', 'reference', { ui: { refFilter: { disabled: false, organization: '=customer.organization', warehouse: '=^warehouse' } } });
    const parts = pickerFilterParts(field, rowBase('lines.2.contact'));
    expect(parts.fixed).toEqual({ disabled: false });
    expect(parts.deps).toEqual([
      { key: 'organization', path: 'lines.2.customer', through: 'organization' },
      { key: 'warehouse', path: 'warehouse' },
    ]);
    expect(pickerFilter(parts, [7, ''])).toEqual({ disabled: false, organization: 7 });
  });

  it('fill: the query from the form, and which answered fields change (replace or only empty ones)', () => {
    const field = f('item', 'reference', {
      ui: { fill: { url: '/api/sales/selling-defaults', params: { customer: '^customer', qty: 'qty', bad: '^notes' } } },
    });
    const values: Record<string, unknown> = { customer: 4, notes: 'a&b=c', lines: [{ qty: '2' }] };
    const read = (p: string) => p.split('.').reduce<any>((a, k) => a?.[k], values);
    expect(fillQuery(field, 9, read, 'lines.0').toString()).toBe('item=9&customer=4&qty=2');
    const line = {
      fields: [f('item', 'reference'), f('description', 'string'), f('rate', 'decimal'), f('amount', 'decimal', { computed: true, readOnly: true })],
    };
    const answer = { description: 'Claw hammer', rate: '12.9000', amount: '1', unknown: 1, item: 3 };
    expect(fillChanges(line, 'item', answer, () => 'typed', true)).toEqual({ description: 'Claw hammer', rate: '12.9000' });
    expect(fillChanges(line, 'item', answer, (n) => (n === 'rate' ? '5' : ''), false)).toEqual({ description: 'Claw hammer' });
  });

  it("a new line copies the previous line's fields marked repeat", () => {
    const child = entity('s.line', [f('item', 'reference'), f('warehouse', 'reference', { ui: { repeat: true } }), f('rate', 'decimal')]);
    expect(repeatedValues(child, { item: 1, warehouse: 5 })).toEqual({ warehouse: 5 });
    expect(repeatedValues(child, undefined)).toEqual({});
    // Picking the item then fills its defaults, but keeps the carried warehouse (an empty one is filled).
    const answer = { warehouse: 9, rate: '2' };
    expect(fillChanges(child, 'item', answer, (n) => ({ warehouse: 5, rate: '1' })[n], true)).toEqual({ rate: '2' });
    expect(fillChanges(child, 'item', answer, () => undefined, true)).toEqual({ warehouse: 9, rate: '2' });
  });
});

describe('pickers: implicit filters and chained fills', () => {
  const ref = (name: string, entity: string, ui?: MetaField['ui']) =>
    f(name, 'reference', { ref: { entity, path: `/api/${entity}`, titleField: 'name' }, ...(ui ? { ui } : {}) });
  const warehouse = entity('inventory.warehouse', [
    f('name', 'string'),
    ref('parent', 'inventory.warehouse'),
    f('is_group', 'boolean'),
    f('disabled', 'boolean'),
  ]);

  it('leaves out tree groups (except within the tree itself) and disabled records; a declared key wins', () => {
    expect(implicitFilter(warehouse, 'sales.delivery')).toEqual({ is_group: false, disabled: false });
    expect(implicitFilter(warehouse, undefined)).toEqual({ is_group: false, disabled: false });
    // A warehouse's parent is a group: the tree's own picker offers them.
    expect(implicitFilter(warehouse, 'inventory.warehouse')).toEqual({ disabled: false });
    expect(implicitFilter(warehouse, 'x.y', { disabled: true, is_group: true })).toEqual({});
    expect(implicitFilter(entity('crm.contact', [f('full_name', 'string')]), 'sales.quotation')).toEqual({});
  });

  it("a filled reference with a fill of its own runs next (the item's tax template fills the tax %)", () => {
    const row = {
      fields: [
        ref('item', 'inventory.item', { fill: { url: '/api/sales/selling-defaults' } }),
        ref('tax_template', 'accounting.tax_template', { fill: { url: '/api/accounting/tax-template-rate', replace: true } }),
        ref('uom', 'inventory.uom'),
        f('rate', 'decimal'),
      ],
    };
    expect(cascadingFills(row, { tax_template: 3, uom: 1, rate: '2' }, 'item').map((x) => x.name)).toEqual(['tax_template']);
    expect(cascadingFills(row, { item: 3 }, 'item')).toEqual([]);
  });
});

describe('show all fields', () => {
  const line = entity('s.line', [f('item', 'reference'), f('order_line', 'integer', { ui: { internal: true } })]);
  const doc = entity('s.doc', [
    f('code', 'string'),
    f('allow_duplicate', 'boolean', { ui: { internal: true } }),
    f('converted_from', 'integer', { readOnly: true, ui: { internal: true } }),
    f('lines', 'children', { children: line }),
  ]);

  it('internal fields only when asked, read-only where they are read-only', () => {
    expect(formInputs(doc, 'edit').map((i) => i.source)).toEqual(['code', 'lines']);
    const all = formInputs(doc, 'edit', 'draft', true);
    expect(all.map((i) => [i.source, i.disabled])).toEqual([
      ['code', false],
      ['allow_duplicate', false],
      ['converted_from', true],
      ['lines', false],
    ]);
    expect(lineColumns(line).map((c) => c.name)).toEqual(['item']);
    expect(lineColumns(line, true).map((c) => c.name)).toEqual(['item', 'order_line']);
    expect(showFields(doc, true).map((x) => x.name)).toContain('converted_from');
    // A new document's grid leaves out what the server fills later (read-only, not computed).
    const filled = entity('s.l2', [
      f('item', 'reference'),
      f('received_qty', 'decimal', { readOnly: true }),
      f('amount', 'decimal', { computed: true, readOnly: true }),
    ]);
    expect(lineColumns(filled, false, 'create').map((c) => c.name)).toEqual(['item', 'amount']);
    expect(lineColumns(filled, false, 'edit').map((c) => c.name)).toEqual(['item', 'received_qty', 'amount']);
  });

  it('is offered where there is something internal (on the record or its lines), remembered per user', () => {
    expect(hasInternalFields(doc)).toBe(true);
    expect(hasInternalFields(entity('s.x', [f('code', 'string'), f('lines', 'children', { children: line })]))).toBe(true);
    expect(hasInternalFields(entity('s.y', [f('code', 'string')]))).toBe(false);
    expect(allFieldsKey(7)).toBe('tessera.all_fields.7');
    expect(allFieldsKey(undefined)).not.toBe(allFieldsKey(7));
  });
});

describe('open-lines grid', () => {
  const schema = {
    type: 'object',
    properties: {
      posting_date: { type: 'string', format: 'date' },
      warehouse: { type: 'integer', 'x-ref': 'inventory.warehouse', 'x-labels': { lt: { title: 'Sandėlis' } } },
      lines: {
        type: 'array',
        'x-ui': { openLines: { from: 'lines', key: 'sales_order_item', open: ['qty', 'delivered_qty'] } },
        items: { type: 'object', properties: { sales_order_item: { type: 'integer' }, qty: { type: 'string' }, warehouse: { type: 'integer' } } },
      },
    },
  };
  const order = {
    id: 1,
    lines: [
      { id: 11, qty: '4.000000', delivered_qty: '1.500000', warehouse: 2 },
      { id: 12, qty: '3', delivered_qty: '3' },
      { id: 13, qty: '0.1', delivered_qty: '0' },
    ],
  };

  it('knows its inputs: references (x-ref) and translations', () => {
    const inputs = actionInputs(schema);
    expect(inputs.map((i) => i.kind)).toEqual(['date', 'reference', 'openLines']);
    expect(inputs[1]).toMatchObject({ ref: 'inventory.warehouse', labels: { lt: 'Sandėlis' } });
  });

  it('prefills the open lines with what is left, exactly', () => {
    expect(openQty({ qty: '4.000000', delivered_qty: '1.500000' }, { from: 'lines', key: 'k', open: ['qty', 'delivered_qty'] })).toBe('2.5');
    expect(openQty({ qty: '0.3', delivered_qty: '0.1' }, { from: 'lines', key: 'k', open: ['qty', 'delivered_qty'] })).toBe('0.2');
    expect(actionDefaults(schema, order).lines).toEqual([
      { sales_order_item: 11, qty: '2.5', warehouse: 2 },
      { sales_order_item: 13, qty: '0.1' },
    ]);
  });

  it('sends only the rows with something to do and maps them back for errors', () => {
    const rowIndex: Record<string, number[]> = {};
    const body = actionBody(
      schema,
      {
        lines: [
          { sales_order_item: 11, qty: '0', warehouse: 2 },
          { sales_order_item: 13, qty: '0.1', extra: 1 },
        ],
      },
      rowIndex,
    );
    expect(body).toEqual({ lines: [{ sales_order_item: 13, qty: '0.1' }] });
    expect(rowIndex).toEqual({ lines: [1] });
  });
});

describe('dialog errors and results', () => {
  const err = {
    message: 'x',
    status: 422,
    body: {
      error: {
        message: 'invalid order lines',
        details: [
          { path: 'customer_po', message: 'must be at most 80 characters' },
          { path: 'lines/1/warehouse', message: 'is required: set the warehouse' },
        ],
      },
    },
  } as any;

  it('puts problems on the dialog inputs and the rest on top, with the line counted from 1', () => {
    const errors = serverFieldErrors(err, ['customer_po', 'warehouse']);
    expect(Object.keys(errors)).toEqual(['customer_po']);
    expect(dialogMessage(err, ['customer_po', 'warehouse']).problems).toEqual([{ path: 'lines/1/warehouse', message: 'is required: set the warehouse' }]);
    expect(problemPlace('lines/1/warehouse')).toEqual({ row: 2, field: 'warehouse' });
    expect(dialogMessage(new Error('boom'), []).message).toBe('boom');
  });

  it('messages name the record: the entity in the language and its title (seeded ones translated), else its id', () => {
    const q = entity('sales.quotation', [f('number', 'string')], { titleField: 'number', labels: { lt: { title: 'Komercinis pasiūlymas' } } as never });
    expect(recordName(q, { id: 5, number: 'QTN-2026-00012' }, 'en')).toBe('sales.quotation QTN-2026-00012');
    expect(recordName(q, { id: 5, number: 'QTN-2026-00012' }, 'lt')).toBe('Komercinis pasiūlymas QTN-2026-00012');
    expect(recordName(q, { id: 5 }, 'en')).toBe('sales.quotation #5');
    const uom = entity('inventory.uom', [f('name', 'string')], { titleField: 'name', titleTranslations: { lt: { Box: 'Dėžė' } } } as never);
    expect(recordName(uom, { id: 1, name: 'Box' }, 'lt')).toBe('inventory.uom Dėžė');
  });

  it('finds the document an action made from the entities referring to this one', () => {
    const quotation = entity('sales.quotation', [], { referencedBy: [{ entity: 'sales.sales_order', field: 'quotation', label: '', path: '' }] });
    const so = entity('sales.sales_order', [], { titleField: 'number' });
    const meta = { entities: [quotation, so] } as unknown as Meta;
    expect(madeDocument(meta, quotation, { id: 5 }, { id: 9, quotation: 5, number: 'SO-2026-00012' })).toEqual({ entity: so, id: 9, name: 'SO-2026-00012' });
    expect(madeDocument(meta, quotation, { id: 5 }, { id: 5, status: 'approved' })).toBeUndefined();
    expect(madeDocument(meta, quotation, { id: 5 }, { ok: true })).toBeUndefined();
  });
});

describe('field widgets and live values', () => {
  it('money by the declared kind, with the declared currency field; internal fields left out', () => {
    expect(isMoney(f('total_amount', 'decimal', { scale: 2, ui: { kind: 'quantity' } }))).toBe(false);
    expect(isMoney(f('x', 'decimal', { scale: 4, ui: { kind: 'money' } }))).toBe(true);
    expect(currencyOf(f('amount', 'decimal', { ui: { currency: '^currency' } }), { currency: 'XX' }, { currency: 'USD' })).toBe('USD');
    expect(currencyOf(f('rate', 'decimal', { ui: { currency: 'currency' } }), { currency: 'EUR' })).toBe('EUR');
    const e = entity(
      'crm.contact',
      [f('name', 'string'), f('allow_duplicate', 'boolean', { ui: { internal: true } }), f('status', 'enum', { readOnly: true })],
      { submittable: { editableAfterSubmit: [] } },
    );
    expect(formInputs(e, 'create').map((i) => i.source)).toEqual(['name']);
    expect(showFields(e).map((x) => x.name)).toEqual(['name']);
    expect(showFields(e, true).map((x) => x.name)).toEqual(['name', 'allow_duplicate']);
    expect(lineColumns(entity('l', [f('sales_order_item', 'integer', { ui: { internal: true } }), f('qty', 'decimal')])).map((x) => x.name)).toEqual(['qty']);
  });

  it('rates at 2-4 places, dates long on a record page', () => {
    expect(formatRate('0.330645161', 'en')).toBe('0.3306');
    expect(formatRate('12.5', 'lt')).toBe('12,50');
    expect(formatDate('2026-03-01', 'lt', 'long')).toBe('2026 m. kovo 1 d.');
    expect(formatDate('2026-03-01', 'lt')).toBe('2026-03-01');
  });

  it('a product waiting for a factor the server fills (an empty exchange rate) is not shown as 0', () => {
    const base = { compute: { mul: ['net_total', 'exchange_rate'] } };
    expect(awaitsSave(base, { net_total: '10.00' })).toBe(true);
    expect(awaitsSave(base, { net_total: '10.00', exchange_rate: '' })).toBe(true);
    expect(awaitsSave(base, { net_total: '10.00', exchange_rate: '1' })).toBe(false);
    expect(awaitsSave({ compute: { mul: ['qty', 'rate', '0.01'] } }, { qty: '1', rate: '2' })).toBe(false);
    expect(awaitsSave({ compute: { sum: 'lines.amount' } }, {})).toBe(false);
    expect(awaitsSave({ compute: { add: ['a', 'b'] } }, {})).toBe(false);
  });

  it('computes line tax with the document rate as the fallback (x-compute "tax_rate|^tax_rate")', () => {
    const line = entity('q.line', [
      f('qty', 'decimal'),
      f('rate', 'decimal'),
      f('discount_percent', 'decimal'),
      f('gross_amount', 'decimal', { scale: 2, computed: true, compute: { mul: ['qty', 'rate'] } }),
      f('discount_amount', 'decimal', { scale: 2, computed: true, compute: { mul: ['qty', 'rate', 'discount_percent', '0.01'] } }),
      f('amount', 'decimal', { scale: 2, computed: true, compute: { sub: ['gross_amount', 'discount_amount'] } }),
      f('tax_rate', 'decimal'),
      f('tax_amount', 'decimal', { scale: 2, computed: true, compute: { mul: ['amount', 'tax_rate|^tax_rate', '0.01'] } }),
    ]);
    const doc = entity('q', [
      f('tax_rate', 'decimal'),
      f('lines', 'children', { children: line }),
      f('tax_total', 'decimal', { scale: 2, computed: true, compute: { sum: 'lines.tax_amount' } }),
    ]);
    const out = computeDocument(doc, {
      tax_rate: '21',
      lines: [
        { qty: '3', rate: '0.333', discount_percent: '10' },
        { qty: '1', rate: '50', tax_rate: '9' },
      ],
    });
    expect((out.lines as any[]).map((l) => [l.gross_amount, l.discount_amount, l.amount, l.tax_amount])).toEqual([
      ['1.00', '0.10', '0.90', '0.19'],
      ['50.00', '0.00', '50.00', '4.50'],
    ]);
    expect(out.tax_total).toBe('4.69');
  });
});
