/**
 * The metadata of the catalog fixture plugin (tests/fixtures/plugins/catalog), as GET
 * /api/meta returned it; the data provider's server test checks this copy still matches.
 * `withFormulas` adds the x-compute formulas that the core does not publish yet.
 */
import raw from './catalog-meta.json';
import type { Meta, MetaEntity } from '../meta/types.js';

export const catalogMeta = (): Meta => structuredClone(raw) as unknown as Meta;

export function entity(meta: Meta, key: string): MetaEntity {
  const e = meta.entities.find((x) => x.key === key);
  if (!e) throw new Error(`no entity ${key} in the fixture meta`);
  return e;
}

export function withFormulas(meta: Meta): Meta {
  const order = entity(meta, 'catalog.order');
  order.fields.find((f) => f.name === 'total')!.compute = { sum: 'lines.amount' };
  const lines = order.fields.find((f) => f.name === 'lines')!.children!;
  lines.fields.find((f) => f.name === 'amount')!.compute = { mul: ['qty', 'rate'] };
  return meta;
}
