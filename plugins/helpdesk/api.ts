/**
 * The helpdesk plugin's public API: business-hours arithmetic.
 * Other plugins import only this file (`@tessera/plugin-helpdesk/api`); everything else in the package is internal.
 */
export { addBusinessMinutes, businessMinutesBetween, type WorkingCalendar } from './src/business-hours.js';
