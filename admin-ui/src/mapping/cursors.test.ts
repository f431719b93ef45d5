import { describe, expect, it } from 'vitest';
import { CursorBook, queryKey } from './cursors.js';
import { roughNumber, isEstimated } from './totals.js';

describe('cursor book', () => {
  it('gives the cursor that starts a page it has seen the way to, per query', () => {
    const book = new CursorBook(2);
    const a = queryKey('x', new URLSearchParams({ sort: 'id', limit: '25', offset: '25' }));
    expect(a).toBe(queryKey('x', new URLSearchParams({ limit: '25', sort: 'id', offset: '50' })));
    expect(a).not.toBe(queryKey('x', new URLSearchParams({ sort: '-id', limit: '25' })));
    book.remember(a, 1, 'c1');
    book.remember(a, 2, null);
    expect(book.cursorFor(a, 1)).toBeUndefined();
    expect(book.cursorFor(a, 2)).toBe('c1');
    expect(book.cursorFor(a, 3)).toBeUndefined();
    book.remember('b', 1, 'b1');
    book.remember('c', 1, 'c1');
    expect(book.cursorFor(a, 2)).toBeUndefined(); // the oldest query was forgotten
    expect(book.cursorFor('c', 2)).toBe('c1');
  });
});

describe('rough totals', () => {
  it('says the size of an estimated total in words, in both languages', () => {
    expect(roughNumber(1_234_567, 'en')).toBe('1.2 million');
    expect(roughNumber(1_234_567, 'lt')).toBe('1,2 milijono');
    expect(roughNumber(48_210, 'en')).toBe('48 thousand');
    expect(roughNumber(9_999, 'en')).toBe('9,999');
    expect(isEstimated({ totalIsEstimate: true })).toBe(true);
    expect(isEstimated(undefined)).toBe(false);
  });
});
