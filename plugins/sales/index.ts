import { definePlugin } from '@tessera/core';
import { settingsSchema } from './src/settings.js';
import { customerHooks, organizationActions } from './src/customer.js';
import { opportunityActions, quotationActions, quotationHooks } from './src/quotation.js';
import { salesOrderActions, salesOrderHooks } from './src/sales-order.js';
import { deliveryHooks } from './src/delivery.js';
import { salesInvoiceHooks } from './src/sales-invoice.js';
import { registerSalesReports } from './src/reports.js';
import { registerSellingDefaults } from './src/selling-defaults.js';
import { salesDashboard } from './src/dashboard.js';
import { salesRoles } from './src/roles.js';
import { salesDemo } from './src/demo.js';
import { activityOnSalesDocument } from './src/timeline.js';
import { errors } from './errors.js';
import { salesPrintFormats } from './src/print/selling.js';
import { views } from './src/views.js';

/**
 * Sales: customers (linked to CRM organizations), quotations, sales orders, deliveries and
 * sales invoices. Quotation -> order -> delivery -> invoice are actions on the documents;
 * orders reserve stock and deliveries issue it through the inventory plugin's stock API.
 */
export default definePlugin({
  name: 'sales',
  errors: errors.codes,
  views,
  version: '1.0.0',
  label: 'Sales',
  labels: { lt: 'Pardavimai' },
  description: 'Customers, quotations, sales orders, deliveries and invoices, with gross profit.',
  icon: 'point_of_sale',
  dependsOn: ['crm', 'inventory'],
  settingsSchema,
  roles: salesRoles,
  hooks: {
    customer: customerHooks,
    quotation: quotationHooks,
    sales_order: salesOrderHooks,
    delivery: deliveryHooks,
    sales_invoice: salesInvoiceHooks,
    'crm.activity': { beforeCreate: activityOnSalesDocument, beforeUpdate: activityOnSalesDocument },
  },
  actions: {
    'crm.organization': organizationActions,
    'crm.opportunity': opportunityActions,
    quotation: quotationActions,
    sales_order: salesOrderActions,
  },
  dashboard: salesDashboard,
  printFormats: salesPrintFormats,
  demo: salesDemo,
  setup: async (setup) => {
    await registerSalesReports(setup);
    registerSellingDefaults(setup);
  },
});
