/**
 * Totals of big lists. The server estimates the total of a list with more than 10,000 matches
 * (`totalIsEstimate`), so the screen says "about 1.2 million" instead of a count it does not
 * have, and counts exactly when the user asks (total=exact).
 */

/** 1234567 -> "1.2 million" (en), "1,2 milijono" (lt): the size, not the digits. */
export function roughNumber(n: number, locale: string): string {
  if (n < 10_000) return new Intl.NumberFormat(locale).format(n);
  return new Intl.NumberFormat(locale, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: n < 1_000_000 ? 0 : 1 }).format(n);
}

/** Whether the list's answer carries an estimated total (dataProvider puts it in meta). */
export const isEstimated = (meta: unknown): boolean => (meta as { totalIsEstimate?: unknown } | undefined)?.totalIsEstimate === true;
