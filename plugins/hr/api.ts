/**
 * The HR plugin's public API: working days and holiday lists, employees by id and by user.
 * Other plugins import only this file (`@tessera/plugin-hr/api`); everything else in the package is internal.
 */
export { workingDays, holidayListFor } from './src/calendar.js';
export { employeeById, employeeIdOfUser, type EmployeeRow } from './src/common.js';
