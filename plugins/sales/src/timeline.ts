/**
 * Sales documents and the CRM timeline.
 *
 * crm.activity.reference_type lists the sales documents, so a quotation, order, delivery or
 * invoice has its own timeline (calls and notes about it). Such an activity belongs to the
 * customer's organization (activityOnSalesDocument), so the organization's history holds it
 * like the activities of its CRM records.
 *
 * The notes sales writes itself (quotation sent, order, delivery shipped) go on the document's
 * deal, else on the customer's organization, naming the document in document_ref: that is the
 * timeline a sales rep follows the deal on.
 */
import type { Hook, ServiceContext } from '@tessera/core';
import { recordActivity } from '@tessera/plugin-crm/api';
import type { SalesSettings } from './settings.js';

export async function noteOnTimeline(
  ctx: ServiceContext,
  note: { opportunity?: number | null; customer: number; subject: string; documentRef: string },
): Promise<void> {
  if (!ctx.settings<SalesSettings>('sales').log_activities) return;
  let link: { reference_type: string; reference_id: number } | undefined;
  if (note.opportunity) link = { reference_type: 'crm.opportunity', reference_id: note.opportunity };
  else {
    const [c] = await ctx.sql<{ organization: number | null }>(`select organization from sales_customer where id = $1`, [note.customer]);
    if (c?.organization) link = { reference_type: 'crm.organization', reference_id: Number(c.organization) };
  }
  if (!link) return;
  await recordActivity(ctx, { activity_type: 'note', subject: note.subject, done: true, document_ref: note.documentRef, ...link });
}

/** The sales documents an activity may be linked to: their table, and whether they name a contact person. */
const DOCUMENTS: Record<string, { table: string; contact: boolean }> = {
  'sales.quotation': { table: 'sales_quotation', contact: true },
  'sales.sales_order': { table: 'sales_sales_order', contact: false },
  'sales.delivery': { table: 'sales_delivery', contact: false },
  'sales.sales_invoice': { table: 'sales_sales_invoice', contact: false },
};

/**
 * crm.activity before-create/update hook (after CRM's own, which checked that the linked
 * document exists): an activity newly linked to a sales document takes the customer's
 * organization (and the quotation's contact person) unless the request names them.
 */
export const activityOnSalesDocument: Hook = async ({ doc, old, patch, sql }) => {
  const how = DOCUMENTS[doc.reference_type];
  if (!how || doc.reference_id == null) return;
  if (old && old.reference_type === doc.reference_type && Number(old.reference_id) === Number(doc.reference_id)) return;
  const [row] = await sql<{ organization: number | null; contact?: number | null }>(
    `select c.organization${how.contact ? ', d.contact' : ''} from ${how.table} d join sales_customer c on c.id = d.customer where d.id = $1`,
    [doc.reference_id],
  );
  if (!row) return;
  const sent = patch ?? doc;
  if (sent.organization == null) doc.organization = row.organization ?? null;
  if (how.contact && sent.contact == null) doc.contact = row.contact ?? null;
};
