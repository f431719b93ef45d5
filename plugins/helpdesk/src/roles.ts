/**
 * Helpdesk roles and the row rule "an agent sees their team's tickets": the tickets of every
 * team the user is an agent or the lead of, and the tickets assigned to them; the thread of
 * those tickets. Support managers see and configure everything.
 */
import type { RoleDefinition, RowRule } from '@tessera/core';

/** Tickets (over alias) the user may see through their teams or as the assigned agent. */
function teamTickets(alias: string, user: number, param: (v: unknown) => string): string {
  const me = param(user);
  return `(${alias}."team" in (select a.parent_id from helpdesk_team_agent a where a."user" = ${me} union select t.id from helpdesk_team t where t.lead = ${me}) or ${alias}."agent" = ${me})`;
}

export const rowRules: Record<string, RowRule> = {
  team_tickets: ({ alias, user, param, model }) =>
    model.key === 'helpdesk.ticket'
      ? teamTickets(alias, user.id, param)
      : `${alias}."ticket" in (select k.id from helpdesk_ticket k where ${teamTickets('k', user.id, param)})`,
};

const TICKET_WORK = ['read', 'create', 'update', 'export', 'reply', 'add_note', 'customer_replied', 'wait_on_customer', 'resolve', 'reopen', 'close', 'rate'];

export const roles: Record<string, RoleDefinition> = {
  'helpdesk.agent': {
    label: 'Support agent',
    description: 'Works the tickets of their teams: replies, notes, waiting on the customer, resolving; uses canned replies.',
    permissions: {
      'helpdesk.ticket': TICKET_WORK,
      'helpdesk.ticket_message': ['read', 'create'],
      'helpdesk.canned_reply': ['read'],
      'helpdesk.team': ['read'],
      'helpdesk.ticket_type': ['read'],
      'helpdesk.sla_policy': ['read'],
      'helpdesk.calendar': ['read'],
      'helpdesk.customer_group': ['read'],
      'crm.organization': ['read'],
      'crm.contact': ['read'],
    },
    rows: { 'helpdesk.ticket': 'helpdesk.team_tickets', 'helpdesk.ticket_message': 'helpdesk.team_tickets' },
  },
  'helpdesk.support_manager': {
    label: 'Support manager',
    description: 'Everything in the helpdesk: all tickets, teams and assignment, SLA policies and calendars, canned replies, reports.',
    permissions: { 'helpdesk.*': '*', 'crm.organization': ['read'], 'crm.contact': ['read'], 'crm.activity': ['read'] },
  },
};
