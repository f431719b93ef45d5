import { describe, expect, it } from 'vitest';
import { computeDocument, type ComputeShape } from './compute.js';

const order: ComputeShape = {
  fields: [
    { name: 'net', kind: 'decimal', scale: 2, compute: { sum: 'lines.amount' } },
    { name: 'tax', kind: 'decimal', scale: 2, compute: { mul: ['net', '0.21'] } },
    { name: 'gross', kind: 'decimal', scale: 2, compute: { add: ['net', 'tax'] } },
    { name: 'due', kind: 'decimal', scale: 2, compute: { sub: ['gross', 'paid'] } },
    { name: 'count', kind: 'integer', compute: { sum: 'lines.qty' } },
  ],
  lines: [{ name: 'lines', fields: [{ name: 'amount', kind: 'decimal', scale: 2, compute: { mul: ['qty', 'rate'] } }] }],
};

describe('x-compute', () => {
  it('computes lines first, then header chains, exactly and half-up', () => {
    const doc: Record<string, any> = {
      paid: '1.00',
      lines: [
        { qty: '3', rate: '0.335' },
        { qty: '1', rate: '10' },
      ],
    };
    computeDocument(order, doc);
    expect(doc.lines.map((l: any) => l.amount)).toEqual(['1.01', '10.00']);
    expect(doc.net).toBe('11.01');
    expect(doc.tax).toBe('2.31');
    expect(doc.gross).toBe('13.32');
    expect(doc.due).toBe('12.32');
    expect(doc.count).toBe(4);
  });

  it('treats empty values as zero (a line still being typed)', () => {
    const doc: Record<string, any> = { lines: [{ qty: '', rate: null }, {}] };
    computeDocument(order, doc);
    expect(doc.net).toBe('0.00');
    expect(doc.lines[0].amount).toBe('0.00');
  });

  it('reads the parent document (^field) and the first non-empty of alternatives (a|^b)', () => {
    const shape: ComputeShape = {
      fields: [],
      lines: [{ name: 'lines', fields: [{ name: 'tax', kind: 'decimal', scale: 2, compute: { mul: ['net', 'tax_rate|^tax_rate', '0.01'] } }] }],
    };
    const doc: Record<string, any> = { tax_rate: '21', lines: [{ net: '100' }, { net: '100', tax_rate: '9' }] };
    computeDocument(shape, doc);
    expect(doc.lines.map((l: any) => l.tax)).toEqual(['21.00', '9.00']);
  });
});
