import { describe, expect, it } from 'vitest';
import type { Meta } from '../meta/types.js';
import { inferTable, reportSeries } from './reports.js';

const meta = {
  entities: [
    { key: 'hr.employee', plugin: 'hr' },
    { key: 'hr.leave_type', plugin: 'hr' },
  ],
} as unknown as Meta;

describe('report answers without declared columns', () => {
  const answer = {
    date: '2026-12-01',
    data: [
      {
        employee: 3,
        employee_number: 'E-3',
        full_name: 'Rūta Žukauskienė',
        leave_type: 1,
        leave_type_name: 'Annual',
        from_date: '2026-01-01',
        allocated: '24.0',
        balance: '20.5',
      },
      {
        employee: 4,
        employee_number: 'E-4',
        full_name: 'Jonas Jonaitis',
        leave_type: 1,
        leave_type_name: 'Annual',
        from_date: '2026-01-01',
        allocated: '24.0',
        balance: '3.0',
      },
    ],
    totals: { balance: '23.5' },
  };
  it('infers typed columns, links ids to their records shown by name or number, adds the totals row', () => {
    const t = inferTable(answer, meta, 'hr')!;
    expect(t.columns.map((c) => [c.key, c.type, c.ref ?? '', c.shownBy ?? ''])).toEqual([
      ['employee', 'number', 'hr.employee', 'employee_number'],
      ['full_name', 'text', '', ''],
      ['leave_type', 'number', 'hr.leave_type', 'leave_type_name'],
      ['from_date', 'date', '', ''],
      ['allocated', 'number', '', ''],
      ['balance', 'number', '', ''],
    ]);
    expect(t.rows.at(-1)).toMatchObject({ key: '__total', style: 'grand_total', balance: '23.5' });
  });
  it('charts a label column against the first number column, plain rows only', () => {
    const t = inferTable(answer, meta, 'hr')!;
    expect(reportSeries(t, 'en')).toEqual([
      { label: 'Rūta Žukauskienė', value: 24, key: '0' },
      { label: 'Jonas Jonaitis', value: 24, key: '1' },
    ]);
    expect(inferTable({ columns: [], rows: [] }, meta, 'hr')).toBeUndefined();
  });
});
