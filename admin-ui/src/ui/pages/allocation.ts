/** The payment entry's allocation arithmetic, in exact cents (no floats): headless, unit-tested. */

/** Exact cents of a decimal string (the grid adds allocations without floats). */
export function toCents(s: string | undefined | null): bigint {
  const m = /^(-)?(\d*)(?:\.(\d{0,2}))?\d*$/.exec(String(s ?? '').trim());
  if (!m || (m[2] === '' && !m[3])) return 0n;
  const v = BigInt(m[2] || '0') * 100n + BigInt(`${m[3] ?? ''}00`.slice(0, 2));
  return m[1] ? -v : v;
}
export const fromCents = (c: bigint) => `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;

/** Oldest-first allocation of an amount over open invoices (what the grid suggests). */
export function suggestAllocation(amount: string, invoices: { id: number; outstanding_amount: string }[]): Record<number, string> {
  let left = toCents(amount);
  const out: Record<number, string> = {};
  for (const inv of invoices) {
    if (left <= 0n) break;
    const take = toCents(inv.outstanding_amount) < left ? toCents(inv.outstanding_amount) : left;
    if (take > 0n) out[inv.id] = fromCents(take);
    left -= take;
  }
  return out;
}
