/** The hr plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors(
  'hr',
  {
    PERIOD_TOO_LONG: { status: 422, en: 'the period is longer than one application takes', lt: 'laikotarpis ilgesnis, nei leidžia vienas prašymas' },
    INVALID_LEAVE_ALLOCATION: {
      status: 422,
      en: 'the leave allocation is not valid (details name each field)',
      lt: 'atostogų skyrimas netinkamas (detalės nurodo laukus)',
    },
    OVERLAPPING_ALLOCATION: {
      status: 409,
      en: 'the employee already has this leave type allocated for an overlapping period',
      lt: 'darbuotojui jau skirta ši atostogų rūšis persidengiančiam laikotarpiui',
    },
    ALLOCATION_IN_USE: {
      status: 409,
      en: 'leave applications count against the allocation; cancel them first',
      lt: 'skyrimui priskaičiuoti atostogų prašymai; pirmiau atšaukite juos',
    },
    INVALID_LEAVE_APPLICATION: {
      status: 422,
      en: 'the leave application is not valid (details name each field)',
      lt: 'atostogų prašymas netinkamas (detalės nurodo laukus)',
    },
    OVERLAPPING_LEAVE: {
      status: 409,
      en: 'the employee already applied for leave in an overlapping period',
      lt: 'darbuotojas jau prašė atostogų persidengiančiam laikotarpiui',
    },
    NO_LEAVE_ALLOCATED: {
      status: 422,
      en: 'the employee has no allocation of this leave type for the date',
      lt: 'darbuotojui šiai datai neskirta ši atostogų rūšis',
    },
    INSUFFICIENT_LEAVE_BALANCE: {
      status: 422,
      en: 'the employee has fewer days of this leave available than applied for',
      lt: 'darbuotojas turi mažiau laisvų šios rūšies atostogų dienų, nei prašo',
    },
    LEAVE_NOT_DELETABLE: { status: 409, en: 'the leave application cannot be deleted in its status', lt: 'atostogų prašymo šios būsenos ištrinti negalima' },
    INVALID_APPROVER: { status: 422, en: 'the approver may not approve this application', lt: 'tvirtintojas negali patvirtinti šio prašymo' },
    ATTENDANCE_ALREADY_MARKED: { status: 409, en: 'attendance is already marked on the date', lt: 'lankomumas šiai datai jau pažymėtas' },
    ATTENDANCE_FROM_LEAVE: {
      status: 409,
      en: 'the attendance comes from an approved leave application; cancel the application instead',
      lt: 'lankomumas kilęs iš patvirtinto atostogų prašymo; atšaukite prašymą',
    },
    INVALID_ATTENDANCE: { status: 422, en: 'the attendance is not valid (details name each field)', lt: 'lankomumas netinkamas (detalės nurodo laukus)' },
    CYCLE: {
      status: 422,
      en: 'a record cannot be placed under itself (manager or parent chain)',
      lt: 'įrašo negalima priskirti jam pačiam (vadovų ar tėvų grandinė)',
    },
    INVALID_EMPLOYEE: { status: 422, en: 'the employee is not valid (details name each field)', lt: 'darbuotojas netinkamas (detalės nurodo laukus)' },
    INVALID_HOLIDAY_LIST: {
      status: 422,
      en: 'the holiday list is not valid (details name each field)',
      lt: 'švenčių sąrašas netinkamas (detalės nurodo laukus)',
    },
    DEFAULT_HOLIDAY_LIST_EXISTS: {
      status: 409,
      en: 'another holiday list is already the company default',
      lt: 'kitas švenčių sąrašas jau yra įmonės numatytasis',
    },
    INVALID_TRAINING_EVENT: {
      status: 422,
      en: 'the training event is not valid (details name each field)',
      lt: 'mokymų renginys netinkamas (detalės nurodo laukus)',
    },
    INVALID_TRAINING_RESULT: {
      status: 422,
      en: 'the training result is not valid (details name each field)',
      lt: 'mokymų rezultatas netinkamas (detalės nurodo laukus)',
    },
  },
  {
    most_apply_longer_absence_several: {
      en: '{path}: {what}; at most {MAX_PERIOD_DAYS}: apply for a longer absence in several applications',
      lt: '{path}: {what}; daugiausia {MAX_PERIOD_DAYS}: ilgesnei nebuvimo trukmei pateikite kelis prašymus',
    },
    most: { en: '{what}; at most {MAX_PERIOD_DAYS}', lt: '{what}; daugiausia {MAX_PERIOD_DAYS}' },
    already_allocated_from_allocation_periods: {
      en: '{full_name} already has {name} allocated from {from_date} to {to_date} ({number}); allocation periods of one type may not overlap',
      lt: '{full_name} jau turi {name} skyrimą nuo {from_date} iki {to_date} ({number}); to paties tipo skyrimo laikotarpiai negali persidengti',
    },
    cannot_cancelled_leave_applications_count: {
      en: '{number} cannot be cancelled: leave applications {value} count against it; cancel or reject them first',
      lt: '{number} negalima atšaukti: į jį įskaičiuoti atostogų prašymai {value}; pirmiau atšaukite arba atmeskite juos',
    },
    already_applied_leave_from_leave: {
      en: '{full_name} already applied for leave from {from_date} to {to_date} ({number}, {status}); leave periods may not overlap',
      lt: '{full_name} jau prašė atostogų nuo {from_date} iki {to_date} ({number}, {status}); atostogų laikotarpiai negali persidengti',
    },
    cannot_deleted: { en: '{number} is {status} and cannot be deleted', lt: '{number} yra būsenos „{status}“ ir negali būti ištrintas' },
    attendance_already_marked_correct_delete: {
      en: 'attendance is already marked on {value}: correct or delete it before approving {number}',
      lt: 'lankomumas jau pažymėtas {value}: pataisykite arba ištrinkite jį prieš tvirtindami {number}',
    },
    attendance_comes_from_approved_leave: {
      en: 'attendance of {attendance_date} comes from an approved leave application: cancel the application instead',
      lt: '{attendance_date} lankomumas kyla iš patvirtinto atostogų prašymo: atšaukite prašymą',
    },
    employee_you_can_apply_leave: {
      en: 'employee: you can apply for leave for yourself or for the employees who report to you',
      lt: 'employee: atostogų galite prašyti sau arba jums pavaldiems darbuotojams',
    },
    leave_type_does_not_exist: { en: 'leave type {leave_type} does not exist', lt: 'atostogų tipas {leave_type} neegzistuoja' },
    employee_does_not_exist: { en: 'employee {employee} does not exist', lt: 'darbuotojas {employee} neegzistuoja' },
    not_before: { en: 'must not be before {from_date}', lt: 'negali būti ankstesnė nei {from_date}' },
    leave_without_pay_needs_no: { en: '{name} is leave without pay: it needs no allocation', lt: '{name} yra neapmokamos atostogos: skyrimo nereikia' },
    allows_most_per_allocation: { en: '{name} allows at most {value} per allocation', lt: '{name} leidžia daugiausia {value} per vieną skyrimą' },
    does_not_carry_unused_days: { en: '{name} does not carry unused days forward', lt: '{name} nepanaudotų dienų į kitą laikotarpį neperkelia' },
    left: { en: '{full_name} left on {relieving_date}', lt: '{full_name} išėjo {relieving_date}' },
    approver_not_allowed: {
      en: "{name} cannot approve this leave: choose someone in the employee's manager chain, the leave approver of their department, or an HR manager",
      lt: '{name} negali patvirtinti šių atostogų: pasirinkite darbuotojo vadovų grandinės asmenį, jo padalinio atostogų tvirtintoją arba personalo vadovą',
    },
    not_active: { en: '{full_name} is not active ({status})', lt: '{full_name} nėra aktyvus ({status})' },
    joined: { en: '{full_name} joined on {date_of_joining}', lt: '{full_name} pradėjo dirbti {date_of_joining}' },
    leaves: { en: '{full_name} leaves on {relieving_date}', lt: '{full_name} išeina {relieving_date}' },
    employee_cannot_approve_their_own: {
      en: 'an employee cannot approve their own leave: choose another approver',
      lt: 'darbuotojas negali tvirtinti savo atostogų: pasirinkite kitą tvirtintoją',
    },
    there_are_no_working_days: {
      en: 'there are no working days from {from_date} to {to_date} ({value})',
      lt: 'nuo {from_date} iki {to_date} nėra darbo dienų ({value})',
    },
    not_working_day_application: { en: '{half_day_date} is not a working day of this application', lt: '{half_day_date} nėra šio prašymo darbo diena' },
    no_allocated: { en: '{full_name} has no {name} allocated for {from_date}', lt: '{full_name} neturi {name} skyrimo datai {from_date}' },
    after_end_allocation_apply_separately: {
      en: 'is after the end of the {name} allocation {number} ({to_date}): apply separately for the days after it',
      lt: 'yra po {name} skyrimo {number} pabaigos ({to_date}): dienoms po jos pateikite atskirą prašymą',
    },
    available_balance_application_needs: {
      en: '{full_name} has {value} of {name} available (balance {ledger}{value2}); this application needs {value3}',
      lt: '{full_name} turi {value} {name} (likutis {ledger}{value2}); šiam prašymui reikia {value3}',
    },
    required_no_employee_linked_your: { en: 'is required: no employee is linked to your user', lt: 'privaloma: su jūsų naudotoju nesusietas joks darbuotojas' },
    leave_marked_approving_leave_application: {
      en: 'on leave is marked by approving a leave application',
      lt: 'atostogos žymimos patvirtinus atostogų prašymą',
    },
    default_already_company_default_holiday: {
      en: 'is_default: {name} is already the company default holiday list; untick it there first',
      lt: 'is_default: {name} jau yra numatytasis įmonės švenčių sąrašas; pirmiau nuimkite žymę ten',
    },
    cannot_one_under: { en: 'cannot be this {label} or one under it', lt: 'negali būti šis {label} arba jam pavaldus' },
    not_before_joining_date: {
      en: 'must not be before the joining date ({date_of_joining})',
      lt: 'negali būti ankstesnė nei įdarbinimo data ({date_of_joining})',
    },
    required_when_employee_left: { en: 'is required when the employee has left', lt: 'privaloma, kai darbuotojas išėjęs' },
    employee_cannot_report_themselves: { en: 'an employee cannot report to themselves', lt: 'darbuotojas negali būti pavaldus pats sau' },
    least_one_day_week_working: { en: 'at least one day of the week must be a working day', lt: 'bent viena savaitės diena turi būti darbo diena' },
    not_before_start: { en: 'must not be before the start {start_date}', lt: 'negali būti ankstesnė nei pradžia {start_date}' },
    was_cancelled: { en: '{title} was cancelled', lt: '{title} atšauktas' },
    was_not_invited: { en: '{full_name} was not invited to {title}', lt: '{full_name} nebuvo pakviestas į {title}' },
    did_not_attend_mark_attendance: {
      en: '{full_name} did not attend {title}: mark the attendance on the event first',
      lt: '{full_name} nedalyvavo {title}: pirmiau pažymėkite dalyvavimą renginyje',
    },
    approver_only: {
      en: 'only the approver ({approver}) or an HR manager can {verb} {number}',
      lt: 'tik tvirtintojas ({approver}) arba personalo vadovas gali {verb} {number}',
    },
    hr_manager_only: { en: 'only an HR manager can {verb} {number}', lt: 'tik personalo vadovas gali {verb} {number}' },
    must_be_weekday: { en: 'must be one of {value}', lt: 'turi būti viena iš: {value}' },
    listed_twice: { en: '{d} is listed twice', lt: '{d} nurodyta du kartus' },
    already_listed_line: { en: '{holiday_date} is already listed (line {value})', lt: '{holiday_date} jau nurodyta ({value} eilutėje)' },
    outside_list_s_period: { en: "is outside the list's period {from_date} – {to_date}", lt: 'nepatenka į sąrašo laikotarpį {from_date} – {to_date}' },
    invited_twice: { en: 'is invited twice', lt: 'pakviestas du kartus' },
    event_starts_attendance_marked_afterwards: {
      en: 'the event starts on {start_date}: attendance is marked afterwards',
      lt: 'renginys prasideda {start_date}: dalyvavimas žymimas po to',
    },
  },
);
