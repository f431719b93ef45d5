/**
 * The metadata of the catalog fixture plugins (tests/fixtures/plugins/catalog*), as GET
 * /api/meta returned it; the data provider's server test checks this copy still matches.
 * `withoutFormulas` removes the x-compute formulas, as an older core sent it.
 */
import raw from './catalog-meta.json';
import type { Meta, MetaEntity } from '../meta/types.js';

export const catalogMeta = (): Meta => structuredClone(raw) as unknown as Meta;

export function entity(meta: Meta, key: string): MetaEntity {
  const e = meta.entities.find((x) => x.key === key);
  if (!e) throw new Error(`no entity ${key} in the fixture meta`);
  return e;
}

export function withoutFormulas(meta: Meta): Meta {
  const order = entity(meta, 'catalog.order');
  delete order.fields.find((f) => f.name === 'total')!.compute;
  delete order.fields.find((f) => f.name === 'lines')!.children!.fields.find((f) => f.name === 'amount')!.compute;
  return meta;
}
