/** Demo training: skills, two programs, a completed event with results (raising skills) and an upcoming one. */
import type { DataContext } from '@tessera/core';

export async function loadTrainingDemo(ctx: DataContext): Promise<void> {
  const staff = await ctx.sql<{ id: number }>(`select id from hr_employee where status = 'active' order by ("user" is null), id limit 4`);
  if (staff.length < 3) return;
  const [a, b, c, d] = staff.map((s) => Number(s.id));
  const skill = (name: string, category: string) => ctx.entity('hr.skill').create({ name, category });
  const forklift = await skill('Forklift driving / Krautuvo vairavimas', 'Warehouse / Sandėlis');
  const firstAid = await skill('First aid / Pirmoji pagalba', 'Safety / Sauga');
  const sheets = await skill('Spreadsheets / Skaičiuoklės', 'Office / Biuras');
  const safety = await ctx.entity('hr.training_program').create({
    name: 'Forklift safety / Krautuvų sauga',
    duration_hours: '8',
    skill: forklift.id,
    skill_level: 3,
    description: 'Certificate course / Sertifikuotas kursas',
  });
  const aid = await ctx
    .entity('hr.training_program')
    .create({ name: 'First aid basics / Pirmosios pagalbos pagrindai', duration_hours: '4', skill: firstAid.id, skill_level: 2 });
  const past = await ctx.entity('hr.training_event').create({
    program: safety.id,
    start_date: '2026-10-15',
    trainer: 'UAB Saugus darbas',
    location: 'Kaunas warehouse / Kauno sandėlis',
    cost: '450.00',
    status: 'completed',
    invitees: [
      { employee: a, attended: true },
      { employee: b, attended: true },
      { employee: c, attended: false },
    ],
  });
  await ctx.entity('hr.training_result').create({ event: past.id, employee: a, result: 'pass', score: '92', feedback: 'Very careful / Labai atsargus' });
  await ctx
    .entity('hr.training_result')
    .create({ event: past.id, employee: b, result: 'fail', score: '48', feedback: 'Retake in spring / Perlaikyti pavasarį' });
  const [soon] = await ctx.sql<{ d: string }>(`select (current_date + 21)::text as d`);
  await ctx.entity('hr.training_event').create({
    program: aid.id,
    start_date: soon!.d,
    trainer: 'Raudonasis Kryžius',
    location: 'Vilnius office / Vilniaus biuras',
    cost: '180.00',
    invitees: [a, b, c, d].filter((x) => x != null).map((employee) => ({ employee })),
  });
  await ctx.entity('hr.employee_skill').create({ employee: c, skill: sheets.id, level: 4, assessed_on: '2026-01-10' });
  await ctx.entity('hr.employee_skill').create({ employee: b, skill: sheets.id, level: 2, assessed_on: '2026-01-10' });
}
