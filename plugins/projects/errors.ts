/** The projects plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors(
  'projects',
  {
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
  },
  {
    project_no_approved_billable_timesheets: {
      en: 'project {name} has no approved billable timesheets left to bill',
      lt: 'projektas {name} neturi patvirtintų apmokestinamų darbo laiko žiniaraščių, kuriuos liktų apmokestinti',
    },
    timesheet_does_not_exist: { en: 'timesheet {choseni} does not exist', lt: 'darbo laiko žiniaraštis {choseni} neegzistuoja' },
    belongs_another_project: { en: '{number} belongs to another project', lt: '{number} priklauso kitam projektui' },
    already_billed: { en: '{number} is already billed', lt: '{number} jau apmokestintas' },
    approved_timesheets_are_billed: {
      en: '{number} is {status}: only approved timesheets are billed',
      lt: '{number} yra būsenos „{status}“: apmokestinami tik patvirtinti žiniaraščiai',
    },
    not_billable: { en: '{number} is not billable', lt: '{number} neapmokestinamas' },
    activity_type_no_service_item: {
      en: '{number}: activity type {activity} has no service item to bill it with',
      lt: '{number}: veiklos tipas {activity} neturi paslaugos prekės, kuria būtų apmokestinamas',
    },
    lists_timesheet_twice: { en: 'lists a timesheet twice', lt: 'žiniaraštis nurodytas du kartus' },
    not_before_start: { en: 'must not be before the start {start_date}', lt: 'negali būti ankstesnė nei pradžia {start_date}' },
    required_fixed_price_project: { en: 'is required for a fixed-price project', lt: 'privaloma fiksuotos kainos projektui' },
    required_material_charge: { en: 'is required for a material charge', lt: 'privaloma medžiagų sąnaudoms' },
    stock_entry_does_not_exist: { en: 'stock entry {stock_entry} does not exist', lt: 'atsargų operacija {stock_entry} neegzistuoja' },
    material_issues_are_charged_projects: {
      en: '{number} is a {purpose}: only material issues are charged to projects',
      lt: '{number} yra „{purpose}“: projektams priskiriamas tik medžiagų išdavimas',
    },
    submit_first_stock_value_known: {
      en: '{number} is {docstatus}: submit it first (its stock value is known then)',
      lt: '{number} yra {docstatus}: pirmiau pateikite (tada žinoma atsargų vertė)',
    },
    required_purchase_charge: { en: 'is required for a purchase charge', lt: 'privaloma pirkimo sąnaudoms' },
    supplier_invoice_does_not_exist: { en: 'supplier invoice {supplier_invoice} does not exist', lt: 'tiekėjo sąskaita {supplier_invoice} neegzistuoja' },
    submit_first: { en: '{number} is {docstatus}: submit it first', lt: '{number} yra {docstatus}: pirmiau pateikite' },
    task_cannot_depend_belong_itself: { en: 'a task cannot depend on or belong to itself', lt: 'užduotis negali priklausyti nuo savęs ar būti savo dalimi' },
    belongs_another_project_2: { en: '"{subject}" belongs to another project', lt: '„{subject}“ priklauso kitam projektui' },
    complete_first: { en: '"{subject}" is {status}: complete it first', lt: '„{subject}“ yra būsenos „{status}“: pirmiau užbaikite' },
    would_make_cycle_back: { en: 'would make a cycle back to "{subject}"', lt: 'sudarytų ciklą atgal į „{subject}“' },
    employee_no_employee_linked_your: {
      en: 'employee: no employee is linked to your user; name one',
      lt: 'employee: su jūsų naudotoju nesusietas joks darbuotojas; nurodykite jį',
    },
    required_no_employee_linked_your: {
      en: 'is required (no employee is linked to your user)',
      lt: 'privaloma (su jūsų naudotoju nesusietas joks darbuotojas)',
    },
    timesheet_billed_sales_invoice_cancel: {
      en: 'timesheet {number} is billed on sales invoice {number2}: cancel the invoice first',
      lt: 'žiniaraštis {number} apmokestintas pardavimo sąskaitoje {number2}: pirmiau atšaukite sąskaitą',
    },
    manager_project_approves_timesheets: {
      en: 'only the manager of project {value} approves its timesheets',
      lt: 'projekto {value} žiniaraščius tvirtina tik jo vadovas',
    },
    employee_not_active: { en: '{full_name} is {status}', lt: '{full_name} yra būsenos „{status}“' },
    no_more_time_booked: { en: '{name} is {status}: no more time is booked on it', lt: '{name} yra būsenos „{status}“: laikas jam nebežymimas' },
    task_another_project: { en: '"{subject}" is a task of another project', lt: '„{subject}“ yra kito projekto užduotis' },
  },
);
