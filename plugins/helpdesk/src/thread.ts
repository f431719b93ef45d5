/**
 * The ticket's thread: agents' replies, internal notes and the customer's messages. Writing a
 * message applies its effect to the ticket (the first reply stops the first-response clock; a
 * customer's message ends a pause or reopens a resolved ticket) and puts it on the customer's
 * CRM timeline, in the same transaction. Messages are not edited afterwards: the thread is a record.
 */
import type { Hook, HookArgs } from '@tessera/core';
import { applyEvent, assertAllowed, eventTime, onTimeline } from './ticket.js';
import { dbNow, toDate, userId } from './util.js';

const WHAT = { reply: 'Reply', note: 'Internal note', customer: 'Customer wrote' } as const;

const checkMessage: Hook = async (args: HookArgs) => {
  const { doc } = args;
  const ticket = await args.entity('helpdesk.ticket').get(doc.ticket);
  assertAllowed(ticket, doc.kind);
  const now = await dbNow(args);
  doc.sent_at = eventTime(ticket, doc.sent_at, now, 'sent_at').toISOString();
  doc.author = userId(args);
};

const applyMessage: Hook = async (args: HookArgs) => {
  const { doc } = args;
  const ticket = await applyEvent(args, Number(doc.ticket), { kind: doc.kind }, doc.sent_at);
  const activity = await onTimeline(args, ticket, WHAT[doc.kind as keyof typeof WHAT], doc.body, toDate(doc.sent_at)!.toISOString());
  await args.entity('helpdesk.ticket_message').setServerFields(doc.id, { activity: activity.id });
};

export const messageHooks = { beforeCreate: checkMessage, afterCreate: applyMessage };
