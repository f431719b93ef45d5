import { describe, expect, it } from 'vitest';
import { catalogMeta, entity } from '../test-support/catalogMeta.js';
import { boardColumns, boardField, buildBoard } from './kanban.js';

const product = { ...entity(catalogMeta(), 'catalog.product'), kanban: { groupBy: 'status', title: 'name' } };

describe('board view', () => {
  it('makes one column per enum choice and places the cards by value', () => {
    const f = boardField(product)!;
    const columns = boardColumns(f, 'lt');
    expect(columns.map((c) => c.label)).toEqual(['Juodraštis', 'Parduodama', 'Nebegaminama']);
    const board = buildBoard(
      product,
      f,
      columns,
      [
        { id: 1, status: 'active' },
        { id: 2, status: 'discontinued' },
        { id: 3, status: 'active' },
      ],
      'None',
    );
    expect(board.columns.map((c) => c.cards.map((r) => r.id))).toEqual([[], [1, 3], [2]]);
  });

  it('groups by reference targets with a column for records without one', () => {
    const byCategory = { ...product, kanban: { groupBy: 'category' } };
    const f = boardField(byCategory)!;
    const columns = boardColumns(f, 'en', [
      { id: 1, title: 'Tools' },
      { id: 2, title: 'Parts' },
    ]);
    const board = buildBoard(
      byCategory,
      f,
      columns,
      [
        { id: 5, category: 2 },
        { id: 6, category: null },
      ],
      'No category',
    );
    expect(board.columns.map((c) => [c.label, c.cards.length])).toEqual([
      ['Tools', 0],
      ['Parts', 1],
      ['No category', 1],
    ]);
  });

  it('has no board without a groupable field', () => {
    expect(boardField({ ...product, kanban: { groupBy: 'name' } })).toBeUndefined();
    expect(boardField({ ...product, kanban: undefined })).toBeUndefined();
  });
});

describe('board columns at scale', () => {
  it('totals a column exactly and collapses the empty columns of a wide board', async () => {
    const { columnTotal, startsCollapsed } = await import('./kanban.js');
    expect(columnTotal([{ amount: '0.10' }, { amount: '0.20' }, { amount: null }], 'amount')).toBe('0.3');
    expect(columnTotal([], undefined)).toBeUndefined();
    expect(startsCollapsed(7, 0)).toBe(true);
    expect(startsCollapsed(7, 2)).toBe(false);
    expect(startsCollapsed(3, 0)).toBe(false);
  });
});
