#!/usr/bin/env node
/**
 * Raw SQL on another plugin's tables: every whole-word use, in a plugin's src/ (tests left
 * out), of a table another plugin's entity declarations make (`<plugin>_<entity>`, and
 * `<plugin>_<line items>` for x-children). An entity key such as 'sales.sales_invoice' is not
 * a table and does not count. Used by tests/core/layering.test.ts and for the figures of issue
 * #12 (113 references before its owner views, 0 after):
 *   node scripts/cross-plugin-sql.mjs [--list]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from './import-graph.mjs';

/** The plugin folders (those with a package.json). */
export const pluginNames = (root) => readdirSync(join(root, 'plugins')).filter((p) => existsSync(join(root, 'plugins', p, 'package.json')));

/** Table name -> owning plugin, from the entity declarations. */
export function tableOwners(root) {
  const owners = new Map();
  for (const p of pluginNames(root)) {
    const dir = join(root, 'plugins', p, 'entities');
    if (!existsSync(dir)) continue;
    const lines = (props) => {
      for (const v of Object.values(props ?? {}))
        if (v?.['x-children']) {
          owners.set(`${p}_${v['x-children'].name}`, p);
          lines(v.items?.properties);
        }
    };
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const decl = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      owners.set(`${p}_${decl.name}`, p);
      lines(decl.properties);
    }
  }
  return owners;
}

/** The other plugins' tables a line of plugin `from`'s source names: [{ table, owner }]. */
export function tablesIn(text, from, owners) {
  const out = [];
  for (const m of text.matchAll(/(?<![.\w])[a-z]+_[a-z_]+\b/g)) {
    const owner = owners.get(m[0]);
    if (owner && owner !== from) out.push({ table: m[0], owner });
  }
  return out;
}

/** Every reference: { from, owner, table, file, line }. */
export function crossPluginReferences(root) {
  const owners = tableOwners(root);
  const out = [];
  for (const p of pluginNames(root))
    for (const file of listFiles(join(root, 'plugins', p, 'src')).filter((x) => !x.endsWith('.test.ts')))
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          for (const r of tablesIn(text, p, owners)) out.push({ from: p, ...r, file: relative(root, file), line: i + 1 });
        });
  return out;
}

/** References per "plugin->owner". */
export function countByPair(refs) {
  const counts = {};
  for (const r of refs) counts[`${r.from}->${r.owner}`] = (counts[`${r.from}->${r.owner}`] ?? 0) + 1;
  return counts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const refs = crossPluginReferences(root);
  const counts = Object.entries(countByPair(refs)).sort((a, b) => b[1] - a[1]);
  for (const [pair, n] of counts) console.log(`${pair}: ${n}`);
  console.log(`total: ${refs.length}`);
  if (process.argv.includes('--list')) for (const r of refs) console.log(`${r.file}:${r.line} ${r.table}`);
}
