import { describe, expect, it } from 'vitest';
import { D, roundTo, show } from './numbers.js';
import { fieldError, problemsError, refuseIfAny } from './problems.js';
import { page, scopedParams, userOf } from './reports.js';

describe('plugin kit', () => {
  it('D reads stored and sent values exactly; empty is zero', () => {
    expect(D('0.1').add(D(0.2)).toFixed(2)).toBe('0.30');
    expect(D(null).isZero() && D('').isZero() && D(undefined).isZero()).toBe(true);
    expect(roundTo(D('2.345'), 2).toFixed(2)).toBe('2.35');
    expect(show('12.500000')).toBe('12.5');
  });

  it('refusals carry the field paths in the platform error shape', () => {
    expect(fieldError('lines/0/qty', 'must be > 0').toJSON()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', status: 422, details: [{ path: 'lines/0/qty' }] },
    });
    const e = problemsError('INVALID_ORDER_LINES', [{ path: 'lines/1/item', message: 'is disabled' }]);
    expect(e.status).toBe(422);
    expect(e.message).toBe('lines/1/item: is disabled');
    expect(() => refuseIfAny('X_FAILED', [])).not.toThrow();
    expect(() => refuseIfAny('X_FAILED', [{ path: 'a', message: 'b' }])).toThrow('a: b');
  });

  it('scopedParams numbers the row rule values after the query values', () => {
    const p = scopedParams((entity, alias, param) => `${alias}.owner = ${param(7)} /* ${entity} */`, ['EUR']);
    expect(p.rule('crm.lead', 'l')).toBe('l.owner = $2 /* crm.lead */');
    expect(p.add('x')).toBe('$3');
    expect(p.params).toEqual(['EUR', 7, 'x']);
  });

  it('pages between 1 and 1000 rows', () => {
    expect(page({})).toEqual({ limit: 100, offset: 0 });
    expect(page({ limit: '5000', offset: '20' })).toEqual({ limit: 1000, offset: 20 });
    expect(page({ limit: '0' })).toEqual({ limit: 1, offset: 0 });
  });

  it('userOf answers 401 without a signed-in user', () => {
    expect(() => userOf({ user: null })).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', status: 401 }));
    expect(userOf({ user: { id: 1, username: 'a', roles: [], isAdmin: false } }).id).toBe(1);
  });
});
