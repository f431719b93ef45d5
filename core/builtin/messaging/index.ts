/**
 * The built-in "messaging" plugin: e-mail templates and webhook subscriptions as ordinary
 * entities (administrators edit them through the generated screens), with the checks that keep
 * them sound: a template's placeholders are known for its document type, a webhook names a
 * real entity, known events and an http(s) URL. Delivery lives in core/src/outbox.
 */
import { definePlugin, Errors, type FieldProblem, type HookArgs } from '../../src/index.js';
import { placeholderProblems } from '../../src/mail/placeholders.js';
import { WEBHOOK_EVENTS } from '../../src/webhooks/events.js';

function checkTemplate({ doc, platform }: HookArgs): void {
  const entity = platform.model!.entities.get(String(doc.entity));
  if (!entity) throw Errors.validation([{ path: 'entity', message: `"${String(doc.entity)}" is not an entity of this system`, code: 'reference' }]);
  const problems = placeholderProblems(entity, { subject: doc.subject, body: doc.body });
  if (problems.length) throw Errors.validation(problems);
}

function checkWebhook({ doc, platform }: HookArgs): void {
  const problems: FieldProblem[] = [];
  if (doc.entity !== '*' && !platform.model!.entities.has(String(doc.entity)))
    problems.push({ path: 'entity', message: `"${String(doc.entity)}" is not an entity of this system (or * for all)` });
  const events = String(doc.events ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (!events.length || unknown.length)
    problems.push({
      path: 'events',
      message: `${unknown.length ? `${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length > 1 ? 'are not events' : 'is not an event'}` : 'must name at least one event'}; use ${WEBHOOK_EVENTS.join(', ')}`,
    });
  else doc.events = [...new Set(events)].join(',');
  if (!/^https?:\/\//i.test(String(doc.url ?? ''))) problems.push({ path: 'url', message: 'must start with http:// or https://' });
  if (problems.length) throw Errors.validation(problems);
}

const refresh = ({ platform, tx }: HookArgs) => tx.onCommit(() => platform.webhooks?.refresh());

export default definePlugin({
  name: 'messaging',
  version: '1.0.0',
  label: 'Messaging',
  labels: { lt: 'Pranešimai' },
  icon: 'outgoing_mail',
  hooks: {
    email_template: { beforeCreate: checkTemplate, beforeUpdate: checkTemplate },
    webhook: {
      beforeCreate: checkWebhook,
      beforeUpdate: checkWebhook,
      afterCreate: refresh,
      afterUpdate: async (args) => {
        // switching a subscription back on starts its failure count afresh
        if (args.doc.active && !args.old!.active)
          await args.sql(`update messaging_webhook set consecutive_failures = 0, disabled_reason = null where id = $1`, [args.doc.id]);
        refresh(args);
      },
      afterDelete: refresh,
    },
  },
});
