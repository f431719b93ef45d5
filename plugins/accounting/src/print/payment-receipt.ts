/**
 * Payment receipt (money received) or payment advice (money paid) for accounting.payment:
 * the party, the bank or cash account, the reference, each invoice or note the payment settles
 * with its number and the amount allocated to it, the advance left unallocated, and the amount in
 * words. Registered only while the payment entity exists (`requires`).
 */
import { printStatus, type Doc, type PrintFormatDefinition } from '@tessera/core';

const PARTY_TABLE: Record<string, string> = { customer: 'sales_v_customer', supplier: 'purchasing_v_supplier' };
/** Where another plugin's documents a payment settles are read (the owners' views); accounting's own notes are read from their tables. */
const DOCUMENT_VIEW: Record<string, string> = { 'sales.sales_invoice': 'sales_v_invoice', 'purchasing.supplier_invoice': 'purchasing_v_supplier_invoice' };

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
    const [party] =
      table && partyKey && ctx.platform.model?.entities.has(partyKey) && doc.party != null
        ? await ctx.sql<{ name: string; email: string | null }>(`select name, email from ${table} where id = $1`, [doc.party])
        : [];
    const amount = String(doc.amount ?? '0');
    const cur = String(doc.currency ?? ctx.config.company.currency);
    const received = doc.payment_type !== 'pay';
    const allocations: Doc[] = doc.allocations ?? [];
    // The number of each document paid, read from its own table (the allocation holds its id).
    const numbers = new Map<string, string>();
    for (const type of new Set(allocations.map((l) => String(l.invoice_type)))) {
      const target = ctx.platform.model?.entities.get(type);
      const ids = allocations.filter((l) => String(l.invoice_type) === type).map((l) => Number(l.invoice));
      const table = DOCUMENT_VIEW[type] ?? (type.startsWith('accounting.') ? target?.table : undefined);
      if (!target || !table || !target.fields.some((f) => f.name === 'number')) continue;
      for (const r of await ctx.sql<{ id: string; number: string | null }>(`select id::text as id, number from ${table} where id = any($1::bigint[])`, [ids])) {
        if (r.number) numbers.set(`${type}:${r.id}`, r.number);
      }
    }
    const unallocated = String(doc.unallocated_amount ?? '0');
    const meta = [{ label: t({ en: 'Date', lt: 'Data' }), value: fmt.date(doc.posting_date) }];
    if (doc.reference_no) meta.push({ label: t({ en: 'Reference', lt: 'Nuoroda' }), value: String(doc.reference_no) });
    if (doc.bank_account != null) {
      const [b] = await ctx.sql<{ name: string | null; iban: string | null }>(`select name, iban from accounting_bank_account where id = $1`, [
        doc.bank_account,
      ]);
      if (b) meta.push({ label: t({ en: 'Bank account', lt: 'Banko sąskaita' }), value: [b.name, b.iban].filter(Boolean).join(' ') });
    }
    return {
      title: t(received ? { en: 'Payment receipt', lt: 'Mokėjimo kvitas' } : { en: 'Payment advice', lt: 'Mokėjimo pranešimas' }),
      number: String(doc.number ?? doc.id),
      status: printStatus(doc),
      meta,
      party: party && {
        heading: t(received ? { en: 'Received from', lt: 'Gauta iš' } : { en: 'Paid to', lt: 'Sumokėta' }),
        name: party.name,
        lines: party.email ? [party.email] : [],
      },
      columns: [
        { key: 'document', label: t({ en: 'Document', lt: 'Dokumentas' }), width: 3 },
        { key: 'amount', label: t({ en: 'Allocated', lt: 'Priskirta' }), align: 'right', width: 1.4 },
      ],
      rows: allocations.map((l) => ({
        document: numbers.get(`${String(l.invoice_type)}:${String(l.invoice)}`) ?? `${String(l.invoice_type)} #${String(l.invoice)}`,
        amount: fmt.money(l.allocated_amount),
      })),
      totals: [
        ...(Number(unallocated) !== 0 ? [{ label: t({ en: 'Advance (not allocated)', lt: 'Avansas (nepriskirtas)' }), value: fmt.money(unallocated) }] : []),
        { label: `${t({ en: 'Amount', lt: 'Suma' })} ${cur}`, value: fmt.money(amount), strong: true },
      ],
      amountInWords: { amount, currency: cur },
      notes: typeof doc.remarks === 'string' ? doc.remarks : undefined,
    };
  },
};
