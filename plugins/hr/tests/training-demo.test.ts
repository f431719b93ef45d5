import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../tests/helpers.js';
import { ok } from '@tessera/plugin-kit/testing';

let t: TestApp;

beforeAll(async () => {
  t = await startApp({ plugins: ['hr'] }, { demo: true });
});
afterAll(async () => t?.close());

describe('training demo data', () => {
  it('has a completed event with results that raised a skill, an upcoming event and a skills matrix', async () => {
    const events = ok(await t.req('GET', '/api/hr/training_event?sort=start_date')).data;
    expect(events.map((e: any) => e.status)).toEqual(['completed', 'scheduled']);
    const results = ok(await t.req('GET', '/api/hr/training_result?sort=id')).data.map((r: any) => r.result);
    expect(results).toEqual(['pass', 'fail']);
    const m = ok(await t.req('GET', '/api/hr/reports/skills-matrix'));
    expect(m.coverage).toEqual([
      { skill: 'Spreadsheets / Skaičiuoklės', employees: 2, experts: 1 },
      { skill: 'First aid / Pirmoji pagalba', employees: 0, experts: 0 },
      { skill: 'Forklift driving / Krautuvo vairavimas', employees: 1, experts: 0 },
    ]);
  });
});
