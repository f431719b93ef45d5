/**
 * Rules of the HR master data: the department tree and the reporting line have no cycles,
 * an employee's name and status dates agree, and holiday lists have one company default and
 * each holiday date once.
 */
import { Errors, type EntityHooks, type Hook, type HookArgs } from '@tessera/core';
import { refuse } from './common.js';
import { WEEKDAYS } from './calendar.js';
import { errors } from '../errors.js';

/** Refuses a parent (or manager) that is the record itself or one of its descendants. */
async function assertNoCycle(args: HookArgs, table: string, column: string, label: string): Promise<void> {
  const { doc } = args;
  if (doc[column] == null || doc.id == null) return;
  const rows = await args.sql(
    `with recursive up(id, up_id, depth) as (
       select id, "${column}", 0 from "${table}" where id = $1
       union all select t.id, t."${column}", up.depth + 1 from "${table}" t join up on t.id = up.up_id where up.depth < 100
     ) select 1 from up where id = $2 limit 1`,
    [doc[column], doc.id],
  );
  if (rows.length)
    refuse('CYCLE', [
      {
        path: column,
        ...errors.t('cannot_one_under', {
          label: { en: label, lt: ({ employee: 'darbuotojas', department: 'padalinys' } as Record<string, string>)[label] ?? label },
        }),
      },
    ]);
}

const department: Hook = async (args) => assertNoCycle(args, 'hr_department', 'parent', 'department');

const employee: Hook = async (args) => {
  const { doc } = args;
  doc.full_name = `${String(doc.first_name).trim()} ${String(doc.last_name).trim()}`;
  const problems: { path: string; message: string }[] = [];
  if (doc.relieving_date && doc.relieving_date < doc.date_of_joining)
    problems.push({ path: 'relieving_date', ...errors.t('not_before_joining_date', { date_of_joining: String(doc.date_of_joining) }) });
  if (doc.status === 'left' && !doc.relieving_date) problems.push({ path: 'relieving_date', ...errors.t('required_when_employee_left') });
  if (doc.manager != null && doc.id != null && Number(doc.manager) === Number(doc.id))
    problems.push({ path: 'manager', ...errors.t('employee_cannot_report_themselves') });
  if (problems.length) refuse('INVALID_EMPLOYEE', problems);
  await assertNoCycle(args, 'hr_employee', 'manager', 'employee');
};

const holidayList: Hook = async ({ doc, sql }) => {
  const problems: { path: string; message: string }[] = [];
  const off: unknown[] = Array.isArray(doc.weekly_off) ? doc.weekly_off : [];
  off.forEach((d, i) => {
    if (typeof d !== 'string' || !(WEEKDAYS as readonly string[]).includes(d))
      problems.push({ path: `weekly_off/${i}`, ...errors.t('must_be_weekday', { value: String(WEEKDAYS.join(', ')) }) });
    else if (off.indexOf(d) !== i) problems.push({ path: `weekly_off/${i}`, ...errors.t('listed_twice', { d: String(d) }) });
  });
  if (off.length === 7) problems.push({ path: 'weekly_off', ...errors.t('least_one_day_week_working') });
  if (doc.from_date && doc.to_date && doc.to_date < doc.from_date)
    problems.push({ path: 'to_date', ...errors.t('not_before', { from_date: String(doc.from_date) }) });
  const seen = new Map<string, number>();
  (doc.holidays ?? []).forEach((h: { holiday_date: string }, i: number) => {
    if (seen.has(h.holiday_date))
      problems.push({
        path: `holidays/${i}/holiday_date`,
        ...errors.t('already_listed_line', { holiday_date: String(h.holiday_date), value: String(seen.get(h.holiday_date)! + 1) }),
      });
    seen.set(h.holiday_date, i);
    if ((doc.from_date && h.holiday_date < doc.from_date) || (doc.to_date && h.holiday_date > doc.to_date))
      problems.push({
        path: `holidays/${i}/holiday_date`,
        ...errors.t('outside_list_s_period', { from_date: String(doc.from_date ?? '…'), to_date: String(doc.to_date ?? '…') }),
      });
  });
  if (problems.length) refuse('INVALID_HOLIDAY_LIST', problems);
  if (doc.is_default) {
    const [other] = await sql<{ name: string }>(`select name from hr_holiday_list where is_default and id is distinct from $1`, [doc.id ?? null]);
    if (other) throw Errors.conflict('DEFAULT_HOLIDAY_LIST_EXISTS', errors.t('default_already_company_default_holiday', { name: String(other.name) }));
  } else if (doc.id == null) {
    const [any] = await sql(`select 1 from hr_holiday_list where is_default`);
    if (!any) doc.is_default = true; // the first list becomes the company default
  }
};

export const masterHooks: Record<string, EntityHooks> = {
  department: { beforeCreate: department, beforeUpdate: department },
  employee: { beforeCreate: employee, beforeUpdate: employee },
  holiday_list: { beforeCreate: holidayList, beforeUpdate: holidayList },
};

/** SQL run by the seed: one default holiday list, enforced by the database too. */
export const ONE_DEFAULT_HOLIDAY_LIST_SQL = `create unique index if not exists hr_holiday_list_one_default on hr_holiday_list ((true)) where is_default`;
