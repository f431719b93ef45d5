/**
 * The audit trail: every create, update, delete, submit, cancel, amend and action writes an
 * append-only row in the same transaction (who, when, which record, which action, and the
 * field-level diff with line items). A trigger refuses UPDATE, and DELETE outside the
 * retention purge, so history cannot be rewritten through the API or by accident.
 */
import type { Database, Tx } from '../db/database.js';
import { isSecretSchema, REDACTED, type EntityModel, type FieldModel } from '../entities/model.js';
import type { CurrentUser, Doc } from '../plugin-api/index.js';
import { Decimal, decimalText } from '@tessera/contract';

export const AUDIT_SQL = `
create table if not exists tessera_audit (
  id bigserial primary key,
  at timestamptz not null default now(),
  user_id bigint,
  username text not null,
  entity text not null,
  record_id bigint not null,
  action text not null,
  changes jsonb not null default '{}'::jsonb
);
create index if not exists tessera_audit_record_index on tessera_audit (entity, record_id, id);
create index if not exists tessera_audit_at_index on tessera_audit (at);
create or replace function tessera_audit_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('tessera.audit_purge', true) = 'on' then
    return old;
  end if;
  -- The secret scrub (scrubAuditSecrets) may rewrite the change set only; who, when, what and which action stay.
  if tg_op = 'UPDATE' and current_setting('tessera.audit_scrub', true) = 'on' and new.id = old.id and new.at = old.at
     and new.user_id is not distinct from old.user_id and new.username = old.username and new.entity = old.entity
     and new.record_id = old.record_id and new.action = old.action then
    return new;
  end if;
  raise exception 'audit records are append-only' using errcode = '42501';
end $$;
drop trigger if exists tessera_audit_append_only on tessera_audit;
create trigger tessera_audit_append_only before update or delete on tessera_audit for each row execute function tessera_audit_guard();
`;

type Change = { old: unknown; new: unknown };
export type LineChanges = { added: Doc[]; removed: Doc[]; changed: { id: number; changes: Record<string, Change> }[] };

function same(f: FieldModel, a: unknown, b: unknown): boolean {
  // biome-ignore lint/suspicious/noDoubleEquals: null and undefined are one missing value here
  if (a == null || b == null) return a == b;
  if (f.kind === 'decimal') {
    const x = decimalText(a);
    const y = decimalText(b);
    return x !== undefined && y !== undefined && new Decimal(x).eq(y);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A secret's value as the audit trail keeps it: whether it is set, never what it is. */
const shown = (f: FieldModel, v: unknown) => (f.secret && v !== null && v !== undefined ? REDACTED : v);

function lineValues(child: EntityModel, l: Doc): Doc {
  const o: Doc = { id: l.id };
  for (const f of child.fields) if (l[f.name] !== undefined && l[f.name] !== null) o[f.name] = shown(f, l[f.name]);
  return o;
}

/** Field-level diff of two versions of a document (either may be undefined). */
export function diffDocs(e: EntityModel, before: Doc | undefined, after: Doc | undefined): Record<string, Change | LineChanges> {
  const out: Record<string, Change | LineChanges> = {};
  const b = before ?? {};
  const a = after ?? {};
  const scalar = [...e.fields];
  for (const f of scalar) {
    const x = b[f.name] ?? null;
    const y = a[f.name] ?? null;
    if (!same(f, x, y)) out[f.name] = { old: shown(f, x), new: shown(f, y) };
  }
  if (e.submittable && (b.docstatus ?? null) !== (a.docstatus ?? null)) out.docstatus = { old: b.docstatus ?? null, new: a.docstatus ?? null };
  for (const c of e.children) {
    const child = c.child!;
    const oldLines = new Map<number, Doc>(((b[c.name] as Doc[]) ?? []).map((l) => [l.id, l]));
    const newLines = new Map<number, Doc>(((a[c.name] as Doc[]) ?? []).map((l) => [l.id, l]));
    const lc: LineChanges = { added: [], removed: [], changed: [] };
    for (const [id, l] of newLines) {
      const prev = oldLines.get(id);
      if (!prev) {
        lc.added.push(lineValues(child, l));
        continue;
      }
      const changes: Record<string, Change> = {};
      for (const f of child.fields)
        if (!same(f, prev[f.name] ?? null, l[f.name] ?? null)) changes[f.name] = { old: shown(f, prev[f.name] ?? null), new: shown(f, l[f.name] ?? null) };
      if (Object.keys(changes).length) lc.changed.push({ id, changes });
    }
    for (const [id, l] of oldLines) if (!newLines.has(id)) lc.removed.push(lineValues(child, l));
    if (lc.added.length || lc.removed.length || lc.changed.length) out[c.name] = lc;
  }
  return out;
}

export async function writeAudit(
  tx: Tx,
  user: CurrentUser,
  e: EntityModel,
  action: string,
  id: number,
  before: Doc | undefined,
  after: Doc | undefined,
): Promise<void> {
  // For declared actions the "after" is the action's input; the effects are audited by the writes the action makes.
  const changes = ['create', 'update', 'delete', 'submit', 'cancel', 'amend'].includes(action) ? diffDocs(e, before, after) : { input: after?.input ?? {} };
  // Sent with the COMMIT (one round trip fewer per write); atomic with the change it records.
  tx.deferInsert(
    'tessera_audit',
    ['user_id', 'username', 'entity', 'record_id', 'action', 'changes'],
    [user.id || null, user.username, e.key, id, action, JSON.stringify(changes)],
  );
}

/** JSON paths (in an audit change set) of the secrets an action input declares, e.g. [["input","password"]]. */
function secretInputPaths(schema: Record<string, any> | undefined, at: string[] = ['input']): string[][] {
  if (!schema) return [];
  if (isSecretSchema(schema)) return [at];
  const out: string[][] = [];
  for (const [k, p] of Object.entries((schema.properties ?? {}) as Record<string, any>)) out.push(...secretInputPaths(p, [...at, k]));
  return out;
}

/**
 * Replaces secrets that older versions wrote into the audit trail (action inputs such as
 * set_password's password, and secret fields' old/new values) with "[redacted]". Runs on
 * every start; each rule remembers the last audit row it covered (rows written since are
 * redacted when written), so a start reads only new rows and a second run changes nothing.
 * The append-only trigger lets this one controlled path rewrite the change set, nothing else.
 */
export async function scrubAuditSecrets(
  db: Database,
  entities: Iterable<EntityModel>,
  actions: Map<string, Map<string, { input?: Record<string, unknown> }>>,
): Promise<number> {
  const red = JSON.stringify(REDACTED);
  // [rule, sql with $1 = the last row covered, params]
  const rules: [string, string, unknown[]][] = [];
  for (const [entity, defs] of actions)
    for (const [name, def] of defs)
      for (const path of secretInputPaths(def.input))
        rules.push([
          `${entity} action ${name} ${path.join('.')}`,
          `update tessera_audit set changes = jsonb_set(changes, $4::text[], $5::jsonb)
           where id > $1 and entity = $2 and action = $3 and changes #> $4::text[] is not null and changes #> $4::text[] <> $5::jsonb`,
          [entity, name, path, red],
        ]);
  for (const e of entities)
    for (const f of e.fields)
      if (f.secret)
        rules.push([
          `${e.key} field ${f.name}`,
          `update tessera_audit set changes = jsonb_set(changes, array[$3::text], jsonb_build_object(
             'old', case when changes -> $3 -> 'old' = 'null'::jsonb then 'null'::jsonb else $4::jsonb end,
             'new', case when changes -> $3 -> 'new' = 'null'::jsonb then 'null'::jsonb else $4::jsonb end))
           where id > $1 and entity = $2 and changes ? $3 and jsonb_typeof(changes -> $3) = 'object'
             and ((changes -> $3 -> 'old') not in ('null'::jsonb, $4::jsonb) or (changes -> $3 -> 'new') not in ('null'::jsonb, $4::jsonb))`,
          [e.key, f.name, red],
        ]);
  if (!rules.length) return 0;
  return db.transaction(async (tx) => {
    await tx.query(`create table if not exists tessera_audit_scrub (rule text primary key, upto bigint not null)`);
    await tx.query(`select set_config('tessera.audit_scrub', 'on', true)`);
    const upto = (await tx.query(`select coalesce(max(id), 0) as n from tessera_audit`)).rows[0]!.n;
    const done = new Map<string, unknown>((await tx.query(`select rule, upto from tessera_audit_scrub`)).rows.map((r) => [r.rule, r.upto]));
    let n = 0;
    for (const [rule, sql, params] of rules) {
      n += (await tx.query(sql, [done.get(rule) ?? 0, ...params])).rowCount ?? 0;
      await tx.query(`insert into tessera_audit_scrub (rule, upto) values ($1, $2) on conflict (rule) do update set upto = excluded.upto`, [rule, upto]);
    }
    return n;
  });
}

/** Deletes audit rows older than the retention period (the only way rows ever leave). */
export async function purgeAudit(db: Database, retentionDays: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(`select set_config('tessera.audit_purge', 'on', true)`);
    const r = await tx.query(`delete from tessera_audit where at < now() - make_interval(days => $1)`, [retentionDays]);
    return r.rowCount ?? 0;
  });
}
