/** Which rows of a list make the page: keyset (`after`) or offset, and the page size. */
import { Params } from '../db/database.js';
import { Errors } from '../errors.js';
import { LIMITS } from '../schema/limits.js';
import type { ListQuery } from '../plugin-api/index.js';
import { decodeCursor, keysetPredicate, type Keyset } from './keyset.js';

export interface PageSql {
  /** The list's WHERE, with the keyset condition when paging with `after`. */
  where: string;
  /** "limit $n offset $m". */
  tail: string;
  /** Parameters of the page query: the list's, then the page's own (the count keeps the list's). */
  values: unknown[];
}

export function pageSql(ks: Keyset, query: ListQuery, where: string, listParams: Params, alias: string): PageSql {
  const params = new Params();
  params.values.push(...listParams.values);
  const limit = Math.min(query.limit ?? 25, LIMITS.limit);
  if (query.after !== undefined) {
    if (query.offset) throw Errors.badQuery([{ path: 'offset', message: 'cannot be combined with after: the cursor already says where the page starts' }]);
    const keyset = keysetPredicate(ks, decodeCursor(ks, query.after), params, alias);
    return { where: `${where} and ${keyset}`, tail: `limit ${params.add(limit)}`, values: params.values };
  }
  return { where, tail: `limit ${params.add(limit)} offset ${params.add(query.offset ?? 0)}`, values: params.values };
}
