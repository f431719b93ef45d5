/**
 * What the runner and both servers agree on: the table, its columns, the seed SQL, the requests
 * of each operation, and the protocol a server uses to say it is ready.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** bench/ (also from core/dist/bench-server.mjs, the compiled Tessera side, where this module's URL is the bundle's). */
export const BENCH_DIR = basename(here) === 'dist' ? join(here, '..', '..', 'bench') : here;
export const PLUGIN_PATH = join(BENCH_DIR, 'plugins');
export const RESULTS_DIR = join(BENCH_DIR, 'results');

/** The benchmark plugin's entities, as Tessera names their tables and collection paths. */
export const ITEM_TABLE = 'benchmark_item';
export const CATEGORY_TABLE = 'benchmark_category';
export const ITEM_PATH = '/api/benchmark/item';
export const ORDER_TABLE = 'benchmark_order';
export const ORDER_LINE_TABLE = 'benchmark_order_line';
export const ORDER_PATH = '/api/benchmark/order';

/** Table sizes, one run each: BENCH_ROWS=100000,1000000 (the default); 10000000 on demand. */
export const ROW_COUNTS = (process.env.BENCH_ROWS ?? '100000,1000000').split(',').map((s) => Number(s.trim().replace(/_/g, '')));
export const ROWS = ROW_COUNTS[0]!;
export const CATEGORIES = 20;

/**
 * The columns of an item: system columns, then the declared fields. The baseline selects every
 * column of the table (so a system column the core adds shows up on both sides) and checks these.
 */
export const ITEM_COLUMNS = ['id', 'created_at', 'updated_at', 'code', 'name', 'price', 'qty', 'status', 'available_from', 'active', 'category', 'notes'];

export const ADJECTIVES = [
  'Steel',
  'Brass',
  'Copper',
  'Plastic',
  'Rubber',
  'Nylon',
  'Zinc',
  'Oak',
  'Pine',
  'Glass',
  'Carbon',
  'Ceramic',
  'Heavy',
  'Light',
  'Compact',
  'Large',
];
export const NOUNS = [
  'bolt',
  'nut',
  'washer',
  'screw',
  'bracket',
  'hinge',
  'valve',
  'pipe',
  'flange',
  'gasket',
  'spring',
  'bearing',
  'clamp',
  'hook',
  'rivet',
  'anchor',
  'pulley',
  'chain',
  'cable',
  'gear',
  'shaft',
  'seal',
  'plate',
  'rod',
  'tube',
];

const sqlArray = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/**
 * Seeds the categories and ROWS items in one INSERT ... SELECT generate_series each. Values are
 * deterministic: ~60% active, prices spread over 0.00-999.99, names "<Adjective> <noun> <n>" so a
 * search for one noun matches 1 row in 25.
 */
export function seedSql(rows = ROWS): string[] {
  return [
    `insert into ${CATEGORY_TABLE} (name) select 'Category ' || g from generate_series(1, ${CATEGORIES}) g`,
    `insert into ${ITEM_TABLE} (code, name, price, qty, status, available_from, active, category, notes)
     select 'ITEM-' || lpad(g::text, 8, '0'),
       (${sqlArray(ADJECTIVES)})[1 + (g * 7) % ${ADJECTIVES.length}] || ' ' || (${sqlArray(NOUNS)})[1 + (g * 13) % ${NOUNS.length}] || ' ' || g,
       ((g::bigint * 2654435761) % 100000) / 100.0,
       (g * 31) % 500,
       case when g % 10 < 6 then 'active' when g % 10 < 8 then 'draft' else 'archived' end,
       date '2024-01-01' + (g % 730),
       g % 7 <> 0,
       1 + g % ${CATEGORIES},
       'Seeded row ' || g || ' of the benchmark table.'
     from generate_series(1, ${rows}) g`,
  ];
}

/** The list operation's filter: active items in a price band (about 3,000 rows), most expensive first. */
export const LIST_FILTER = { status: 'active', price: { between: ['100.00', '150.00'] } };
export const LIST_SORT = '-price';
export const PAGE = 25;

/** A line a server prints on stdout when it listens: `READY {"port":1234,"token":"..."}`. */
export const READY_PREFIX = 'READY ';
export interface ReadyInfo {
  port: number;
  pid: number;
  /** Bearer token to send (only when the API requires authentication). */
  token?: string;
  poolSize: number;
}
