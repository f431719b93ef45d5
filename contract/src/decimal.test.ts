import { describe, expect, it } from 'vitest';
import { Decimal, decimalText, isDecimalText, toDecimal, toScale } from './decimal.js';

describe('exact decimals', () => {
  it('adds amounts to the cent without float drift', () => {
    expect(new Decimal('0.1').add('0.2').toFixed(2)).toBe('0.30');
    const total = Array.from({ length: 1000 }, () => '0.01').reduce((a, b) => a.add(b), new Decimal(0));
    expect(toScale(total, 2)).toBe('10.00');
  });

  it('rounds half up (away from zero) to the scale, like numeric(p,s)', () => {
    expect(toScale('1.005', 2)).toBe('1.01');
    expect(toScale('-1.005', 2)).toBe('-1.01');
    expect(toScale('0.5', 0)).toBe('1');
    expect(toScale(new Decimal('123456789012345678.99').mul(3), 2)).toBe('370370367037037036.97');
  });

  it('accepts wire text and JSON numbers that convert exactly, nothing else', () => {
    expect(decimalText('12.50')).toBe('12.50');
    expect(decimalText(12.5)).toBe('12.5');
    expect(decimalText(' 12.5')).toBeUndefined();
    expect(decimalText('1e5')).toBeUndefined();
    expect(decimalText(1e21)).toBeUndefined();
    expect(isDecimalText('-3')).toBe(true);
    expect(isDecimalText('abc')).toBe(false);
  });

  it('reads null, undefined and empty text as zero in toDecimal', () => {
    expect(toDecimal(null).isZero()).toBe(true);
    expect(toDecimal('').isZero()).toBe(true);
    expect(toDecimal('1.20').eq('1.2')).toBe(true);
  });
});
