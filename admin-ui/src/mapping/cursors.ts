/**
 * Keyset paging for the list screens: the server answers every page with `next`, the cursor of
 * the page after it. The book remembers, per query (filter, sort, page size), the cursor that
 * starts each page it has seen the way to, so "next page" is asked with after=<cursor>: the
 * same cost at page 2 and page 20,000, and no row shown twice when rows are added meanwhile.
 * A page it has no cursor for is asked by offset (the server takes offsets up to 10,000).
 */
export const OFFSET_LIMIT = 10_000;

export class CursorBook {
  private pages = new Map<string, Map<number, string>>();
  constructor(private maxQueries = 50) {}

  /** The cursor that starts `page` (1-based) of the query, when known. */
  cursorFor(query: string, page: number): string | undefined {
    return page > 1 ? this.pages.get(query)?.get(page) : undefined;
  }

  /** Records the `next` cursor of `page`: it starts page + 1. */
  remember(query: string, page: number, next: string | null | undefined): void {
    if (!next) return;
    let book = this.pages.get(query);
    if (!book) {
      if (this.pages.size >= this.maxQueries) this.pages.delete(this.pages.keys().next().value!);
      book = new Map();
      this.pages.set(query, book);
    }
    book.set(page + 1, next);
  }
}

/** A query's identity for the book: its parameters without the page position. */
export function queryKey(resource: string, qs: URLSearchParams): string {
  const q = new URLSearchParams(qs);
  q.delete('offset');
  q.delete('after');
  q.sort();
  return `${resource}?${q.toString()}`;
}
