import { definePlugin, type EntityHooks, type Hook } from '@tessera/core';
import { checkCalendar, checkCustomerGroup, checkPolicy } from './src/calendar.js';
import { activityOnTicket, ticketActions, ticketHooks } from './src/ticket.js';
import { messageHooks } from './src/thread.js';
import { runSlaCheck } from './src/escalation.js';
import { helpdeskDashboard, registerHelpdeskReports } from './src/reports.js';
import { roles, rowRules } from './src/roles.js';
import { helpdeskDemo } from './src/demo.js';
import { HELPDESK_ERRORS } from './src/errors.js';

const onSave = (hook: Hook): EntityHooks => ({ beforeCreate: hook, beforeUpdate: hook });

/**
 * Helpdesk: tickets with a thread of replies and internal notes (also on the customer's CRM
 * timeline), teams with round-robin or least-open assignment, SLA policies per priority and
 * customer group counted in working hours, escalation at 80 %, canned replies, satisfaction
 * ratings and reports.
 */
export default definePlugin({
  name: 'helpdesk',
  errors: HELPDESK_ERRORS,
  version: '1.0.0',
  label: 'Helpdesk',
  labels: { lt: 'Pagalbos tarnyba' },
  description: 'Support tickets with SLAs in business hours, teams and assignment, canned replies, satisfaction and reports.',
  icon: 'support_agent',
  dependsOn: ['crm'],
  settingsSchema: {
    properties: {
      scheduled_sla_check: {
        type: 'boolean',
        default: true,
        description: 'Every 5 minutes: flag SLA breaches and tell team leads at 80 % (POST /api/helpdesk/sla-check runs it on demand).',
      },
    },
  },
  roles,
  rowRules,
  hooks: {
    ticket: ticketHooks,
    ticket_message: messageHooks,
    calendar: onSave(checkCalendar),
    sla_policy: onSave(checkPolicy),
    customer_group: onSave(checkCustomerGroup),
    'crm.activity': { beforeCreate: activityOnTicket, beforeUpdate: activityOnTicket },
  },
  actions: { ticket: ticketActions },
  dashboard: helpdeskDashboard,
  schedules: [
    {
      name: 'sla_check',
      cron: '*/5 * * * *',
      handler: async (ctx) => {
        if (ctx.settings<{ scheduled_sla_check?: boolean }>('helpdesk').scheduled_sla_check === false) return;
        await runSlaCheck(ctx);
      },
    },
  ],
  demo: helpdeskDemo,
  setup: registerHelpdeskReports,
});
