/** The import's set of keys seen (hashed slots): a repeated key names its first row, distinct keys never collide in practice. */
import { describe, expect, it } from 'vitest';
import { KeySet } from '../../core/src/import/keys.js';

describe('KeySet', () => {
  it('answers the first row of a repeated key, across growth, and nothing for 300,000 distinct keys', () => {
    const keys = new KeySet(4);
    let falseRepeats = 0;
    for (let i = 0; i < 300_000; i++) if (keys.firstOrAdd(`IMP-${i}`, i + 2) !== undefined) falseRepeats += 1;
    expect(falseRepeats).toBe(0);
    expect(keys.firstOrAdd('IMP-39', 999_999)).toBe(41);
    expect(keys.firstOrAdd('IMP-299999', 5)).toBe(300_001);
    // Near misses are different keys.
    expect(keys.firstOrAdd('imp-39', 7)).toBeUndefined();
    expect(keys.firstOrAdd('IMP-39 ', 8)).toBeUndefined();
    expect(keys.firstOrAdd('Prekė ą', 9)).toBeUndefined();
    expect(keys.firstOrAdd('Prekė ą', 10)).toBe(9);
  });
});
