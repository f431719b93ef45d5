/** x-compute operands: "^field" (the document's, on a line) and alternatives "a|^b", checked at load and computed exactly. */
import { describe, expect, it } from 'vitest';
import { checkEntityGraph, normalizeDeclaration, validateDeclaration } from './declarations.js';
import { computeDocument } from '../data/compute.js';
import type { EntityModel } from './model.js';

const dec = (scale: number, extra: Record<string, unknown> = {}) => ({ type: 'string', format: 'decimal', 'x-precision': 18, 'x-scale': scale, ...extra });

function load(taxOperand: string): EntityModel {
  const decl = {
    plugin: 't',
    file: 'doc.json',
    json: {
      name: 'doc',
      type: 'object',
      properties: {
        tax_rate: dec(2),
        lines: {
          type: 'array',
          'x-children': { name: 'doc_line' },
          items: {
            type: 'object',
            properties: { amount: dec(2), tax_rate: dec(2), tax_amount: dec(2, { 'x-compute': { mul: ['amount', taxOperand, '0.01'] } }) },
          },
        },
        tax_total: dec(2, { 'x-compute': { sum: 'lines.tax_amount' } }),
      },
    },
  };
  validateDeclaration(decl);
  const e = normalizeDeclaration(decl);
  checkEntityGraph(new Map([[e.key, e]]));
  return e;
}

describe('x-compute operands', () => {
  it('a line takes its own rate, else the document rate', () => {
    const e = load('tax_rate|^tax_rate');
    const doc: Record<string, any> = { tax_rate: '21', lines: [{ amount: '10.05' }, { amount: '100', tax_rate: '9' }, { amount: '1', tax_rate: '' }] };
    computeDocument(e, doc);
    expect(doc.lines.map((l: any) => l.tax_amount)).toEqual(['2.11', '9.00', '0.21']);
    expect(doc.tax_total).toBe('11.32');
  });

  it('refuses an operand that names no number field of the line or the document', () => {
    expect(() => load('tax_rate|^nope')).toThrow(/"\^nope" is not a number field of t\.doc/);
    expect(() => load('nope')).toThrow(/"nope" is not a number field of t\.doc\.lines/);
  });
});
