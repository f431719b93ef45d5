/**
 * The layering rules of docs/architecture.md, checked over the import graph (every static,
 * dynamic and type-only import): core layers depend one way only, the public plugin API is a
 * leaf, core/src has no import cycle and no file over 450 lines, nothing in core/ imports a
 * plugin, the admin UI imports no core file, and a plugin reaches another plugin only through
 * its package's public entry points ("." and "./api").
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// @ts-expect-error: a plain .mjs script (also run by hand: node scripts/import-graph.mjs core/src)
import { buildGraph, cycles, listFiles } from '../../scripts/import-graph.mjs';
// @ts-expect-error: a plain .mjs script (also run by hand: node scripts/cross-plugin-sql.mjs)
import { countByPair, crossPluginReferences, pluginNames, tableOwners, tablesIn } from '../../scripts/cross-plugin-sql.mjs';
import { ROOT_DIR } from '../../core/src/paths.js';

type Graph = Map<string, { spec: string; target: string | null }[]>;
const CORE = join(ROOT_DIR, 'core', 'src');
const rel = (f: string) => relative(ROOT_DIR, f);

/** Layer of a core/src file, by its top-level folder or file: lower layers never import higher ones. */
export const LAYERS: [number, string[]][] = [
  [0, ['plugin-api']],
  [1, ['errors.ts', 'error-codes.ts', 'paths.ts', 'precompiled.ts', 'heap.ts']],
  [2, ['config.ts']],
  [3, ['db']],
  [4, ['entities']],
  [5, ['schema', 'migrations']],
  [6, ['query']],
  [7, ['data']],
  [8, ['auth', 'jobs.ts', 'plugins']],
  [9, ['api', 'import', 'export', 'outbound.ts', 'print', 'mail', 'outbox', 'webhooks', 'notifications', 'files']],
  [10, ['app', 'app.ts', 'studio']],
  [11, ['cli', 'cli.ts']],
  [12, ['index.ts']],
];
const layerOf = (file: string): number | undefined => {
  const top = relative(CORE, file).split('/')[0]!;
  return LAYERS.find(([, names]) => names.includes(top))?.[0];
};

const core: Graph = buildGraph([CORE]);

describe('core layers', () => {
  it('every core/src file belongs to a layer', () => {
    expect([...core.keys()].filter((f) => layerOf(f) === undefined).map(rel)).toEqual([]);
  });

  it('no module imports a layer above its own', () => {
    const wrong: string[] = [];
    for (const [from, edges] of core)
      if (!from.endsWith('.test.ts'))
        for (const e of edges)
          if (e.target?.startsWith(CORE) && layerOf(e.target)! > layerOf(from)!)
            wrong.push(`${rel(from)} (layer ${layerOf(from)}) imports ${rel(e.target)} (layer ${layerOf(e.target)})`);
    expect(wrong).toEqual([]);
  });

  it('the public plugin API imports nothing of the implementation', () => {
    const api = join(CORE, 'plugin-api');
    const wrong = [...core]
      .filter(([f]) => f.startsWith(api))
      .flatMap(([f, es]) => es.filter((e) => e.target && !e.target.startsWith(api)).map((e) => `${rel(f)} imports ${e.spec}`));
    const packages = [...core].filter(([f]) => f.startsWith(api)).flatMap(([, es]) => es.filter((e) => !e.target).map((e) => e.spec));
    expect(wrong).toEqual([]);
    expect([...new Set(packages)].sort()).toEqual(['@tessera/contract', 'fastify']);
  });

  it('has no import cycle', () => {
    expect(cycles(core).map((c: string[]) => c.map(rel).join(' -> '))).toEqual([]);
  });

  it('has no file over 450 lines', () => {
    const big = [...core.keys()].map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length - 1] as const).filter(([, n]) => n > 450);
    expect(big).toEqual([]);
  });
});

describe('packages', () => {
  const graph: Graph = buildGraph(['core', 'contract/src', 'plugin-kit/src', 'admin-ui/src', 'plugins'].map((d) => join(ROOT_DIR, d)));
  const under = (f: string, dir: string) => f.startsWith(`${join(ROOT_DIR, dir)}/`);
  const edges = (pred: (f: string) => boolean) =>
    [...graph].filter(([f]) => pred(f) && !f.includes('/node_modules/')).flatMap(([f, es]) => es.map((e) => ({ from: f, ...e })));

  it('nothing in core/ imports a plugin', () => {
    const wrong = edges((f) => under(f, 'core')).filter((e) => (e.target && under(e.target, 'plugins')) || e.spec.startsWith('@tessera/plugin-'));
    expect(wrong.map((e) => `${rel(e.from)} imports ${e.spec}`)).toEqual([]);
  });

  it('the contract is pure: it imports only itself and decimal.js', () => {
    const wrong = edges((f) => under(f, 'contract/src')).filter((e) =>
      e.target ? !under(e.target, 'contract/src') : !['decimal.js', 'vitest'].includes(e.spec),
    );
    expect(wrong.map((e) => `${rel(e.from)} imports ${e.spec}`)).toEqual([]);
  });

  it('the admin UI imports no core file (its wire types come from @tessera/contract)', () => {
    const wrong = edges((f) => under(f, 'admin-ui/src')).filter((e) => (e.target && under(e.target, 'core')) || e.spec.startsWith('@tessera/core'));
    expect(wrong.map((e) => `${rel(e.from)} imports ${e.spec}`)).toEqual([]);
  });

  it("a plugin reaches another plugin only through its package's public entry points", () => {
    const pluginOf = (f: string) => relative(join(ROOT_DIR, 'plugins'), f).split('/')[0]!;
    const wrong = edges((f) => under(f, 'plugins') && !relative(ROOT_DIR, f).split('/').includes('tests')).filter((e) => {
      if (e.target && under(e.target, 'plugins')) return pluginOf(e.target) !== pluginOf(e.from);
      const m = /^@tessera\/plugin-[a-z]+(\/.*)?$/.exec(e.spec);
      return !!m && m[1] !== undefined && m[1] !== '/api';
    });
    expect(wrong.map((e) => `${rel(e.from)} imports ${e.spec}`)).toEqual([]);
  });

  /**
   * Raw SQL on another plugin's tables. Another plugin's rows are read through its api.ts
   * functions (inventory's loadItems, stockWarehouseProblems...), its declared public views
   * (`<owner>_v_<name>`, PluginDefinition.views in the owner's src/views.ts), or
   * ctx.entity(key); writes always go through the service. The tables are the ones the
   * plugins' entity declarations make (`<plugin>_<entity>` and `<plugin>_<line items>`), found
   * as whole words (an entity key such as 'sales.sales_invoice' is not a table). Issue #12
   * took this from 113 references (accounting->sales 32, accounting->purchasing 30,
   * accounting->inventory 13, production->inventory 8, sales->crm 7, projects->inventory 6,
   * ...) to none: a new one fails here.
   */
  const plugins: string[] = pluginNames(ROOT_DIR);
  const sources = (p: string) => listFiles(join(ROOT_DIR, 'plugins', p, 'src')).filter((x: string) => !x.endsWith('.test.ts')) as string[];

  it("no plugin reads another plugin's tables with raw SQL", () => {
    const LEFT: Record<string, number> = {};
    const owners: Map<string, string> = tableOwners(ROOT_DIR);
    expect(owners.get('sales_sales_invoice_item')).toBe('sales');
    expect(owners.get('inventory_item')).toBe('inventory');
    // what counts: a table name in SQL; not an entity key, a column named like a table, or the plugin's own table
    expect(tablesIn(`select i.id from sales_sales_invoice i join inventory_item it on it.id = i.item`, 'accounting', owners)).toEqual([
      { table: 'sales_sales_invoice', owner: 'sales' },
      { table: 'inventory_item', owner: 'inventory' },
    ]);
    expect(tablesIn(`ctx.entity('sales.sales_invoice'); l.sales_order_item; from sales_v_invoice`, 'accounting', owners)).toEqual([]);
    expect(tablesIn(`select id from sales_customer`, 'sales', owners)).toEqual([]);
    const refs: { file: string; line: number; table: string }[] = crossPluginReferences(ROOT_DIR);
    const grown = Object.entries(countByPair(refs) as Record<string, number>)
      .filter(([k, n]) => n > (LEFT[k] ?? 0))
      .map(([k, n]) => `${k}: ${n} (at most ${LEFT[k] ?? 0})`);
    expect(grown, refs.map((r) => `${r.file}:${r.line} ${r.table}`).join('\n')).toEqual([]);
  });

  it("another plugin's views are read only when their owner declares them", async () => {
    const declared = new Set<string>();
    for (const p of plugins) {
      const file = join(ROOT_DIR, 'plugins', p, 'src', 'views.ts');
      if (!existsSync(file)) continue;
      const { views } = (await import(file)) as { views: Record<string, { entity: string }> };
      for (const name of Object.keys(views)) declared.add(`${p}_v_${name}`);
    }
    expect(declared.has('sales_v_invoice')).toBe(true);
    const viewName = new RegExp(`(?<![.\\w])(${plugins.join('|')})_v_[a-z_]+\\b`, 'g');
    const wrong: string[] = [];
    for (const p of plugins)
      for (const f of sources(p))
        for (const m of readFileSync(f, 'utf8').matchAll(viewName)) if (m[1] !== p && !declared.has(m[0])) wrong.push(`${rel(f)} reads ${m[0]}`);
    expect(wrong).toEqual([]);
  });
});
