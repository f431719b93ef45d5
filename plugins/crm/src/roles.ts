/** Default CRM roles; a client's configuration can extend them. */
import type { RoleDefinition } from '@tessera/core';

const recordWork = ['read', 'create', 'update', 'export', 'log_call', 'schedule_task'];
const lookups = ['read'];

export const crmRoles: Record<string, RoleDefinition> = {
  'crm.sales_rep': {
    label: 'Sales representative',
    description: 'Works their own leads, deals and activities; sees organizations and contacts; reads the pipeline settings.',
    permissions: {
      'crm.organization': recordWork,
      'crm.contact': recordWork,
      'crm.lead': [...recordWork, 'convert'],
      'crm.opportunity': [...recordWork, 'mark_won', 'mark_lost', 'reopen'],
      'crm.activity': ['read', 'create', 'update', 'delete', 'complete'],
      'crm.campaign': lookups,
      'crm.stage': lookups,
      'crm.lost_reason': lookups,
      'crm.lead_source': lookups,
    },
    rows: { 'crm.lead': 'own', 'crm.opportunity': 'own', 'crm.activity': 'own' },
  },
  'crm.manager': {
    label: 'Sales manager (CRM)',
    description: 'Everything in CRM: all leads and deals, pipeline stages, lost reasons, lead sources and campaigns.',
    permissions: { 'crm.*': '*' },
  },
  'crm.marketing': {
    label: 'Marketing',
    description: 'Runs campaigns and brings in leads.',
    permissions: {
      'crm.campaign': ['read', 'create', 'update', 'delete', 'export'],
      'crm.lead': recordWork,
      'crm.lead_source': ['read', 'create', 'update'],
      'crm.activity': ['read', 'create', 'update', 'complete'],
      'crm.organization': lookups,
      'crm.contact': lookups,
    },
  },
};
