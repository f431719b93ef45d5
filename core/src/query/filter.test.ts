import { describe, expect, it } from 'vitest';
import { Params } from '../db/database.js';
import { normalizeDeclaration } from '../entities/declarations.js';
import { FilterCompiler, compileSort } from './filter.js';

const order = normalizeDeclaration({
  plugin: 'shop',
  file: 'order.json',
  json: {
    name: 'order',
    title: 'Order',
    type: 'object',
    properties: {
      number: { type: 'string', title: 'Number' },
      total: { type: 'string', format: 'decimal', 'x-precision': 12, 'x-scale': 2 },
      status: { type: 'string', enum: ['open', 'closed'] },
      secret_note: { type: 'string' },
      lines: {
        type: 'array',
        'x-children': { name: 'line' },
        items: { type: 'object', properties: { qty: { type: 'string', format: 'decimal', 'x-precision': 12, 'x-scale': 3 } } },
      },
    },
  },
});

function compile(filter: unknown, visible?: (field: string) => boolean) {
  const params = new Params();
  const fc = new FilterCompiler(order, params, 't', visible && ((_e, f) => visible(f)));
  return { sql: fc.compile(filter), values: params.values, problems: fc.problems };
}

describe('the filter compiler', () => {
  it('compiles fields and operators to parameterized SQL', () => {
    const r = compile({ status: 'open', total: { gte: '10.00', lt: '100' }, number: { contains: "O'Brien%" } });
    expect(r.problems).toEqual([]);
    expect(r.sql).not.toContain("O'Brien");
    expect(r.values).toContain('10.00');
    expect(r.sql).toMatch(/t\."status" = \$1/);
  });

  it('nests and/or/not and reaches line-item fields through exists', () => {
    const r = compile({ or: [{ status: 'closed' }, { not: { 'lines.qty': { gt: '5' } } }] });
    expect(r.problems).toEqual([]);
    expect(r.sql).toContain(' or ');
    expect(r.sql).toMatch(/not \(exists \(select 1 from "shop_line" c where c\."parent_id" = t\."id" and c\."qty" > \$\d+/);
  });

  it('names every problem with its path instead of guessing', () => {
    const r = compile({ nope: 1, total: { around: '5' }, status: { in: 'open' } });
    expect(r.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['filter/nope', 'filter/total/around', 'filter/status/in']));
  });

  it('does not filter on a field the caller may not see', () => {
    const r = compile({ secret_note: 'x' }, (f) => f !== 'secret_note');
    expect(r.problems[0]).toMatchObject({ path: 'filter/secret_note' });
  });

  it('sorts on declared columns and always ends with id', () => {
    expect(compileSort(order, '-total,number', 't')).toBe('t."total" desc, t."number" asc, t."id" asc');
  });
});
