/**
 * Receivables / payables ageing at a date (GET /api/accounting/reports/ageing?party_type=&as_of=):
 * per party, the open items bucketed by days past their due date (not yet due, 0-30, 31-60,
 * 61-90, over 90), in the company currency; an invoice with a payment schedule falls due per
 * installment, each with its open part (payments settle the oldest first: open-items dueParts),
 * so 50 % now + 50 % in 30 days lands in two buckets; `detail=true` lists each item under its party.
 * The total equals the control accounts' balance at the date (`summary.control`, `difference`).
 */
import { Decimal, Errors, type ServiceContext } from '@tessera/core';
import { col, fig, today, type ReportAnswer, type ReportRow } from '../reports/common.js';
import { CONTROL_TYPE, controlBalance, dueParts, openItems, partyNames, type OpenItem, type PartyKind } from './open-items.js';
import { errors } from '../ledger/errors.js';

export interface AgeingQuery {
  party_type?: PartyKind;
  as_of?: string;
  party?: string;
  detail?: 'true' | 'false';
}

const BUCKETS = ['not_due', 'd0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
type Bucket = (typeof BUCKETS)[number];

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function bucketOf(item: Pick<OpenItem, 'due_date'>, asOf: string): Bucket {
  const late = days(item.due_date, asOf);
  if (late <= 0) return item.due_date > asOf ? 'not_due' : 'd0_30';
  if (late <= 30) return 'd0_30';
  if (late <= 60) return 'd31_60';
  if (late <= 90) return 'd61_90';
  return 'd90_plus';
}

export async function ageing(ctx: ServiceContext, q: AgeingQuery): Promise<ReportAnswer> {
  const partyType = q.party_type ?? 'customer';
  if (!CONTROL_TYPE[partyType]) throw Errors.badQuery([{ path: 'party_type', ...errors.t('customer_supplier_employee') }]);
  const asOf = q.as_of ?? today();
  const items = await openItems(ctx, { partyType, asOf, ...(q.party ? { party: Number(q.party) } : {}) });
  const names = await partyNames(ctx, partyType, [...new Set(items.map((i) => i.party))]);
  const zero = () => Object.fromEntries([...BUCKETS, 'total'].map((b) => [b, new Decimal(0)])) as Record<Bucket | 'total', Decimal>;
  const byParty = new Map<number, { sums: Record<Bucket | 'total', Decimal>; items: OpenItem[] }>();
  const totals = zero();
  let overdue = new Decimal(0);
  for (const it of items) {
    if (!byParty.has(it.party)) byParty.set(it.party, { sums: zero(), items: [] });
    const p = byParty.get(it.party)!;
    for (const part of dueParts(it)) {
      const b = bucketOf(part, asOf);
      p.sums[b] = p.sums[b].add(part.amount);
      totals[b] = totals[b].add(part.amount);
      if (part.due_date < asOf) overdue = overdue.add(part.amount);
    }
    p.sums.total = p.sums.total.add(it.amount);
    totals.total = totals.total.add(it.amount);
    p.items.push(it);
  }
  const fmt = (s: Record<string, Decimal>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.toFixed(2)]));
  const rows: ReportRow[] = [];
  const parties = [...byParty.entries()].sort(([a], [b]) => (names.get(a) ?? '').localeCompare(names.get(b) ?? '') || a - b);
  for (const [party, p] of parties) {
    if (q.party == null && p.sums.total.isZero() && BUCKETS.every((b) => p.sums[b].isZero())) continue;
    const name = names.get(party) ?? `${partyType} ${party}`;
    rows.push({
      key: `party:${party}`,
      label: name,
      party,
      party_type: partyType,
      ...fmt(p.sums),
      ...(q.detail === 'true' ? { style: 'group' as const } : {}),
      drill: { report: 'accounting.statement-of-account', params: { party_type: partyType, party: String(party), to: asOf } },
    });
    if (q.detail === 'true')
      for (const it of p.items) {
        const parts = dueParts(it);
        const inBucket = (k: Bucket) => parts.filter((x) => bucketOf(x, asOf) === k).reduce((a, x) => a.add(x.amount), new Decimal(0));
        // The oldest open installment's due date (the item's own without a schedule).
        const due = parts[0]!.due_date;
        rows.push({
          key: `${it.voucher_type}:${it.voucher_id}`,
          label: it.voucher_no,
          level: 1,
          party,
          party_type: partyType,
          voucher_type: it.voucher_type,
          voucher_id: it.voucher_id,
          posting_date: it.posting_date,
          due_date: due,
          days_overdue: String(Math.max(0, days(due, asOf))),
          currency: it.currency,
          ...(parts.length > 1 ? { installments: parts.map((x) => ({ due_date: x.due_date, amount: x.amount.toFixed(2) })) } : {}),
          ...Object.fromEntries(BUCKETS.map((k) => [k, inBucket(k).toFixed(2)])),
          total: it.amount.toFixed(2),
        });
      }
  }
  const control = await controlBalance(ctx, CONTROL_TYPE[partyType], asOf);
  // The control accounts also hold the other party types' items (payables: suppliers' and employees'); the difference counts them.
  let others = new Decimal(0);
  for (const pt of (['customer', 'supplier', 'employee'] as const).filter((p) => p !== partyType && CONTROL_TYPE[p] === CONTROL_TYPE[partyType]))
    others = others.add((await openItems(ctx, { partyType: pt, asOf })).reduce((a, i) => a.add(i.amount), new Decimal(0)));
  return {
    report: 'ageing',
    currency: ctx.config.company.currency,
    params: { party_type: partyType, as_of: asOf, ...(q.party ? { party: q.party } : {}) },
    columns: [
      col(
        'label',
        partyType === 'customer' ? 'Customer' : partyType === 'supplier' ? 'Supplier' : 'Employee',
        partyType === 'customer' ? 'Pirkėjas' : partyType === 'supplier' ? 'Tiekėjas' : 'Darbuotojas',
        'text',
      ),
      ...(q.detail === 'true'
        ? [col('due_date', 'Due date', 'Mokėjimo terminas', 'date'), col('days_overdue', 'Days overdue', 'Pradelsta dienų', 'number')]
        : []),
      col('not_due', 'Not yet due', 'Dar nesuėjo terminas'),
      col('d0_30', '0-30 days', '0-30 d.'),
      col('d31_60', '31-60 days', '31-60 d.'),
      col('d61_90', '61-90 days', '61-90 d.'),
      col('d90_plus', 'Over 90 days', 'Daugiau nei 90 d.'),
      col('total', 'Total', 'Iš viso'),
    ],
    rows,
    totals: fmt(totals),
    summary: [
      fig('total', 'Open items', 'Atviros sumos', totals.total.toFixed(2)),
      fig('overdue', 'Overdue', 'Pradelsta', overdue.toFixed(2)),
      // The control figures come from the daily balances: shown only to viewers without a row rule on the entries.
      ...(q.party == null && ctx.rowFilter('accounting.gl_entry', 'g', () => 'null') === 'true'
        ? [
            ...(others.isZero()
              ? []
              : [fig('other_parties', 'Other party types on the same accounts', 'Kitų tipų šalys tose pačiose sąskaitose', others.toFixed(2))]),
            fig('control', 'Control accounts', 'Kontrolinės sąskaitos', control.toFixed(2)),
            fig('difference', 'Difference', 'Skirtumas', totals.total.add(others).sub(control).toFixed(2)),
          ]
        : []),
    ],
  };
}
