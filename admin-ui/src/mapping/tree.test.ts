import { describe, expect, it } from 'vitest';
import type { MetaEntity, MetaField } from '../meta/types.js';
import { buildTree, treeField } from './tree.js';

const field = (name: string, kind: MetaField['kind'], extra: Partial<MetaField> = {}) =>
  ({
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
  }) as MetaField;

describe('tree view', () => {
  it('applies to entities with a parent reference to themselves and an is_group flag', () => {
    const account = {
      key: 'accounting.account',
      fields: [
        field('name', 'string'),
        field('parent', 'reference', { ref: { entity: 'accounting.account', path: '/x', titleField: 'name' } }),
        field('is_group', 'boolean'),
      ],
    } as unknown as MetaEntity;
    expect(treeField(account)?.name).toBe('parent');
    const other = {
      key: 'crm.contact',
      fields: [field('parent', 'reference', { ref: { entity: 'crm.organization', path: '/x', titleField: 'name' } }), field('is_group', 'boolean')],
    } as unknown as MetaEntity;
    expect(treeField(other)).toBeUndefined();
  });

  it('flattens depth-first in the given order, marks parents, hides collapsed subtrees', () => {
    const rows = [
      { id: 1, name: 'Assets', parent: null },
      { id: 2, name: 'Bank', parent: 3 },
      { id: 3, name: 'Current', parent: 1 },
      { id: 4, name: 'Liabilities', parent: null },
      { id: 5, name: 'Orphan', parent: 99 },
    ];
    expect(buildTree(rows).map((r) => [r.record.name, r.depth, r.hasChildren])).toEqual([
      ['Assets', 0, true],
      ['Current', 1, true],
      ['Bank', 2, false],
      ['Liabilities', 0, false],
      ['Orphan', 0, false],
    ]);
    expect(buildTree(rows, 'parent', new Set([3])).map((r) => r.record.name)).toEqual(['Assets', 'Current', 'Liabilities', 'Orphan']);
  });

  it('shows records in a cycle once, without looping', () => {
    expect(
      buildTree([
        { id: 1, parent: 2 },
        { id: 2, parent: 1 },
      ]).map((r) => [r.record.id, r.depth]),
    ).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });
});
