/**
 * The CRM plugin's public API: timeline activities and opportunity conversion.
 * Other plugins import only this file (`@tessera/plugin-crm/api`); everything else in the package is internal.
 */
export { recordActivity, type ActivityInput } from './src/activity.js';
export { markOpportunityConverted, unmarkOpportunityConverted } from './src/opportunity.js';
