import { describe, expect, it } from 'vitest';
import { checkDecimalInput, formatDecimalInput, parseDecimalInput } from './decimal.js';
import { validatorsFor } from '../ui/form/validators.js';
import type { MetaField } from '../meta/types.js';

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

  it('refuses a value on an exclusive bound, as the server does (qty 0 where qty must be > 0)', () => {
    // The meta of a line's qty declared "x-exclusive-minimum": "0": min "0" with exclusiveMin.
    const qty = { precision: 18, scale: 6, min: '0', exclusiveMin: true };
    expect(checkDecimalInput('0', qty)).toEqual({ key: 'tessera.validation.min_exclusive', args: { min: '0' } });
    expect(checkDecimalInput('0.000', qty)?.key).toBe('tessera.validation.min_exclusive');
    expect(checkDecimalInput('0.000001', qty)).toBeUndefined();
    expect(checkDecimalInput('100', { scale: 0, max: '100', exclusiveMax: true })?.key).toBe('tessera.validation.max_exclusive');
    expect(checkDecimalInput('0', { ...qty, exclusiveMin: false })).toBeUndefined();
  });

  it('the form validators of a decimal and an integer field honour exclusive bounds', () => {
    const base = { label: 'Qty', labels: {}, required: true, readOnly: false, hidden: false, unique: false, custom: false, computed: false };
    const run = (f: MetaField, v: unknown) =>
      validatorsFor(f, false)
        .map((fn) => fn(v, {}, {} as never))
        .find(Boolean);
    const qty = { ...base, name: 'qty', kind: 'decimal', precision: 18, scale: 6, min: '0', exclusiveMin: true } as MetaField;
    expect(run(qty, '0')).toEqual({ message: 'tessera.validation.min_exclusive', args: { min: '0' } });
    expect(run(qty, '1')).toBeUndefined();
    const count = { ...base, name: 'count', kind: 'integer', min: 0, exclusiveMin: true } as MetaField;
    expect(run(count, 0)).toEqual({ message: 'tessera.validation.min_exclusive', args: { min: '0' } });
    expect(run(count, 1)).toBeUndefined();
  });
});
