/** Helpers print templates share: the tax breakdown per rate and the status of a document. */
import { Decimal } from '@tessera/contract';
import type { Doc } from '../plugin-api/index.js';
import type { PrintDocument } from './types.js';

/** Tax per rate from lines that carry amount (net), tax_rate and tax_amount; exact, sorted by rate. */
export function taxBreakdown(lines: Doc[], fields = { base: 'amount', rate: 'tax_rate', tax: 'tax_amount' }): NonNullable<PrintDocument['taxes']> {
  const byRate = new Map<string, { base: Decimal; tax: Decimal }>();
  for (const l of lines) {
    if (l[fields.rate] === null || l[fields.rate] === undefined) continue;
    const rate = new Decimal(String(l[fields.rate])).toString();
    const acc = byRate.get(rate) ?? { base: new Decimal(0), tax: new Decimal(0) };
    acc.base = acc.base.plus(String(l[fields.base] ?? 0));
    acc.tax = acc.tax.plus(String(l[fields.tax] ?? 0));
    byRate.set(rate, acc);
  }
  return [...byRate.entries()].sort((a, b) => new Decimal(a[0]).cmp(b[0])).map(([rate, v]) => ({ rate, base: v.base.toFixed(2), tax: v.tax.toFixed(2) }));
}

/** The print status of a record: submittable documents by docstatus, others always final. */
export function printStatus(doc: Doc): PrintDocument['status'] {
  if (doc.docstatus === 'draft' || doc.docstatus === 'cancelled') return doc.docstatus;
  return 'submitted';
}

/** Non-empty address lines. */
export function lines(...values: unknown[]): string[] {
  return values
    .flatMap((v) => (typeof v === 'string' ? v.split('\n') : v == null ? [] : [String(v)]))
    .map((s) => s.trim())
    .filter(Boolean);
}
