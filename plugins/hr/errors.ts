/** The hr plugin's error catalogue: each code it throws, its HTTP status and its meaning (EN, LT); listed in docs/api.md. */
import { defineErrors } from '@tessera/core';

export const errors = defineErrors('hr', {
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
});
