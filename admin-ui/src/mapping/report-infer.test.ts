import { describe, expect, it } from 'vitest';
import type { Meta } from '../meta/types.js';
import { inferTable, reportSeries, withRefTitles } from './reports.js';
import { recordTitle, titleText } from './labels.js';

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

describe('seeded titles in report tables', () => {
  const crm = {
    entities: [
      {
        key: 'crm.stage',
        plugin: 'crm',
        label: 'Stage',
        labels: { lt: { title: 'Etapas' } },
        titleField: 'name',
        titleTranslations: { lt: { Prospecting: 'Paieška' } },
        fields: [{ name: 'probability', label: 'Probability', labels: { lt: 'Tikimybė' } }],
      },
    ],
  } as unknown as Meta;
  const answer = {
    data: [
      { stage: 1, name: 'Prospecting', count: 2, amount: '100.00' },
      { stage: 2, name: 'Custom stage', count: 1, amount: '50.00' },
    ],
  };
  it('a row per record ({ stage, name }) shows the reference by its name, in the locale', () => {
    const t = inferTable(answer, crm, 'crm')!;
    expect(t.columns.map((c) => [c.key, c.ref ?? '', c.shownBy ?? ''])).toEqual([
      ['stage', 'crm.stage', 'name'],
      ['count', '', ''],
      ['amount', '', ''],
    ]);
    expect(t.columns.map((c) => [c.label, c.labels?.lt ?? '', c.byKey ?? false])).toEqual([
      ['Stage', 'Etapas', false],
      ['Count', '', true],
      ['Amount', '', true],
    ]);
    const lt = withRefTitles(t, crm, 'lt');
    expect(lt.rows.map((r) => r.name)).toEqual(['Paieška', 'Custom stage']);
    expect(withRefTitles(t, crm, 'en').rows.map((r) => r.name)).toEqual(['Prospecting', 'Custom stage']);
    expect(reportSeries(lt, 'lt')?.map((p) => p.label)).toEqual(['Paieška', 'Custom stage']);
  });
});

describe('a record title', () => {
  const stage = { titleField: 'name', titleTranslations: { lt: { Prospecting: 'Paieška' } } };
  it('is the seeded translation, else the stored (formatted) title, else #id', () => {
    expect(recordTitle(stage, { id: 1, name: 'Prospecting' }, 'lt')).toBe('Paieška');
    expect(recordTitle(stage, { id: 1, name: 'Prospecting' }, 'en')).toBe('Prospecting');
    expect(recordTitle(stage, { id: 2, name: 'Renamed' }, 'lt')).toBe('Renamed');
    expect(recordTitle(stage, { id: 3, name: null }, 'lt')).toBe('#3');
    expect(recordTitle(stage, { id: 4, name: 'x' }, 'en', (v) => String(v).toUpperCase())).toBe('X');
    expect(titleText(stage, 'Prospecting', 'lt')).toBe('Paieška');
    expect(titleText(undefined, 'Prospecting', 'lt')).toBe('Prospecting');
  });
});
