/**
 * The accounting plugin's internal contract, shared by its three parts:
 *   ledger   (src/ledger, src/chart: accounts, GL entries, daily balances, periods, journals, verify)
 *   postings (src/postings, src/tax: one posting rule per document type, tax templates)
 *   reports  (src/reports, src/dashboard.ts: statements, widgets; bench/accounting*)
 * Postings never write GL rows themselves: they build a Voucher and hand it to postVoucher
 * (src/ledger/post.ts), which validates, balances, writes entries and daily balances in the
 * document's own transaction.
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
  | 'cash';

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
}

export interface Voucher {
  /** Entity key of the document, e.g. 'sales.sales_invoice', 'accounting.journal_entry'. */
  voucher_type: string;
  voucher_id: number;
  voucher_no: string;
  posting_date: string;
  remarks?: string;
  lines: GlLine[];
}

/** One per document type with accounting effect: document -> balanced voucher. */
export interface PostingRule {
  /** Entity key of the document type ('purchasing.goods_receipt'). */
  voucherType: string;
  /** Plugin that must be enabled for the rule to apply. */
  plugin: string;
  /** Builds the voucher of a submitted document (null: nothing to post, e.g. zero value). */
  build(ctx: ServiceContext, doc: Doc): Promise<Voucher | null>;
}
