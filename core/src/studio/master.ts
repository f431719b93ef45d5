/**
 * The configuration's master data against the rows as they are: the set-up records a plugin's
 * settings declare (configuredRecords: pipeline stages by name) whose values or order differ
 * from the database, and the titles of set-up records whose translation changes (a stage's
 * Lithuanian name). Each is a change of the plan in EN and LT; the updates are steps of apply
 * (keyed by natural key, so applying the same configuration again changes nothing).
 */
import type { ClientConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { ident } from '../db/database.js';
import { plainKeyOf } from '../data/references.js';
import type { EntityModel, FieldModel } from '../entities/model.js';
import type { PluginDefinition } from '../plugin-api/index.js';
import { collectTitleTranslations, type TitleSource as Titles } from '../data/titles.js';
import type { Change, Step } from './changes.js';

/** What the titles are read from (data/titles.ts), with the whole plugins: their configuredRecords too. */
interface TitleSource extends Titles {
  plugins: PluginDefinition[];
}

const decimalText = (v: unknown) => {
  const s = String(v);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
};

/** A value as the configuration and the column compare (decimals without trailing zeros, booleans as booleans). */
function comparable(f: FieldModel, v: unknown): string {
  if (v === null || v === undefined) return f.kind === 'boolean' ? 'false' : '';
  if (f.kind === 'decimal') return decimalText(v);
  return String(v);
}

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

function entityNames(e: EntityModel) {
  return { en: e.label, lt: e.labels?.lt?.title ?? e.label, plural: { en: e.plural, lt: e.labels?.lt?.plural ?? e.plural } };
}

/** Changes and apply steps that bring the declared set-up records in step with the configuration. */
export async function masterDataChanges(
  db: Database,
  entities: Map<string, EntityModel>,
  stored: ClientConfig,
  before: TitleSource,
  after: TitleSource,
): Promise<{ changes: Change[]; steps: Step[] }> {
  const changes: Change[] = [];
  const steps: Step[] = [];
  const added = new Set<string>();
  const beforeTitles = collectTitleTranslations(before);
  const afterTitles = collectTitleTranslations(after);
  for (const p of after.plugins) {
    const declared = p.configuredRecords && stored.settings?.[p.name] ? p.configuredRecords(stored.settings[p.name]!) : {};
    for (const [name, records] of Object.entries(declared)) {
      const e = entities.get(name.includes('.') ? name : `${p.name}.${name}`);
      const keyName = e && plainKeyOf(e, true);
      if (!e || !keyName || !records.length) continue;
      const keyField = e.fieldMap.get(keyName)!;
      const fieldsOf = (values: Record<string, unknown>) => Object.keys(values).flatMap((n) => (e.fieldMap.has(n) ? [e.fieldMap.get(n)!] : []));
      const all = [...new Map(records.flatMap((r) => fieldsOf(r.values)).map((f) => [f.name, f])).values()];
      const sortName = e.defaultSort.startsWith('-') ? undefined : e.defaultSort;
      const sortField = sortName ? e.fieldMap.get(sortName) : undefined;
      const cols = [...new Set([keyField, ...all, ...(sortField ? [sortField] : [])])];
      const rows = (
        await db.query<Record<string, any>>(`select id, ${cols.map((f) => `${ident(f.column)} as ${ident(f.name)}`).join(', ')} from ${ident(e.table)}`)
      ).rows;
      const byKey = new Map(rows.map((r) => [String(r[keyName]).toLowerCase(), r]));
      const names = entityNames(e);
      for (const rec of records) {
        const row = byKey.get(rec.key.toLowerCase());
        if (!row) {
          added.add(`${e.key}\u0000${rec.key}`);
          const lt = (afterTitles.get(e.key) ?? {}).lt?.[rec.key];
          changes.push({
            id: `masterdata.add:${e.key}.${rec.key}`,
            kind: 'masterdata.add',
            path: `/settings/${p.name}`,
            entity: e.key,
            description: {
              en: `add the ${names.en.toLowerCase()} "${rec.key}"${lt ? ` (in Lithuanian "${lt}")` : ''}`,
              lt: `pridėti įrašą „${lt ?? rec.key}“ (${names.lt}${lt ? `, angliškai „${rec.key}“` : ''})`,
            },
            steps: [`insert into ${e.table} (${keyName}, ...) by the ${p.name} seed on reload`],
            lossy: false,
          });
          continue;
        }
        const diff = fieldsOf(rec.values).filter((f) => comparable(f, row[f.name]) !== comparable(f, rec.values[f.name]));
        if (!diff.length) continue;
        const what = diff.map((f) => `${f.label} ${shown(row[f.name])} → ${shown(rec.values[f.name])}`).join(', ');
        const whatLt = diff.map((f) => `${f.labels?.lt ?? f.label} ${shown(row[f.name])} → ${shown(rec.values[f.name])}`).join(', ');
        steps.push({
          sql: `update ${ident(e.table)} set ${diff.map((f, i) => `${ident(f.column)} = $${i + 1}`).join(', ')} where id = $${diff.length + 1}`,
          params: [...diff.map((f) => rec.values[f.name] ?? (f.kind === 'boolean' ? false : null)), row.id],
        });
        changes.push({
          id: `masterdata.update:${e.key}.${rec.key}`,
          kind: 'masterdata.update',
          path: `/settings/${p.name}`,
          entity: e.key,
          description: { en: `change the ${names.en.toLowerCase()} "${rec.key}": ${what}`, lt: `pakeisti įrašą „${rec.key}“ (${names.lt}): ${whatLt}` },
          steps: [`update ${e.table} set ${diff.map((f) => `${f.column} = ${shown(rec.values[f.name])}`).join(', ')} where ${keyField.column} = '${rec.key}'`],
          lossy: false,
          rowsAffected: 1,
        });
      }
      // The list's order, when the entity is ordered by a number the configuration does not fix.
      if (sortField && sortField.kind === 'integer' && !all.includes(sortField)) {
        const present = records.filter((r) => byKey.has(r.key.toLowerCase()));
        const actual = [...present].sort((a, b) => {
          const ra = byKey.get(a.key.toLowerCase())!;
          const rb = byKey.get(b.key.toLowerCase())!;
          return Number(ra[sortField.name]) - Number(rb[sortField.name]) || Number(ra.id) - Number(rb.id);
        });
        if (actual.some((r, i) => r !== present[i])) {
          const order: Step[] = records.flatMap((r, i) => {
            const row = byKey.get(r.key.toLowerCase());
            return row && Number(row[sortField.name]) !== (i + 1) * 10
              ? [{ sql: `update ${ident(e.table)} set ${ident(sortField.column)} = $1 where id = $2`, params: [(i + 1) * 10, row.id] }]
              : [];
          });
          steps.push(...order);
          const list = present.map((r) => r.key).join(', ');
          changes.push({
            id: `masterdata.order:${e.key}`,
            kind: 'masterdata.order',
            path: `/settings/${p.name}`,
            entity: e.key,
            description: { en: `new order of the ${names.plural.en.toLowerCase()}: ${list}`, lt: `nauja įrašų „${names.plural.lt}“ tvarka: ${list}` },
            steps: order.map((s) => `update ${e.table} set ${sortField.column} = ${s.params[0]} where id = ${s.params[1]}`),
            lossy: false,
            rowsAffected: order.length,
          });
        }
      }
    }
  }
  // Titles of set-up records in other languages (seeded, from settings, configured).
  for (const e of entities.values()) {
    if (!e.setup || e.parent) continue;
    const t0 = beforeTitles.get(e.key) ?? {};
    const t1 = afterTitles.get(e.key) ?? {};
    const names = entityNames(e);
    for (const loc of new Set([...Object.keys(t0), ...Object.keys(t1)]))
      for (const title of new Set([...Object.keys(t0[loc] ?? {}), ...Object.keys(t1[loc] ?? {})])) {
        const a = t0[loc]?.[title];
        const b = t1[loc]?.[title];
        if (a === b || added.has(`${e.key}\u0000${title}`)) continue;
        changes.push({
          id: `masterdata.relabel:${e.key}.${title}.${loc}`,
          kind: 'masterdata.relabel',
          path: `/customizations/${e.key}/titles`,
          entity: e.key,
          description: {
            en: `the ${names.en.toLowerCase()} "${title}" in ${loc.toUpperCase()}: ${shown(a)} → ${shown(b)}`,
            lt: `įrašo „${title}“ (${names.lt}) pavadinimas kalba ${loc.toUpperCase()}: ${shown(a)} → ${shown(b)}`,
          },
          steps: [],
          lossy: false,
        });
      }
  }
  return { changes, steps };
}
