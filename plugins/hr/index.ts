import { definePlugin } from '@tessera/core';
import { masterHooks, ONE_DEFAULT_HOLIDAY_LIST_SQL } from './src/masters.js';
import { allocationHooks, applicationActions, applicationHooks, APPEND_ONLY_SQL, attendanceHooks, ledgerHooks } from './src/leave.js';
import { roles, rowRules } from './src/permissions.js';
import { dashboard, registerReports } from './src/reports.js';
import { loadDemo } from './src/demo.js';
import { loadTrainingDemo } from './src/training-demo.js';
import { registerTrainingReports, trainingHooks, trainingRowRules, withTrainingRoles } from './src/training.js';
import { errors } from './errors.js';
import { views } from './src/views.js';

/**
 * HR: departments (a tree), designations, employees, holiday lists, leave types, leave
 * allocations and applications with an append-only leave ledger, and attendance.
 */
export default definePlugin({
  name: 'hr',
  errors: errors.codes,
  views,
  version: '1.0.0',
  label: 'Human resources',
  labels: { lt: 'Personalas' },
  description: 'Employees, departments, holiday lists, leave (allocations, applications, ledger), attendance, training and skills.',
  icon: 'groups',
  roles: withTrainingRoles(roles),
  rowRules: { ...rowRules, ...trainingRowRules },
  hooks: {
    ...masterHooks,
    leave_allocation: allocationHooks,
    leave_application: applicationHooks,
    leave_ledger_entry: ledgerHooks,
    attendance: attendanceHooks,
    ...trainingHooks,
  },
  actions: { leave_application: applicationActions },
  dashboard,
  seed: async (ctx) => {
    for (const sql of APPEND_ONLY_SQL) await ctx.sql(sql);
    await ctx.sql(ONE_DEFAULT_HOLIDAY_LIST_SQL);
  },
  demo: async (ctx) => {
    await loadDemo(ctx);
    await loadTrainingDemo(ctx);
  },
  setup: async (ctx) => {
    await registerReports(ctx);
    registerTrainingReports(ctx);
  },
});
