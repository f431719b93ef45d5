import { definePlugin } from '@tessera/core';

export default definePlugin({
  name: 'purchasing',
  version: '1.0.0',
  label: 'Purchasing',
  labels: { lt: 'Pirkimai' },
  icon: 'shopping_cart',
  dependsOn: ['inventory'],
});
