/** Which lifecycle buttons and declared actions a document offers in its current state. */
import type { DocStatus, MetaAction, MetaEntity } from '../meta/types.js';

export type DocumentButton = { kind: 'submit' | 'cancel' | 'amend' } | { kind: 'action'; action: MetaAction };

export const DOC_STATUSES: DocStatus[] = ['draft', 'submitted', 'cancelled'];

export function documentButtons(e: MetaEntity, record: Record<string, unknown> | undefined): DocumentButton[] {
  if (!record) return [];
  const status = record.docstatus as DocStatus | undefined;
  const out: DocumentButton[] = [];
  if (e.submittable) {
    if (status === 'draft' && e.permissions.submit) out.push({ kind: 'submit' });
    if (status === 'submitted' && e.permissions.cancel) out.push({ kind: 'cancel' });
    if (status === 'cancelled' && e.permissions.create) out.push({ kind: 'amend' });
  }
  for (const action of e.actions) {
    if (!action.allowed) continue;
    const when = action.when?.docstatus;
    if (when && e.submittable && (!status || !when.includes(status))) continue;
    out.push({ kind: 'action', action });
  }
  return out;
}

/** Chip colours: draft neutral/blue, submitted green, cancelled red. */
export function docStatusColor(status: string | undefined): 'info' | 'success' | 'error' | 'default' {
  return status === 'draft' ? 'info' : status === 'submitted' ? 'success' : status === 'cancelled' ? 'error' : 'default';
}
