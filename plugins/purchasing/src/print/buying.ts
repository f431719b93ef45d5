/**
 * Print formats of the buying documents: purchase order (to the supplier, with prices, and tax
 * per rate when accounting adds tax to it) and goods receipt (quantities received and rejected).
 * The language is the supplier's document language, else the company's.
 */
import {
  printLines,
  printStatus,
  taxBreakdown,
  type Doc,
  type PrintArgs,
  type PrintColumn,
  type PrintFormatDefinition,
  type ServiceContext,
} from '@tessera/core';
import { itemsForPrint, unitNames } from '@tessera/plugin-inventory/api';

async function supplierForPrint(ctx: ServiceContext, id: unknown, t: PrintArgs['t']) {
  if (id == null) return undefined;
  const [s] = await ctx.sql<Record<string, any>>(
    `select name, code, vat_code, email, phone, address, locale, payment_terms_days from purchasing_supplier where id = $1`,
    [id],
  );
  if (!s) return undefined;
  return {
    name: String(s.name),
    locale: (s.locale as string | null) ?? null,
    paymentTermsDays: s.payment_terms_days as number | null,
    lines: [
      ...printLines(s.address),
      ...(s.code ? [`${t({ en: 'Supplier code', lt: 'Tiekėjo kodas' })}: ${s.code}`] : []),
      ...(s.vat_code ? [`${t({ en: 'VAT code', lt: 'PVM kodas' })}: ${s.vat_code}`] : []),
      ...printLines(s.email, s.phone),
    ],
  };
}

/** The supplier as the party of a buying document (e-mail recipient, timeline, language). */
const supplierRef = async ({ ctx, doc }: { ctx: ServiceContext; doc: Doc }) => {
  const [s] = await ctx.sql<{ name: string; email: string | null; locale: string | null }>(
    `select name, email, locale from purchasing_supplier where id = $1`,
    [doc.supplier ?? null],
  );
  return s ? { entity: 'purchasing.supplier', id: Number(doc.supplier), name: s.name, email: s.email, locale: s.locale } : undefined;
};

async function rows(a: PrintArgs, lines: Doc[], prices: boolean, rejected = false) {
  const items = await itemsForPrint(
    a.ctx,
    lines.map((l) => l.item),
  );
  const units = await unitNames(
    a.ctx,
    lines.map((l) => l.uom),
  );
  return lines.map((l) => {
    const it = items.get(Number(l.item));
    const description = [l.description, it?.description].find((d) => typeof d === 'string' && d.trim() && d !== it?.name) as string | undefined;
    return {
      item: it ? `${it.name} (${it.code})` : String(l.item ?? ''),
      description,
      qty: a.fmt.qty(l.qty),
      ...(rejected ? { rejected: a.fmt.qty(l.rejected_qty ?? '0') } : {}),
      uom: (l.uom != null ? units.get(Number(l.uom)) : undefined) ?? it?.uom ?? '',
      ...(prices ? { rate: a.fmt.money(l.rate, 2), tax_rate: l.tax_rate == null ? '' : a.fmt.qty(l.tax_rate), amount: a.fmt.money(l.amount) } : {}),
    };
  });
}

function columns(t: PrintArgs['t'], prices: boolean, rejected = false): PrintColumn[] {
  return [
    { key: 'item', label: t({ en: 'Item', lt: 'Prekė' }), width: 4.2 },
    { key: 'qty', label: t({ en: rejected ? 'Accepted' : 'Qty', lt: rejected ? 'Priimta' : 'Kiekis' }), align: 'right', width: 1.1 },
    ...(rejected ? [{ key: 'rejected', label: t({ en: 'Rejected', lt: 'Atmesta' }), align: 'right' as const, width: 1.1 }] : []),
    { key: 'uom', label: t({ en: 'Unit', lt: 'Mat. vnt.' }), width: 1 },
    ...(prices
      ? [
          { key: 'rate', label: t({ en: 'Price', lt: 'Kaina' }), align: 'right' as const, width: 1.3 },
          { key: 'tax_rate', label: t({ en: 'Tax %', lt: 'PVM %' }), align: 'right' as const, width: 0.8 },
          { key: 'amount', label: t({ en: 'Amount', lt: 'Suma' }), align: 'right' as const, width: 1.4 },
        ]
      : []),
  ];
}

const purchaseOrder: PrintFormatDefinition = {
  label: 'Purchase order',
  labels: { lt: 'Pirkimo užsakymas' },
  party: supplierRef,
  build: async (a) => {
    const { doc, t, fmt } = a;
    const supplier = await supplierForPrint(a.ctx, doc.supplier, t);
    const cur = doc.currency ?? a.ctx.config.company.currency;
    const taxed = (doc.lines ?? []).some((l: Doc) => l.tax_rate != null);
    const grand = doc.grand_total ?? doc.total;
    const meta = [{ label: t({ en: 'Date', lt: 'Data' }), value: fmt.date(doc.order_date) }];
    if (doc.schedule_date) meta.push({ label: t({ en: 'Required by', lt: 'Pristatyti iki' }), value: fmt.date(doc.schedule_date) });
    if (doc.supplier_ref) meta.push({ label: t({ en: 'Your reference', lt: 'Jūsų nuoroda' }), value: String(doc.supplier_ref) });
    return {
      title: t({ en: 'Purchase order', lt: 'Pirkimo užsakymas' }),
      number: String(doc.number ?? ''),
      status: printStatus(doc),
      meta,
      party: supplier && { heading: t({ en: 'Supplier', lt: 'Tiekėjas' }), name: supplier.name, lines: supplier.lines },
      columns: columns(t, true),
      rows: await rows(a, doc.lines ?? [], true),
      taxes: taxed ? taxBreakdown(doc.lines ?? []) : undefined,
      totals: [
        { label: t({ en: 'Net total', lt: 'Suma be PVM' }), value: fmt.money(doc.total) },
        ...(taxed ? [{ label: t({ en: 'Tax', lt: 'PVM' }), value: fmt.money(doc.tax_total) }] : []),
        { label: `${t({ en: 'Total', lt: 'Iš viso' })} ${cur}`, value: fmt.money(grand), strong: true },
      ],
      amountInWords: { amount: String(grand ?? '0'), currency: cur },
      terms:
        supplier?.paymentTermsDays != null
          ? [
              t({
                en: `Payment terms: ${supplier.paymentTermsDays} days from the invoice.`,
                lt: `Mokėjimo terminas: ${supplier.paymentTermsDays} d. nuo sąskaitos.`,
              }),
            ]
          : [],
      notes: typeof doc.notes === 'string' ? doc.notes : undefined,
    };
  },
};

const goodsReceipt: PrintFormatDefinition = {
  label: 'Goods receipt',
  labels: { lt: 'Prekių priėmimo aktas' },
  party: supplierRef,
  build: async (a) => {
    const { doc, t, fmt } = a;
    const supplier = await supplierForPrint(a.ctx, doc.supplier, t);
    const [po] = doc.purchase_order
      ? await a.ctx.sql<{ number: string }>(`select number from purchasing_purchase_order where id = $1`, [doc.purchase_order])
      : [];
    const meta = [{ label: t({ en: 'Date', lt: 'Data' }), value: fmt.date(doc.posting_date) }];
    if (po) meta.push({ label: t({ en: 'Order', lt: 'Užsakymas' }), value: po.number });
    if (doc.supplier_delivery_note) meta.push({ label: t({ en: 'Delivery note', lt: 'Važtaraštis' }), value: String(doc.supplier_delivery_note) });
    const cur = doc.currency ?? a.ctx.config.company.currency;
    return {
      title: t({ en: 'Goods receipt', lt: 'Prekių priėmimo aktas' }),
      number: String(doc.number ?? ''),
      status: printStatus(doc),
      meta,
      party: supplier && { heading: t({ en: 'Supplier', lt: 'Tiekėjas' }), name: supplier.name, lines: supplier.lines },
      columns: columns(t, true, true).filter((c) => c.key !== 'tax_rate'),
      rows: await rows(a, doc.lines ?? [], true, true),
      totals: [
        { label: t({ en: 'Total qty', lt: 'Bendras kiekis' }), value: fmt.qty(doc.total_qty) },
        { label: `${t({ en: 'Total', lt: 'Iš viso' })} ${cur}`, value: fmt.money(doc.total), strong: true },
      ],
      notes: typeof doc.notes === 'string' ? doc.notes : undefined,
    };
  },
};

export const purchasingPrintFormats: Record<string, PrintFormatDefinition> = { purchase_order: purchaseOrder, goods_receipt: goodsReceipt };
