/**
 * Invoice hooks of receivables and payables: the invoice's exchange rate is fixed at submit; after the
 * posting rule ran (submit or cancel) the outstanding amount and payment status are refreshed
 * from the ledger; an invoice with live payments or credit notes against it cannot be cancelled.
 */
import type { EntityHooks, Hook } from '@tessera/core';
import { fixSalesInvoiceRate, fixSupplierInvoiceRate } from '../currency/documents.js';
import { ledgerError } from '../ledger/errors.js';
import { GL_TABLE } from '../ledger/post.js';
import { kindOf, kindText, refreshInvoice } from './invoices.js';
import { scheduleFromTerms } from './terms.js';
import { errors } from '../ledger/errors.js';

const chain =
  (...hooks: Hook[]): Hook =>
  async (args) => {
    for (const h of hooks) await h(args);
  };

const refresh =
  (type: string): Hook =>
  async (args) =>
    refreshInvoice(args, type, Number(args.doc.id));

/** A due date edited after submit moves the status (overdue or not). */
const refreshSubmitted =
  (type: string): Hook =>
  async (args) => {
    if (args.doc.docstatus === 'submitted' && args.patch && 'due_date' in args.patch) await refreshInvoice(args, type, Number(args.doc.id));
  };

const refuseWithPayments =
  (type: string): Hook =>
  async (args) => {
    const id = Number(args.doc.id);
    const rows = await args.sql<{ voucher_no: string }>(
      `select g.voucher_no from ${GL_TABLE} g where g.against_voucher_type = $1 and g.against_voucher_id = $2 and g.voucher_type <> $1
      group by g.voucher_type, g.voucher_id, g.voucher_no having sum(g.debit - g.credit) <> 0 order by 1`,
      [type, id],
    );
    if (rows.length)
      throw ledgerError(
        'INVOICE_HAS_PAYMENTS',
        errors.t('allocated_cancel_allocation_first', {
          value: kindText(kindOf(type)!, false),
          number: String(args.doc.number),
          value2: String(rows.map((r) => r.voucher_no).join(', ')),
          value3: rows.length > 1 ? { en: 'them', lt: 'juos' } : { en: 'it', lt: 'jį' },
        }),
        [{ path: 'outstanding_amount', ...errors.t('allocated', { value: String(rows.map((r) => r.voucher_no).join(', ')) }) }],
      );
  };

/** Hooks to merge with the posting hooks (the refresh runs after the posting rule's own hooks). */
export const receivableHooks: Record<string, { before: EntityHooks; after: EntityHooks }> = {
  // (Drafts in another currency take the rate of their date from the rate provider, asked by sales and purchasing.)
  'sales.sales_invoice': {
    before: {
      beforeSubmit: chain(fixSalesInvoiceRate, scheduleFromTerms('sales_v_customer', 'customer', 'sales_v_order', 'sales_order')),
      beforeCancel: refuseWithPayments('sales.sales_invoice'),
    },
    after: { afterSubmit: refresh('sales.sales_invoice'), afterCancel: refresh('sales.sales_invoice'), afterUpdate: refreshSubmitted('sales.sales_invoice') },
  },
  'purchasing.supplier_invoice': {
    before: {
      beforeSubmit: chain(fixSupplierInvoiceRate, scheduleFromTerms('purchasing_v_supplier', 'supplier', 'purchasing_v_order', 'purchase_order')),
      beforeCancel: refuseWithPayments('purchasing.supplier_invoice'),
    },
    after: {
      afterSubmit: refresh('purchasing.supplier_invoice'),
      afterCancel: refresh('purchasing.supplier_invoice'),
      afterUpdate: refreshSubmitted('purchasing.supplier_invoice'),
    },
  },
};
