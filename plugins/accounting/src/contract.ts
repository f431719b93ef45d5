/**
 * The accounting plugin's internal contract, shared by its three parts:
 *   ledger   (src/ledger, src/chart: accounts, GL entries, daily balances, periods, journals, verify)
 *   postings (src/postings, src/tax: one posting rule per document type, tax templates)
 *   reports  (src/reports, src/dashboard.ts: statements, widgets; bench/accounting*)
 * Postings never write GL rows themselves: they build a Voucher and hand it to postVoucher
 * (src/ledger/post.ts), which validates, balances, writes entries and daily balances in the
 * document's own transaction.
 *
 * Notes from the ledger part (for the reports part):
 *   - verifyLedger(ctx, { asOf }) (src/ledger/verify.ts, re-exported by post.ts) also checks the
 *     stock accounts at `asOf`; the verify route may pass an `as_of` query parameter through.
 *   - A period-closing voucher (voucher_type 'accounting.period_closing_voucher') zeroes the
 *     year's income and expense accounts into retained earnings on the year's last day. A P&L
 *     over a closed year should leave those entries out (few rows: one per P&L account).
 *   - Account labels: `name` is in the chart's language; `name_en` / `name_lt` carry both.
 *   - Balance sheet sections: root_type + `is_current` (current vs long-term).
 */
import type { Doc, ServiceContext } from '@tessera/core';

/** Default accounts a company configures (settings `accounting.defaults`, by account number). */
export type DefaultAccount =
  | 'receivable'
  | 'payable'
  | 'stock'
  | 'srnb'
  | 'cogs'
  | 'round_off'
  | 'retained_earnings'
  | 'income'
  | 'expense'
  | 'stock_adjustment'
  | 'price_difference'
  | 'wip'
  | 'exchange_gain_loss'
  | 'bank'
  | 'cash'
  // Added by the ledger part (additive): VAT accounts for tax templates without their own
  // account, and the temporary account opening-balance journals post against.
  | 'vat_input'
  | 'vat_output'
  | 'opening';

/** Party types a GL line may carry (receivable/payable lines must name one). */
export type PartyType = 'customer' | 'supplier' | 'employee';

export interface GlLine {
  /** Account id. */
  account: number;
  /** Exact decimal strings (company currency); one of debit/credit is non-zero. */
  debit?: string;
  credit?: string;
  party_type?: PartyType;
  party?: number;
  cost_center?: number;
  remarks?: string;
  /** Room for issue 14 (ledger part, additive): the transaction currency and its amounts. */
  currency?: string;
  exchange_rate?: string;
  debit_in_currency?: string;
  credit_in_currency?: string;
  /**
   * Issue 14: the open item a receivable/payable line belongs to (an invoice, a credit note, an
   * advance payment). postVoucher defaults it to the voucher itself on party lines, so an
   * invoice's own receivable line opens its item and a payment's allocation lines name the invoice.
   */
  against_voucher_type?: string;
  against_voucher_id?: number;
}

export interface Voucher {
  /** Entity key of the document, e.g. 'sales.sales_invoice', 'accounting.journal_entry'. */
  voucher_type: string;
  voucher_id: number;
  voucher_no: string;
  posting_date: string;
  remarks?: string;
  lines: GlLine[];
  /**
   * Added by the postings part (additive): the voucher adds to entries the same document
   * already has, instead of being refused as ALREADY_POSTED. For documents that post more
   * than once while submitted (a work order posts at each transfer and manufacture action).
   */
  append?: boolean;
}

/** One per document type with accounting effect: document -> balanced voucher. */
export interface PostingRule {
  /** Entity key of the document type ('purchasing.goods_receipt'). */
  voucherType: string;
  /** Plugin that must be enabled for the rule to apply. */
  plugin: string;
  /** Builds the voucher of a submitted document (null: nothing to post, e.g. zero value). */
  build(ctx: ServiceContext, doc: Doc): Promise<Voucher | null>;
  /**
   * Added by the postings part (additive). True for documents that post more than once while
   * submitted (work orders: at each action): build() then returns what is still missing from
   * the ledger (an append voucher for the earliest date with a difference), null when the
   * ledger is in step. Backfill calls it until null; verify treats a non-null result as
   * "entries missing".
   */
  incremental?: boolean;
}
