import { describe, expect, it } from 'vitest';
import { catalogMeta, entity, withoutFormulas } from '../test-support/catalogMeta.js';
import { updateBody, writeBody } from './payload.js';
import { formErrors, serverMessageKey } from './errors.js';
import { computeDocument } from './compute.js';

const meta = catalogMeta();
const order = entity(meta, 'catalog.order');
const product = entity(meta, 'catalog.product');

describe('write body', () => {
  it('strips system, computed and react-admin keys and keeps decimals as exact strings', () => {
    const body = writeBody(order, {
      id: 7,
      docstatus: 'draft',
      number: 'ORD-1',
      total: '99.00',
      customer_name: 'Acme',
      order_date: '2026-11-02',
      _expanded: { x: 1 },
      lines: [
        { id: 3, idx: 0, product: 1, qty: '2.5', rate: '10.00', amount: '25.00', created_at: 'x' },
        { product: '2', qty: '1', rate: '0.10' },
      ],
    });
    expect(body).toEqual({
      customer_name: 'Acme',
      order_date: '2026-11-02',
      lines: [
        { id: 3, product: 1, qty: '2.5', rate: '10.00' },
        { product: 2, qty: '1', rate: '0.10' },
      ],
    });
  });

  it('sends empty optional values as null and omits empty required ones on create', () => {
    const body = writeBody(product, { code: '', name: 'X', price: '', supplier_email: '', stock_qty: '', opening_time: '09:30' });
    expect(body).toEqual({ name: 'X', supplier_email: null, stock_qty: null, opening_time: '09:30:00' });
  });

  it('never sends an empty secret (it is not read back, so empty means "keep it")', () => {
    const withSecret = {
      ...product,
      fields: [
        ...product.fields,
        {
          name: 'api_key',
          kind: 'string',
          label: 'API key',
          labels: {},
          required: false,
          readOnly: false,
          hidden: false,
          unique: false,
          custom: false,
          computed: false,
          secret: true,
        },
      ],
    } as typeof product;
    expect(writeBody(withSecret, { name: 'X', api_key: '' })).toEqual({ name: 'X' });
    expect(writeBody(withSecret, { name: 'X', api_key: 's3cret' })).toEqual({ name: 'X', api_key: 's3cret' });
  });

  it('sends only what changed on update, and a line set whole when one line changed', () => {
    const previous = { id: 1, customer_name: 'Acme', notes: null, order_date: '2026-11-02', lines: [{ id: 1, product: 1, qty: '3.000', rate: '1.50' }] };
    expect(updateBody(order, { ...previous, notes: 'rush' }, previous)).toEqual({ notes: 'rush' });
    const changed = {
      ...previous,
      lines: [
        { id: 1, product: 1, qty: '4', rate: '1.50' },
        { product: 2, qty: '1', rate: '2' },
      ],
    };
    expect(updateBody(order, changed, previous)).toEqual({
      lines: [
        { id: 1, product: 1, qty: '4', rate: '1.50' },
        { product: 2, qty: '1', rate: '2' },
      ],
    });
  });
});

describe('server errors', () => {
  it('puts each detail on its field, line rows included', () => {
    const errors = formErrors(order, {
      error: {
        message: 'lines/1/qty must be > 0; customer_name is required',
        details: [
          { path: 'lines/1/qty', message: 'must be > 0' },
          { path: 'customer_name', message: 'is required' },
        ],
      },
    });
    expect(errors).toEqual({
      'lines.1.qty': '@@react-admin@@{"message":"tessera.server.gt","args":{"value":"0","_":"must be > 0"}}',
      customer_name: '@@react-admin@@{"message":"ra.validation.required","args":{"_":"is required"}}',
    });
  });

  it('reports problems that name no field in the notification', () => {
    expect(formErrors(order, { error: { message: 'bad', details: [{ path: '', message: 'must be object' }] } })).toBeUndefined();
    const mixed = formErrors(order, {
      error: {
        message: 'm',
        details: [
          { path: 'nope', message: 'is not a field' },
          { path: 'notes', message: 'too long' },
        ],
      },
    });
    expect(mixed).toEqual({ notes: 'too long', root: { serverError: 'nope is not a field' } });
    expect(formErrors(order, { error: { details: [{ path: 'lines', message: 'must have at least 1 item' }] } })).toEqual({
      lines: '@@react-admin@@{"message":"tessera.server.min_items","args":{"min":"1","_":"must have at least 1 item"}}',
    });
  });

  it('recognizes the server phrases it can translate', () => {
    expect(serverMessageKey('must be > 0')).toEqual({ key: 'tessera.server.gt', args: { value: '0' } });
    expect(serverMessageKey('must be unique: "P-001" is already used')).toEqual({ key: 'tessera.server.unique', args: { value: '"P-001"' } });
    expect(serverMessageKey('something else')).toBeUndefined();
  });
});

describe('live computed values', () => {
  it('computes line amounts and the total to the cent, as the server does', () => {
    const o = entity(catalogMeta(), 'catalog.order');
    expect(o.fields.find((f) => f.name === 'total')!.compute).toEqual({ sum: 'lines.amount' });
    const doc = computeDocument(o, {
      lines: [
        { qty: '3', rate: '1.50' },
        { qty: '2.5', rate: '10.00' },
        { qty: '0.333', rate: '0.10' },
        { qty: '', rate: '5' },
      ],
    });
    expect((doc.lines as Record<string, unknown>[]).map((l) => l.amount)).toEqual(['4.50', '25.00', '0.03', '0.00']);
    expect(doc.total).toBe('29.53');
  });

  it('leaves a computed field alone when the server did not publish its formula', () => {
    const o = entity(withoutFormulas(catalogMeta()), 'catalog.order');
    const doc = computeDocument(o, { total: '9.99', lines: [{ qty: '2', rate: '3', amount: '1.00' }] });
    expect([doc.total, (doc.lines as Record<string, unknown>[])[0]!.amount]).toEqual(['9.99', '1.00']);
  });
});
