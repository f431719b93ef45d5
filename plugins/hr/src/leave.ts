/**
 * Leave: allocations add days to the leave ledger, approved applications take them, and
 * cancelling either posts the opposite entry (the ledger is append-only; a balance is the sum
 * of its entries). Applications count working days only, may not overlap, may not exceed the
 * balance (less what is pending approval) unless the leave type allows it, and approval marks
 * attendance "on leave" for each working day; cancelling restores balance and attendance.
 */
import {
  Decimal,
  Errors,
  TesseraError,
  choiceText,
  type LocalText,
  type Message,
  type ActionArgs,
  type ActionDefinition,
  type CurrentUser,
  type Doc,
  type EntityHooks,
  type Hook,
  type ServiceContext,
} from '@tessera/core';
import { D, days, employeeById, employeeOfUser, isHrManager, now, refuse, show } from './common.js';
import { workingDays } from './calendar.js';
import { errors } from '../errors.js';

type Sql = Pick<ServiceContext, 'sql'>;
type Problem = { path: string; message: string };

export const LEDGER_TABLE = 'hr_leave_ledger_entry';

// ------------------------------------------------------------------ the ledger

interface LedgerEntry {
  employee: number;
  leave_type: number;
  allocation: number | null;
  transaction_type: 'hr.leave_allocation' | 'hr.leave_application';
  transaction_id: number;
  transaction_no: string;
  leaves: Decimal;
  from_date: string;
  to_date: string;
}

async function postLedger(ctx: Sql, e: LedgerEntry): Promise<void> {
  await ctx.sql(
    `insert into ${LEDGER_TABLE} (employee, leave_type, allocation, transaction_type, transaction_id, transaction_no, leaves, from_date, to_date, is_reversal)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, false)`,
    [e.employee, e.leave_type, e.allocation, e.transaction_type, e.transaction_id, e.transaction_no, e.leaves.toFixed(), e.from_date, e.to_date],
  );
}

/** Posts the opposite of every entry of a document that is not reversed yet. Idempotent. */
async function reverseLedger(ctx: Sql, type: LedgerEntry['transaction_type'], id: number): Promise<void> {
  await ctx.sql(
    `insert into ${LEDGER_TABLE} (employee, leave_type, allocation, transaction_type, transaction_id, transaction_no, leaves, from_date, to_date, is_reversal, reverses)
     select e.employee, e.leave_type, e.allocation, e.transaction_type, e.transaction_id, e.transaction_no, -e.leaves, e.from_date, e.to_date, true, e.id
       from ${LEDGER_TABLE} e
      where e.transaction_type = $1 and e.transaction_id = $2 and not e.is_reversal
        and not exists (select 1 from ${LEDGER_TABLE} r where r.reverses = e.id)
      order by e.id`,
    [type, id],
  );
}

/** SQL run by the seed: the ledger refuses UPDATE and DELETE at the database. */
export const APPEND_ONLY_SQL = [
  `create or replace function hr_leave_ledger_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'the leave ledger is append-only: % of entry % refused (cancel the document to post the opposite entry)', tg_op, old.id using errcode = '55000';
   end $$`,
  `create or replace trigger hr_leave_ledger_append_only before update or delete on ${LEDGER_TABLE}
     for each row execute function hr_leave_ledger_append_only()`,
];

/**
 * The ledger is "x-read-only" (no REST write routes); the service API (ctx.entity(...).create/
 * update/delete) still reaches it, and these hooks refuse that for every caller.
 */
const refuseDirectWrite: Hook = () => {
  throw new TesseraError(
    'READ_ONLY_ENTITY',
    403,
    'The leave ledger cannot be written directly: it changes when leave allocations and applications are submitted, approved or cancelled',
  );
};
export const ledgerHooks: EntityHooks = { beforeCreate: refuseDirectWrite, beforeUpdate: refuseDirectWrite, beforeDelete: refuseDirectWrite };

// ------------------------------------------------------------------ leave types and allocations

interface LeaveType {
  id: number;
  name: string;
  max_days_allowed: string | null;
  is_carry_forward: boolean;
  max_carry_forward_days: string | null;
  is_lwp: boolean;
  allow_negative: boolean;
}

async function leaveType(ctx: Sql, id: number): Promise<LeaveType | undefined> {
  const [row] = await ctx.sql<LeaveType>(
    `select id, name, max_days_allowed::text as max_days_allowed, is_carry_forward, max_carry_forward_days::text as max_carry_forward_days, is_lwp, allow_negative from hr_leave_type where id = $1`,
    [id],
  );
  return row && { ...row, id: Number(row.id) };
}

interface Allocation {
  id: number;
  number: string;
  from_date: string;
  to_date: string;
}

/** The submitted allocation of the type whose period contains the date (locked when asked). */
async function allocationOn(ctx: Sql, employee: number, type: number, date: string, lock = false): Promise<Allocation | undefined> {
  const [row] = await ctx.sql<Allocation>(
    `select id, number, from_date::text as from_date, to_date::text as to_date from hr_leave_allocation
      where docstatus = 'submitted' and employee = $1 and leave_type = $2 and from_date <= $3 and to_date >= $3
      order by from_date desc limit 1${lock ? ' for update' : ''}`,
    [employee, type, date],
  );
  return row && { ...row, id: Number(row.id) };
}

/** The balance of an allocation: the sum of its ledger entries. */
async function ledgerBalance(ctx: Sql, allocation: number): Promise<Decimal> {
  const [row] = await ctx.sql<{ b: string }>(`select coalesce(sum(leaves), 0)::text as b from ${LEDGER_TABLE} where allocation = $1`, [allocation]);
  return D(row!.b);
}

/** The unused days of the employee's previous allocation of the type, capped by the type's carry-forward maximum. */
async function carryForward(ctx: Sql, doc: Doc, type: LeaveType): Promise<Decimal> {
  const [prev] = await ctx.sql<{ id: number }>(
    `select id from hr_leave_allocation where docstatus = 'submitted' and employee = $1 and leave_type = $2 and to_date < $3 and id is distinct from $4 order by to_date desc limit 1`,
    [doc.employee, doc.leave_type, doc.from_date, doc.id ?? null],
  );
  if (!prev) return new Decimal(0);
  const unused = Decimal.max(await ledgerBalance(ctx, Number(prev.id)), 0);
  return type.max_carry_forward_days === null ? unused : Decimal.min(unused, type.max_carry_forward_days);
}

async function validateAllocation(ctx: Sql, doc: Doc): Promise<{ type: LeaveType; carried: Decimal }> {
  const problems: Problem[] = [];
  const type = await leaveType(ctx, Number(doc.leave_type));
  if (!type) refuse('INVALID_LEAVE_ALLOCATION', [{ path: 'leave_type', ...errors.t('leave_type_does_not_exist', { leave_type: String(doc.leave_type) }) }]);
  const emp = await employeeById(ctx, Number(doc.employee));
  if (!emp) refuse('INVALID_LEAVE_ALLOCATION', [{ path: 'employee', ...errors.t('employee_does_not_exist', { employee: String(doc.employee) }) }]);
  if (doc.to_date < doc.from_date) problems.push({ path: 'to_date', ...errors.t('not_before', { from_date: String(doc.from_date) }) });
  if (type.is_lwp) problems.push({ path: 'leave_type', ...errors.t('leave_without_pay_needs_no', { name: String(type.name) }) });
  if (type.max_days_allowed !== null && D(doc.new_leaves_allocated).gt(type.max_days_allowed))
    problems.push({
      path: 'new_leaves_allocated',
      ...errors.t('allows_most_per_allocation', { name: String(type.name), value: String(days(type.max_days_allowed)) }),
    });
  if (doc.carry_forward && !type.is_carry_forward)
    problems.push({ path: 'carry_forward', ...errors.t('does_not_carry_unused_days', { name: String(type.name) }) });
  if (emp.relieving_date && doc.from_date > emp.relieving_date)
    problems.push({ path: 'from_date', ...errors.t('left', { full_name: String(emp.full_name), relieving_date: String(emp.relieving_date) }) });
  if (problems.length) refuse('INVALID_LEAVE_ALLOCATION', problems);
  const [overlap] = await ctx.sql<{ number: string; from_date: string; to_date: string }>(
    `select number, from_date::text as from_date, to_date::text as to_date from hr_leave_allocation
      where docstatus = 'submitted' and employee = $1 and leave_type = $2 and from_date <= $4 and to_date >= $3 and id is distinct from $5 limit 1`,
    [doc.employee, doc.leave_type, doc.from_date, doc.to_date, doc.id ?? null],
  );
  if (overlap)
    throw Errors.conflict(
      'OVERLAPPING_ALLOCATION',
      errors.t('already_allocated_from_allocation_periods', {
        full_name: String(emp.full_name),
        name: String(type.name),
        from_date: String(overlap.from_date),
        to_date: String(overlap.to_date),
        number: String(overlap.number),
      }),
    );
  const carried = doc.carry_forward ? await carryForward(ctx, doc, type) : new Decimal(0);
  return { type, carried };
}

const allocationBeforeSave: Hook = async ({ doc, old, sql }) => {
  if (old && old.docstatus !== 'draft') return;
  const { carried } = await validateAllocation({ sql }, doc);
  doc.carry_forwarded_leaves = carried.toFixed(1);
};

export const allocationHooks: EntityHooks = {
  beforeCreate: allocationBeforeSave,
  beforeUpdate: allocationBeforeSave,
  beforeSubmit: async ({ doc, sql }) => {
    // The carried days are fixed at submit, from the ledger as it is now (written with the state change).
    const { carried } = await validateAllocation({ sql }, doc);
    doc.carry_forwarded_leaves = carried.toFixed(1);
    doc.total_leaves_allocated = D(doc.new_leaves_allocated).add(carried).toFixed(1);
  },
  afterSubmit: async ({ doc, sql }) => {
    await postLedger(
      { sql },
      {
        employee: Number(doc.employee),
        leave_type: Number(doc.leave_type),
        allocation: Number(doc.id),
        transaction_type: 'hr.leave_allocation',
        transaction_id: Number(doc.id),
        transaction_no: doc.number,
        leaves: D(doc.total_leaves_allocated),
        from_date: doc.from_date,
        to_date: doc.to_date,
      },
    );
  },
  beforeCancel: async ({ doc, sql }) => {
    const used = await sql<{ number: string }>(
      `select distinct a.number from ${LEDGER_TABLE} e join hr_leave_application a on a.id = e.transaction_id
        where e.allocation = $1 and e.transaction_type = 'hr.leave_application' and a.status = 'approved' order by a.number`,
      [doc.id],
    );
    const pending = await sql<{ number: string }>(
      `select number from hr_leave_application where docstatus = 'submitted' and status = 'open' and employee = $1 and leave_type = $2 and from_date between $3 and $4 order by number`,
      [doc.employee, doc.leave_type, doc.from_date, doc.to_date],
    );
    const names = [...used, ...pending].map((r) => r.number);
    if (names.length)
      throw Errors.conflict(
        'ALLOCATION_IN_USE',
        errors.t('cannot_cancelled_leave_applications_count', { number: String(doc.number), value: String(names.join(', ')) }),
      );
  },
  afterCancel: async ({ doc, sql }) => {
    await reverseLedger({ sql }, 'hr.leave_allocation', Number(doc.id));
  },
};

// ------------------------------------------------------------------ applications

interface Assessment {
  type: LeaveType;
  days: string[];
  total: Decimal;
  allocation?: Allocation;
  /** Balance, taken and pending, for messages and the response. */
  balance?: { ledger: Decimal; pending: Decimal; available: Decimal };
}

/**
 * Why `approver` may not approve the leave of `employee`, or undefined when they may: the
 * approver must be in the employee's manager chain (manager, their manager, ...), the leave
 * approver of the employee's department or of a department above it, or an HR manager (an
 * employee whose user has the hr.manager role or is an administrator). Anyone else, such as
 * a person who reports to the employee, is refused.
 */
export async function approverProblem(ctx: Sql, employee: number, approver: number): Promise<Message | undefined> {
  const [row] = await ctx.sql<{ exists: boolean; chain: boolean; department: boolean; hr: boolean; name: string | null }>(
    `with recursive chain(id, depth) as (
       select manager, 1 from hr_employee where id = $1 and manager is not null
       union all select e.manager, c.depth + 1 from hr_employee e join chain c on e.id = c.id where e.manager is not null and c.depth < 100
     ), departments(id, depth) as (
       select department, 1 from hr_employee where id = $1 and department is not null
       union all select d.parent, x.depth + 1 from hr_department d join departments x on d.id = x.id where d.parent is not null and x.depth < 100
     )
     select exists (select 1 from hr_employee where id = $2) as exists,
            exists (select 1 from chain where id = $2) as chain,
            exists (select 1 from hr_department d join departments x on x.id = d.id where d.approver = $2) as department,
            exists (select 1 from hr_employee a join auth_user u on u.id = a."user"
                     where a.id = $2 and (u.is_admin or exists (select 1 from auth_user_role ur join auth_role r on r.id = ur.role where ur.parent_id = u.id and r.name = 'hr.manager'))) as hr,
            (select full_name from hr_employee where id = $2) as name`,
    [employee, approver],
  );
  if (!row!.exists) return errors.t('employee_does_not_exist', { employee: String(approver) });
  if (row!.chain || row!.department || row!.hr) return undefined;
  return errors.t('approver_not_allowed', { name: String(row!.name) });
}

/**
 * Checks an application against the calendar, other applications and the balance, and
 * returns its working days. `phase` says what is being done (for the messages and locks).
 */
async function assess(ctx: Pick<ServiceContext, 'sql' | 'entity'>, doc: Doc, phase: 'save' | 'submit' | 'approve'): Promise<Assessment> {
  const problems: Problem[] = [];
  // Submits and approvals of one employee's leave queue here, so two overlapping applications cannot both pass.
  if (phase !== 'save') await ctx.sql(`select id from hr_employee where id = $1 for update`, [doc.employee]);
  const emp = await employeeById(ctx, Number(doc.employee));
  if (!emp) refuse('INVALID_LEAVE_APPLICATION', [{ path: 'employee', ...errors.t('employee_does_not_exist', { employee: String(doc.employee) }) }]);
  const type = await leaveType(ctx, Number(doc.leave_type));
  if (!type) refuse('INVALID_LEAVE_APPLICATION', [{ path: 'leave_type', ...errors.t('leave_type_does_not_exist', { leave_type: String(doc.leave_type) }) }]);
  if (doc.to_date < doc.from_date) refuse('INVALID_LEAVE_APPLICATION', [{ path: 'to_date', ...errors.t('not_before', { from_date: String(doc.from_date) }) }]);
  if (emp.status !== 'active')
    problems.push({
      path: 'employee',
      ...errors.t('not_active', { full_name: String(emp.full_name), status: choiceText(ctx.entity('hr.employee').model, 'status', emp.status) }),
    });
  if (doc.from_date < emp.date_of_joining)
    problems.push({ path: 'from_date', ...errors.t('joined', { full_name: String(emp.full_name), date_of_joining: String(emp.date_of_joining) }) });
  if (emp.relieving_date && doc.to_date > emp.relieving_date)
    problems.push({ path: 'to_date', ...errors.t('leaves', { full_name: String(emp.full_name), relieving_date: String(emp.relieving_date) }) });
  if (doc.approver != null && Number(doc.approver) === emp.id) problems.push({ path: 'approver', ...errors.t('employee_cannot_approve_their_own') });
  else if (doc.approver != null && phase !== 'approve') {
    const why = await approverProblem(ctx, emp.id, Number(doc.approver));
    if (why) problems.push({ path: 'approver', ...why });
  }
  const wd = await workingDays(ctx, emp.id, doc.from_date, doc.to_date);
  if (!wd.days.length)
    problems.push({
      path: 'to_date',
      ...errors.t('there_are_no_working_days', {
        from_date: String(doc.from_date),
        to_date: String(doc.to_date),
        value: {
          en: wd.skipped.map((s) => `${s.date} ${s.reason.en}`).join(', '),
          lt: wd.skipped.map((s) => `${s.date} ${s.reason.lt}`).join(', '),
        },
      }),
    });
  let total = new Decimal(wd.days.length);
  if (doc.half_day) {
    if (!wd.days.includes(doc.half_day_date))
      problems.push({ path: 'half_day_date', ...errors.t('not_working_day_application', { half_day_date: String(doc.half_day_date) }) });
    total = total.sub('0.5');
  }
  if (problems.length) refuse('INVALID_LEAVE_APPLICATION', problems);

  const [overlap] = await ctx.sql<{ number: string; from_date: string; to_date: string; status: string }>(
    `select number, from_date::text as from_date, to_date::text as to_date, status from hr_leave_application
      where employee = $1 and docstatus = 'submitted' and status in ('open', 'approved') and from_date <= $3 and to_date >= $2 and id is distinct from $4
      order by from_date limit 1`,
    [emp.id, doc.from_date, doc.to_date, doc.id ?? null],
  );
  if (overlap)
    throw Errors.conflict(
      'OVERLAPPING_LEAVE',
      errors.t('already_applied_leave_from_leave', {
        full_name: String(emp.full_name),
        from_date: String(overlap.from_date),
        to_date: String(overlap.to_date),
        number: String(overlap.number),
        status: choiceText(ctx.entity('hr.leave_application').model, 'status', overlap.status),
      }),
    );

  const out: Assessment = { type, days: wd.days, total };
  if (type.is_lwp) return out;
  const allocation = await allocationOn(ctx, emp.id, type.id, doc.from_date, phase !== 'save');
  if (!allocation)
    refuse('NO_LEAVE_ALLOCATED', [
      { path: 'leave_type', ...errors.t('no_allocated', { full_name: String(emp.full_name), name: String(type.name), from_date: String(doc.from_date) }) },
    ]);
  if (doc.to_date > allocation.to_date)
    refuse('INVALID_LEAVE_APPLICATION', [
      {
        path: 'to_date',
        ...errors.t('after_end_allocation_apply_separately', {
          name: String(type.name),
          number: String(allocation.number),
          to_date: String(allocation.to_date),
        }),
      },
    ]);
  const ledger = await ledgerBalance(ctx, allocation.id);
  const [pendingRow] = await ctx.sql<{ d: string }>(
    `select coalesce(sum(total_leave_days), 0)::text as d from hr_leave_application
      where employee = $1 and leave_type = $2 and docstatus = 'submitted' and status = 'open' and from_date between $3 and $4 and id is distinct from $5`,
    [emp.id, type.id, allocation.from_date, allocation.to_date, doc.id ?? null],
  );
  const pending = D(pendingRow!.d);
  const available = ledger.sub(pending);
  out.allocation = allocation;
  out.balance = { ledger, pending, available };
  if (total.gt(available) && !type.allow_negative)
    refuse('INSUFFICIENT_LEAVE_BALANCE', [
      {
        path: 'to_date',
        ...errors.t('available_balance_application_needs', {
          full_name: String(emp.full_name),
          value: String(days(available)),
          name: String(type.name),
          ledger: String(show(ledger)),
          value2: pending.isZero() ? '' : { en: `, ${show(pending)} pending approval`, lt: `, ${show(pending)} laukia patvirtinimo` },
          value3: String(days(total)),
        }),
      },
    ]);
  return out;
}

/** Fills the employee (the current user's), the approver (the manager) and the half-day date. */
async function fillDefaults(ctx: Sql & { user: CurrentUser }, doc: Doc): Promise<void> {
  const me = await employeeOfUser(ctx, ctx.user);
  if (doc.employee == null) {
    if (!me) refuse('INVALID_LEAVE_APPLICATION', [{ path: 'employee', ...errors.t('required_no_employee_linked_your') }]);
    doc.employee = me.id;
  }
  if (!isHrManager(ctx.user) && me && Number(doc.employee) !== me.id) {
    const [report] = await ctx.sql(`select 1 from hr_employee where id = $1 and manager = $2`, [doc.employee, me.id]);
    if (!report) throw Errors.forbidden(errors.t('employee_you_can_apply_leave'));
  }
  if (doc.approver == null) {
    const emp = await employeeById(ctx, Number(doc.employee));
    doc.approver = emp?.manager ?? null;
  }
  if (doc.half_day) doc.half_day_date ??= doc.from_date;
  else doc.half_day_date = null;
}

const applicationBeforeSave: Hook = async (args) => {
  const { doc, old } = args;
  if (old && old.docstatus !== 'draft') return;
  await fillDefaults(args, doc);
  const a = await assess(args, doc, 'save');
  doc.total_leave_days = a.total.toFixed(1);
  doc.status = 'open';
};

/** Records the approver's decision (status, when, and the note if one was given) as audited server fields. */
async function decide(ctx: ActionArgs<{ note?: string }>, status: 'approved' | 'rejected', values: Doc = {}): Promise<Doc> {
  return ctx.entity('leave_application').setServerFields(Number(ctx.doc.id), {
    ...values,
    status,
    decided_at: await now(ctx),
    ...(ctx.input.note !== undefined ? { decision_note: ctx.input.note } : {}),
  });
}

export const applicationHooks: EntityHooks = {
  beforeCreate: applicationBeforeSave,
  beforeUpdate: applicationBeforeSave,
  // The leave days (as the calendar counts them now) and the status are written with the state change.
  beforeSubmit: async (args) => {
    const a = await assess(args, args.doc, 'submit');
    args.doc.total_leave_days = a.total.toFixed(1);
    args.doc.status = 'open';
  },
  beforeDelete: async ({ doc, model }) => {
    if (doc.status !== 'open')
      throw Errors.conflict('LEAVE_NOT_DELETABLE', errors.t('cannot_deleted', { number: String(doc.number), status: choiceText(model, 'status', doc.status) }));
  },
  beforeCancel: ({ doc }) => {
    doc.status = 'cancelled';
  },
  afterCancel: async ({ doc, old, sql }) => {
    if (old!.status === 'approved') {
      await reverseLedger({ sql }, 'hr.leave_application', Number(doc.id));
      await sql(`delete from hr_attendance where leave_application = $1`, [doc.id]);
    }
  },
};

const verbText = (verb: string) => ({ en: verb, lt: verb === 'approve' ? 'patvirtinti' : verb === 'reject' ? 'atmesti' : verb });

/** Only the application's approver, an HR manager or an administrator decides. */
async function assertApprover(ctx: ActionArgs, verb: string): Promise<void> {
  if (isHrManager(ctx.user)) return;
  const me = await employeeOfUser(ctx, ctx.user);
  if (me && ctx.doc.approver != null && Number(ctx.doc.approver) === me.id) return;
  const approver = ctx.doc.approver != null ? await employeeById(ctx, Number(ctx.doc.approver)) : undefined;
  throw Errors.forbidden(
    approver
      ? errors.t('approver_only', { approver: String(approver.full_name), verb: verbText(verb), number: String(ctx.doc.number) })
      : errors.t('hr_manager_only', { verb: verbText(verb), number: String(ctx.doc.number) }),
  );
}

const decisionInput = {
  type: 'object',
  additionalProperties: false,
  properties: { note: { type: 'string', maxLength: 500, title: 'Note to the employee' } },
};

/** The days already marked, with their status, in each language ("2026-03-02 (present)"). */
function markedDays(model: Parameters<typeof choiceText>[0], rows: { d: string; status: string }[]): LocalText {
  const days = (lang: 'en' | 'lt') => rows.map((r) => `${r.d} (${choiceText(model, 'status', r.status)[lang].replace('_', ' ')})`).join(', ');
  return { en: days('en'), lt: days('lt') };
}

async function approve(ctx: ActionArgs<{ note?: string }>): Promise<unknown> {
  const { doc } = ctx;
  await assertApprover(ctx, 'approve');
  // The named approver is checked again when they act (the employee's manager or department may have changed);
  // an HR manager may approve any application.
  if (!isHrManager(ctx.user) && doc.approver != null) {
    const why = await approverProblem(ctx, Number(doc.employee), Number(doc.approver));
    if (why) refuse('INVALID_APPROVER', [{ path: 'approver', ...why }]);
  }
  const a = await assess(ctx, doc, 'approve');
  const existing = await ctx.sql<{ d: string; status: string }>(
    `select attendance_date::text as d, status from hr_attendance where employee = $1 and attendance_date = any($2::date[]) order by attendance_date`,
    [doc.employee, a.days],
  );
  if (existing.length)
    throw Errors.conflict(
      'ATTENDANCE_ALREADY_MARKED',
      errors.t('attendance_already_marked_correct_delete', {
        value: markedDays(ctx.entity('hr.attendance').model, existing),
        number: String(doc.number),
      }),
    );
  if (!a.type.is_lwp)
    await postLedger(ctx, {
      employee: Number(doc.employee),
      leave_type: Number(doc.leave_type),
      allocation: a.allocation!.id,
      transaction_type: 'hr.leave_application',
      transaction_id: Number(doc.id),
      transaction_no: doc.number,
      leaves: a.total.negated(),
      from_date: doc.from_date,
      to_date: doc.to_date,
    });
  await ctx.sql(
    `insert into hr_attendance (employee, attendance_date, status, leave_type, leave_application)
     select $1, d, case when $5::boolean and d = $6::date then 'half_day' else 'on_leave' end, $3, $4 from unnest($2::date[]) as d`,
    [doc.employee, a.days, doc.leave_type, doc.id, !!doc.half_day, doc.half_day_date ?? null],
  );
  return decide(ctx, 'approved', { total_leave_days: a.total.toFixed(1) });
}

/** Approve and Reject are offered on submitted applications that are still open (not decided yet). */
const undecided = { docstatus: ['submitted' as const], status: ['open'] };

export const applicationActions: Record<string, ActionDefinition> = {
  approve: {
    label: 'Approve',
    labels: { lt: 'Patvirtinti' },
    icon: 'check_circle',
    when: undecided,
    input: decisionInput,
    handler: approve,
  },
  reject: {
    label: 'Reject',
    labels: { lt: 'Atmesti' },
    icon: 'cancel',
    when: undecided,
    confirm: 'Reject this leave application?',
    input: decisionInput,
    handler: async (ctx: ActionArgs<{ note?: string }>) => {
      await assertApprover(ctx, 'reject');
      return decide(ctx, 'rejected');
    },
  },
};

// ------------------------------------------------------------------ attendance

const attendanceBeforeSave: Hook = async ({ doc, old, sql }) => {
  if (old?.leave_application != null)
    throw Errors.conflict('ATTENDANCE_FROM_LEAVE', errors.t('attendance_comes_from_approved_leave', { attendance_date: String(old.attendance_date) }));
  if (doc.status === 'on_leave') refuse('INVALID_ATTENDANCE', [{ path: 'status', ...errors.t('leave_marked_approving_leave_application') }]);
  const emp = await employeeById({ sql }, Number(doc.employee));
  if (!emp) return; // the foreign key names the missing employee
  if (doc.attendance_date < emp.date_of_joining)
    refuse('INVALID_ATTENDANCE', [
      { path: 'attendance_date', ...errors.t('joined', { full_name: String(emp.full_name), date_of_joining: String(emp.date_of_joining) }) },
    ]);
  if (emp.relieving_date && doc.attendance_date > emp.relieving_date)
    refuse('INVALID_ATTENDANCE', [
      { path: 'attendance_date', ...errors.t('left', { full_name: String(emp.full_name), relieving_date: String(emp.relieving_date) }) },
    ]);
};

export const attendanceHooks: EntityHooks = {
  beforeCreate: attendanceBeforeSave,
  beforeUpdate: attendanceBeforeSave,
  beforeDelete: async ({ doc }) => {
    if (doc.leave_application != null)
      throw Errors.conflict('ATTENDANCE_FROM_LEAVE', errors.t('attendance_comes_from_approved_leave', { attendance_date: String(doc.attendance_date) }));
  },
};
