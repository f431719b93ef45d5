import { describe, expect, it } from 'vitest';
import { catalogMeta, entity } from '../test-support/catalogMeta.js';
import { describeChanges } from './history.js';

const order = entity(catalogMeta(), 'catalog.order');

describe('history', () => {
  it('reads field changes, line-item counts and action inputs from an audit change set', () => {
    const lines = describeChanges(order, {
      notes: { old: null, new: 'rush' },
      docstatus: { old: 'draft', new: 'submitted' },
      lines: { added: [{ id: 3 }], removed: [], changed: [{ id: 1 }, { id: 2 }] },
      customer_name: { old: 'Acme', new: 'Acme Ltd' },
    });
    expect(lines.map((l) => [l.kind, l.name])).toEqual([
      ['field', 'docstatus'],
      ['field', 'customer_name'],
      ['field', 'notes'],
      ['lines', 'lines'],
    ]);
    expect(lines[3]).toMatchObject({ added: 1, removed: 0, changed: 2 });
    expect(lines[1]).toMatchObject({ from: 'Acme', to: 'Acme Ltd' });
    expect(describeChanges(order, { input: { customer_name: 'Copy' } })).toEqual([{ kind: 'input', name: 'customer_name', value: 'Copy' }]);
    expect(describeChanges(order, null)).toEqual([]);
  });
});
