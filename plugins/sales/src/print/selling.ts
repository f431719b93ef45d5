/**
 * Print formats of the selling documents: quotation, sales order, sales invoice (a credit note
 * when it is a return or its total is negative) and delivery note. Item names, descriptions
 * and units come from inventory; the customer's address and codes from the customer and its
 * CRM organization; the language is the customer's document language, else the company's.
 */
import { Decimal, printStatus, taxBreakdown, type Doc, type PrintArgs, type PrintColumn, type PrintDocument, type PrintFormatDefinition } from '@tessera/core';
import { itemsForPrint } from '@tessera/plugin-inventory/api';
import { customerForPrint, customerRef } from './party.js';

type Kind = 'quotation' | 'sales_order' | 'sales_invoice';

const TITLES: Record<Kind | 'credit_note' | 'delivery', { en: string; lt: string }> = {
  quotation: { en: 'Quotation', lt: 'Komercinis pasiūlymas' },
  sales_order: { en: 'Sales order', lt: 'Pardavimo užsakymas' },
  sales_invoice: { en: 'Invoice', lt: 'PVM sąskaita faktūra' },
  credit_note: { en: 'Credit note', lt: 'Kreditinė PVM sąskaita faktūra' },
  delivery: { en: 'Delivery note', lt: 'Važtaraštis' },
};

const DATE_FIELD: Record<Kind, string> = { quotation: 'quotation_date', sales_order: 'order_date', sales_invoice: 'posting_date' };

function itemColumns(t: PrintArgs['t'], prices: boolean): PrintColumn[] {
  const cols: PrintColumn[] = [
    { key: 'item', label: t({ en: 'Item', lt: 'Prekė' }), width: 4.2 },
    { key: 'qty', label: t({ en: 'Qty', lt: 'Kiekis' }), align: 'right', width: 1 },
    { key: 'uom', label: t({ en: 'Unit', lt: 'Mat. vnt.' }), width: 1 },
  ];
  if (prices)
    cols.push(
      { key: 'rate', label: t({ en: 'Price', lt: 'Kaina' }), align: 'right', width: 1.3 },
      { key: 'discount', label: t({ en: 'Disc. %', lt: 'Nuol. %' }), align: 'right', width: 0.9 },
      { key: 'tax_rate', label: t({ en: 'Tax %', lt: 'PVM %' }), align: 'right', width: 0.8 },
      { key: 'amount', label: t({ en: 'Amount', lt: 'Suma' }), align: 'right', width: 1.4 },
    );
  return cols;
}

async function itemRows(a: PrintArgs, docLines: Doc[], prices: boolean) {
  const items = await itemsForPrint(
    a.ctx,
    docLines.map((l) => l.item),
  );
  return docLines.map((l) => {
    const it = items.get(Number(l.item));
    const description = [l.description, it?.description].find((d) => typeof d === 'string' && d.trim() && d !== it?.name) as string | undefined;
    return {
      item: it ? `${it.name} (${it.code})` : String(l.item ?? ''),
      description,
      qty: a.fmt.qty(l.qty),
      uom: it?.uom ?? '',
      ...(prices
        ? {
            rate: a.fmt.money(l.rate, 2),
            discount: l.discount_percent && new Decimal(String(l.discount_percent)).gt(0) ? a.fmt.qty(l.discount_percent) : '',
            tax_rate: a.fmt.qty(l.tax_rate),
            amount: a.fmt.money(l.amount),
          }
        : {}),
    };
  });
}

function totals(a: PrintArgs, doc: Doc): NonNullable<PrintDocument['totals']> {
  const cur = doc.currency ?? a.ctx.config.company.currency;
  const out: NonNullable<PrintDocument['totals']> = [];
  if (doc.discount_total && new Decimal(String(doc.discount_total)).gt(0)) {
    out.push({ label: a.t({ en: 'Gross', lt: 'Suma be nuolaidos' }), value: a.fmt.money(doc.gross_total) });
    out.push({ label: a.t({ en: 'Discount', lt: 'Nuolaida' }), value: `-${a.fmt.money(doc.discount_total)}` });
  }
  out.push({ label: a.t({ en: 'Net total', lt: 'Suma be PVM' }), value: a.fmt.money(doc.net_total) });
  out.push({ label: a.t({ en: 'Tax', lt: 'PVM' }), value: a.fmt.money(doc.tax_total) });
  out.push({ label: `${a.t({ en: 'Total', lt: 'Iš viso' })} ${cur}`, value: a.fmt.money(doc.grand_total), strong: true });
  return out;
}

function sellingFormat(kind: Kind): PrintFormatDefinition {
  return {
    label: kind === 'sales_invoice' ? 'Invoice' : TITLES[kind].en,
    labels: { lt: TITLES[kind].lt },
    party: ({ ctx, doc }) => customerRef(ctx, doc.customer),
    build: async (a) => {
      const { doc, t, fmt } = a;
      const customer = await customerForPrint(a.ctx, doc.customer, t);
      const credit = kind === 'sales_invoice' && (doc.is_return === true || (doc.grand_total != null && new Decimal(String(doc.grand_total)).isNegative()));
      const meta = [{ label: t({ en: 'Date', lt: 'Data' }), value: fmt.date(doc[DATE_FIELD[kind]]) }];
      if (kind === 'quotation' && doc.valid_until) meta.push({ label: t({ en: 'Valid until', lt: 'Galioja iki' }), value: fmt.date(doc.valid_until) });
      if (kind === 'sales_order' && doc.delivery_date)
        meta.push({ label: t({ en: 'Delivery date', lt: 'Pristatymo data' }), value: fmt.date(doc.delivery_date) });
      if (kind === 'sales_order' && doc.customer_po) meta.push({ label: t({ en: 'Your order', lt: 'Jūsų užsakymas' }), value: String(doc.customer_po) });
      if (kind === 'sales_invoice' && doc.due_date) meta.push({ label: t({ en: 'Due date', lt: 'Apmokėti iki' }), value: fmt.date(doc.due_date) });
      const terms: string[] = [];
      if (kind === 'sales_invoice' && doc.due_date && !credit) {
        const days = customer?.paymentTermsDays;
        terms.push(
          days != null
            ? t({ en: `Payment within ${days} days, by ${fmt.date(doc.due_date)}.`, lt: `Apmokėti per ${days} d., iki ${fmt.date(doc.due_date)}.` })
            : t({ en: `Payment by ${fmt.date(doc.due_date)}.`, lt: `Apmokėti iki ${fmt.date(doc.due_date)}.` }),
        );
      }
      if (typeof doc.terms === 'string' && doc.terms.trim()) terms.push(doc.terms.trim());
      return {
        title: t(credit ? TITLES.credit_note : TITLES[kind]),
        number: String(doc.number ?? ''),
        status: printStatus(doc),
        meta,
        party: customer && {
          heading: t({ en: kind === 'sales_invoice' ? 'Bill to' : 'Customer', lt: kind === 'sales_invoice' ? 'Pirkėjas' : 'Klientas' }),
          name: customer.name,
          lines: customer.lines,
        },
        columns: itemColumns(t, true),
        rows: await itemRows(a, doc.lines ?? [], true),
        taxes: taxBreakdown(doc.lines ?? []),
        totals: totals(a, doc),
        amountInWords: { amount: String(doc.grand_total ?? '0'), currency: doc.currency ?? a.ctx.config.company.currency },
        terms,
        notes: typeof doc.notes === 'string' ? doc.notes : undefined,
      };
    },
  };
}

const deliveryFormat: PrintFormatDefinition = {
  label: 'Delivery note',
  labels: { lt: 'Važtaraštis' },
  party: ({ ctx, doc }) => customerRef(ctx, doc.customer),
  build: async (a) => {
    const { doc, t, fmt } = a;
    const customer = await customerForPrint(a.ctx, doc.customer, t);
    const [order] = doc.sales_order
      ? await a.ctx.sql<{ number: string; customer_po: string | null }>(`select number, customer_po from sales_sales_order where id = $1`, [doc.sales_order])
      : [];
    const meta = [{ label: t({ en: 'Date', lt: 'Data' }), value: fmt.date(doc.posting_date) }];
    if (order) meta.push({ label: t({ en: 'Order', lt: 'Užsakymas' }), value: order.number });
    if (order?.customer_po) meta.push({ label: t({ en: 'Your order', lt: 'Jūsų užsakymas' }), value: order.customer_po });
    return {
      title: t(TITLES.delivery),
      number: String(doc.number ?? ''),
      status: printStatus(doc),
      meta,
      party: customer && { heading: t({ en: 'Deliver to', lt: 'Gavėjas' }), name: customer.name, lines: customer.lines },
      columns: itemColumns(t, false),
      rows: await itemRows(a, doc.lines ?? [], false),
      totals: [{ label: t({ en: 'Total qty', lt: 'Bendras kiekis' }), value: fmt.qty(doc.total_qty), strong: true }],
      notes: typeof doc.notes === 'string' ? doc.notes : undefined,
    };
  },
};

export const salesPrintFormats: Record<string, PrintFormatDefinition> = {
  quotation: sellingFormat('quotation'),
  sales_order: sellingFormat('sales_order'),
  sales_invoice: sellingFormat('sales_invoice'),
  delivery: deliveryFormat,
};
