/** Default sales roles; a client's configuration can extend them. */
import type { RoleDefinition } from '@tessera/core';

const documents = ['read', 'create', 'update', 'delete', 'submit', 'export'];
/** What sales work needs outside sales: items and stock to quote and ship, deals to quote, the timeline notes it writes. */
const around: RoleDefinition['permissions'] = {
  'inventory.item': ['read'],
  'inventory.warehouse': ['read'],
  'inventory.bin': ['read'],
  'crm.organization': ['read', 'update', 'make_customer'],
  'crm.contact': ['read'],
  'crm.opportunity': ['read', 'make_quotation'],
  'crm.activity': ['read', 'create'],
};

export const salesRoles: Record<string, RoleDefinition> = {
  'sales.user': {
    label: 'Sales user',
    description: 'Quotes, takes orders, ships and invoices; cannot cancel submitted documents.',
    permissions: {
      'sales.customer': ['read', 'create', 'update', 'export'],
      // Prices are read (the forms fill rates from them); the sales manager maintains them.
      'sales.price_list': ['read', 'export'],
      'sales.quotation': [...documents, 'make_sales_order'],
      'sales.sales_order': [...documents, 'make_delivery', 'make_invoice'],
      'sales.delivery': documents,
      'sales.sales_invoice': documents,
      ...around,
    },
  },
  'sales.manager': {
    label: 'Sales manager',
    description: 'Everything in sales, including cancelling and amending submitted documents, and the sales reports.',
    permissions: { 'sales.*': '*', ...around },
  },
};
