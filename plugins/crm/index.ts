import { definePlugin, type EntityHooks, type Hook } from '@tessera/core';
import { configuredStages, settingsSchema, seedCrm, stageTitles, upgradeCrm } from './src/settings.js';
import { refuseDuplicates } from './src/duplicates.js';
import { activityActions, activityHooks, activityOwnActions } from './src/activity.js';
import { leadActions, leadHooks } from './src/lead.js';
import { opportunityActions, opportunityHooks } from './src/opportunity.js';
import { checkCampaign, checkStage, contactName, defaultOwner } from './src/records.js';
import { registerCrmReports } from './src/reports.js';
import { crmDashboard } from './src/dashboard.js';
import { crmRoles } from './src/roles.js';
import { crmDemo } from './src/demo.js';
import { errors } from './errors.js';
import { views } from './src/views.js';
import { seedTitles } from './src/seed-titles.js';

/** Runs hooks in order (one entity may need several rules). */
const all =
  (...hooks: Hook[]): Hook =>
  async (args) => {
    for (const h of hooks) await h(args);
  };
const onSave = (...hooks: Hook[]): EntityHooks => ({ beforeCreate: all(...hooks), beforeUpdate: all(...hooks) });

export default definePlugin({
  name: 'crm',
  errors: errors.codes,
  views,
  seedTitles,
  settingsTitles: stageTitles,
  configuredRecords: configuredStages,
  upgrade: upgradeCrm,
  version: '1.0.0',
  label: 'CRM',
  labels: { lt: 'Ryšiai su klientais' },
  description: 'Organizations, contacts, leads, deals with a configurable pipeline, activities and campaigns.',
  icon: 'groups',
  settingsSchema,
  roles: crmRoles,
  hooks: {
    organization: { ...onSave(refuseDuplicates('crm.organization')), beforeCreate: all(defaultOwner, refuseDuplicates('crm.organization')) },
    contact: { beforeCreate: all(defaultOwner, contactName, refuseDuplicates('crm.contact')), beforeUpdate: all(contactName, refuseDuplicates('crm.contact')) },
    lead: { beforeCreate: all(leadHooks.beforeCreate, refuseDuplicates('crm.lead')), beforeUpdate: all(leadHooks.beforeUpdate, refuseDuplicates('crm.lead')) },
    opportunity: opportunityHooks,
    activity: activityHooks,
    stage: onSave(checkStage),
    campaign: { beforeCreate: all(defaultOwner, checkCampaign), beforeUpdate: checkCampaign },
  },
  actions: {
    organization: activityActions('crm.organization'),
    contact: activityActions('crm.contact'),
    lead: { ...leadActions, ...activityActions('crm.lead') },
    opportunity: { ...opportunityActions, ...activityActions('crm.opportunity') },
    activity: activityOwnActions,
  },
  dashboard: crmDashboard,
  seed: seedCrm,
  demo: crmDemo,
  setup: registerCrmReports,
});
