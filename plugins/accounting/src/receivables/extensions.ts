/**
 * Fields accounting adds to sales and purchasing documents for receivables and payables
 * (extendEntities): the invoices' exchange rate, outstanding amount and payment status (all
 * server-maintained; the sales invoice declares its own rate), the customer's credit limit and the sales order's credit-limit note.
 */
import type { PluginDefinition } from '@tessera/core';

const STATUS_LABELS = { unpaid: 'Unpaid', partly_paid: 'Partly paid', paid: 'Paid', overdue: 'Overdue', credited: 'Credited' };
const STATUS_LT = { unpaid: 'Neapmokėta', partly_paid: 'Iš dalies apmokėta', paid: 'Apmokėta', overdue: 'Pradelsta', credited: 'Kredituota' };

const exchangeRate = {
  exchange_rate: {
    type: 'string',
    format: 'decimal',
    'x-precision': 21,
    'x-scale': 9,
    readOnly: true,
    title: 'Exchange rate',
    description: "Company currency per unit of the invoice currency, fixed at submit (the rate of the invoice date, or the order's).",
    'x-labels': {
      lt: {
        title: 'Valiutos kursas',
        description: 'Įmonės valiutos vienetų už sąskaitos valiutos vienetą, nustatoma pateikiant (sąskaitos dienos arba užsakymo kursas).',
      },
    },
  },
};

const invoiceFields = {
  outstanding_amount: {
    type: 'string',
    format: 'decimal',
    'x-precision': 21,
    'x-scale': 2,
    readOnly: true,
    title: 'Outstanding',
    description: 'What is still to be paid, in the invoice currency, from the ledger (payments and credit notes allocated to it).',
    'x-labels': {
      lt: { title: 'Neapmokėta', description: 'Likusi mokėti suma sąskaitos valiuta pagal didžiąją knygą (priskirti mokėjimai ir kreditinės sąskaitos).' },
    },
  },
  payment_status: {
    type: 'string',
    enum: Object.keys(STATUS_LABELS),
    'x-enum-labels': STATUS_LABELS,
    readOnly: true,
    title: 'Payment status',
    'x-labels': { lt: { title: 'Apmokėjimo būsena', enum: STATUS_LT } },
  },
};

export const receivableExtensions: NonNullable<PluginDefinition['extendEntities']> = {
  // The sales invoice declares its own exchange_rate (sales documents all carry one); the supplier invoice takes accounting's.
  'sales.sales_invoice': { fields: invoiceFields },
  'purchasing.supplier_invoice': { fields: { ...exchangeRate, ...invoiceFields } },
  'sales.customer': {
    fields: {
      credit_limit: {
        type: 'string',
        format: 'decimal',
        'x-precision': 21,
        'x-scale': 2,
        'x-minimum': '0',
        title: 'Credit limit',
        description: 'Most the customer may owe (open invoices + orders not yet billed), in the company currency; empty: no limit.',
        'x-labels': {
          lt: {
            title: 'Kredito limitas',
            description:
              'Didžiausia suma, kurią klientas gali būti skolingas (neapmokėtos sąskaitos + neišrašyti užsakymai), įmonės valiuta; tuščia: be limito.',
          },
        },
      },
      credit_limit_action: {
        type: 'string',
        enum: ['block', 'warn'],
        default: 'block',
        'x-enum-labels': { block: 'Block the order', warn: 'Warn only' },
        title: 'Beyond the credit limit',
        'x-labels': { lt: { title: 'Viršijus kredito limitą', enum: { block: 'Blokuoti užsakymą', warn: 'Tik įspėti' } } },
      },
    },
  },
  'sales.sales_order': {
    fields: {
      credit_limit_note: {
        type: 'string',
        maxLength: 500,
        readOnly: true,
        title: 'Credit limit warning',
        description: 'Set at submit when the order took the customer beyond a warn-only credit limit.',
        'x-labels': { lt: { title: 'Kredito limito įspėjimas', description: 'Nustatoma pateikiant, kai užsakymas viršijo tik įspėjamąjį kredito limitą.' } },
      },
    },
  },
};
