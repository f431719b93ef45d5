#!/usr/bin/env node
/**
 * Compiles the server for `pnpm start`: one ES module, core/dist/cli.mjs, with the core and
 * every plugin of the repository (core/builtin/*, plugins/*) bundled from their TypeScript by
 * esbuild; npm packages stay external (loaded from node_modules as usual). The server then runs
 * as one plain Node process: no tsx parent relaying signals, no loader thread, no TypeScript
 * compiled at start. Plugins are handed to the loader already imported (globalThis
 * .__tesseraPlugins, by entry file); a plugin outside the repository still loads by import().
 *
 * Rebuilds only when a source is newer than the bundle (like admin-ui/scripts/ensure-built.mjs).
 *   node core/scripts/build-server.mjs [--force]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(core, '..');
const out = join(core, 'dist', 'cli.mjs');

/** Plugin packages of the repository: [entry file, package dir]. */
function pluginEntries() {
  const found = [];
  for (const base of [join(core, 'builtin'), join(root, 'plugins')]) {
    if (!existsSync(base)) continue;
    for (const d of readdirSync(base)) {
      const pkgFile = join(base, d, 'package.json');
      if (!existsSync(pkgFile)) continue;
      const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
      if (typeof pkg.tessera?.plugin === 'string') found.push(resolve(base, d, pkg.main ?? 'index.ts'));
    }
  }
  return found;
}

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return /\.(ts|json|mjs)$/.test(path) ? st.mtimeMs : 0;
  return Math.max(
    0,
    ...readdirSync(path)
      .filter((f) => f !== 'node_modules' && f !== 'dist' && f !== 'tests')
      .map((f) => newest(join(path, f))),
  );
}

const sources = [join(core, 'src'), join(core, 'builtin'), join(root, 'plugins'), join(root, 'package.json')].filter(existsSync);
const force = process.argv.includes('--force');
if (!force && existsSync(out) && Math.max(...sources.map(newest)) <= statSync(out).mtimeMs) process.exit(0);

const { build } = await import('esbuild');
const entries = pluginEntries();
const started = Date.now();
// The entry: every repository plugin imported up front, then the CLI (which starts the server).
const entry = [
  ...entries.map((e, i) => `import * as p${i} from ${JSON.stringify(e)};`),
  `globalThis.__tesseraPlugins = new Map([${entries.map((e, i) => `[${JSON.stringify(e)}, p${i}]`).join(', ')}]);`,
  `await import(${JSON.stringify(join(core, 'src', 'cli.ts'))});`,
].join('\n');
await build({
  stdin: { contents: entry, resolveDir: core, sourcefile: 'tessera-entry.mjs', loader: 'js' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: out,
  sourcemap: 'linked',
  logLevel: 'warning',
  // npm packages load from node_modules; the workspace's own packages (@tessera/*) are bundled.
  // An external package is imported by the absolute path its importer resolves it to: a plugin's
  // own dependency (fast-xml-parser of accounting) is not reachable from core/dist under pnpm.
  plugins: [
    {
      name: 'external-npm',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, async (args) => {
          if (args.pluginData?.inner || args.path.startsWith('@tessera/') || args.path.startsWith('node:')) return undefined;
          const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } });
          if (found.errors.length || !found.path || found.external) return { path: args.path, external: true };
          return { path: found.path, external: true };
        });
      },
    },
  ],
  // import.meta.url of the bundle is core/dist/cli.mjs: ROOT_DIR (two folders up) stays the repository.
  banner: { js: '// Built by core/scripts/build-server.mjs from core/src and the plugins: do not edit.' },
});
console.log(`[tessera] compiled the server (${entries.length} plugins) into ${out.slice(root.length + 1)} in ${Date.now() - started} ms`);
