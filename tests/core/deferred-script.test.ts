/**
 * The deferred statements sent with COMMIT (audit rows, PgTx.deferInsert): consecutive inserts
 * into the same table and columns become one multi-row INSERT, in order, and anything else
 * stays as it is, so an import of 100,000 rows sends 50 statements of 2,000 rows, not 100,000.
 * tests/core/import.test.ts checks the audit rows such a COMMIT writes in the database.
 */
import { describe, expect, it } from 'vitest';
import { deferredScript } from '../../core/src/db/database.js';

describe('deferredScript', () => {
  it('merges consecutive inserts of the same columns, keeps the order, and leaves other statements alone', () => {
    const a = (n: number, text: string) => `insert into "tessera_audit" ("record_id", "changes") values (${n}, '${text}')`;
    const other = `insert into "tessera_outbox" ("topic") values ('x')`;
    expect(deferredScript([a(1, 'one'), a(2, "it''s ) values (two"), other, a(3, 'three'), 'notify tessera'])).toBe(
      [
        `insert into "tessera_audit" ("record_id", "changes") values (1, 'one'), (2, 'it''s ) values (two')`,
        other,
        `insert into "tessera_audit" ("record_id", "changes") values (3, 'three')`,
        'notify tessera',
      ].join(';\n'),
    );
    expect(deferredScript([])).toBe('');
  });
});
