import { definePlugin } from '@tessera/core';

export * from './src/stock.js';

export default definePlugin({
  name: 'inventory',
  version: '1.0.0',
  label: 'Inventory',
  labels: { lt: 'Atsargos' },
  icon: 'warehouse',
});
