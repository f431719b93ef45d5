/**
 * Duplicate detection for organizations, contacts and leads. The API never creates a
 * duplicate silently: a new record (or an edit) whose e-mail, or whose normalized name, matches
 * an existing record of the same kind is refused with 409 POSSIBLE_DUPLICATE, naming the
 * existing record(s) the caller may read, unless the request sends "allow_duplicate": true
 * (kept on the record, so the decision is visible). A match outside the caller's row rule is
 * only said to exist, without its id or name (a sales rep must not learn of another rep's lead).
 * GET /api/crm/reports/duplicates lists the groups already stored, among the readable records.
 *
 * Matching (case- and whitespace-insensitive):
 *   organization  same e-mail, or same name
 *   contact       same e-mail, or same full name at the same organization
 *   lead          same e-mail, or same person at the same company
 */
import { TesseraError, type FieldProblem, type Hook, type HookArgs, type ServiceContext } from '@tessera/core';
import { scopedParams } from '@tessera/plugin-kit';
import type { CrmSettings } from './settings.js';
import { errors } from '../errors.js';

/** SQL expression that normalizes a name column: lower case, single spaces, trimmed. */
const norm = (col: string) => `lower(regexp_replace(btrim(coalesce(${col}, '')), '\\s+', ' ', 'g'))`;
const normValue = (v: unknown) =>
  String(v ?? '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();

interface DuplicateRule {
  /** Field path reported for the name match. */
  namePath: string;
  /** Name expression over the table alias t, and the fields of the document it is built from. */
  nameSql: string;
  nameOf: (doc: Record<string, any>) => string;
  /** Extra scope of a name match (same organization / company), or undefined. */
  scopeSql?: string;
  scopeOf?: (doc: Record<string, any>) => unknown;
  label: string;
  titleSql: string;
  /** The fields matching reads (the duplicates report needs them visible). */
  fields: readonly string[];
}

export const DUPLICATE_RULES: Record<string, DuplicateRule> = {
  'crm.organization': {
    namePath: 'name',
    nameSql: norm('t.name'),
    nameOf: (d) => normValue(d.name),
    label: 'Organization',
    titleSql: 't.name',
    fields: ['email', 'name'],
  },
  'crm.contact': {
    namePath: 'first_name',
    nameSql: norm(`concat_ws(' ', t.first_name, t.last_name)`),
    nameOf: (d) => normValue([d.first_name, d.last_name].filter(Boolean).join(' ')),
    scopeSql: 't.organization is not distinct from $3',
    scopeOf: (d) => d.organization ?? null,
    label: 'Contact',
    titleSql: 't.full_name',
    fields: ['email', 'first_name', 'last_name', 'full_name', 'organization'],
  },
  'crm.lead': {
    namePath: 'name',
    nameSql: norm('t.name'),
    nameOf: (d) => normValue(d.name),
    scopeSql: `${norm('t.company_name')} = $3`,
    scopeOf: (d) => normValue(d.company_name),
    label: 'Lead',
    titleSql: 't.name',
    fields: ['email', 'name', 'company_name'],
  },
};

interface Match {
  id: number;
  title: string;
  by: 'email' | 'name';
  /** Whether the caller's row rule admits the record (only then are its id and title shown). */
  visible: boolean;
}

/** Records of the entity that the document would duplicate (excluding itself). */
export async function findDuplicates(ctx: Pick<ServiceContext, 'sql' | 'entity' | 'rowFilter'>, key: string, doc: Record<string, any>): Promise<Match[]> {
  const rule = DUPLICATE_RULES[key]!;
  const table = ctx.entity(key).model.table;
  const out: Match[] = [];
  const self = doc.id ?? 0;
  /** Runs a match; the caller's row rule (read) marks each record as visible or not. */
  const matches = async (where: string, values: unknown[]) => {
    const p = scopedParams(ctx.rowFilter, values);
    return ctx.sql<{ id: number; title: string; visible: boolean }>(
      `select t.id, ${rule.titleSql} as title, coalesce(${p.rule(key, 't')}, false) as visible from ${table} t where ${where} and t.id <> $2 order by t.id limit 5`,
      p.params,
    );
  };
  if (doc.email) {
    const rows = await matches(`lower(t.email) = lower($1)`, [doc.email, self]);
    out.push(...rows.map((r) => ({ id: Number(r.id), title: r.title, by: 'email' as const, visible: r.visible })));
  }
  const name = rule.nameOf(doc);
  if (name) {
    const values: unknown[] = [name, self];
    if (rule.scopeOf) values.push(rule.scopeOf(doc));
    const rows = await matches(`${rule.nameSql} = $1${rule.scopeSql ? ` and ${rule.scopeSql}` : ''}`, values);
    for (const r of rows) if (!out.some((m) => m.id === Number(r.id))) out.push({ id: Number(r.id), title: r.title, by: 'name', visible: r.visible });
  }
  return out;
}

function changedIdentity(doc: Record<string, any>, old: Record<string, any> | undefined): boolean {
  if (!old) return true;
  return ['email', 'name', 'first_name', 'last_name', 'organization', 'company_name'].some((k) => k in doc && doc[k] !== old[k]);
}

/** beforeCreate / beforeUpdate hook refusing duplicates of the entity (see the module comment). */
const LABEL_LT: Record<string, string> = { Organization: 'Organizacija', Contact: 'Kontaktas', Lead: 'Potencialus klientas' };

export function refuseDuplicates(key: string): Hook {
  return async (args: HookArgs) => {
    const { doc, old } = args;
    if (doc.allow_duplicate === true) return;
    if (!args.settings<CrmSettings>('crm').refuse_duplicates) return;
    if (!changedIdentity(doc, old)) return;
    const matches = await findDuplicates(args, key, doc);
    if (!matches.length) return;
    const rule = DUPLICATE_RULES[key]!;
    const same = (m: Match) => (m.by === 'email' ? 'e-mail' : 'name');
    const sameText = (m: Match) => (m.by === 'email' ? { en: 'e-mail', lt: 'el. pašto adresą' } : { en: 'name', lt: 'pavadinimą' });
    const entity = { en: rule.label, lt: LABEL_LT[rule.label] ?? rule.label };
    // Records outside the caller's row rule are counted, never named.
    const details: FieldProblem[] = matches.map((m) => ({
      path: m.by === 'email' ? 'email' : rule.namePath,
      ...(m.visible
        ? errors.t('duplicate_visible', { entity, id: String(m.id), title: String(m.title), by: sameText(m) })
        : errors.t('duplicate_hidden', { entity: { en: rule.label.toLowerCase(), lt: entity.lt.toLowerCase() }, by: sameText(m) })),
      code: 'duplicate',
    }));
    const shown = matches.filter((m) => m.visible).map((m) => `${m.id} "${m.title}" (same ${same(m)})`);
    const hidden = matches.filter((m) => !m.visible);
    const list = [
      ...shown,
      ...(hidden.length
        ? [`${hidden.length === 1 ? 'one record' : `${hidden.length} records`} you cannot see (same ${[...new Set(hidden.map(same))].join(' or ')})`]
        : []),
    ].join(', ');
    throw new TesseraError('POSSIBLE_DUPLICATE', 409, errors.t('possible_duplicate', { entity, list }), details);
  };
}

/** Groups of stored records sharing an e-mail or a normalized name (the duplicates report), among those the caller may read. */
export async function duplicateGroups(ctx: Pick<ServiceContext, 'sql' | 'entity' | 'rowFilter'>, key: string, limit: number) {
  const rule = DUPLICATE_RULES[key]!;
  const table = ctx.entity(key).model.table;
  const scope = key === 'crm.contact' ? ', t.organization' : key === 'crm.lead' ? `, ${norm('t.company_name')}` : '';
  const p = scopedParams(ctx.rowFilter, [limit]);
  const readable = p.rule(key, 't');
  return ctx.sql(
    `select 'email' as match, lower(t.email) as value, count(*)::int as count,
            json_agg(json_build_object('id', t.id, 'title', ${rule.titleSql}) order by t.id) as records
       from ${table} t where t.email is not null and ${readable} group by lower(t.email) having count(*) > 1
     union all
     select 'name' as match, ${rule.nameSql} as value, count(*)::int as count,
            json_agg(json_build_object('id', t.id, 'title', ${rule.titleSql}) order by t.id) as records
       from ${table} t where ${rule.nameSql} <> '' and ${readable} group by ${rule.nameSql}${scope} having count(*) > 1
     order by count desc, value limit $1`,
    p.params,
  );
}
