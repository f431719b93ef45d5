/**
 * The V8 old-space limit the server runs with (issue #16: 1,000,000 exported or imported rows
 * without the RSS passing 300 MB). Streaming keeps the live heap flat (about 60 MB for a 1M
 * export or import); without a limit V8 sizes the old generation from the machine's memory and
 * lets the garbage grow to several hundred MB before a major collection. `pnpm start` and
 * `pnpm serve` pass `--max-old-space-size=${TESSERA_MAX_HEAP_MB-<default>}` to node (the
 * default is this constant, tests/core/compiled-start.test.ts checks the two agree); the
 * benches pass the same through heapArgs().
 */
export const DEFAULT_MAX_HEAP_MB = 512;

/** Node's options for TESSERA_MAX_HEAP_MB: unset is the default, 0 or empty is V8's own sizing. */
export function heapArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  const mb = env.TESSERA_MAX_HEAP_MB ?? String(DEFAULT_MAX_HEAP_MB);
  return mb && mb !== '0' ? [`--max-old-space-size=${mb}`] : [];
}
