/**
 * Training and skills: programs run as events (dates, trainer, location, cost, employees
 * invited and attended), results of those who attended (pass/fail, score, feedback), skills
 * per employee on levels 1-5 and the skills matrix. A passed result raises the program's skill
 * to at least its level. Employees see their own trainings, results and skills (and their
 * reports'); HR managers see everything.
 */
import type { Doc, Hook, HookArgs, RoleDefinition, RowRule, ServiceContext, SetupContext } from '@tessera/core';
import { mapColumn, rowSchema } from '@tessera/plugin-kit';
import { refuse, userOf } from './common.js';
import { errors } from '../errors.js';

const me = (param: (v: unknown) => string, userId: number) => `(select id from hr_employee where "user" = ${param(userId)})`;

export const trainingRowRules: Record<string, RowRule> = {
  /** Training events the user's employee (or one of their reports) is invited to. */
  own_trainings: ({ alias, user, param }) =>
    `${alias}.id in (select i.parent_id from hr_training_invitee i join hr_employee e on e.id = i.employee where e.id in ${me(param, user.id)} or e.manager in ${me(param, user.id)})`,
};

/** What self-service employees get on top of hr.employee's own permissions. */
export const trainingEmployeeRole: Pick<RoleDefinition, 'permissions' | 'rows'> = {
  permissions: {
    'hr.training_program': ['read'],
    'hr.training_event': ['read'],
    'hr.training_result': ['read'],
    'hr.skill': ['read'],
    'hr.employee_skill': ['read'],
  },
  rows: { 'hr.training_event': 'hr.own_trainings', 'hr.training_result': 'hr.own_or_reports', 'hr.employee_skill': 'hr.own_or_reports' },
};

/** Adds the training permissions to the default hr.employee role. */
export function withTrainingRoles(roles: Record<string, RoleDefinition>): Record<string, RoleDefinition> {
  const employee = roles['hr.employee']!;
  return {
    ...roles,
    'hr.employee': {
      ...employee,
      description: `${employee.description ?? ''} Sees their trainings, results and skills.`.trim(),
      permissions: { ...employee.permissions, ...trainingEmployeeRole.permissions },
      rows: { ...employee.rows, ...trainingEmployeeRole.rows },
    },
  };
}

const settleEvent: Hook = async ({ doc, sql }: HookArgs) => {
  const problems: { path: string; message: string }[] = [];
  if (!doc.end_date) doc.end_date = doc.start_date;
  if (doc.end_date < doc.start_date) problems.push({ path: 'end_date', ...errors.t('not_before_start', { start_date: String(doc.start_date) }) });
  const seen = new Set<number>();
  ((doc.invitees ?? []) as Doc[]).forEach((l, i) => {
    if (seen.has(Number(l.employee))) problems.push({ path: `invitees/${i}/employee`, ...errors.t('invited_twice') });
    seen.add(Number(l.employee));
    if (l.attended && doc.start_date > new Date().toISOString().slice(0, 10))
      problems.push({ path: `invitees/${i}/attended`, ...errors.t('event_starts_attendance_marked_afterwards', { start_date: String(doc.start_date) }) });
  });
  if (problems.length) refuse('INVALID_TRAINING_EVENT', problems);
  if (!doc.title) {
    const [p] = await sql<{ name: string }>(`select name from hr_training_program where id = $1`, [doc.program]);
    doc.title = `${p?.name ?? 'Training'} ${doc.start_date}`.slice(0, 200);
  }
};

const settleResult: Hook = async ({ doc, sql }: HookArgs) => {
  const [row] = await sql<{ title: string; status: string; attended: boolean | null; full_name: string }>(
    `select ev.title, ev.status, i.attended, e.full_name from hr_training_event ev
       join hr_employee e on e.id = $2
       left join hr_training_invitee i on i.parent_id = ev.id and i.employee = e.id
      where ev.id = $1`,
    [doc.event, doc.employee],
  );
  if (!row) return;
  if (row.status === 'cancelled') refuse('INVALID_TRAINING_RESULT', [{ path: 'event', ...errors.t('was_cancelled', { title: String(row.title) }) }]);
  if (row.attended == null)
    refuse('INVALID_TRAINING_RESULT', [{ path: 'employee', ...errors.t('was_not_invited', { full_name: String(row.full_name), title: String(row.title) }) }]);
  if (!row.attended)
    refuse('INVALID_TRAINING_RESULT', [
      { path: 'employee', ...errors.t('did_not_attend_mark_attendance', { full_name: String(row.full_name), title: String(row.title) }) },
    ]);
};

/** A pass raises the program's skill to its level (never lowers a higher level). */
const raiseSkill: Hook = async (args: HookArgs) => {
  const { doc } = args;
  if (doc.result !== 'pass') return;
  const [p] = await args.sql<{ skill: number | null; skill_level: number | null; name: string; end_date: string }>(
    `select p.skill, p.skill_level, p.name, ev.end_date::text as end_date from hr_training_event ev join hr_training_program p on p.id = ev.program where ev.id = $1`,
    [doc.event],
  );
  if (!p?.skill || !p.skill_level) return;
  const skills = args.entity('hr.employee_skill');
  const [have] = await args.sql<{ id: number; level: number }>(`select id, level from hr_employee_skill where employee = $1 and skill = $2 for update`, [
    doc.employee,
    p.skill,
  ]);
  const source = `Passed ${p.name}`.slice(0, 200);
  if (!have) await skills.create({ employee: doc.employee, skill: p.skill, level: p.skill_level, assessed_on: p.end_date, source });
  else if (have.level < p.skill_level) await skills.update(Number(have.id), { level: p.skill_level, assessed_on: p.end_date, source });
};

export const trainingHooks = {
  training_event: { beforeCreate: settleEvent, beforeUpdate: settleEvent },
  training_result: { beforeCreate: settleResult, beforeUpdate: settleResult, afterCreate: raiseSkill, afterUpdate: raiseSkill },
};

/** What the skills matrix reads: the caller must be allowed to see each of these fields. */
const SKILLS_MATRIX_READS = {
  'hr.employee': ['full_name', 'department', 'status'],
  'hr.skill': ['name', 'category'],
  'hr.employee_skill': ['employee', 'skill', 'level'],
} as const;

/** The skills matrix: employees (rows, by the caller's row rules) x skills (columns), levels in the cells. */
export async function skillsMatrix(ctx: ServiceContext, department?: number) {
  // One parameter list per statement: PostgreSQL refuses parameters a statement does not use.
  const params: unknown[] = [department ?? null];
  const rule = ctx.rowFilter('hr.employee', 'e', (v) => `$${params.push(v)}`);
  // The department's name labels the row only where the caller may read that department.
  const deptRule = ctx.rowFilter('hr.department', 'd', (v) => `$${params.push(v)}`);
  const employees = await ctx.sql<{ id: number; full_name: string; department: string | null }>(
    `select e.id, e.full_name, d.name as department from hr_employee e left join hr_department d on d.id = e.department and ${deptRule}
      where e.status = 'active' and ($1::bigint is null or e.department = $1) and ${rule} order by e.full_name`,
    params,
  );
  const ids = employees.map((e) => Number(e.id));
  const skillParams: unknown[] = [ids];
  const skillRule = ctx.rowFilter('hr.employee_skill', 's', (v) => `$${skillParams.push(v)}`);
  const levels = await ctx.sql<{ employee: number; skill: number; level: number }>(
    `select s.employee, s.skill, s.level from hr_employee_skill s where s.employee = any($1) and ${skillRule}`,
    skillParams,
  );
  const skillListParams: unknown[] = [];
  const skillListRule = ctx.rowFilter('hr.skill', 'k', (v) => `$${skillListParams.push(v)}`);
  const skills = await ctx.sql<{ id: number; name: string; category: string | null }>(
    `select k.id, k.name, k.category from hr_skill k where ${skillListRule} order by k.category nulls last, k.name`,
    skillListParams,
  );
  const cell = new Map(levels.map((l) => [`${l.employee}:${l.skill}`, l.level]));
  return {
    skills: skills.map((s) => ({ id: Number(s.id), name: s.name, category: s.category })),
    employees: employees.map((e) => ({
      id: Number(e.id),
      full_name: e.full_name,
      department: e.department,
      levels: Object.fromEntries(skills.map((s) => [s.name, cell.get(`${e.id}:${s.id}`) ?? null])),
    })),
    coverage: skills.map((s) => ({
      skill: s.name,
      employees: levels.filter((l) => Number(l.skill) === Number(s.id)).length,
      experts: levels.filter((l) => Number(l.skill) === Number(s.id) && l.level >= 4).length,
    })),
  };
}

export function registerTrainingReports({ app, withServices }: SetupContext): void {
  app.get(
    '/api/hr/reports/skills-matrix',
    {
      schema: {
        'x-rows': 'employees',
        tags: ['hr reports'],
        'x-row-schema': rowSchema({
          id: 'integer',
          full_name: 'text',
          department: 'text',
          levels: mapColumn({ type: 'integer', minimum: 1, maximum: 5, nullable: true }, 'skill -> level 1-5, null when not assessed'),
        }),
        'x-label': 'Skills matrix',
        'x-labels': { lt: 'Įgūdžių matrica' },
        summary: 'Skills matrix: employees x skills with levels 1-5',
        'x-descriptions': { lt: 'Įgūdžių matrica: darbuotojai × įgūdžiai, lygiai 1-5' },
        querystring: { type: 'object', additionalProperties: false, properties: { department: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } } },
      },
    },
    async (req) =>
      withServices(userOf(req), async (ctx) => {
        for (const [k, fields] of Object.entries(SKILLS_MATRIX_READS)) ctx.assertReadable(k, fields);
        const q = req.query as { department?: string };
        return skillsMatrix(ctx, q.department ? Number(q.department) : undefined);
      }),
  );
}
