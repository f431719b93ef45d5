import { definePlugin } from '@tessera/core';
import { chargeAction, chargeHooks, checkProject, taskHooks } from './src/project.js';
import { timesheetActions, timesheetHooks } from './src/timesheet.js';
import { freeTimesheets, projectActions } from './src/billing.js';
import { projectsDashboard, registerProjectReports } from './src/reports.js';
import { roles, rowRules } from './src/roles.js';
import { projectsDemo } from './src/demo.js';
import { errors } from './errors.js';

/**
 * Projects: projects with members and budgets, tasks (parent, dependencies; board by status),
 * timesheets approved by the project manager and billed once into sales invoices, materials
 * and purchases charged to a project, profitability and budget burn.
 */
export default definePlugin({
  name: 'projects',
  errors: errors.codes,
  version: '1.0.0',
  label: 'Projects',
  labels: { lt: 'Projektai' },
  description: 'Projects, tasks, timesheets billed into sales invoices, project costs and profitability.',
  icon: 'work',
  dependsOn: ['crm', 'hr', 'inventory', 'sales', 'purchasing'],
  roles,
  rowRules,
  hooks: {
    project: { beforeCreate: checkProject, beforeUpdate: checkProject },
    task: taskHooks,
    timesheet: timesheetHooks,
    project_charge: chargeHooks,
    'sales.sales_invoice': { afterCancel: freeTimesheets },
  },
  actions: {
    project: projectActions,
    timesheet: timesheetActions,
    'inventory.stock_entry': chargeAction('material'),
    'purchasing.supplier_invoice': chargeAction('purchase'),
  },
  dashboard: projectsDashboard,
  demo: projectsDemo,
  setup: registerProjectReports,
});
