import { describe, expect, it } from 'vitest';
import { isWidening } from './plan.js';

describe('the migration planner: which type changes cannot lose data', () => {
  it('longer text and wider numbers are safe', () => {
    expect(isWidening({ base: 'varchar', length: 50 }, { base: 'varchar', length: 100 })).toBe(true);
    expect(isWidening({ base: 'varchar', length: 50 }, { base: 'text' })).toBe(true);
    expect(isWidening({ base: 'int' }, { base: 'bigint' })).toBe(true);
    expect(isWidening({ base: 'numeric', precision: 12, scale: 2 }, { base: 'numeric', precision: 14, scale: 3 })).toBe(true);
    expect(isWidening({ base: 'int' }, { base: 'numeric', precision: 12, scale: 2 })).toBe(true);
  });

  it('shorter text, fewer places or fewer integer digits are not', () => {
    expect(isWidening({ base: 'varchar', length: 100 }, { base: 'varchar', length: 50 })).toBe(false);
    expect(isWidening({ base: 'numeric', precision: 12, scale: 2 }, { base: 'numeric', precision: 12, scale: 1 })).toBe(false);
    // One more place but one integer digit fewer: 9999999999.99 no longer fits.
    expect(isWidening({ base: 'numeric', precision: 12, scale: 2 }, { base: 'numeric', precision: 12, scale: 3 })).toBe(false);
    expect(isWidening({ base: 'bigint' }, { base: 'int' })).toBe(false);
    expect(isWidening({ base: 'bigint' }, { base: 'numeric', precision: 18, scale: 0 })).toBe(false);
    expect(isWidening({ base: 'text' }, { base: 'varchar', length: 255 })).toBe(false);
  });
});
