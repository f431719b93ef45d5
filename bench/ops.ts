/**
 * The benchmark's operations: the request (or request sequence) each one sends, the same to
 * both servers, and its target as a ratio to the baseline (issue #19: every read at least 0.8x,
 * every write at least 0.6x at 1M rows; contains search at least 0.5x of a baseline with its
 * own trigram index).
 */
import { ADJECTIVES, CATEGORIES, ITEM_PATH, LIST_FILTER, LIST_SORT, NOUNS, ORDER_PATH, PAGE } from './shared.js';

export const ALL_OPS = [
  'get',
  'list',
  'contains_none',
  'contains_estimate',
  'search',
  'keyset',
  'create',
  'update',
  'doc',
  'list_sql',
  'create_tx',
  'update_tx',
] as const;
export type OpName = (typeof ALL_OPS)[number];
export const DEFAULT_OPS: OpName[] = ['get', 'list', 'contains_none', 'contains_estimate', 'search', 'keyset', 'create', 'update', 'doc'];

export const TARGETS: Record<OpName, number | undefined> = {
  get: 0.8,
  list: 0.8,
  contains_none: 0.5,
  contains_estimate: 0.5,
  search: 0.8,
  keyset: 0.8,
  create: 0.6,
  update: 0.6,
  doc: 0.6,
  list_sql: undefined,
  create_tx: undefined,
  update_tx: undefined,
};

export const DESCRIPTIONS: Record<OpName, string> = {
  get: 'GET /item/<random id>',
  list: `filter ${JSON.stringify(LIST_FILTER)}, sort=${LIST_SORT}, limit=${PAGE}, total=exact (page + count)`,
  contains_none: `filter {"name":{"contains":"<noun>"}}, total=none (1 row in 25 matches)`,
  contains_estimate: 'the same with total=estimate (page + planner estimate)',
  search: 'q=<noun>, total=exact (full-text, GIN)',
  keyset: 'sort=id, after=<cursor at depth 500,000 (half the table when smaller)>, total=none',
  create: 'POST /item',
  update: 'PATCH /item/<random id> {price, qty}',
  doc: 'POST /order with 10 lines, then POST /order/<id>/submit (2 requests per op)',
  list_sql: "diagnostic: list, baseline with Tessera's ORDER BY",
  create_tx: 'diagnostic: create, baseline with BEGIN + audit row + COMMIT',
  update_tx: 'diagnostic: update, baseline with BEGIN + FOR UPDATE + audit row + COMMIT',
};

export const isWrite = (op: OpName) => op === 'create' || op === 'update' || op === 'doc' || op === 'create_tx' || op === 'update_tx';

export type Side = 'baseline' | 'tessera';
export interface Req {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

const runTag = Date.now().toString(36).toUpperCase();
let counter = 0;
const randInt = (n: number) => 1 + Math.floor(Math.random() * n);
const noun = () => NOUNS[randInt(NOUNS.length) - 1]!;
const listQuery = `?filter=${encodeURIComponent(JSON.stringify(LIST_FILTER))}&sort=${encodeURIComponent(LIST_SORT)}&limit=${PAGE}&total=exact`;
const containsQuery = (total: string) => `?filter=${encodeURIComponent(JSON.stringify({ name: { contains: noun() } }))}&limit=${PAGE}&total=${total}`;

/** Tessera's cursor for "after id N" in sort=id (core/src/query/keyset.ts); the baseline decodes the same. */
export const idCursor = (id: number) => Buffer.from(JSON.stringify({ s: 'id', k: [String(id)] })).toString('base64url');
export const keysetDepth = (rows: number) => Math.min(500_000, Math.floor(rows / 2));

export function orderBody(n: number, rows: number): string {
  const lines = Array.from({ length: 10 }, (_, i) => ({
    item: randInt(rows),
    qty: `${1 + ((n + i) % 9)}.${(n * 7 + i) % 1000}`,
    rate: `${randInt(500)}.${String((n + i) % 100).padStart(2, '0')}`,
  }));
  return JSON.stringify({ customer_name: `Customer ${n % 97}`, order_date: '2026-11-15', lines });
}

/** One request of an operation (the first of a sequence for doc). */
export function makeRequest(op: OpName, side: Side, rows: number): Req {
  switch (op) {
    case 'get':
      return { method: 'GET', path: `${ITEM_PATH}/${randInt(rows)}` };
    case 'list':
      return { method: 'GET', path: `${ITEM_PATH}${listQuery}` };
    case 'list_sql':
      return { method: 'GET', path: `${ITEM_PATH}${listQuery}`, headers: { 'x-baseline-order': 'tessera' } };
    case 'contains_none':
      return { method: 'GET', path: `${ITEM_PATH}${containsQuery('none')}` };
    case 'contains_estimate':
      return { method: 'GET', path: `${ITEM_PATH}${containsQuery('estimate')}` };
    case 'search':
      return { method: 'GET', path: `${ITEM_PATH}?q=${noun()}&limit=${PAGE}&total=exact` };
    case 'keyset': {
      const depth = keysetDepth(rows);
      return { method: 'GET', path: `${ITEM_PATH}?sort=id&limit=${PAGE}&total=none&after=${idCursor(depth + randInt(Math.min(1000, depth)))}` };
    }
    case 'create_tx':
    case 'update_tx':
      return { ...makeRequest(op === 'create_tx' ? 'create' : 'update', side, rows), headers: { 'x-baseline-mode': 'tx-audit' } };
    case 'create': {
      const n = ++counter;
      return {
        method: 'POST',
        path: ITEM_PATH,
        body: JSON.stringify({
          code: `${side === 'tessera' ? 'T' : 'B'}-${runTag}-${n}`,
          name: `${ADJECTIVES[n % ADJECTIVES.length]} ${NOUNS[n % NOUNS.length]} new ${n}`,
          price: `${randInt(99999)}.${String(n % 100).padStart(2, '0')}`,
          qty: n % 500,
          status: 'active',
          available_from: '2026-11-01',
          active: true,
          category: randInt(CATEGORIES),
          notes: 'Created by the benchmark.',
        }),
      };
    }
    case 'update':
      return {
        method: 'PATCH',
        path: `${ITEM_PATH}/${randInt(rows)}`,
        body: JSON.stringify({ price: `${randInt(99999)}.${String(randInt(99)).padStart(2, '0')}`, qty: randInt(500) }),
      };
    case 'doc':
      return { method: 'POST', path: ORDER_PATH, body: orderBody(++counter, rows) };
  }
}

/** The request that follows a doc create: submit the order it made. */
export const submitRequest = (id: number): Req => ({ method: 'POST', path: `${ORDER_PATH}/${id}/submit` });
