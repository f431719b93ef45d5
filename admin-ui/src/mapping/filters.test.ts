import { describe, expect, it } from 'vitest';
import { catalogMeta, entity } from '../test-support/catalogMeta.js';
import { filterDefs, referenceSearch, toServerFilter } from './filters.js';
import { idChunks, listQuery, sortParam } from './query.js';

const meta = catalogMeta();
const product = entity(meta, 'catalog.product');
const order = entity(meta, 'catalog.order');
const review = entity(meta, 'catalog_ext.review');

describe('filter inputs', () => {
  it('offers search plus one input per declared filter, by kind, then every other visible field', () => {
    expect(
      filterDefs(product)
        .slice(0, 6)
        .map((f) => [f.source, f.kind]),
    ).toEqual([
      ['q', 'search'],
      ['category', 'reference'],
      ['status', 'select'],
      ['active', 'boolean'],
      ['launch_date', 'dateRange'],
      ['price', 'decimalRange'],
    ]);
    const rest = filterDefs(product)
      .slice(6)
      .map((f) => f.source);
    expect(rest.length).toBeGreaterThan(0);
    for (const name of rest) {
      const f = product.fields.find((x) => x.name === name)!;
      expect(f.hidden || f.secret || product.filters.includes(name)).toBe(false);
    }
  });

  it('keeps the document status filter always visible', () => {
    expect(filterDefs(order).find((f) => f.source === 'docstatus')).toMatchObject({ kind: 'select', alwaysOn: true });
  });

  it('has no search box when the entity declares no search fields', () => {
    expect(filterDefs(review).some((f) => f.source === 'q')).toBe(false);
  });
});

describe('server filter', () => {
  it('passes nested ranges through and drops empty values', () => {
    const out = toServerFilter(product, {
      q: ' bolt ',
      status: 'active',
      launch_date: { gte: '2026-01-01', lte: '' },
      price: { gte: '', lte: '' },
      category: '',
      active: 'false',
    });
    expect(out).toEqual({ q: 'bolt', filter: { status: 'active', launch_date: { gte: '2026-01-01' }, active: false } });
  });

  it('turns an "in" list and related-record targets into the server syntax', () => {
    expect(toServerFilter(order, { docstatus: ['draft', 'submitted'], 'lines.product': 3 }).filter).toEqual({
      docstatus: ['draft', 'submitted'],
      'lines.product': 3,
    });
  });

  it('returns nothing for an empty filter', () => {
    expect(toServerFilter(product, {})).toEqual({});
  });

  it('searches a reference target by full text, or by its text title field', () => {
    expect(referenceSearch(entity(meta, 'catalog.category'))!('to')).toEqual({ q: 'to' });
    const noSearch = { ...entity(meta, 'catalog.category'), searchFields: [] };
    expect(referenceSearch(noSearch)!('to')).toEqual({ name: { contains: 'to' } });
    expect(referenceSearch(review)).toBeUndefined();
  });
});

describe('list query', () => {
  it('encodes filter, search, sort and page as the list endpoint expects', () => {
    const qs = listQuery(product, { pagination: { page: 3, perPage: 25 }, sort: { field: 'price', order: 'DESC' }, filter: { q: 'hex', status: 'active' } });
    expect(Object.fromEntries(qs)).toEqual({ filter: '{"status":"active"}', q: 'hex', sort: '-price', limit: '25', offset: '50' });
  });

  it('falls back to the declared default sort for unknown fields', () => {
    expect(sortParam(product, { field: 'nope', order: 'ASC' })).toBe('-id');
    expect(sortParam(product, { field: 'id', order: 'ASC' })).toBe('id');
    expect(sortParam(order, { field: 'docstatus', order: 'DESC' })).toBe('-docstatus');
  });

  it('chunks ids for getMany and ignores non-ids', () => {
    expect(idChunks([3, '3', 4, null, 'x'])).toEqual(['3,4']);
    expect(idChunks(Array.from({ length: 2500 }, (_, i) => i + 1)).length).toBe(3);
  });
});
