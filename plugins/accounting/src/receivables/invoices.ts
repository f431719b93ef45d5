/**
 * Open items: what a sales or supplier invoice still has outstanding, derived from the ledger.
 * Every receivable / payable GL line names the open item it belongs to (against_voucher_type /
 * against_voucher_id; postVoucher defaults it to the voucher itself), so an invoice's
 * outstanding amount is the sum of its item's lines (the invoice's own line, payments
 * allocated to it, credit notes against it, reversals), in the invoice's currency (the
 * transaction-currency columns for a foreign-currency invoice). The stored
 * `outstanding_amount` and `payment_status` are refreshed from that sum in the transaction
 * that changes it, after locking the invoice row, so parallel payments queue and never
 * over-allocate.
 */
import { Decimal, type LocalText, type ServiceContext } from '@tessera/core';
import type { PartyType } from '../contract.js';
import { GL_TABLE } from '../ledger/post.js';

export interface InvoiceKind {
  type: string;
  plugin: string;
  table: string;
  partyType: PartyType;
  partyColumn: string;
  /** +1: the item is a debit (receivable); -1: a credit (payable). */
  sign: 1 | -1;
  label: string;
  labelLt: string;
  /** SQL of the document's grand total. */
  total: string;
  /** SQL of its due date (notes: none, they are never overdue). */
  due?: string;
}

export const INVOICE_KINDS: Record<string, InvoiceKind> = {
  'sales.sales_invoice': {
    type: 'sales.sales_invoice',
    plugin: 'sales',
    table: 'sales_v_invoice',
    partyType: 'customer',
    partyColumn: 'customer',
    sign: 1,
    label: 'Sales invoice',
    labelLt: 'Pardavimo sąskaita',
    total: 'grand_total',
  },
  'purchasing.supplier_invoice': {
    type: 'purchasing.supplier_invoice',
    plugin: 'purchasing',
    table: 'purchasing_v_supplier_invoice',
    partyType: 'supplier',
    partyColumn: 'supplier',
    sign: -1,
    label: 'Supplier invoice',
    labelLt: 'Tiekėjo sąskaita',
    total: 'coalesce(grand_total, total)',
  },
  // Credit and debit notes: what is left after setting them off against their invoice is an open item of the other sign (to refund).
  'accounting.credit_note': {
    type: 'accounting.credit_note',
    plugin: 'sales',
    table: 'accounting_credit_note',
    partyType: 'customer',
    partyColumn: 'party',
    sign: -1,
    label: 'Credit note',
    labelLt: 'Kreditinė sąskaita',
    total: 'grand_total',
    due: 'null::date',
  },
  'accounting.debit_note': {
    type: 'accounting.debit_note',
    plugin: 'purchasing',
    table: 'accounting_debit_note',
    partyType: 'supplier',
    partyColumn: 'party',
    sign: 1,
    label: 'Debit note',
    labelLt: 'Debetinė sąskaita',
    total: 'grand_total',
    due: 'null::date',
  },
};

/** Which documents a payment allocates to, by party type and direction. */
export const ALLOCATABLE: Record<string, string | undefined> = {
  'customer:receive': 'sales.sales_invoice',
  'customer:pay': 'accounting.credit_note',
  'supplier:pay': 'purchasing.supplier_invoice',
  'supplier:receive': 'accounting.debit_note',
};

export type PaymentStatus = 'unpaid' | 'partly_paid' | 'paid' | 'overdue' | 'credited';

export interface InvoiceRow {
  id: number;
  number: string;
  docstatus: string;
  party: number;
  posting_date: string;
  due_date: string | null;
  currency: string | null;
  exchange_rate: string | null;
  grand_total: string;
  outstanding_amount: string | null;
}

/** A document kind in each language, as a message parameter ("sales invoice" / "pardavimo sąskaita"). */
export function kindText(kind: InvoiceKind, lower = true): LocalText {
  return lower ? { en: kind.label.toLowerCase(), lt: kind.labelLt.toLowerCase() } : { en: kind.label, lt: kind.labelLt };
}

export function kindOf(type: string): InvoiceKind | undefined {
  return INVOICE_KINDS[type];
}

/** The invoice row, locked for update when asked (lock invoices in id order to avoid deadlocks). */
export async function readInvoice(ctx: Pick<ServiceContext, 'sql'>, kind: InvoiceKind, id: number, lock = false): Promise<InvoiceRow | undefined> {
  const total = kind.total;
  const [row] = await ctx.sql<InvoiceRow>(
    `select id, number, docstatus, ${kind.partyColumn} as party, to_char(posting_date, 'YYYY-MM-DD') as posting_date, to_char(${kind.due ?? 'due_date'}, 'YYYY-MM-DD') as due_date,
            currency, exchange_rate::text, ${total}::text as grand_total, outstanding_amount::text
       from ${kind.table} where id = $1 ${lock ? 'for update' : ''}`,
    [id],
  );
  return row ? { ...row, id: Number(row.id), party: Number(row.party) } : undefined;
}

export function isForeign(ctx: Pick<ServiceContext, 'config'>, currency: string | null | undefined): boolean {
  return !!currency && currency !== ctx.config.company.currency;
}

/** GL rows of an open item: named by against_voucher, or (entries from before issue 14) the voucher itself. */
export const ITEM_IS = (type: string, id: string) =>
  `((against_voucher_type = ${type} and against_voucher_id = ${id}) or (against_voucher_type is null and party is not null and voucher_type = ${type} and voucher_id = ${id}))`;

export interface ItemBalance {
  /** In the company currency, signed so that an open invoice is positive. */
  base: Decimal;
  /** In the transaction currency (equals base for company-currency items). */
  inCurrency: Decimal;
  /** Sum of credit-note entries against the item (positive = reduces it). */
  credited: Decimal;
}

/** The ledger balance of an open item (all entries, reversals included). */
export async function itemBalance(ctx: Pick<ServiceContext, 'sql'>, type: string, id: number, sign: 1 | -1): Promise<ItemBalance> {
  const [r] = await ctx.sql<{ base: string; cur: string; credited: string }>(
    // credited: credit/debit notes set off against the item (not the note's own item)
    `select coalesce(sum(debit - credit), 0)::text as base,
            coalesce(sum(coalesce(debit_in_currency, debit) - coalesce(credit_in_currency, credit)), 0)::text as cur,
            coalesce(sum(case when voucher_type in ('accounting.credit_note', 'accounting.debit_note') and voucher_type <> $1 then credit - debit else 0 end), 0)::text as credited
       from ${GL_TABLE} where ${ITEM_IS('$1', '$2')}`,
    [type, id],
  );
  return { base: new Decimal(r!.base).mul(sign), inCurrency: new Decimal(r!.cur).mul(sign), credited: new Decimal(r!.credited).mul(sign) };
}

/** Outstanding in the invoice's own currency. */
export async function outstandingOf(ctx: Pick<ServiceContext, 'sql' | 'config'>, kind: InvoiceKind, inv: InvoiceRow): Promise<Decimal> {
  const b = await itemBalance(ctx, kind.type, inv.id, kind.sign);
  return isForeign(ctx, inv.currency) ? b.inCurrency : b.base;
}

export function statusOf(outstanding: Decimal, grandTotal: Decimal, credited: Decimal, dueDate: string | null, today: string): PaymentStatus {
  if (outstanding.lte(0)) return credited.gt(0) && credited.gte(grandTotal) ? 'credited' : 'paid';
  if (dueDate && dueDate < today) return 'overdue';
  return outstanding.lt(grandTotal) ? 'partly_paid' : 'unpaid';
}

/** Recomputes and stores outstanding_amount and payment_status of a submitted invoice (cancelled: outstanding 0, no status). */
export async function refreshInvoice(ctx: ServiceContext, type: string, id: number): Promise<void> {
  const kind = kindOf(type);
  if (!kind || !ctx.config.plugins.includes(kind.plugin)) return;
  const inv = await readInvoice(ctx, kind, id);
  if (!inv) return;
  const svc = ctx.entity(type);
  if (inv.docstatus !== 'submitted') {
    await svc.setServerFields(id, { outstanding_amount: inv.docstatus === 'cancelled' ? '0.00' : inv.grand_total, payment_status: null });
    return;
  }
  const b = await itemBalance(ctx, kind.type, id, kind.sign);
  const outstanding = isForeign(ctx, inv.currency) ? b.inCurrency : b.base;
  const [{ d: today }] = (await ctx.sql<{ d: string }>(`select current_date::text as d`)) as [{ d: string }];
  const credited = isForeign(ctx, inv.currency) && inv.exchange_rate ? b.credited.div(inv.exchange_rate) : b.credited;
  const status = statusOf(outstanding, new Decimal(inv.grand_total ?? 0), credited, inv.due_date, today);
  await svc.setServerFields(id, { outstanding_amount: outstanding.toFixed(2), payment_status: status });
}

/**
 * Invoices submitted while accounting was off (or before issue 14) have no stored outstanding
 * amount: fill it from the ledger. Idempotent and cheap when nothing is missing (on start, after
 * a backfill).
 */
export async function refreshStaleInvoices(ctx: ServiceContext): Promise<number> {
  let n = 0;
  for (const kind of Object.values(INVOICE_KINDS)) {
    if (!ctx.config.plugins.includes(kind.plugin)) continue;
    const rows = await ctx.sql<{ id: number }>(`select id from ${kind.table} where docstatus = 'submitted' and outstanding_amount is null order by id`);
    for (const r of rows) await refreshInvoice(ctx, kind.type, Number(r.id));
    n += rows.length;
  }
  return n;
}
