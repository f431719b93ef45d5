/**
 * Safe schema migrations. MikroORM compares the live database with the schema derived from
 * the declarations; we split its difference in two:
 *  - safe changes (new table, new column, new index/constraint, widening a length or a
 *    numeric precision, relaxing NOT NULL, adding enum options) are applied on start;
 *  - changes that can lose data (drops, narrowing, type changes, renames, new NOT NULL on a
 *    column with NULLs, removing enum options in use) are refused and reported as a plan with
 *    the rows affected; `tessera migrate --apply` applies them explicitly.
 * Rename detection of the comparator is switched off: a rename is only ever explicit
 * (x-renamed-from on the field).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { DatabaseSchema, SchemaComparator } from '@mikro-orm/knex';
import type { Column, SchemaDifference, TableDifference } from '@mikro-orm/knex';
import type { EntityModel } from '../entities/model.js';
import { schemaFingerprint } from './fingerprint.js';
import { UnsafeMigrationError, type MigrationPlan, type UnsafeChange } from './errors.js';
import { TesseraError } from '../errors.js';
import { EXTENSIONS_SQL } from './extensions.js';
export { formatPlan, UnsafeMigrationError, type MigrationPlan, type UnsafeChange, type UnsafeKind } from './errors.js';

const STATE_TABLE = 'tessera_schema_state';

function emptyTableDiff(d: TableDifference): TableDifference {
  return {
    ...d,
    addedColumns: {},
    changedColumns: {},
    removedColumns: {},
    renamedColumns: {},
    addedIndexes: {},
    changedIndexes: {},
    removedIndexes: {},
    renamedIndexes: {},
    addedChecks: {},
    changedChecks: {},
    removedChecks: {},
    addedForeignKeys: {},
    changedForeignKeys: {},
    removedForeignKeys: {},
  };
}

interface TypeInfo {
  base: string;
  length?: number;
  precision?: number;
  scale?: number;
}

function typeInfo(c: Column): TypeInfo {
  const t = c.type.toLowerCase();
  const m = /^([a-z ]+)(?:\((\d+)(?:,\s*(\d+))?\))?/.exec(t);
  let base = (m?.[1] ?? t).trim();
  if (base === 'character varying') base = 'varchar';
  if (base === 'integer' || base === 'int4') base = 'int';
  if (base === 'int8') base = 'bigint';
  if (base === 'decimal') base = 'numeric';
  if (base === 'timestamp with time zone') base = 'timestamptz';
  if (base === 'time without time zone') base = 'time';
  const a = m?.[2] ? Number(m[2]) : undefined;
  const b = m?.[3] ? Number(m[3]) : undefined;
  if (base === 'varchar') return { base, length: c.length ?? a };
  if (base === 'numeric') return { base, precision: c.precision ?? a, scale: c.scale ?? b ?? 0 };
  return { base };
}

/** Is changing column type `from` to `to` a widening that cannot lose data? */
export function isWidening(from: TypeInfo, to: TypeInfo): boolean {
  if (from.base === to.base) {
    if (from.base === 'varchar') return (to.length ?? Infinity) >= (from.length ?? Infinity);
    if (from.base === 'numeric')
      return (to.scale ?? 0) >= (from.scale ?? 0) && (to.precision ?? 1000) - (to.scale ?? 0) >= (from.precision ?? 1000) - (from.scale ?? 0);
    return true;
  }
  if (from.base === 'varchar' && to.base === 'text') return true;
  if (from.base === 'int' && to.base === 'bigint') return true;
  if ((from.base === 'int' || from.base === 'bigint') && to.base === 'numeric')
    return (to.precision ?? 1000) - (to.scale ?? 0) >= (from.base === 'int' ? 10 : 19);
  return false;
}

function typeLabel(t: TypeInfo): string {
  if (t.base === 'varchar') return t.length ? `varchar(${t.length})` : 'varchar';
  if (t.base === 'numeric') return `numeric(${t.precision},${t.scale})`;
  return t.base;
}

/** Quotes a (possibly schema-qualified) name as MikroORM reports it: public.table -> "public"."table". */
const q = (id: string) =>
  id
    .split('.')
    .map((p) => `"${p.replace(/"/g, '""')}"`)
    .join('.');
const bare = (name: string) => name.replace(/^public\./, '');

export class Migrator {
  constructor(
    private orm: MikroORM,
    private entities: EntityModel[],
    /** Every plugin found (enabled or not) and the enabled ones: tables of a disabled plugin are left alone. */
    private plugins: { known: string[]; enabled: string[] } = { known: [], enabled: [] },
    /** Fingerprint of the declarations this migrator brings the database to. */
    private fingerprint = schemaFingerprint(new Map(entities.map((e) => [e.key, e])), plugins.enabled),
  ) {}

  /** Whether a table that is no longer declared belongs to an enabled plugin (else: a disabled module's data, kept). */
  private ownedByEnabledPlugin(table: string): boolean {
    const owner = this.plugins.known.filter((p) => table.startsWith(`${p}_`)).sort((a, b) => b.length - a.length)[0];
    return owner !== undefined && this.plugins.enabled.includes(owner);
  }

  private async count(sql: string): Promise<number> {
    const rows = await this.orm.em.getConnection().execute(sql);
    return Number(rows[0]?.n ?? 0);
  }

  private renames(): Map<string, Map<string, string>> {
    // table -> (old column -> new column)
    const out = new Map<string, Map<string, string>>();
    const all = this.entities.flatMap((e) => [e, ...e.children.map((c) => c.child!)]);
    for (const e of all)
      for (const f of e.fields)
        if (f.renamedFrom) {
          if (!out.has(e.table)) out.set(e.table, new Map());
          out.get(e.table)!.set(f.renamedFrom, f.column);
        }
    return out;
  }

  async plan(): Promise<MigrationPlan> {
    const generator = this.orm.schema;
    const platform = this.orm.em.getPlatform();
    const toSchema = generator.getTargetSchema();
    const fromSchema = await DatabaseSchema.create(this.orm.em.getConnection(), platform as any, this.orm.config as any, 'public', undefined, undefined, [
      /^tessera_/,
      /^pgboss/,
    ] as any);
    const comparator = new SchemaComparator(platform as any);
    (comparator as any).detectColumnRenamings = () => undefined;
    const diff: SchemaDifference = comparator.compare(fromSchema, toSchema);
    const hash = this.fingerprint;

    const safe: SchemaDifference = {
      ...diff,
      changedTables: {},
      removedTables: {},
      removedNamespaces: new Set(),
      removedNativeEnums: [],
      orphanedForeignKeys: [],
    };
    const full: SchemaDifference = { ...diff, changedTables: {}, removedTables: { ...diff.removedTables } };
    const unsafe: UnsafeChange[] = [];
    const renames = this.renames();

    for (const [name, table] of Object.entries(diff.removedTables)) {
      if (!this.ownedByEnabledPlugin(bare(table.name))) {
        delete full.removedTables[name];
        continue;
      }
      const rows = await this.count(`select count(*)::int as n from ${q(table.name)}`);
      unsafe.push({
        kind: 'drop-table',
        table: bare(table.name),
        rowsAffected: rows,
        description: `table ${bare(table.name)} is no longer declared; dropping it deletes ${rows} row(s)`,
      });
      void name;
    }

    for (const [key, td] of Object.entries(diff.changedTables)) {
      const s = emptyTableDiff(td);
      const f = { ...td, renamedColumns: { ...td.renamedColumns }, addedColumns: { ...td.addedColumns }, removedColumns: { ...td.removedColumns } };
      const table = bare(td.name);
      const tableRows = () => this.count(`select count(*)::int as n from ${q(table)}`);
      const tableRenames = renames.get(table);

      // Explicit renames: old column present, new one declared with x-renamed-from.
      for (const [oldName, newName] of tableRenames ?? []) {
        const removed = f.removedColumns[oldName];
        const added = f.addedColumns[newName];
        if (removed && added) {
          delete f.removedColumns[oldName];
          delete f.addedColumns[newName];
          f.renamedColumns[oldName] = added;
          unsafe.push({
            kind: 'rename-column',
            table,
            column: oldName,
            to: newName,
            rowsAffected: await tableRows(),
            description: `rename column ${table}.${oldName} to ${newName}`,
          });
        }
      }
      const renamedTargets = new Set(Object.values(f.renamedColumns).map((c) => c.name));

      for (const [colName, col] of Object.entries(td.addedColumns)) {
        if (renamedTargets.has(col.name)) continue;
        if (!col.nullable && col.default == null && !col.autoincrement) {
          const rows = await tableRows();
          if (rows > 0) {
            unsafe.push({
              kind: 'add-required-column',
              table,
              column: col.name,
              rowsAffected: rows,
              description: `new required column ${table}.${col.name} has no default and ${rows} existing row(s) have no value: declare a default or make it optional first`,
            });
            continue;
          }
        }
        s.addedColumns[colName] = col;
      }
      for (const [colName, col] of Object.entries(f.removedColumns)) {
        const rows = await this.count(`select count(*)::int as n from ${q(table)} where ${q(col.name)} is not null`);
        unsafe.push({
          kind: 'drop-column',
          table,
          column: col.name,
          rowsAffected: rows,
          description: `column ${table}.${col.name} is no longer declared; dropping it deletes ${rows} non-empty value(s)`,
        });
        void colName;
      }
      for (const [colName, cd] of Object.entries(td.changedColumns)) {
        const props = new Set(cd.changedProperties);
        let isSafe = true;
        if (props.has('type')) {
          const from = typeInfo(cd.fromColumn);
          const to = typeInfo(cd.column);
          if (!isWidening(from, to)) {
            isSafe = false;
            const narrowing = from.base === to.base;
            let rows: number;
            if (narrowing && to.base === 'varchar' && to.length)
              rows = await this.count(`select count(*)::int as n from ${q(table)} where length(${q(cd.column.name)}) > ${to.length}`);
            else rows = await this.count(`select count(*)::int as n from ${q(table)} where ${q(cd.column.name)} is not null`);
            unsafe.push({
              kind: narrowing ? 'narrow-column' : 'change-type',
              table,
              column: cd.column.name,
              from: typeLabel(from),
              to: typeLabel(to),
              rowsAffected: rows,
              description: `${narrowing ? 'narrowing' : 'changing the type of'} ${table}.${cd.column.name} from ${typeLabel(from)} to ${typeLabel(to)} affects ${rows} row(s)`,
            });
          }
        }
        if (props.has('nullable') && cd.fromColumn.nullable && !cd.column.nullable) {
          const rows = await this.count(`select count(*)::int as n from ${q(table)} where ${q(cd.column.name)} is null`);
          if (rows > 0) {
            isSafe = false;
            unsafe.push({
              kind: 'set-not-null',
              table,
              column: cd.column.name,
              rowsAffected: rows,
              description: `making ${table}.${cd.column.name} required: ${rows} row(s) have no value`,
            });
          }
        }
        if (props.has('enumItems')) {
          const removed = (cd.fromColumn.enumItems ?? []).filter((v) => !(cd.column.enumItems ?? []).includes(v));
          if (removed.length) {
            const rows = await this.count(
              `select count(*)::int as n from ${q(table)} where ${q(cd.column.name)} in (${removed.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`,
            );
            if (rows > 0) {
              isSafe = false;
              unsafe.push({
                kind: 'remove-enum-options',
                table,
                column: cd.column.name,
                from: removed.join(', '),
                rowsAffected: rows,
                description: `removing option(s) ${removed.join(', ')} of ${table}.${cd.column.name}: ${rows} row(s) use them`,
              });
            }
          }
        }
        for (const p of props) if (!['type', 'nullable', 'enumItems', 'default', 'comment'].includes(p)) isSafe = false;
        if (isSafe) s.changedColumns[colName] = cd;
      }
      // Indexes, checks and foreign keys: additions and changes are safe (they drop no data).
      s.addedIndexes = td.addedIndexes;
      s.changedIndexes = td.changedIndexes;
      // The full-text index of mapping version 1 (now "<table>_fts_index", unaccented): derived data, safe to drop.
      for (const [k, ix] of Object.entries(td.removedIndexes)) if (ix.keyName === `${table}_search_index`) s.removedIndexes[k] = ix;
      s.addedChecks = td.addedChecks;
      s.changedChecks = td.changedChecks;
      s.addedForeignKeys = td.addedForeignKeys;
      s.changedForeignKeys = td.changedForeignKeys;
      safe.changedTables[key] = s;
      full.changedTables[key] = f;
    }
    const safeSql = await generator.diffToSQL(safe, { wrap: false, safe: true, dropTables: false });
    const fullSql = await generator.diffToSQL(full, { wrap: false, safe: false, dropTables: true });
    return { safeSql: stripPreamble(safeSql), unsafe, fullSql: stripPreamble(fullSql), hash };
  }

  async storedHash(): Promise<string | undefined> {
    const rows = await this.orm.em.getConnection().execute(`select hash from ${STATE_TABLE} where id = 1`);
    return rows[0]?.hash;
  }

  async execute(sql: string, hash: string): Promise<void> {
    const conn = this.orm.em.getConnection();
    await conn.transactional(async (trx) => {
      await conn.execute(EXTENSIONS_SQL, [], 'run', trx);
      if (sql.trim()) await conn.execute(sql, [], 'run', trx);
      await conn.execute(
        `insert into ${STATE_TABLE} (id, hash) values (1, ?) on conflict (id) do update set hash = excluded.hash, applied_at = now()`,
        [hash],
        'run',
        trx,
      );
    });
  }

  /**
   * `migrate --apply`: everything in one transaction, or nothing. Changes the rows cannot take
   * (a required column while rows have no value, removed options still in use, values longer
   * than the new length) are refused up front with the plan's explanation; any other failure of
   * the SQL rolls the whole apply back and is reported without PostgreSQL's stack.
   */
  async apply(plan: MigrationPlan): Promise<void> {
    const blocked = blockingChanges(plan);
    if (blocked.length) throw new MigrationBlockedError(blocked);
    try {
      await this.execute(plan.fullSql, plan.hash);
    } catch (e: any) {
      const where = [e?.table && `table ${e.table}`, e?.column && `column ${e.column}`].filter(Boolean).join(', ');
      throw new TesseraError(
        'MIGRATION_FAILED',
        409,
        `nothing was applied: PostgreSQL refused the migration${where ? ` (${where})` : ''}: ${String(e?.message ?? e).split('\n')[0]}${e?.code ? ` [SQLSTATE ${e.code}]` : ''}`,
      );
    }
  }

  /**
   * On start: apply the safe part; refuse (throw with the plan) when anything unsafe is pending.
   * Skips introspection when the declarations' schema hash equals the last applied one.
   */
  async migrateOnStart(): Promise<{ applied: boolean; skipped: boolean }> {
    const stored = await this.storedHash();
    if (stored === this.fingerprint) return { applied: false, skipped: true };
    const plan = await this.plan();
    if (plan.unsafe.length) {
      // Apply what is safe, then refuse with the plan.
      if (plan.safeSql.trim()) await this.orm.em.getConnection().execute(`${EXTENSIONS_SQL};\n${plan.safeSql}`);
      throw new UnsafeMigrationError(plan);
    }
    await this.execute(plan.safeSql, plan.hash);
    return { applied: plan.safeSql.trim().length > 0, skipped: false };
  }
}

/** Unsafe changes that cannot succeed on the rows as they are (as opposed to ones that lose data). */
export function blockingChanges(plan: MigrationPlan): UnsafeChange[] {
  return plan.unsafe.filter(
    (u) =>
      u.rowsAffected > 0 &&
      (u.kind === 'set-not-null' ||
        u.kind === 'add-required-column' ||
        u.kind === 'remove-enum-options' ||
        (u.kind === 'narrow-column' && /^varchar/.test(u.to ?? ''))),
  );
}

const FIX: Partial<Record<UnsafeChange['kind'], string>> = {
  'set-not-null': 'fill in those rows (or declare a default) first',
  'add-required-column': 'declare a default, or add the field as optional, fill it in, then make it required',
  'remove-enum-options': 'change those rows to an option that stays first',
  'narrow-column': 'shorten those values first, or keep the longer length',
};

/** `migrate --apply` refused: the rows cannot take some change; nothing was applied. */
export class MigrationBlockedError extends TesseraError {
  constructor(readonly blocked: UnsafeChange[]) {
    super(
      'MIGRATION_BLOCKED',
      409,
      [
        `Nothing was applied: ${blocked.length} change(s) cannot be applied to the rows the database holds now:`,
        ...blocked.map((u) => `  - [${u.kind}] ${u.description} (${u.rowsAffected} row(s)); ${FIX[u.kind] ?? 'fix those rows first'}`),
        '',
        'Then run again:  pnpm tessera migrate --plan   /   pnpm tessera migrate --apply',
      ].join('\n'),
      blocked.map((u) => ({ path: `${u.table}${u.column ? `.${u.column}` : ''}`, message: u.description, code: u.kind })),
    );
  }
}

function stripPreamble(sql: string): string {
  return sql.replace(/^set names 'utf8';\s*/m, '').trim();
}
