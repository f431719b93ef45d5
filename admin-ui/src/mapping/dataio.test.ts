import { describe, expect, it } from 'vitest';
import type { MetaEntity } from '../meta/types.js';
import { exportQuery, importQuery, keyChoices, percent, rejectedProblems, stillRunning } from './dataio.js';

const item = {
  key: 'inventory.item',
  name: 'item',
  path: '/api/inventory/item',
  defaultSort: 'code',
  fields: [
    { name: 'code', kind: 'string', unique: true, computed: false, readOnly: false },
    { name: 'name', kind: 'string', unique: false, computed: false, readOnly: false },
    { name: 'number', kind: 'string', unique: true, computed: false, readOnly: true },
    { name: 'price', kind: 'decimal', unique: false, computed: false, readOnly: false },
  ],
} as unknown as MetaEntity;

describe('import and export choices', () => {
  it('an import query names the mode, key, error handling, locale and dry run', () => {
    expect(importQuery({ mode: 'upsert', key: 'code', onError: 'skip', locale: 'lt', dryRun: true }).toString()).toBe(
      'mode=upsert&onError=skip&locale=lt&key=code&dryRun=true',
    );
    expect(importQuery({ mode: 'insert', onError: 'rollback', locale: 'en', dryRun: false, linesSheet: true }).get('lines')).toBe('sheet');
  });

  it('offers the id and the unique writable fields as keys', () => {
    expect(keyChoices(item)).toEqual(['id', 'code']);
  });

  it("reads a refused file's details as rows of the main file or of the lines file", () => {
    expect(
      rejectedProblems([
        { path: 'rows/12/stock_uom', message: 'unknown', code: 'REFERENCE_NOT_FOUND' },
        { path: 'lines/3/lines.qty', message: 'must be a number' },
      ]),
    ).toEqual([
      { row: 12, field: 'stock_uom', message: 'unknown', code: 'REFERENCE_NOT_FOUND' },
      { row: 3, sheet: 'lines', field: 'lines.qty', message: 'must be a number', code: undefined },
    ]);
  });

  it('an export takes the list filters, sort and visible columns, and the format and decimals asked', () => {
    const q = exportQuery(
      item,
      { filter: { code: 'BOLT' }, sort: { field: 'name', order: 'DESC' } },
      {
        format: 'xlsx',
        localeDecimals: true,
        lang: 'lt',
        background: true,
        columns: ['code', 'price'],
      },
    );
    expect(Object.fromEntries(q)).toMatchObject({ sort: '-name', format: 'xlsx', lang: 'lt', fields: 'code,price', decimals: 'locale', async: 'true' });
    expect(JSON.parse(q.get('filter')!)).toEqual({ code: 'BOLT' });
  });

  it('knows a job that is still going and its percent', () => {
    expect([stillRunning('queued'), stillRunning('running'), stillRunning('done')]).toEqual([true, true, false]);
    expect(percent(250, 1000)).toBe(25);
    expect(percent(0, 0)).toBe(0);
  });
});
