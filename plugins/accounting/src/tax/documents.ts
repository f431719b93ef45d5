/**
 * Tax templates on sales and purchasing documents. Accounting adds the fields to their
 * declarations (extendEntities, only while accounting is on) and sets each line's tax % from
 * the template that applies to it -- the line's own, else the header's; a bare percentage is
 * kept only where no template applies (the old path, unchanged when nobody picks a template).
 *
 * - Quotations and sales orders: after sales priced the document, lines get the template's
 *   rate and the document is priced again with sales' own priceLines (same arithmetic).
 * - Sales invoices: lines carry their order line's template (read-only; the amounts are the
 *   order's shares, so the rate cannot change on the invoice).
 * - Purchase orders and supplier invoices (no tax before): tax_rate, tax_amount
 *   (= amount x rate / 100, to the cent, x-compute), tax_total and grand_total; invoice lines
 *   take their order line's template when they name none.
 */
import type { Doc, Hook, HookArgs, PluginDefinition } from '@tessera/core';
import { inheritedItemValues } from '@tessera/plugin-inventory/api';
import { priceLines } from '@tessera/plugin-sales/api';
import { loadTemplates, templateProblems, throwTemplateProblems, type TaxKind } from './templates.js';

/** The picker offers the enabled templates of the kind; picking one fills the tax % of its row (GET /api/accounting/tax-template-rate). */
const templateUi = (kind: TaxKind) => ({ refFilter: { kind, disabled: false }, fill: { url: '/api/accounting/tax-template-rate', replace: true } });

const templateRef = (kind: TaxKind, readOnly = false) => ({
  type: 'integer',
  'x-ref': 'accounting.tax_template',
  'x-on-delete': 'restrict',
  ...(readOnly ? { readOnly: true } : { 'x-ui': templateUi(kind) }),
  title: 'Tax template',
  description:
    kind === 'sales'
      ? 'A sales tax template (output VAT); sets the tax % instead of a bare percentage.'
      : 'A purchase tax template (input VAT); sets the tax %.',
  'x-labels': {
    lt: {
      title: 'Mokesčių šablonas',
      description:
        kind === 'sales'
          ? 'Pardavimo mokesčių šablonas (pardavimo PVM); nustato PVM % vietoj įvesto procento.'
          : 'Pirkimo mokesčių šablonas (pirkimo PVM); nustato PVM %.',
    },
  },
});

const money = (title: string, lt: string, compute: Record<string, unknown>) => ({
  type: 'string',
  format: 'decimal',
  'x-precision': 18,
  'x-scale': 2,
  'x-compute': compute,
  title,
  'x-labels': { lt: { title: lt } },
});

const purchaseTaxFields = {
  fields: {
    tax_template: templateRef('purchase'),
    tax_total: money('Tax total', 'PVM suma', { sum: 'lines.tax_amount' }),
    grand_total: money('Grand total', 'Iš viso su PVM', { add: ['total', 'tax_total'] }),
  },
  lineFields: {
    lines: {
      tax_template: templateRef('purchase'),
      tax_rate: {
        type: 'string',
        format: 'decimal',
        'x-precision': 5,
        'x-scale': 2,
        'x-minimum': '0',
        'x-maximum': '100',
        title: 'Tax %',
        description: "Set from the tax template (the line's, else the document's); enter a bare percentage only without a template.",
        'x-labels': { lt: { title: 'PVM %', description: 'Nustatoma iš mokesčių šablono (eilutės, kitaip dokumento); procentą įveskite tik be šablono.' } },
      },
      tax_amount: money('Tax', 'PVM', { mul: ['amount', 'tax_rate', '0.01'] }),
    },
  },
};

/** An item's (or item group's) default template of a kind: what a document line takes when it names none. */
const itemDefault = (kind: TaxKind) => ({
  type: 'integer',
  'x-ref': 'accounting.tax_template',
  'x-on-delete': 'set null',
  'x-ui': { refFilter: { kind, disabled: false } },
  title: kind === 'sales' ? 'Default sales tax template' : 'Default purchase tax template',
  description:
    kind === 'sales'
      ? "Taken by quotation and sales order lines of the item that name no template; empty: the item group's (or the group above)."
      : "Taken by purchase order and supplier invoice lines of the item that name no template; empty: the item group's (or the group above).",
  'x-labels': {
    lt: {
      title: kind === 'sales' ? 'Numatytasis pardavimo mokesčių šablonas' : 'Numatytasis pirkimo mokesčių šablonas',
      description:
        kind === 'sales'
          ? 'Taikomas šios prekės komercinių pasiūlymų ir pardavimo užsakymų eilutėms be šablono; tuščia: prekių grupės (ar aukštesnės grupės).'
          : 'Taikomas šios prekės pirkimo užsakymų ir tiekėjų sąskaitų eilutėms be šablono; tuščia: prekių grupės (ar aukštesnės grupės).',
    },
  },
});

/** The default-template columns on items and item groups, by kind. */
export const ITEM_TAX_FIELD: Record<TaxKind, string> = { sales: 'sales_tax_template', purchase: 'purchase_tax_template' };

const itemDefaults = { fields: { [ITEM_TAX_FIELD.sales]: itemDefault('sales'), [ITEM_TAX_FIELD.purchase]: itemDefault('purchase') } };

/** Fields accounting adds to other plugins' documents (PluginDefinition.extendEntities). */
export const taxExtensions: NonNullable<PluginDefinition['extendEntities']> = {
  'inventory.item': itemDefaults,
  'inventory.item_group': itemDefaults,
  'sales.quotation': { fields: { tax_template: templateRef('sales') }, lineFields: { lines: { tax_template: templateRef('sales') } } },
  'sales.sales_order': { fields: { tax_template: templateRef('sales') }, lineFields: { lines: { tax_template: templateRef('sales') } } },
  'sales.sales_invoice': { lineFields: { lines: { tax_template: templateRef('sales', true) } } },
  'purchasing.purchase_order': purchaseTaxFields,
  'purchasing.supplier_invoice': purchaseTaxFields,
};

const draftEdit = (args: HookArgs) => !args.old || args.old.docstatus === 'draft';

/**
 * Lines that name no template and give no bare percentage take their item's default template
 * of the kind (the item's, else its group's, up the tree), as the form fills it in when the item is picked.
 */
async function itemTemplates(args: HookArgs, kind: TaxKind): Promise<void> {
  const lines: Doc[] = args.doc.lines ?? [];
  const open = lines.filter((l) => l.tax_template == null && (l.tax_rate == null || l.tax_rate === '') && l.item != null);
  if (!open.length) return;
  const defaults = await inheritedItemValues(
    args,
    open.map((l) => Number(l.item)),
    ITEM_TAX_FIELD[kind],
  );
  for (const l of open) {
    const t = defaults.get(Number(l.item));
    if (t != null) l.tax_template = t;
  }
}

/** Sets each line's tax_rate from its template (or the header's); returns whether any template applied. */
async function applyTemplates(args: HookArgs, kind: TaxKind): Promise<boolean> {
  const { doc } = args;
  const lines: Doc[] = doc.lines ?? [];
  const templates = await loadTemplates(args, [doc.tax_template, ...lines.map((l) => l.tax_template)]);
  throwTemplateProblems(
    templateProblems(
      [{ path: 'tax_template', id: doc.tax_template }, ...lines.map((l, i) => ({ path: `lines/${i}/tax_template`, id: l.tax_template }))],
      templates,
      kind,
    ),
  );
  const header = doc.tax_template != null ? templates.get(Number(doc.tax_template)) : undefined;
  if (header && 'tax_rate' in doc) doc.tax_rate = header.rate.toFixed(2);
  let any = !!header;
  for (const l of lines) {
    const t = l.tax_template != null ? templates.get(Number(l.tax_template)) : header;
    if (t) {
      l.tax_rate = t.rate.toFixed(2);
      any = true;
    }
  }
  return any;
}

/** Quotations and sales orders: template rates, then sales' own pricing again. */
const sellingTaxes: Hook = async (args) => {
  if (!draftEdit(args)) return;
  const { doc } = args;
  // An order made from a quotation takes its templates (lines by position, same item).
  if (args.model.key === 'sales.sales_order' && doc.quotation != null && !args.old) {
    const [q] = await args.sql<{ tax_template: number | null }>(`select tax_template from sales_v_quotation where id = $1`, [doc.quotation]);
    const qLines = await args.sql<{ item: number; tax_template: number | null }>(
      `select item, tax_template from sales_v_quotation_line where parent_id = $1 order by idx`,
      [doc.quotation],
    );
    doc.tax_template ??= q?.tax_template ?? null;
    (doc.lines as Doc[]).forEach((l, i) => {
      if (l.tax_template == null && qLines[i] && Number(qLines[i]!.item) === Number(l.item)) l.tax_template = qLines[i]!.tax_template;
    });
  }
  await itemTemplates(args, 'sales');
  if (await applyTemplates(args, 'sales')) priceLines(doc);
};

/** Sales invoice lines carry the template of the order line they bill. */
const invoiceTemplates: Hook = async (args) => {
  if (!draftEdit(args)) return;
  const lines: Doc[] = args.doc.lines ?? [];
  const ids = lines.map((l) => Number(l.sales_order_item)).filter((n) => Number.isSafeInteger(n));
  if (!ids.length) return;
  const rows = await args.sql<{ id: number; tax_template: number | null; order_template: number | null }>(
    `select l.id, l.tax_template, o.tax_template as order_template from sales_v_order_line l join sales_v_order o on o.id = l.parent_id where l.id = any($1::bigint[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r.tax_template ?? r.order_template]));
  for (const l of lines) l.tax_template = byId.get(Number(l.sales_order_item)) ?? null;
};

/** Purchase orders and supplier invoices: template rates (x-compute does the amounts). */
const purchaseTaxes: Hook = async (args) => {
  if (!draftEdit(args)) return;
  const { doc } = args;
  if (args.model.key === 'purchasing.supplier_invoice') {
    const lines: Doc[] = doc.lines ?? [];
    if (doc.purchase_order != null && doc.tax_template == null) {
      const [po] = await args.sql<{ tax_template: number | null }>(`select tax_template from purchasing_v_order where id = $1`, [doc.purchase_order]);
      doc.tax_template = po?.tax_template ?? null;
    }
    const ids = lines.filter((l) => l.tax_template == null && l.purchase_order_line != null).map((l) => Number(l.purchase_order_line));
    if (ids.length) {
      const rows = await args.sql<{ id: number; tax_template: number | null }>(
        `select id, tax_template from purchasing_v_order_line where id = any($1::bigint[])`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [Number(r.id), r.tax_template]));
      for (const l of lines) if (l.tax_template == null && l.purchase_order_line != null) l.tax_template = byId.get(Number(l.purchase_order_line)) ?? null;
    }
  }
  await itemTemplates(args, 'purchase');
  await applyTemplates(args, 'purchase');
};

export const taxHooks = {
  'sales.quotation': { beforeCreate: sellingTaxes, beforeUpdate: sellingTaxes },
  'sales.sales_order': { beforeCreate: sellingTaxes, beforeUpdate: sellingTaxes },
  'sales.sales_invoice': { beforeCreate: invoiceTemplates, beforeUpdate: invoiceTemplates },
  'purchasing.purchase_order': { beforeCreate: purchaseTaxes, beforeUpdate: purchaseTaxes },
  'purchasing.supplier_invoice': { beforeCreate: purchaseTaxes, beforeUpdate: purchaseTaxes },
};
