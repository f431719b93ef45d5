/** What the CLI prints for whatever was thrown: a message and a code, never `undefined`, a stack only with TESSERA_DEBUG. */
import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../../core/src/cli.js';
import { Errors, TesseraError } from '../../core/src/errors.js';
import { isConnectionError, asDatabaseError } from '../../core/src/db/faults.js';

afterEach(() => {
  delete process.env.TESSERA_DEBUG;
});

describe('CLI error messages', () => {
  it('never prints undefined, and names the code', () => {
    expect(describeError(undefined)).toMatch(/unknown error/);
    expect(describeError(undefined)).not.toBe('undefined');
    expect(describeError(null)).toMatch(/unknown error/);
    expect(describeError(new TesseraError('PORT_IN_USE', 409, 'port 3000 is in use; set PORT=...'))).toBe('port 3000 is in use; set PORT=... [PORT_IN_USE]');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    // net reports a host with several addresses as an AggregateError with an empty message.
    expect(describeError(new AggregateError([refused, refused], ''))).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(describeError(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBe('no such file [ENOENT]');
    expect(describeError({ weird: 1 })).toBe('{"weird":1}');
    expect(describeError(new Error('boom'))).not.toMatch(/\n\s+at /);
    process.env.TESSERA_DEBUG = '1';
    expect(describeError(new Error('boom'))).toMatch(/\n\s+at /);
  });

  it('classifies connection failures as DATABASE_UNAVAILABLE and leaves statement errors alone', () => {
    for (const e of [
      { code: '57P01' },
      { code: '08006' },
      { code: '57P03' },
      { code: 'ECONNREFUSED' },
      { code: 'ECONNRESET' },
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect(isConnectionError(e), JSON.stringify(e)).toBe(true);
      expect((asDatabaseError(e) as TesseraError).toJSON().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
    }
    for (const e of [{ code: '23505' }, { code: '42P01' }, new Error('syntax'), undefined]) expect(isConnectionError(e)).toBe(false);
    const unique = Errors.unique('name', 'x');
    expect(asDatabaseError(unique)).toBe(unique);
  });
});
