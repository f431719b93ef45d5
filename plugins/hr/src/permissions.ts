/**
 * HR roles and row rules. An employee (role hr.employee, their user linked through
 * hr_employee."user") sees their own record, leave and attendance and those of the people
 * who report to them, applies for leave, and approves the leave they are the approver of;
 * salary and personal data are hidden from them. HR managers see and do everything.
 */
import type { RoleDefinition, RowRule } from '@tessera/core';

/** Employees linked to the user: their own record. */
const me = (param: (v: unknown) => string, userId: number) => `(select id from hr_employee where "user" = ${param(userId)})`;

const column = (model: { key: string }) => (model.key === 'hr.employee' ? 'id' : 'employee');

export const rowRules: Record<string, RowRule> = {
  /** Rows of the employee linked to the user. */
  own: ({ alias, user, param, model }) => `${alias}."${column(model)}" in ${me(param, user.id)}`,
  /** Rows of the user's employee, of the employees reporting to them, and (leave) the applications they approve. */
  own_or_reports: ({ alias, user, param, model }) => {
    const mine = me(param, user.id);
    const reports = `(select r.id from hr_employee r where r.id in ${mine} or r.manager in ${me(param, user.id)})`;
    const approver = model.fields.some((f) => f.name === 'approver') ? ` or ${alias}."approver" in ${me(param, user.id)}` : '';
    return `(${alias}."${column(model)}" in ${reports}${approver})`;
  },
};

/** Personal data and pay: hidden from everyone but HR managers and administrators. */
export const PERSONAL_FIELDS = ['salary', 'personal_email', 'personal_phone', 'address', 'date_of_birth', 'emergency_contact'] as const;

export const roles: Record<string, RoleDefinition> = {
  'hr.manager': {
    label: 'HR manager',
    description: 'Maintains employees, departments, holiday lists and leave types; allocates leave; sees everyone, including pay and personal data.',
    permissions: { 'hr.*': '*' },
  },
  'hr.employee': {
    label: 'Employee (self-service)',
    description:
      'Sees their own record, leave balance and attendance and those of their reports; applies for leave; approves the leave they are the approver of.',
    permissions: {
      'hr.employee': ['read'],
      'hr.department': ['read'],
      'hr.designation': ['read'],
      'hr.holiday_list': ['read'],
      'hr.leave_type': ['read'],
      'hr.leave_allocation': ['read'],
      'hr.leave_ledger_entry': ['read'],
      'hr.attendance': ['read'],
      'hr.leave_application': ['read', 'create', 'update', 'delete', 'submit', 'cancel', 'approve', 'reject'],
    },
    rows: {
      'hr.employee': 'hr.own_or_reports',
      'hr.leave_application': 'hr.own_or_reports',
      'hr.leave_allocation': 'hr.own_or_reports',
      'hr.leave_ledger_entry': 'hr.own_or_reports',
      'hr.attendance': 'hr.own_or_reports',
    },
    fields: {
      'hr.employee': { ...Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, 'hidden' as const])), user: 'read' },
    },
  },
};
