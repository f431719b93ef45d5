import { describe, expect, it } from 'vitest';
import { fromCents, suggestAllocation, toCents } from './allocation.js';

describe('payment allocation grid arithmetic', () => {
  it('parses and prints cents exactly', () => {
    expect(toCents('0.1') + toCents('0.2')).toBe(30n);
    expect(fromCents(toCents('1250.5'))).toBe('1250.50');
    expect(fromCents(toCents('-12.3'))).toBe('-12.30');
    expect(toCents('abc')).toBe(0n);
  });
  it('suggests the oldest open invoices first, the last one partly', () => {
    const open = [
      { id: 1, outstanding_amount: '100.00' },
      { id: 2, outstanding_amount: '60.10' },
      { id: 3, outstanding_amount: '40.00' },
    ];
    expect(suggestAllocation('130.05', open)).toEqual({ 1: '100.00', 2: '30.05' });
    expect(suggestAllocation('500', open)).toEqual({ 1: '100.00', 2: '60.10', 3: '40.00' });
    expect(suggestAllocation('', open)).toEqual({});
  });
});
