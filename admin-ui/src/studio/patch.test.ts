import { describe, expect, it } from 'vitest';
import {
  addFieldEdit,
  applyPatch,
  customFieldName,
  draftConfig,
  enumEdit,
  fieldDeclaration,
  filterEdit,
  hideEdit,
  numberingEdit,
  positionEdit,
  relabelEdit,
  sortEdit,
} from './patch.js';
import { stageChangeEdit, stagesEdit } from './StagesCard.js';
import { allows, declarationOf, toggle } from './roles.js';
import type { ClientConfig } from './types.js';

const stagesOf = (c: ClientConfig): any[] => (c.settings?.crm?.stages as any[] | undefined) ?? [];
const base: ClientConfig = { plugins: ['crm', 'sales'], customizations: { 'sales.customer': { fields: { name: { title: 'Client' } } } } };

describe('studio patches', () => {
  it('names custom fields x_ in lower snake case, accents dropped', () => {
    expect(customFieldName('Kliento kodas')).toBe('x_kliento_kodas');
    expect(customFieldName('Šalies kodas')).toBe('x_salies_kodas');
    expect(customFieldName('x_Tier')).toBe('x_tier');
  });

  it('declares every field kind as the vocabulary does', () => {
    expect(fieldDeclaration({ name: 'x', kind: 'money', en: 'Budget', lt: 'Biudžetas', scale: 2 })).toEqual({
      type: 'string',
      format: 'decimal',
      'x-precision': 18,
      'x-scale': 2,
      title: 'Budget',
      'x-labels': { lt: { title: 'Biudžetas' } },
      'x-ui': { kind: 'money' },
    });
    expect(fieldDeclaration({ name: 'x', kind: 'url', en: 'Site', lt: '' })).toMatchObject({ type: 'string', format: 'uri' });
    expect(fieldDeclaration({ name: 'x', kind: 'datetime', en: 'At', lt: '' })).toMatchObject({ format: 'date-time' });
    expect(fieldDeclaration({ name: 'x', kind: 'reference', en: 'Item', lt: '', ref: 'inventory.item' })).toMatchObject({
      type: 'integer',
      'x-ref': 'inventory.item',
    });
    const tier = fieldDeclaration({
      name: 'x_tier',
      kind: 'enum',
      en: 'Tier',
      lt: 'Lygis',
      options: [
        { value: 'gold', en: 'Gold', lt: 'Auksinis' },
        { value: 'silver', en: 'Silver', lt: '' },
      ],
    });
    expect(tier).toMatchObject({
      enum: ['gold', 'silver'],
      'x-enum-labels': { gold: 'Gold', silver: 'Silver' },
      'x-labels': { lt: { title: 'Lygis', enum: { gold: 'Auksinis' } } },
    });
  });

  it('adds a required field, creating the missing parents first, and the patch applies', () => {
    const edit = addFieldEdit(base, 'sales.customer', { name: '', kind: 'string', en: 'Segment', lt: 'Segmentas', required: true, column: true }, [
      'name',
      'code',
    ]);
    expect(edit.ops.map((o) => [o.op, o.path])).toEqual([
      ['add', '/customizations/sales.customer/addFields'],
      ['add', '/customizations/sales.customer/addFields/x_segment'],
      ['add', '/customizations/sales.customer/fields/x_segment'],
      ['add', '/customizations/sales.customer/fields/x_segment/required'],
      ['add', '/customizations/sales.customer/listColumns'],
    ]);
    const after = applyPatch(base, edit.ops);
    expect(after.customizations['sales.customer'].addFields.x_segment).toEqual({
      type: 'string',
      maxLength: 140,
      title: 'Segment',
      'x-labels': { lt: { title: 'Segmentas' } },
    });
    expect(after.customizations['sales.customer'].listColumns).toEqual(['name', 'code', 'x_segment']);
    expect(after.customizations['sales.customer'].fields.name).toEqual({ title: 'Client' });
    expect(base.customizations['sales.customer'].addFields).toBeUndefined(); // the original is untouched
  });

  it('a draft of edits applies in order, each seeing the ones before', () => {
    const one = addFieldEdit(base, 'crm.lead', { name: 'tier', kind: 'boolean', en: 'VIP', lt: 'VIP' });
    const two = relabelEdit(applyPatch(base, one.ops), 'crm.lead', 'x_tier', true, 'Key account', 'Svarbus klientas');
    const three = hideEdit(draftConfig(base, [one, two]), 'crm.lead', 'email', true);
    const four = numberingEdit(draftConfig(base, [one, two, three]), 'sales.sales_order', 'SO-.YYYY.-.####');
    const result = draftConfig(base, [one, two, three, four]);
    expect(result.customizations['crm.lead']).toEqual({
      addFields: { x_tier: { type: 'boolean', title: 'Key account', 'x-labels': { lt: { title: 'Svarbus klientas' } } } },
      fields: { email: { hidden: true } },
    });
    expect(result.customizations['sales.sales_order']).toEqual({ naming: { pattern: 'SO-.YYYY.-.####' } });
  });

  it('reorders and translates the options of a declared enum', () => {
    const e = enumEdit(base, 'crm.lead', 'status', false, [
      { value: 'open', en: 'Open', lt: 'Atviras' },
      { value: 'new', en: 'New', lt: 'Naujas' },
    ]);
    const out = applyPatch(base, e.ops).customizations['crm.lead'].fields.status;
    expect(out).toEqual({
      enum: ['open', 'new'],
      enumLabels: { open: 'Open', new: 'New' },
      labels: { lt: { enum: { open: 'Atviras', new: 'Naujas' } } },
    });
  });
});

describe('the role matrix', () => {
  const rep = declarationOf({
    id: 1,
    name: 'crm.sales_rep',
    label: 'Sales rep',
    permissions: [
      { entity: 'crm.*', actions: 'read', row_rule: null },
      { entity: 'crm.opportunity', actions: 'read,create', row_rule: 'own' },
    ],
    field_rules: [{ entity: 'crm.opportunity', field: 'amount', access: 'read' }],
  });

  it('reads a stored role as a declaration; the most specific line decides each cell', () => {
    expect(rep).toEqual({
      label: 'Sales rep',
      permissions: { 'crm.*': ['read'], 'crm.opportunity': ['read', 'create'] },
      rows: { 'crm.opportunity': 'own' },
      fields: { 'crm.opportunity': { amount: 'read' } },
    });
    expect(allows(rep, 'crm.opportunity', 'create')).toBe(true);
    expect(allows(rep, 'crm.lead', 'read')).toBe(true);
    expect(allows(rep, 'crm.lead', 'create')).toBe(false);
    expect(allows(rep, 'sales.customer', 'read')).toBe(false);
  });

  it('a toggled cell gives the entity its own line, copied from the wider one', () => {
    const next = toggle(rep, 'crm.lead', 'create', ['read', 'create', 'update']);
    expect(next.permissions['crm.lead']).toEqual(['read', 'create']);
    expect(next.permissions['crm.*']).toEqual(['read']);
    const off = toggle(next, 'crm.opportunity', 'read', []);
    expect(off.permissions['crm.opportunity']).toEqual(['create']);
  });

  it('places a field, makes it filterable and sets the default sort under the entity customization', () => {
    // Each edit is made on the configuration with the draft so far (as the screens do).
    let c = base;
    for (const edit of [
      (x: ClientConfig) => positionEdit(x, 'sales.customer', 'email', 'name'),
      (x: ClientConfig) => filterEdit(x, 'sales.customer', 'email', true),
      (x: ClientConfig) => sortEdit(x, 'sales.customer', 'created_at', true),
    ])
      c = draftConfig(c, [edit(c)]);
    expect(c.customizations?.['sales.customer']).toEqual({
      fields: { name: { title: 'Client' }, email: { after: 'name', filterable: true } },
      defaultSort: '-created_at',
    });
    expect(positionEdit(base, 'sales.customer', 'email', '').summary.en).toMatch(/first in the form/);
  });

  it('keeps option colours with the options (declared fields: enumColors; custom ones: x-enum-colors), and drops them when none is left', () => {
    const opts = [
      { value: 'company', en: 'Company', lt: 'Įmonė', color: '#1565c0' },
      { value: 'individual', en: 'Individual', lt: '' },
    ];
    const declared = draftConfig(base, [enumEdit(base, 'sales.customer', 'customer_type', false, opts)]);
    expect(declared.customizations?.['sales.customer']?.fields?.customer_type?.enumColors).toEqual({ company: '#1565c0' });
    const plain = draftConfig(declared, [
      enumEdit(
        declared,
        'sales.customer',
        'customer_type',
        false,
        opts.map(({ color: _c, ...o }) => o),
      ),
    ]);
    expect(plain.customizations?.['sales.customer']?.fields?.customer_type).not.toHaveProperty('enumColors');
    const custom = addFieldEdit(base, 'sales.customer', {
      name: 'tier',
      kind: 'enum',
      en: 'Tier',
      lt: 'Lygis',
      options: [{ value: 'gold', en: 'Gold', lt: '' }],
    });
    const withField = draftConfig(base, [custom]);
    const coloured = draftConfig(withField, [
      enumEdit(withField, 'sales.customer', 'x_tier', true, [{ value: 'gold', en: 'Gold', lt: 'Auksinis', color: '#d4a017' }]),
    ]);
    expect(coloured.customizations?.['sales.customer']?.addFields?.x_tier).toMatchObject({ 'x-enum-colors': { gold: '#d4a017' } });
  });

  it('changes or moves an existing pipeline stage in the configured list', () => {
    const stages = [
      { name: 'New', probability: '10' },
      { name: 'Offer', probability: '50', labels: { lt: 'Pasiūlymas' } },
      { name: 'Won', probability: '100', is_won: true },
    ];
    const renamed = draftConfig(base, [stageChangeEdit(base, stages, 1, { ...stages[1]!, labels: { lt: 'Komercinis pasiūlymas' } })]);
    expect(stagesOf(renamed).map((s) => s.labels?.lt ?? null)).toEqual([null, 'Komercinis pasiūlymas', null]);
    const moved = draftConfig(base, [stageChangeEdit(base, stages, 1, stages[1]!, 0)]);
    expect(stagesOf(moved).map((s) => s.name)).toEqual(['Offer', 'New', 'Won']);
    const inserted = draftConfig(base, [stagesEdit(base, stages, 1, { name: 'Demo', probability: '30' })]);
    expect(stagesOf(inserted).map((s) => s.name)).toEqual(['New', 'Demo', 'Offer', 'Won']);
  });
});
