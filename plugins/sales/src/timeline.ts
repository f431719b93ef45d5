/**
 * Sales documents on the CRM timeline: a note activity on the document's deal, else on the
 * customer's organization, naming the document in document_ref (the CRM activity link lists
 * CRM entities only; see plugins/crm/src/activity.ts).
 */
import type { ServiceContext } from '@tessera/core';
import { recordActivity } from '@tessera/plugin-crm';
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
