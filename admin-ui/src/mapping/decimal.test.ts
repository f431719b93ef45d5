import { describe, expect, it } from 'vitest';
import { Dec, checkDecimalInput, formatDecimalInput, parseDecimalInput } from './decimal.js';

describe('Dec', () => {
  it('adds amounts to the cent without float drift', () => {
    expect(Dec.of('0.1').add(Dec.of('0.2')).toFixed(2)).toBe('0.30');
    const total = Array.from({ length: 1000 }, () => Dec.of('0.01')).reduce((a, b) => a.add(b), Dec.ZERO);
    expect(total.toFixed(2)).toBe('10.00');
  });

  it('multiplies qty by rate exactly and rounds half up to the scale', () => {
    expect(Dec.of('2.5').mul(Dec.of('10.00')).toFixed(2)).toBe('25.00');
    expect(Dec.of('1.005').mul(Dec.of('1')).toFixed(2)).toBe('1.01');
    expect(Dec.of('0.333').mul(Dec.of('3')).toFixed(2)).toBe('1.00');
    expect(Dec.of('-1.005').toFixed(2)).toBe('-1.01');
    expect(Dec.of('123456789012345678.99').mul(Dec.of('3')).toFixed(2)).toBe('370370367037037036.97');
  });

  it('pads to the scale and drops trailing zeros in toString', () => {
    expect(Dec.of('3').toFixed(3)).toBe('3.000');
    expect(Dec.of('0.5').toFixed(0)).toBe('1');
    expect(Dec.of('-0.004').toFixed(2)).toBe('0.00');
    expect(Dec.of('12.500').toString()).toBe('12.5');
  });

  it('treats empty and invalid input as zero in of() but not in parse()', () => {
    expect(Dec.of('').isZero()).toBe(true);
    expect(Dec.of(null).isZero()).toBe(true);
    expect(Dec.parse('1e5')).toBeUndefined();
    expect(Dec.parse('abc')).toBeUndefined();
    expect(Dec.of('1.20').cmp(Dec.of('1.2'))).toBe(0);
  });
});

describe('decimal input', () => {
  it('accepts the Lithuanian comma and grouping spaces', () => {
    expect(parseDecimalInput('1 234,50', 'lt')).toBe('1234.50');
    expect(parseDecimalInput('12.5', 'lt')).toBe('12.5');
    expect(parseDecimalInput('1.234,5', 'lt')).toBe('1234.5');
    expect(parseDecimalInput('12,5', 'lt')).toBe('12.5');
  });

  it('accepts English grouping commas and leading dots', () => {
    expect(parseDecimalInput('1,234.50', 'en')).toBe('1234.50');
    expect(parseDecimalInput('.5', 'en')).toBe('0.5');
    expect(parseDecimalInput('-3', 'en')).toBe('-3');
    expect(parseDecimalInput('', 'en')).toBeNull();
  });

  it('keeps what is not a number so validation can report it', () => {
    expect(parseDecimalInput('12x', 'en')).toBe('12x');
  });

  it('shows wire text with the locale separator', () => {
    expect(formatDecimalInput('12.50', 'lt')).toBe('12,50');
    expect(formatDecimalInput('12.50', 'en')).toBe('12.50');
    expect(formatDecimalInput(null, 'en')).toBe('');
  });

  it('checks scale, digits and bounds like numeric(p,s)', () => {
    const rule = { precision: 5, scale: 2, min: '0' };
    expect(checkDecimalInput('123.45', rule)).toBeUndefined();
    expect(checkDecimalInput('1.234', rule)?.key).toBe('tessera.validation.decimal_scale');
    expect(checkDecimalInput('1234.5', rule)?.key).toBe('tessera.validation.decimal_digits');
    expect(checkDecimalInput('-1', rule)?.key).toBe('tessera.validation.min');
    expect(checkDecimalInput('x', rule)?.key).toBe('tessera.validation.decimal');
    expect(checkDecimalInput('', rule)).toBeUndefined();
  });
});
