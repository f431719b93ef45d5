import { describe, expect, it } from 'vitest';
import { resolvePattern } from './naming.js';

describe('numbering patterns (x-naming)', () => {
  const d = new Date('2026-03-07T12:00:00Z');

  it('expands the date parts and counts the digits of the counter', () => {
    expect(resolvePattern('SO-.YYYY.-.#####', d)).toEqual({ prefix: 'SO-2026-', digits: 5 });
    expect(resolvePattern('INV.YY.MM.DD.###', d)).toEqual({ prefix: 'INV260307', digits: 3 });
  });

  it('stops at the counter and refuses a pattern without one', () => {
    expect(resolvePattern('A.##.B', d)).toEqual({ prefix: 'A', digits: 2 });
    expect(() => resolvePattern('SO-.YYYY', d)).toThrow(/has no counter/);
  });
});
