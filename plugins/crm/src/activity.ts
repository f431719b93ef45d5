/**
 * Activities: calls, e-mails, meetings, notes, tasks and support cases linked to a record by
 * reference_type (an entity key) + reference_id. They form the timeline of that record;
 * `organization` is filled from the linked record so an organization's history also holds
 * the activities of its contacts, leads and deals.
 *
 * reference_type lists CRM entities and the sales documents: the core drops the values of a known
 * plugin that is switched off, so CRM runs without sales, and with sales on, quotations, orders,
 * deliveries and invoices get a timeline too. This module derives the organization of CRM links
 * (LINKS); the sales plugin's own crm.activity hook does it for its documents (their customer's
 * organization), so CRM never reads sales tables.
 */
import { labelText, type ActionDefinition, type Doc, type Hook, type HookArgs, type ServiceContext } from '@tessera/core';
import { fieldError, userId } from './util.js';
import { errors } from '../errors.js';

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note', 'task', 'support_case'] as const;

/** How to find the organization (and contact) of a linked CRM record; other linked entities add none here. */
const LINKS: Record<string, { organization: string | null; contact?: string }> = {
  'crm.organization': { organization: 'id' },
  'crm.contact': { organization: 'organization', contact: 'id' },
  'crm.lead': { organization: 'converted_organization', contact: 'converted_contact' },
  'crm.opportunity': { organization: 'organization', contact: 'contact' },
  'crm.campaign': { organization: null },
};

async function settleActivity(args: HookArgs): Promise<void> {
  const { doc, old } = args;
  const type = doc.reference_type ?? null;
  const id = doc.reference_id ?? null;
  if (type !== null && id === null) throw fieldError('reference_id', errors.t('reference_id_required', { type: String(type) }));
  if (type === null && id !== null) throw fieldError('reference_type', errors.t('reference_type_required'));
  const linkChanged = !old || old.reference_type !== type || old.reference_id !== id;
  if (type !== null && linkChanged) {
    const model = args.entity(type).model;
    const how = LINKS[type] ?? { organization: null };
    const cols = [
      'id',
      ...(how.organization && how.organization !== 'id' ? [how.organization] : []),
      ...(how.contact && how.contact !== 'id' ? [how.contact] : []),
    ];
    const [row] = await args.sql(`select ${cols.map((c) => `"${c}"`).join(', ')} from "${model.table}" where id = $1`, [id]);
    if (!row) throw fieldError('reference_id', errors.t('record_missing', { entity: labelText(model), id: String(id) }));
    // Follow the new link unless this request names the organization / contact itself (patch: what an update sent).
    const follows = (field: 'organization' | 'contact') => (args.patch ?? doc)[field] == null;
    const derived = (col: string | null | undefined) => (col ? (row[col] ?? null) : null);
    if (follows('organization')) doc.organization = derived(how.organization) ?? doc.organization ?? null;
    if (follows('contact')) doc.contact = derived(how.contact) ?? doc.contact ?? null;
  }
  if (!doc.activity_at) doc.activity_at = old?.activity_at ?? new Date().toISOString();
  if (doc.done && !old?.done) doc.done_at = new Date().toISOString();
  if (!doc.done) doc.done_at = null;
  if (!old && doc.owner == null) doc.owner = userId(args);
}

export const activityHooks: { beforeCreate: Hook; beforeUpdate: Hook } = { beforeCreate: settleActivity, beforeUpdate: settleActivity };

export interface ActivityInput {
  activity_type: (typeof ACTIVITY_TYPES)[number];
  subject: string;
  body?: string | null;
  reference_type?: string | null;
  reference_id?: number | null;
  organization?: number | null;
  contact?: number | null;
  activity_at?: string;
  due_date?: string | null;
  done?: boolean;
  priority?: 'low' | 'normal' | 'high';
  duration_minutes?: number | null;
  outcome?: string | null;
  owner?: number | null;
  document_ref?: string | null;
}

/**
 * Records an activity through the service API (validation, hooks, audit), in the caller's
 * transaction. Other plugins use it to put their documents on a customer's timeline.
 */
export async function recordActivity(ctx: ServiceContext, input: ActivityInput): Promise<Doc> {
  const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return ctx.entity('crm.activity').create(clean);
}

const subject = { type: 'string', minLength: 1, maxLength: 200 };
const body = { type: 'string', maxLength: 100000 };

/** "Log a call" and "Schedule a task" on a CRM record: the activity is linked to it. */
export function activityActions(entityKey: string): Record<string, ActionDefinition> {
  return {
    log_call: {
      label: 'Log a call',
      labels: { lt: 'Registruoti skambutį' },
      icon: 'call',
      output: 'crm.activity',
      input: {
        type: 'object',
        required: ['subject'],
        additionalProperties: false,
        properties: {
          subject,
          body,
          outcome: { type: 'string', maxLength: 200 },
          duration_minutes: { type: 'integer', minimum: 0, maximum: 10000 },
          activity_at: {
            type: 'string',
            format: 'date-time',
            description: 'When the call took place; default now.',
            'x-labels': { lt: { description: 'Kada vyko skambutis; numatytai: dabar.' } },
          },
          contact: { type: 'integer', minimum: 1, description: 'The person spoken to.', 'x-labels': { lt: { description: 'Asmuo, su kuriuo kalbėta.' } } },
        },
      },
      handler: async ({ doc, input, ...ctx }) =>
        recordActivity(ctx, { ...input, activity_type: 'call', done: true, reference_type: entityKey, reference_id: doc.id }),
    },
    schedule_task: {
      label: 'Schedule a task',
      labels: { lt: 'Suplanuoti užduotį' },
      icon: 'add_task',
      output: 'crm.activity',
      input: {
        type: 'object',
        required: ['subject', 'due_date'],
        additionalProperties: false,
        properties: {
          subject,
          body,
          due_date: { type: 'string', format: 'date' },
          activity_type: { type: 'string', enum: ['task', 'call', 'meeting', 'email'], default: 'task' },
          priority: { type: 'string', enum: ['low', 'normal', 'high'] },
          owner: {
            type: 'integer',
            minimum: 1,
            description: 'User id to assign; default: you.',
            'x-labels': { lt: { description: 'Kam priskirti; numatytai: jums.' } },
          },
        },
      },
      handler: async ({ doc, input, ...ctx }) =>
        recordActivity(ctx, { ...input, activity_type: input.activity_type ?? 'task', done: false, reference_type: entityKey, reference_id: doc.id }),
    },
  };
}

/** Actions of an activity itself. */
export const activityOwnActions: Record<string, ActionDefinition> = {
  complete: {
    label: 'Mark done',
    labels: { lt: 'Pažymėti atlikta' },
    icon: 'task_alt',
    input: { type: 'object', additionalProperties: false, properties: { outcome: { type: 'string', maxLength: 200 } } },
    handler: async ({ doc, input, entity }) => entity('crm.activity').update(doc.id, { done: true, ...(input.outcome ? { outcome: input.outcome } : {}) }),
  },
};
