import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type Req, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

type User = { id: number; token: string; req: Req };
let t: TestApp;
let hr: User;
let rasaUser: User;
let jonasUser: User;
let petrasUser: User;
let rasa: any;
let jonas: any;
let ona: any;
let petras: any;
let forklift: any;
let excel: any;
let program: any;
let event: any;

beforeAll(async () => {
  t = await startApp({ plugins: ['hr'] });
  hr = await t.createUser('hr.boss', ['hr.manager']);
  rasaUser = await t.createUser('rasa', ['hr.employee']);
  jonasUser = await t.createUser('jonas', ['hr.employee']);
  petrasUser = await t.createUser('petras', ['hr.employee']);
  const emp = async (body: Record<string, unknown>) => ok(await hr.req('POST', '/api/hr/employee', { date_of_joining: '2024-01-08', ...body }), 201);
  rasa = await emp({ first_name: 'Rasa', last_name: 'Petraitė', user: rasaUser.id });
  jonas = await emp({ first_name: 'Jonas', last_name: 'Jonaitis', user: jonasUser.id, manager: rasa.id });
  ona = await emp({ first_name: 'Ona', last_name: 'Onaitė', manager: rasa.id });
  petras = await emp({ first_name: 'Petras', last_name: 'Petraitis', user: petrasUser.id });
  forklift = ok(await hr.req('POST', '/api/hr/skill', { name: 'Forklift', category: 'Warehouse' }), 201);
  excel = ok(await hr.req('POST', '/api/hr/skill', { name: 'Spreadsheets', category: 'Office' }), 201);
  program = ok(await hr.req('POST', '/api/hr/training_program', { name: 'Forklift safety', duration_hours: '8', skill: forklift.id, skill_level: 3 }), 201);
  event = ok(
    await hr.req('POST', '/api/hr/training_event', {
      program: program.id,
      start_date: '2026-11-10',
      trainer: 'UAB Saugus darbas',
      location: 'Kaunas warehouse',
      cost: '450.00',
      status: 'completed',
      invitees: [
        { employee: jonas.id, attended: true },
        { employee: petras.id, attended: true },
        { employee: ona.id, attended: false },
      ],
    }),
    201,
  );
  // Petras already drives forklifts at level 4.
  ok(await hr.req('POST', '/api/hr/employee_skill', { employee: petras.id, skill: forklift.id, level: 4, assessed_on: '2025-06-01' }), 201);
  ok(await hr.req('POST', '/api/hr/employee_skill', { employee: petras.id, skill: excel.id, level: 2 }), 201);
});
afterAll(async () => t?.close());

describe('training events, results and skills', () => {
  it('an event takes its title from the program and ends on its start day by default', () => {
    expect(event).toMatchObject({ title: 'Forklift safety 2026-11-10', end_date: '2026-11-10', cost: '450.00' });
  });

  it('a pass raises the skill to the program level; a lower pass never lowers a higher level', async () => {
    ok(await hr.req('POST', '/api/hr/training_result', { event: event.id, employee: jonas.id, result: 'pass', score: '85', feedback: 'Careful driver' }), 201);
    ok(await hr.req('POST', '/api/hr/training_result', { event: event.id, employee: petras.id, result: 'pass', score: '97.5' }), 201);
    const skills = ok(await hr.req('GET', `/api/hr/employee_skill?sort=employee`)).data.filter((s: any) => s.skill === forklift.id);
    expect(skills.map((s: any) => [s.employee, s.level, s.source ?? null])).toEqual([
      [jonas.id, 3, 'Passed Forklift safety'],
      [petras.id, 4, null],
    ]);
  });

  it('refuses a result for someone absent or not invited, and an attendance before the event', async () => {
    const absent = await hr.req('POST', '/api/hr/training_result', { event: event.id, employee: ona.id, result: 'fail' });
    expect(absent.status).toBe(422);
    expect(absent.body.error).toMatchObject({ code: 'INVALID_TRAINING_RESULT', details: [{ path: 'employee' }] });
    expect(absent.body.error.message).toMatch(/Ona Onaitė did not attend/);
    const stranger = await hr.req('POST', '/api/hr/training_result', { event: event.id, employee: rasa.id, result: 'pass' });
    expect(stranger.body.error.message).toMatch(/Rasa Petraitė was not invited/);
    const twice = await hr.req('POST', '/api/hr/training_result', { event: event.id, employee: jonas.id, result: 'fail' });
    expect(twice.status).toBe(409);
    const future = await hr.req('POST', '/api/hr/training_event', {
      program: program.id,
      start_date: '2099-01-05',
      invitees: [{ employee: jonas.id, attended: true }],
    });
    expect(future.status).toBe(422);
    expect(future.body.error.details[0].path).toBe('invitees/0/attended');
    const score = await hr.req('POST', '/api/hr/training_result', { event: event.id, employee: ona.id, result: 'pass', score: '120' });
    expect(score.status).toBe(422);
  });

  it('employees see their own trainings, results and skills; a manager also their reports’', async () => {
    expect(ok(await jonasUser.req('GET', '/api/hr/training_event')).data.map((e: any) => e.id)).toEqual([event.id]);
    expect(ok(await jonasUser.req('GET', '/api/hr/training_result')).data.map((r: any) => r.employee)).toEqual([jonas.id]);
    expect(ok(await petrasUser.req('GET', '/api/hr/training_result')).data.map((r: any) => r.employee)).toEqual([petras.id]);
    expect(ok(await rasaUser.req('GET', '/api/hr/training_result')).data.map((r: any) => r.employee)).toEqual([jonas.id]);
    expect(ok(await jonasUser.req('GET', '/api/hr/employee_skill')).data.map((s: any) => s.employee)).toEqual([jonas.id]);
    expect((await jonasUser.req('POST', '/api/hr/training_result', { event: event.id, employee: ona.id, result: 'pass' })).status).toBe(403);
    const other = ok(
      await hr.req('POST', '/api/hr/training_event', { program: program.id, start_date: '2026-11-20', invitees: [{ employee: petras.id }] }),
      201,
    );
    expect((await jonasUser.req('GET', `/api/hr/training_event/${other.id}`)).status).toBe(404);
  });

  it('the skills matrix: employees x skills with levels, scoped by row rules', async () => {
    const m = ok(await hr.req('GET', '/api/hr/reports/skills-matrix'));
    expect(m.skills.map((s: any) => s.name)).toEqual(['Spreadsheets', 'Forklift']);
    expect(m.data.map((e: any) => [e.full_name, e.levels])).toEqual([
      ['Jonas Jonaitis', { Spreadsheets: null, Forklift: 3 }],
      ['Ona Onaitė', { Spreadsheets: null, Forklift: null }],
      ['Petras Petraitis', { Spreadsheets: 2, Forklift: 4 }],
      ['Rasa Petraitė', { Spreadsheets: null, Forklift: null }],
    ]);
    expect(m.coverage).toEqual([
      { skill: 'Spreadsheets', employees: 1, experts: 0 },
      { skill: 'Forklift', employees: 2, experts: 1 },
    ]);
    const mine = ok(await jonasUser.req('GET', '/api/hr/reports/skills-matrix'));
    expect(mine.data.map((e: any) => e.full_name)).toEqual(['Jonas Jonaitis']);
  });
});
