/**
 * Payment receipt, for the payment entity (accounting.payment) that the receivables/payables
 * work adds: registered only while that entity exists (`requires`). It reads the fields a
 * payment has in that design (payment_type, party_type, party, posting_date, paid_amount,
 * currency, reference_no, mode, and allocation lines naming the documents paid) and prints
 * what is there.
 */
import { printStatus, type Doc, type PrintFormatDefinition } from '@tessera/core';

const PARTY_TABLE: Record<string, string> = { customer: 'sales_customer', supplier: 'purchasing_supplier' };

export const paymentReceipt: PrintFormatDefinition = {
  id: 'receipt',
  label: 'Payment receipt',
  labels: { lt: 'Mokėjimo kvitas' },
  requires: ['accounting.payment'],
  partyLocale: async ({ ctx, doc }) => {
    const table = PARTY_TABLE[String(doc.party_type)];
    if (!table || doc.party == null || !ctx.platform.model?.entities.has(`${table.split('_')[0]}.${String(doc.party_type)}`)) return null;
    const [p] = await ctx.sql<{ locale: string | null }>(`select locale from ${table} where id = $1`, [doc.party]);
    return p?.locale ?? null;
  },
  build: async ({ ctx, doc, t, fmt }) => {
    const table = PARTY_TABLE[String(doc.party_type)];
    const partyKey = table ? `${table.split('_')[0]}.${String(doc.party_type)}` : undefined;
    const [party] = table && partyKey && ctx.platform.model?.entities.has(partyKey) && doc.party != null
      ? await ctx.sql<{ name: string; email: string | null }>(`select name, email from ${table} where id = $1`, [doc.party])
      : [];
    const amount = String(doc.paid_amount ?? doc.amount ?? '0');
    const cur = String(doc.currency ?? ctx.config.company.currency);
    const received = doc.payment_type !== 'pay';
    const allocations: Doc[] = doc.references ?? doc.allocations ?? doc.lines ?? [];
    const meta = [{ label: t({ en: 'Date', lt: 'Data' }), value: fmt.date(doc.posting_date) }];
    if (doc.reference_no) meta.push({ label: t({ en: 'Reference', lt: 'Nuoroda' }), value: String(doc.reference_no) });
    if (doc.mode ?? doc.mode_of_payment) meta.push({ label: t({ en: 'Paid by', lt: 'Mokėjimo būdas' }), value: String(doc.mode ?? doc.mode_of_payment) });
    return {
      title: t(received ? { en: 'Payment receipt', lt: 'Mokėjimo kvitas' } : { en: 'Payment advice', lt: 'Mokėjimo pranešimas' }),
      number: String(doc.number ?? doc.id),
      status: printStatus(doc),
      meta,
      party: party && { heading: t(received ? { en: 'Received from', lt: 'Gauta iš' } : { en: 'Paid to', lt: 'Sumokėta' }), name: party.name, lines: party.email ? [party.email] : [] },
      columns: [
        { key: 'document', label: t({ en: 'Document', lt: 'Dokumentas' }), width: 3 },
        { key: 'amount', label: t({ en: 'Allocated', lt: 'Priskirta' }), align: 'right', width: 1.4 },
      ],
      rows: allocations.map((l) => ({ document: String(l.voucher_no ?? l.reference_name ?? l.invoice ?? l.voucher_id ?? ''), amount: fmt.money(l.allocated_amount ?? l.amount) })),
      totals: [{ label: `${t({ en: 'Amount', lt: 'Suma' })} ${cur}`, value: fmt.money(amount), strong: true }],
      amountInWords: { amount, currency: cur },
      notes: typeof doc.remarks === 'string' ? doc.remarks : undefined,
    };
  },
};
