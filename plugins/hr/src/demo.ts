/**
 * Demo HR data: a Lithuanian holiday list for 2026, a department tree, twelve employees with
 * managers, leave types, this year's allocations, leave applications in every state and a
 * week of attendance. The demo user "hr.employee" (created by the core for the hr.employee
 * role) is linked to Rasa, who manages production, and a user "jonas" to one of her reports, so
 * both sides of a leave approval can be tried.
 */
import { DEMO_PASSWORD, type DataContext, type Doc } from '@tessera/core';

const HOLIDAYS_2026: [string, string][] = [
  ['2026-01-01', "New Year's Day"],
  ['2026-02-16', 'Day of Restoration of the State of Lithuania'],
  ['2026-03-11', 'Day of Restoration of Independence of Lithuania'],
  ['2026-04-05', 'Easter Sunday'],
  ['2026-04-06', 'Easter Monday'],
  ['2026-05-01', 'International Labour Day'],
  ['2026-06-24', "St. John's Day"],
  ['2026-07-06', 'Statehood Day'],
  ['2026-08-15', 'Assumption Day'],
  ['2026-11-01', "All Saints' Day"],
  ['2026-11-02', "All Souls' Day"],
  ['2026-12-24', 'Christmas Eve'],
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-26', 'Second day of Christmas'],
];

interface DemoEmployee {
  key: string;
  first: string;
  last: string;
  dept: string;
  designation: string;
  manager?: string;
  joined: string;
  salary: string;
  email: string;
}

const EMPLOYEES: DemoEmployee[] = [
  {
    key: 'vytautas',
    first: 'Vytautas',
    last: 'Kazlauskas',
    dept: 'Management',
    designation: 'Chief executive officer',
    joined: '2015-03-02',
    salary: '5200.00',
    email: 'vytautas',
  },
  {
    key: 'rasa',
    first: 'Rasa',
    last: 'Petraitė',
    dept: 'Production',
    designation: 'Production manager',
    manager: 'vytautas',
    joined: '2019-05-06',
    salary: '3100.00',
    email: 'rasa',
  },
  {
    key: 'jonas',
    first: 'Jonas',
    last: 'Jonaitis',
    dept: 'Production',
    designation: 'Welder',
    manager: 'rasa',
    joined: '2021-09-01',
    salary: '1850.00',
    email: 'jonas',
  },
  {
    key: 'tomas',
    first: 'Tomas',
    last: 'Stankevičius',
    dept: 'Production',
    designation: 'Assembler',
    manager: 'rasa',
    joined: '2023-02-13',
    salary: '1600.00',
    email: 'tomas',
  },
  {
    key: 'laura',
    first: 'Laura',
    last: 'Vasiliauskienė',
    dept: 'Production',
    designation: 'Assembler',
    manager: 'rasa',
    joined: '2024-10-07',
    salary: '1550.00',
    email: 'laura',
  },
  {
    key: 'mindaugas',
    first: 'Mindaugas',
    last: 'Žukauskas',
    dept: 'Warehouse',
    designation: 'Warehouse supervisor',
    manager: 'vytautas',
    joined: '2018-11-19',
    salary: '2200.00',
    email: 'mindaugas',
  },
  {
    key: 'darius',
    first: 'Darius',
    last: 'Butkus',
    dept: 'Warehouse',
    designation: 'Storekeeper',
    manager: 'mindaugas',
    joined: '2022-04-04',
    salary: '1450.00',
    email: 'darius',
  },
  {
    key: 'egle',
    first: 'Eglė',
    last: 'Paulauskaitė',
    dept: 'Sales',
    designation: 'Sales manager',
    manager: 'vytautas',
    joined: '2020-01-13',
    salary: '2600.00',
    email: 'egle',
  },
  {
    key: 'ieva',
    first: 'Ieva',
    last: 'Urbonaitė',
    dept: 'Sales',
    designation: 'Sales representative',
    manager: 'egle',
    joined: '2025-03-03',
    salary: '1700.00',
    email: 'ieva',
  },
  {
    key: 'kestutis',
    first: 'Kęstutis',
    last: 'Navickas',
    dept: 'Sales',
    designation: 'Sales representative',
    manager: 'egle',
    joined: '2023-06-12',
    salary: '1750.00',
    email: 'kestutis',
  },
  {
    key: 'aiste',
    first: 'Aistė',
    last: 'Kavaliauskaitė',
    dept: 'Administration',
    designation: 'Accountant',
    manager: 'vytautas',
    joined: '2017-08-21',
    salary: '2400.00',
    email: 'aiste',
  },
  {
    key: 'giedre',
    first: 'Giedrė',
    last: 'Sabaliauskienė',
    dept: 'Administration',
    designation: 'HR specialist',
    manager: 'vytautas',
    joined: '2021-01-04',
    salary: '2100.00',
    email: 'giedre',
  },
];

export async function loadDemo(ctx: DataContext): Promise<void> {
  const hr = (name: string) => ctx.entity(name);
  await hr('holiday_list').create({
    name: 'Lithuania 2026',
    from_date: '2026-01-01',
    to_date: '2026-12-31',
    weekly_off: ['saturday', 'sunday'],
    is_default: true,
    holidays: HOLIDAYS_2026.map(([holiday_date, description]) => ({ holiday_date, description })),
  });

  const company = await hr('department').create({ name: 'UAB Demo', code: 'CO' });
  const departments = new Map<string, number>();
  for (const [name, code] of [
    ['Management', 'MGT'],
    ['Production', 'PROD'],
    ['Warehouse', 'WH'],
    ['Sales', 'SALES'],
    ['Administration', 'ADM'],
  ])
    departments.set(name, Number((await hr('department').create({ name, code, parent: company.id })).id));
  const designations = new Map<string, number>();
  for (const name of new Set(EMPLOYEES.map((e) => e.designation))) designations.set(name, Number((await hr('designation').create({ name })).id));

  const userIds = new Map<string, number>();
  // The core's demo mode creates one user per declared role, named after the role.
  const [employeeUser] = await ctx.sql<{ id: number }>(`select id from auth_user where username = 'hr.employee'`);
  if (employeeUser) userIds.set('rasa', Number(employeeUser.id));
  const [role] = await ctx.sql<{ id: number }>(`select id from auth_role where name = 'hr.employee'`);
  const [taken] = await ctx.sql(`select 1 from auth_user where username = 'jonas'`);
  if (role && !taken && ctx.platform.auth) {
    const user = await ctx.entity('auth.user').create({ username: 'jonas', full_name: 'Jonas Jonaitis', roles: [{ role: role.id }] });
    await ctx.platform.auth.setPassword(ctx.tx, Number(user.id), DEMO_PASSWORD);
    userIds.set('jonas', Number(user.id));
  }

  const ids = new Map<string, number>();
  for (const e of EMPLOYEES) {
    const created = await hr('employee').create({
      first_name: e.first,
      last_name: e.last,
      date_of_joining: e.joined,
      department: departments.get(e.dept),
      designation: designations.get(e.designation),
      manager: e.manager ? ids.get(e.manager) : null,
      company_email: `${e.email}@demo.example`,
      salary: e.salary,
      user: userIds.get(e.key) ?? null,
    });
    ids.set(e.key, Number(created.id));
  }

  const annual = await hr('leave_type').create({
    name: 'Annual leave',
    max_days_allowed: '28',
    is_carry_forward: true,
    max_carry_forward_days: '10',
    description: '20 working days a year by law; more for long service',
  });
  await hr('leave_type').create({ name: 'Sick leave', max_days_allowed: '10', allow_negative: true });
  await hr('leave_type').create({ name: 'Study leave', max_days_allowed: '5' });
  const unpaid = await hr('leave_type').create({ name: 'Unpaid leave', is_lwp: true });
  for (const [key, id] of ids) {
    const extra = EMPLOYEES.find((e) => e.key === key)!.joined < '2018-01-01' ? '5' : '0';
    const a = await hr('leave_allocation').create({
      employee: id,
      leave_type: annual.id,
      from_date: '2026-01-01',
      to_date: '2026-12-31',
      new_leaves_allocated: String(20 + Number(extra)),
      notes: extra !== '0' ? 'Includes 5 days for long service' : null,
    });
    await hr('leave_allocation').submit(Number(a.id));
  }

  const leave = hr('leave_application');
  const apply = async (key: string, data: Doc, then: 'draft' | 'open' | 'approved' | 'rejected') => {
    const a = await leave.create({ employee: ids.get(key), leave_type: annual.id, ...data });
    if (then === 'draft') return;
    await leave.submit(Number(a.id));
    if (then === 'approved') await leave.action(Number(a.id), 'approve', { note: 'Have a good rest' });
    if (then === 'rejected') await leave.action(Number(a.id), 'reject', { note: 'Stocktaking that week: please choose another week' });
  };
  await apply('jonas', { from_date: '2026-02-13', to_date: '2026-02-20', reason: 'Winter holiday' }, 'approved');
  await apply('tomas', { from_date: '2026-03-09', to_date: '2026-03-13', reason: 'Family trip' }, 'open');
  await apply('laura', { from_date: '2026-03-23', to_date: '2026-03-23', half_day: true, reason: "Doctor's appointment" }, 'open');
  await apply('darius', { from_date: '2026-03-30', to_date: '2026-04-03' }, 'rejected');
  await apply('ieva', { from_date: '2026-07-13', to_date: '2026-07-24', reason: 'Summer holiday' }, 'draft');
  await apply('kestutis', { leave_type: unpaid.id, from_date: '2026-03-02', to_date: '2026-03-03', reason: 'Moving house' }, 'approved');

  // The first week of March: everyone present, except Kęstutis (unpaid leave) and one absence.
  for (const [key, id] of ids)
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']) {
      if (key === 'kestutis' && day <= '2026-03-03') continue;
      const status = key === 'darius' && day === '2026-03-04' ? 'absent' : key === 'ieva' && day === '2026-03-06' ? 'half_day' : 'present';
      await hr('attendance').create({ employee: id, attendance_date: day, status });
    }
}
