#!/usr/bin/env node
/**
 * The import graph of a folder of TypeScript files: every static `import`/`export ... from`,
 * `import type`, dynamic `import('...')` and inline `import('...').T` type reference that names
 * a relative file. Prints the strongly connected sets (import cycles) and the files over a
 * line limit. Used by tests/core/layering.test.ts and for the before/after figures of issue #12:
 *   node scripts/import-graph.mjs core/src [--max-lines 450]
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SPEC = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** Every .ts/.tsx file under dir (node_modules skipped). */
export function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The specifiers a source file imports (comments stripped first). */
export function importsOf(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const specs = [];
  for (const m of code.matchAll(SPEC)) specs.push(m[1]);
  return specs;
}

/** Resolves a relative specifier ('./x.js') to a file path, or null for packages. */
export function resolveSpec(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const c of [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return base;
}

/** file -> [{ spec, target }] for every file under the roots. */
export function buildGraph(roots) {
  const graph = new Map();
  for (const root of roots) {
    for (const f of listFiles(resolve(root))) {
      const src = readFileSync(f, 'utf8');
      graph.set(
        f,
        importsOf(src).map((spec) => ({ spec, target: resolveSpec(f, spec) })),
      );
    }
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one file (or a self-import). */
export function cycles(graph) {
  let index = 0;
  const idx = new Map(),
    low = new Map(),
    on = new Set(),
    stack = [],
    out = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const { target: w } of graph.get(v) ?? []) {
      if (!w || !graph.has(w)) continue;
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      const self = (graph.get(v) ?? []).some((e) => e.target === v);
      if (comp.length > 1 || self) out.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const max = args.includes('--max-lines') ? Number(args[args.indexOf('--max-lines') + 1]) : 450;
  const roots = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--max-lines');
  const graph = buildGraph(roots.length ? roots : ['core/src']);
  const cyc = cycles(graph);
  const cwd = process.cwd();
  console.log(`${graph.size} files, ${[...graph.values()].reduce((n, e) => n + e.length, 0)} imports, ${cyc.length} import cycle(s)`);
  for (const c of cyc) console.log(`  cycle of ${c.length}: ${c.map((f) => relative(cwd, f)).join(' -> ')}`);
  const big = [...graph.keys()].map((f) => [f, readFileSync(f, 'utf8').split('\n').length - 1]).filter(([, n]) => n > max);
  console.log(`${big.length} file(s) over ${max} lines`);
  for (const [f, n] of big) console.log(`  ${n} ${relative(cwd, f)}`);
}
