/**
 * Credit note (a sales return or an allowance against a sales invoice): the customer, the
 * invoice it credits, each line with the item's name, unit, the invoice's price and tax rate,
 * the amount credited, tax per rate, totals and the amount in words. The prices and rates are
 * read from the credited invoice through the sales plugin's entity service (the viewer's rights
 * apply); the customer's block and document language come from the sales plugin.
 */
import { Decimal, printStatus, taxBreakdown, type Doc, type PrintArgs, type PrintFormatDefinition } from '@tessera/core';
import { itemsForPrint } from '@tessera/plugin-inventory/api';
import { customerForPrint, customerRef } from '@tessera/plugin-sales/api';

export const creditNotePrint: PrintFormatDefinition = {
  label: 'Credit note',
  labels: { lt: 'Kreditinė PVM sąskaita faktūra' },
  requires: ['accounting.credit_note', 'sales.sales_invoice', 'sales.customer'],
  party: ({ ctx, doc }) => customerRef(ctx, doc.party),
  build: async (a: PrintArgs) => {
    const { ctx, doc, t, fmt } = a;
    const customer = await customerForPrint(ctx, doc.party, t);
    const invoice = doc.invoice != null ? await ctx.entity('sales.sales_invoice').get(Number(doc.invoice)) : undefined;
    const invoiceLines = new Map<number, Doc>(((invoice?.lines as Doc[] | undefined) ?? []).map((l) => [Number(l.id), l]));
    const lines: Doc[] = ((doc.lines as Doc[] | undefined) ?? []).map((l) => {
      const src = invoiceLines.get(Number(l.invoice_line));
      return { ...l, rate: src?.rate, tax_rate: src?.tax_rate ?? (invoice?.tax_rate as unknown) };
    });
    const items = await itemsForPrint(
      ctx,
      lines.map((l) => l.item),
    );
    const cur = String(doc.currency ?? ctx.config.company.currency);
    const meta = [{ label: t({ en: 'Date', lt: 'Data' }), value: fmt.date(doc.posting_date) }];
    if (invoice?.number) meta.push({ label: t({ en: 'Credits invoice', lt: 'Koreguojama sąskaita' }), value: String(invoice.number) });
    if (invoice?.posting_date) meta.push({ label: t({ en: 'Invoice date', lt: 'Sąskaitos data' }), value: fmt.date(invoice.posting_date) });
    const terms: string[] = [];
    if (doc.return_stock === true) terms.push(t({ en: 'The goods listed were returned.', lt: 'Išvardytos prekės grąžintos.' }));
    return {
      title: t({ en: 'Credit note', lt: 'Kreditinė PVM sąskaita faktūra' }),
      number: String(doc.number ?? ''),
      status: printStatus(doc),
      meta,
      party: customer && { heading: t({ en: 'Customer', lt: 'Pirkėjas' }), name: customer.name, lines: customer.lines },
      columns: [
        { key: 'item', label: t({ en: 'Item', lt: 'Prekė' }), width: 4.2 },
        { key: 'qty', label: t({ en: 'Qty', lt: 'Kiekis' }), align: 'right', width: 1 },
        { key: 'uom', label: t({ en: 'Unit', lt: 'Mat. vnt.' }), width: 1 },
        { key: 'rate', label: t({ en: 'Price', lt: 'Kaina' }), align: 'right', width: 1.3 },
        { key: 'tax_rate', label: t({ en: 'Tax %', lt: 'PVM %' }), align: 'right', width: 0.8 },
        { key: 'amount', label: t({ en: 'Amount', lt: 'Suma' }), align: 'right', width: 1.4 },
      ],
      rows: lines.map((l) => {
        const it = items.get(Number(l.item));
        return {
          item: it ? `${it.name} (${it.code})` : String(l.item ?? ''),
          qty: l.qty != null ? fmt.qty(l.qty) : '',
          uom: it?.uom ?? '',
          rate: l.rate != null ? fmt.money(l.rate, 2) : '',
          tax_rate: l.tax_rate != null ? fmt.qty(l.tax_rate) : '',
          amount: fmt.money(l.amount),
        };
      }),
      taxes: taxBreakdown(lines),
      totals: [
        { label: t({ en: 'Net total', lt: 'Suma be PVM' }), value: fmt.money(doc.net_total) },
        { label: t({ en: 'Tax', lt: 'PVM' }), value: fmt.money(doc.tax_total) },
        { label: `${t({ en: 'Total credited', lt: 'Iš viso kredituojama' })} ${cur}`, value: fmt.money(doc.grand_total), strong: true },
      ],
      amountInWords: { amount: new Decimal(String(doc.grand_total ?? '0')).abs().toFixed(2), currency: cur },
      terms,
      notes: typeof doc.reason === 'string' && doc.reason.trim() ? `${t({ en: 'Reason', lt: 'Priežastis' })}: ${doc.reason.trim()}` : undefined,
    };
  },
};
