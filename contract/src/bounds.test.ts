import { describe, expect, it } from 'vitest';
import { checkDecimal, decimalProblem, ruleOfMetaField } from './bounds.js';

describe('decimal bounds', () => {
  const rule = { precision: 5, scale: 2, min: '0' };

  it('checks scale, digits and inclusive bounds like numeric(p,s)', () => {
    expect(decimalProblem('123.45', rule)).toBeUndefined();
    expect(decimalProblem('1.230', rule)).toBeUndefined();
    expect(decimalProblem('1.234', rule)).toEqual({ code: 'scale', scale: 2 });
    expect(decimalProblem('1234.5', rule)).toEqual({ code: 'digits', digits: 3 });
    expect(decimalProblem('-1', rule)).toEqual({ code: 'min', min: '0' });
    expect(decimalProblem('0', rule)).toBeUndefined();
    expect(decimalProblem('x', rule)).toEqual({ code: 'decimal' });
  });

  it('refuses a value equal to an exclusive bound', () => {
    expect(decimalProblem('0', { scale: 3, exclusiveMin: '0' })).toEqual({ code: 'exclusiveMin', min: '0' });
    expect(decimalProblem('0.001', { scale: 3, exclusiveMin: '0' })).toBeUndefined();
    expect(decimalProblem('100', { scale: 0, exclusiveMax: 100 })).toEqual({ code: 'exclusiveMax', max: '100' });
    expect(checkDecimal('0', { precision: 18, scale: 6, exclusiveMin: '0' })).toBe('must be > 0');
  });

  it('reads the meta shape: min with exclusiveMin: true is an exclusive bound', () => {
    // The bug this package removed: the form passed only min/max, so qty 0 passed in the form and got a 422.
    const meta = { precision: 18, scale: 6, min: '0', exclusiveMin: true };
    expect(decimalProblem('0', ruleOfMetaField(meta))?.code).toBe('exclusiveMin');
    expect(decimalProblem('0', ruleOfMetaField({ ...meta, exclusiveMin: false }))).toBeUndefined();
  });
});
