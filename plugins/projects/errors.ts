/** The projects plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors('projects', {
  NOTHING_TO_BILL: {
    status: 422,
    en: 'the project has no approved billable timesheets left to bill',
    lt: 'projektas neturi patvirtintų neapmokestintų darbo laiko žiniaraščių',
  },
  INVALID_TASK_LINKS: {
    status: 422,
    en: "the task's links are not valid (project, parent, dependencies)",
    lt: 'užduoties ryšiai netinkami (projektas, tėvinė užduotis, priklausomybės)',
  },
  NO_EMPLOYEE: { status: 422, en: 'no employee is linked to your user; name one', lt: 'su jūsų naudotoju nesusietas darbuotojas; nurodykite jį' },
  INVALID_TIMESHEET: {
    status: 422,
    en: 'the timesheet is not valid (details name each line and field)',
    lt: 'darbo laiko žiniaraštis netinkamas (detalės nurodo eilutes ir laukus)',
  },
  TIMESHEET_BILLED: {
    status: 409,
    en: 'the timesheet is billed on a sales invoice: cancel the invoice first',
    lt: 'žiniaraštis įtrauktas į pardavimo sąskaitą: pirmiau atšaukite sąskaitą',
  },
  TIMESHEET_ALREADY_BILLED: { status: 422, en: 'a timesheet is already billed on another invoice', lt: 'žiniaraštis jau įtrauktas į kitą sąskaitą' },
  TIMESHEETS_NOT_BILLABLE: {
    status: 422,
    en: 'a timesheet cannot be billed (not approved, not billable, or of another project)',
    lt: 'žiniaraščio negalima apmokestinti (nepatvirtintas, neapmokestinamas ar kito projekto)',
  },
});
