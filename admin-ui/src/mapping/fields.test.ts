import { describe, expect, it } from 'vitest';
import { catalogMeta, entity } from '../test-support/catalogMeta.js';
import { canDeleteRecord, canEditRecord, defaultValues, displayKind, formInputs, inputKind, isMoney, listColumns, lineColumns, showFields } from './fields.js';

const meta = catalogMeta();
const product = entity(meta, 'catalog.product');
const order = entity(meta, 'catalog.order');

describe('field kinds', () => {
  it('gives every kind of the product fixture its own input', () => {
    const byName = Object.fromEntries(product.fields.map((f) => [f.name, inputKind(f)]));
    expect(byName).toMatchObject({
      code: 'text',
      category: 'reference',
      price: 'decimal',
      stock_qty: 'integer',
      active: 'boolean',
      launch_date: 'date',
      last_sold_at: 'datetime',
      opening_time: 'time',
      status: 'select',
      supplier_email: 'email',
      website: 'url',
      phone: 'phone',
      attributes: 'json',
      notes: 'multiline',
    });
  });

  it('treats two-place price and total decimals as money, six-place cost as a plain number', () => {
    expect(isMoney(product.fields.find((f) => f.name === 'price')!)).toBe(true);
    expect(isMoney(product.fields.find((f) => f.name === 'cost')!)).toBe(false);
    expect(displayKind(order.fields.find((f) => f.name === 'total')!)).toBe('money');
    expect(isMoney({ kind: 'decimal', name: 'weight', scale: 2, widget: 'money' })).toBe(true);
    expect(
      ['rate', 'tax_rate', 'discount_percent', 'discount_amount', 'per_billed', 'grand_total'].map((name) => isMoney({ kind: 'decimal', name, scale: 2 })),
    ).toEqual([true, false, false, true, false, true]);
  });
});

describe('list columns', () => {
  it('uses the declared columns and renders the document status as a chip', () => {
    const cols = listColumns(order);
    expect(cols.map((c) => c.source)).toEqual(['number', 'customer_name', 'order_date', 'total', 'docstatus']);
    expect(cols.find((c) => c.source === 'docstatus')!.display).toBe('docstatus');
    expect(cols.every((c) => c.sortable)).toBe(true);
  });

  it('shows the line-item columns of the child entity', () => {
    const lines = order.fields.find((f) => f.name === 'lines')!.children!;
    expect(lineColumns(lines).map((f) => f.name)).toEqual(['product', 'qty', 'rate', 'amount']);
  });
});

describe('forms', () => {
  it('leaves server-numbered fields out of the create form and shows computed totals read-only', () => {
    const inputs = formInputs(order, 'create');
    expect(inputs.map((i) => i.source)).not.toContain('number');
    const total = inputs.find((i) => i.source === 'total')!;
    expect(total).toMatchObject({ computed: true, disabled: true, required: false });
    expect(inputs.find((i) => i.source === 'customer_name')).toMatchObject({ required: true, disabled: false });
    expect(inputs.find((i) => i.source === 'lines')!.input).toBe('lineItems');
  });

  it('a secret is a password input, required only on create, and never a column or shown on the record page', () => {
    const secret = {
      name: 'api_key',
      kind: 'string',
      label: 'API key',
      labels: {},
      required: true,
      readOnly: false,
      hidden: false,
      unique: false,
      custom: false,
      computed: false,
      secret: true,
    } as const;
    const e = { ...order, fields: [...order.fields, secret], listColumns: [...order.listColumns, 'api_key'] } as typeof order;
    expect(inputKind(secret as any)).toBe('password');
    expect(formInputs(e, 'create').find((i) => i.source === 'api_key')).toMatchObject({ input: 'password', required: true });
    expect(formInputs(e, 'edit', 'draft').find((i) => i.source === 'api_key')).toMatchObject({ input: 'password', required: false });
    expect(listColumns(e).map((c) => c.source)).not.toContain('api_key');
    expect(showFields(e).map((f) => f.name)).not.toContain('api_key');
  });

  it('locks a submitted document except the fields editable after submit', () => {
    const inputs = formInputs(order, 'edit', 'submitted');
    const editable = inputs.filter((i) => !i.disabled).map((i) => i.source);
    expect(editable).toEqual(['notes']);
    expect(formInputs(order, 'edit', 'cancelled').every((i) => i.disabled)).toBe(true);
    expect(formInputs(order, 'edit', 'draft').find((i) => i.source === 'number')!.disabled).toBe(true);
  });

  it('does not mark fields with a default as required', () => {
    expect(formInputs(product, 'create').find((i) => i.source === 'status')!.required).toBe(false);
    expect(formInputs(product, 'create').find((i) => i.source === 'price')!.required).toBe(true);
  });

  it('opens submitted documents for editing only when a field stays editable, never cancelled ones', () => {
    expect(canEditRecord(order, { docstatus: 'draft' })).toBe(true);
    expect(canEditRecord(order, { docstatus: 'submitted' })).toBe(true);
    expect(canEditRecord(order, { docstatus: 'cancelled' })).toBe(false);
    expect(canDeleteRecord(order, { docstatus: 'submitted' })).toBe(false);
    expect(canDeleteRecord(order, { docstatus: 'cancelled' })).toBe(true);
    const noEdits = { ...order, submittable: { editableAfterSubmit: [] } };
    expect(canEditRecord(noEdits, { docstatus: 'submitted' })).toBe(false);
  });

  it('starts a new record with the declared defaults and one empty line', () => {
    expect(defaultValues(product)).toMatchObject({ stock_qty: 0, active: true, status: 'draft' });
    expect(defaultValues(order)).toEqual({ lines: [{}] });
  });
});
