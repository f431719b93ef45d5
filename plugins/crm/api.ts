/**
 * The CRM plugin's public API: timeline activities, opportunity conversion, contacts and organization names.
 * Other plugins import only this file (`@tessera/plugin-crm/api`); everything else in the package is internal.
 */
export { recordActivity, type ActivityInput } from './src/activity.js';
export { markOpportunityConverted, unmarkOpportunityConverted } from './src/opportunity.js';
export { contactOf, organizationNames } from './src/contacts.js';
