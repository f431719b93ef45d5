/**
 * The HR plugin's public API: working days and holiday lists.
 * Other plugins import only this file (`@tessera/plugin-hr/api`); everything else in the package is internal.
 */
export { workingDays, holidayListFor } from './src/calendar.js';
