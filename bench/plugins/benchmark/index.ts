import { definePlugin } from '@tessera/core';

/**
 * The benchmark's plugin: one realistic entity (item, ~10 fields) and a small one it refers to
 * (category). Rows are seeded by bench/run.ts with one INSERT ... SELECT generate_series.
 */
export default definePlugin({
  name: 'benchmark',
  version: '1.0.0',
  label: 'Benchmark',
  description: 'Entities used by the performance benchmark in bench/ (not for production).',
  icon: 'speed',
});
