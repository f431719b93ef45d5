/**
 * Projects roles and the row rule "a member sees their projects": projects they manage or are
 * a member of, and those projects' tasks, timesheets, charges and billings.
 */
import type { RoleDefinition, RowRule } from '@tessera/core';

const myProjects = (user: number, param: (v: unknown) => string) => {
  const me = param(user);
  return `(select p.id from projects_project p where p.manager = ${me} union select m.parent_id from projects_project_member m where m."user" = ${me})`;
};

export const rowRules: Record<string, RowRule> = {
  member_projects: ({ alias, user, param, model }) => `${alias}."${model.key === 'projects.project' ? 'id' : 'project'}" in ${myProjects(user.id, param)}`,
};

export const roles: Record<string, RoleDefinition> = {
  'projects.project_manager': {
    label: 'Project manager',
    description: 'Runs projects: tasks, members, budgets; approves timesheets; bills time; charges materials and purchases; sees profitability.',
    permissions: {
      'projects.*': '*',
      'crm.organization': ['read'],
      'hr.employee': ['read'],
      'inventory.item': ['read'],
      'inventory.stock_entry': ['read', 'charge_to_project'],
      'purchasing.supplier_invoice': ['read', 'charge_to_project'],
      'sales.sales_invoice': ['read'],
    },
    fields: {
      'hr.employee': {
        salary: 'hidden',
        personal_email: 'hidden',
        personal_phone: 'hidden',
        address: 'hidden',
        date_of_birth: 'hidden',
        emergency_contact: 'hidden',
      },
    },
  },
  'projects.member': {
    label: 'Project member',
    description: 'Works on their projects: sees them and their tasks, updates tasks, books and submits their time.',
    permissions: {
      'projects.project': ['read'],
      'projects.task': ['read', 'create', 'update'],
      'projects.timesheet': ['read', 'create', 'update', 'delete', 'submit', 'cancel'],
      'projects.activity_type': ['read'],
    },
    rows: { 'projects.project': 'projects.member_projects', 'projects.task': 'projects.member_projects', 'projects.timesheet': 'projects.member_projects' },
  },
};
