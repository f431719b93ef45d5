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
    if (!whenHolds(e, action.when, record)) continue;
    out.push({ kind: 'action', action });
  }
  return out;
}

/**
 * Whether an action's `when` conditions hold for the record, as the server checks them: every
 * field's value is one of the listed values; `docstatus` only counts on submittable entities.
 * A field the record does not carry (hidden from this user) is left for the server to judge.
 */
export function whenHolds(e: MetaEntity, when: MetaAction['when'], record: Record<string, unknown>): boolean {
  for (const [field, allowed] of Object.entries(when ?? {})) {
    if (!Array.isArray(allowed)) continue;
    if (field === 'docstatus') {
      if (!e.submittable) continue;
      const status = record.docstatus as DocStatus | undefined;
      if (!status || !(allowed as unknown[]).includes(status)) return false;
      continue;
    }
    if (!(field in record)) continue;
    if (!(allowed as unknown[]).includes(record[field])) return false;
  }
  return true;
}

/** Chip colours: draft neutral/blue, submitted green, cancelled red. */
export function docStatusColor(status: string | undefined): 'info' | 'success' | 'error' | 'default' {
  return status === 'draft' ? 'info' : status === 'submitted' ? 'success' : status === 'cancelled' ? 'error' : 'default';
}

/**
 * The one status a document shows: its own status field (a read-only enum named "status":
 * "Sent", "To deliver and bill") when it has one, coloured by the document state; else the
 * document state (Draft / Submitted / Cancelled).
 */
export function statusFieldOf(e: MetaEntity): MetaEntity['fields'][number] | undefined {
  if (!e.submittable) return undefined;
  return e.fields.find((f) => f.name === 'status' && f.kind === 'enum' && f.readOnly && !f.hidden);
}
