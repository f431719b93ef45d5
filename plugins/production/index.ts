import { definePlugin } from '@tessera/core';
import { bomActions, bomHooks, ONE_DEFAULT_BOM_SQL } from './src/bom.js';
import { settingsSchema, workOrderActions, workOrderHooks } from './src/work-order.js';
import { dashboard, registerReports } from './src/reports.js';
import { loadDemo } from './src/demo.js';
import { errors } from './errors.js';

export default definePlugin({
  name: 'production',
  errors: errors.codes,
  version: '1.0.0',
  label: 'Production',
  labels: { lt: 'Gamyba' },
  description: 'Bills of materials, workstations and work orders that consume components and receive finished goods at their cost.',
  icon: 'factory',
  dependsOn: ['inventory'],
  settingsSchema,
  roles: {
    'production.manager': {
      label: 'Production manager',
      description: 'Maintains bills of materials and workstations, plans and runs work orders.',
      permissions: {
        'production.*': '*',
        'inventory.item': ['read'],
        'inventory.warehouse': ['read'],
        'inventory.uom': ['read'],
        'inventory.bin': ['read'],
      },
    },
    'production.operator': {
      label: 'Production operator',
      description: 'Sees bills and work orders; transfers materials and records production.',
      permissions: {
        'production.bom': ['read'],
        'production.workstation': ['read'],
        'production.work_order': ['read', 'transfer', 'manufacture'],
        'inventory.item': ['read'],
        'inventory.warehouse': ['read'],
        'inventory.bin': ['read'],
      },
    },
  },
  hooks: { bom: bomHooks, work_order: workOrderHooks },
  actions: { bom: bomActions, work_order: workOrderActions },
  dashboard,
  seed: async (ctx) => {
    await ctx.sql(ONE_DEFAULT_BOM_SQL);
  },
  demo: loadDemo,
  setup: registerReports,
});
