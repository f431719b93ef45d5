/**
 * What a proposed configuration changes, in the consultant's words (EN and LT): plugins switched
 * on or off, fields added, made required, relabelled, hidden, enum options added, removed or
 * reordered, numbering, roles and settings. The plan (plan.ts) adds the migration steps, the
 * rows affected and what is lossy to these.
 */
import type { ClientConfig, EntityCustomization } from '../config.js';
import type { EntityModel, FieldModel } from '../entities/model.js';
import type { ConfigChange, ConfigQuestion, LocalText } from '@tessera/contract';
import { canonicalJson } from './store.js';

/** One SQL statement of a plan's migration steps, with its parameters. */
export interface Step {
  sql: string;
  params: unknown[];
}

export type Text = LocalText;
export type Change = ConfigChange;
export type Question = ConfigQuestion;

/** A plugin's name and label as the studio shows it. */
export interface PluginInfo {
  name: string;
  label: Text;
  dependsOn: string[];
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function change(kind: string, path: string, en: string, lt: string, extra: Partial<Change> = {}): Change {
  const id = `${kind}:${extra.entity ?? ''}${extra.field ? `.${extra.field}` : ''}${extra.entity || extra.field ? '' : path}`;
  return { id, kind, path, description: { en, lt }, steps: [], lossy: false, ...extra };
}

/** Plugins on and off; a plugin pulled in for another names who needs it. */
export function pluginChanges(before: string[], after: string[], added: Map<string, string[]>, info: Map<string, PluginInfo>): Change[] {
  const label = (n: string) => info.get(n)?.label ?? { en: n, lt: n };
  const out: Change[] = [];
  for (const name of after.filter((p) => !before.includes(p))) {
    const l = label(name);
    const deps = (info.get(name)?.dependsOn ?? []).map((d) => label(d));
    const neededBy = added.get(name);
    const en = neededBy
      ? `enable ${l.en} (${name}): ${neededBy.map((n) => label(n).en).join(', ')} need${neededBy.length === 1 ? 's' : ''} it`
      : `enable ${l.en} (${name})${deps.length ? `; it needs ${deps.map((d) => d.en).join(', ')}` : ''}`;
    const lt = neededBy
      ? `įjungti modulį „${l.lt}“ (${name}): jo reikia moduliui ${neededBy.map((n) => `„${label(n).lt}“`).join(', ')}`
      : `įjungti modulį „${l.lt}“ (${name})${deps.length ? `; jam reikia ${deps.map((d) => `„${d.lt}“`).join(', ')}` : ''}`;
    out.push(change('plugin.enable', '/plugins', en, lt, { id: `plugin.enable:${name}` }));
  }
  for (const name of before.filter((p) => !after.includes(p))) {
    const l = label(name);
    out.push(
      change(
        'plugin.disable',
        '/plugins',
        `disable ${l.en} (${name}); its tables and data are kept`,
        `išjungti modulį „${l.lt}“ (${name}); jo lentelės ir duomenys išlieka`,
        { id: `plugin.disable:${name}` },
      ),
    );
  }
  return out;
}

function fieldLabel(f: FieldModel | undefined, name: string): Text {
  return { en: f?.label ?? name, lt: f?.labels?.lt ?? f?.label ?? name };
}

/** Field and entity changes of one entity's customization, read against the models before and after. */
export function entityChanges(
  key: string,
  before: EntityModel | undefined,
  after: EntityModel,
  c0: EntityCustomization = {},
  c1: EntityCustomization = {},
): Change[] {
  const out: Change[] = [];
  const base = `/customizations/${esc(key)}`;
  const entityLabel = { en: after.label, lt: after.labels?.lt?.title ?? after.label };
  const pre = before?.fieldMap;
  for (const f of after.fields) {
    const old = pre?.get(f.name);
    const l = fieldLabel(f, f.name);
    const path = f.custom ? `${base}/addFields/${f.name}` : `${base}/fields/${f.name}`;
    const filtered = after.filters.includes(f.name);
    if (filtered !== (before?.filters.includes(f.name) ?? false) && (old || filtered))
      out.push(
        change(
          'field.filter',
          path,
          `${filtered ? 'offer' : 'stop offering'} "${l.en}" (${key}.${f.name}) as a list filter`,
          `${filtered ? 'siūlyti' : 'nebesiūlyti'} lauką „${l.lt}“ (${key}.${f.name}) kaip sąrašo filtrą`,
          { entity: key, field: f.name, id: `field.filter:${key}.${f.name}` },
        ),
      );
    if (!old) {
      out.push(
        change(
          'field.add',
          path,
          `add the field "${l.en}" (${f.name}, ${f.kind}${f.required ? ', required' : ''}) to ${entityLabel.en}`,
          `pridėti lauką „${l.lt}“ (${f.name}, ${f.kind}${f.required ? ', privalomas' : ''}) objektui „${entityLabel.lt}“`,
          { entity: key, field: f.name, id: `field.add:${key}.${f.name}` },
        ),
      );
      continue;
    }
    if (f.required && !old.required)
      out.push(
        change('field.require', path, `make "${l.en}" (${key}.${f.name}) required`, `padaryti lauką „${l.lt}“ (${key}.${f.name}) privalomu`, {
          entity: key,
          field: f.name,
          id: `field.require:${key}.${f.name}`,
        }),
      );
    if (!f.required && old.required)
      out.push(
        change('field.optional', path, `make "${l.en}" (${key}.${f.name}) optional`, `padaryti lauką „${l.lt}“ (${key}.${f.name}) neprivalomu`, {
          entity: key,
          field: f.name,
          id: `field.optional:${key}.${f.name}`,
        }),
      );
    if (old.label !== f.label || !same(old.labels, f.labels))
      out.push(
        change('field.relabel', path, `rename the label of ${key}.${f.name} to "${l.en}"`, `pervadinti lauko ${key}.${f.name} etiketę į „${l.lt}“`, {
          entity: key,
          field: f.name,
          id: `field.relabel:${key}.${f.name}`,
        }),
      );
    if (old.hidden !== f.hidden)
      out.push(
        change(
          'field.hide',
          path,
          `${f.hidden ? 'hide' : 'show'} ${key}.${f.name} in forms and lists`,
          `${f.hidden ? 'paslėpti' : 'rodyti'} lauką ${key}.${f.name} formose ir sąrašuose`,
          { entity: key, field: f.name, id: `field.hide:${key}.${f.name}` },
        ),
      );
    if (!same(old.default, f.default))
      out.push(
        change(
          'field.default',
          path,
          `new records get ${JSON.stringify(f.default ?? null)} in ${key}.${f.name}`,
          `nauji įrašai gaus ${JSON.stringify(f.default ?? null)} lauke ${key}.${f.name}`,
          {
            entity: key,
            field: f.name,
            id: `field.default:${key}.${f.name}`,
          },
        ),
      );
    out.push(...enumChanges(key, old, f, path));
    if (old.kind !== f.kind || old.maxLength !== f.maxLength || old.precision !== f.precision || old.scale !== f.scale)
      out.push(
        change(
          'field.type',
          path,
          `change the type of ${key}.${f.name} (${old.kind} -> ${f.kind})`,
          `pakeisti lauko ${key}.${f.name} tipą (${old.kind} -> ${f.kind})`,
          {
            entity: key,
            field: f.name,
            id: `field.type:${key}.${f.name}`,
          },
        ),
      );
  }
  for (const old of before?.fields ?? [])
    if (!after.fieldMap.has(old.name)) {
      const l = fieldLabel(old, old.name);
      out.push(
        change(
          'field.remove',
          `${base}/addFields/${old.name}`,
          `remove the field "${l.en}" (${key}.${old.name}) and its values`,
          `pašalinti lauką „${l.lt}“ (${key}.${old.name}) ir jo reikšmes`,
          { entity: key, field: old.name, id: `field.remove:${key}.${old.name}` },
        ),
      );
    }
  out.push(...positionChanges(key, base, after, c0, c1));
  if (!same(c0.naming, c1.naming))
    out.push(
      change(
        'numbering.change',
        `${base}/naming`,
        `number new ${entityLabel.en} records as ${after.naming?.pattern ?? '(default)'}`,
        `naujus įrašus „${entityLabel.lt}“ numeruoti ${after.naming?.pattern ?? '(numatytai)'}`,
        { entity: key, id: `numbering.change:${key}` },
      ),
    );
  if (!same(c0.listColumns, c1.listColumns))
    out.push(
      change(
        'list.change',
        `${base}/listColumns`,
        `list columns of ${entityLabel.en}: ${after.listColumns.join(', ')}`,
        `sąrašo stulpeliai „${entityLabel.lt}“: ${after.listColumns.join(', ')}`,
        {
          entity: key,
          id: `list.change:${key}`,
        },
      ),
    );
  if (before && before.defaultSort !== after.defaultSort) {
    const sort = after.defaultSort.replace(/^-/, '');
    const l = fieldLabel(after.fieldMap.get(sort), sort);
    const desc = after.defaultSort.startsWith('-');
    out.push(
      change(
        'list.sort',
        `${base}/defaultSort`,
        `sort the list of ${entityLabel.en} by "${l.en}" (${desc ? 'descending' : 'ascending'})`,
        `rikiuoti sąrašą „${entityLabel.lt}“ pagal „${l.lt}“ (${desc ? 'mažėjančiai' : 'didėjančiai'})`,
        { entity: key, id: `list.sort:${key}` },
      ),
    );
  }
  if (!same(c0.title, c1.title) || !same(c0.plural, c1.plural) || !same(c0.labels, c1.labels))
    out.push(
      change('entity.relabel', base, `rename ${key} to "${entityLabel.en}"`, `pervadinti ${key} į „${entityLabel.lt}“`, {
        entity: key,
        id: `entity.relabel:${key}`,
      }),
    );
  return out;
}

/** Fields placed elsewhere in the form (customizations' `after`). */
function positionChanges(key: string, base: string, after: EntityModel, c0: EntityCustomization, c1: EntityCustomization): Change[] {
  const out: Change[] = [];
  for (const name of Object.keys(c1.fields ?? {})) {
    const to = c1.fields?.[name]?.after;
    if (to === undefined || to === c0.fields?.[name]?.after) continue;
    const l = fieldLabel(after.fieldMap.get(name), name);
    const t = fieldLabel(after.fieldMap.get(to), to);
    out.push(
      change(
        'field.position',
        `${base}/fields/${name}/after`,
        to ? `place "${l.en}" (${key}.${name}) after "${t.en}" in the form` : `place "${l.en}" (${key}.${name}) first in the form`,
        to ? `lauką „${l.lt}“ (${key}.${name}) formoje rodyti po lauko „${t.lt}“` : `lauką „${l.lt}“ (${key}.${name}) formoje rodyti pirmą`,
        { entity: key, field: name, id: `field.position:${key}.${name}` },
      ),
    );
  }
  return out;
}

function enumChanges(key: string, old: FieldModel, f: FieldModel, path: string): Change[] {
  const a = old.enumValues ?? [];
  const b = f.enumValues ?? [];
  if (!a.length && !b.length) return [];
  const out: Change[] = [];
  const ids = { entity: key, field: f.name };
  const added = b.filter((v) => !a.includes(v));
  const removed = a.filter((v) => !b.includes(v));
  if (added.length)
    out.push(
      change(
        'enum.add',
        `${path}/enum`,
        `add option(s) ${added.join(', ')} to ${key}.${f.name}`,
        `pridėti pasirinkimą(-us) ${added.join(', ')} lauke ${key}.${f.name}`,
        {
          ...ids,
          id: `enum.add:${key}.${f.name}`,
        },
      ),
    );
  if (removed.length)
    out.push(
      change(
        'enum.remove',
        `${path}/enum`,
        `remove option(s) ${removed.join(', ')} of ${key}.${f.name}`,
        `pašalinti pasirinkimą(-us) ${removed.join(', ')} lauke ${key}.${f.name}`,
        {
          ...ids,
          id: `enum.remove:${key}.${f.name}`,
        },
      ),
    );
  const kept = a.filter((v) => b.includes(v));
  if (kept.join('\u0000') !== b.filter((v) => a.includes(v)).join('\u0000'))
    out.push(
      change(
        'enum.reorder',
        `${path}/enum`,
        `new order of ${key}.${f.name}: ${b.join(', ')}`,
        `nauja lauko ${key}.${f.name} pasirinkimų tvarka: ${b.join(', ')}`,
        {
          ...ids,
          id: `enum.reorder:${key}.${f.name}`,
        },
      ),
    );
  if (!same(old.enumColors, f.enumColors))
    out.push(
      change('enum.color', `${path}/enumColors`, `new colours of the options of ${key}.${f.name}`, `naujos lauko ${key}.${f.name} pasirinkimų spalvos`, {
        ...ids,
        id: `enum.color:${key}.${f.name}`,
      }),
    );
  if (!same(old.enumLabels, f.enumLabels) || !same(old.enumLabelsI18n, f.enumLabelsI18n))
    out.push(
      change('enum.relabel', `${path}/enumLabels`, `new labels of the options of ${key}.${f.name}`, `nauji lauko ${key}.${f.name} pasirinkimų pavadinimai`, {
        ...ids,
        id: `enum.relabel:${key}.${f.name}`,
      }),
    );
  return out;
}

const TOP_LEVEL = ['company', 'locales', 'auth', 'print', 'mail', 'outbox', 'notifications', 'files', 'webhooks'] as const;

/** Roles, plugin settings and the other top-level sections. */
export function settingChanges(c0: ClientConfig, c1: ClientConfig): Change[] {
  const out: Change[] = [];
  const names = new Set([...Object.keys(c0.roles ?? {}), ...Object.keys(c1.roles ?? {})]);
  for (const r of [...names].sort()) {
    const a = c0.roles?.[r];
    const b = c1.roles?.[r];
    if (same(a, b)) continue;
    const what = !a ? ['add', 'pridėti'] : !b ? ['remove', 'pašalinti'] : ['change', 'pakeisti'];
    out.push(
      change('role.change', `/roles/${esc(r)}`, `${what[0]} the role ${r}${b ? ` (${b.label})` : ''}`, `${what[1]} vaidmenį ${r}${b ? ` (${b.label})` : ''}`, {
        id: `role.change:${r}`,
      }),
    );
  }
  const plugins = new Set([...Object.keys(c0.settings ?? {}), ...Object.keys(c1.settings ?? {})]);
  for (const p of [...plugins].sort())
    if (!same(c0.settings?.[p], c1.settings?.[p]))
      out.push(change('setting.change', `/settings/${p}`, `change the settings of ${p}`, `pakeisti modulio ${p} nustatymus`, { id: `setting.change:${p}` }));
  for (const k of TOP_LEVEL)
    if (!same((c0 as any)[k], (c1 as any)[k])) out.push(change('setting.change', `/${k}`, `change ${k}`, `pakeisti ${k}`, { id: `setting.change:${k}` }));
  return out;
}
