/**
 * Compiles EntityModels into MikroORM EntitySchemas (no decorators). MikroORM's schema
 * generator then derives tables, types, NOT NULL, checks, unique constraints, indexes and
 * foreign keys from them; see migrations/plan.ts for how changes are applied safely.
 */
import { EntitySchema } from '@mikro-orm/core';
import type { EntityModel, FieldModel } from './model.js';
import { searchDocument } from './search.js';
import { listIndexes } from './list-indexes.js';

type PropOptions = Record<string, unknown>;

function sqlLiteral(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** The PostgreSQL column type a field kind is stored as. */
export function columnType(f: FieldModel): string {
  switch (f.kind) {
    case 'string':
      return f.maxLength ? `varchar(${f.maxLength})` : 'text';
    case 'email':
      return `varchar(${f.maxLength ?? 254})`;
    case 'url':
      return f.maxLength ? `varchar(${f.maxLength})` : 'text';
    case 'phone':
      return `varchar(${f.maxLength ?? 32})`;
    case 'text':
    case 'enum':
      return 'text';
    case 'integer':
      return f.bigint ? 'bigint' : 'int';
    case 'decimal':
      return `numeric(${f.precision},${f.scale})`;
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamptz';
    case 'time':
      return 'time';
    case 'json':
      return 'jsonb';
    case 'reference':
      return 'bigint';
    case 'children':
      throw new Error('children have no column');
  }
}

function mikroType(f: FieldModel): string {
  switch (f.kind) {
    case 'integer':
      return f.bigint ? 'bigint' : 'integer';
    case 'decimal':
      return 'decimal';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'time':
      return 'time';
    case 'json':
      return 'json';
    default:
      return 'string';
  }
}

function leadsComposite(entity: EntityModel, column: string): boolean {
  return [...entity.uniques, ...entity.indexes].some((cols) => cols.length > 1 && cols[0] === column);
}

/** A field is NOT NULL in the table when the declaration requires it. */
const notNull = (f: FieldModel): boolean => f.required;

function propertyFor(f: FieldModel, entity: EntityModel, tableOf: (key: string) => string): PropOptions {
  if (f.kind === 'reference') {
    return {
      kind: 'm:1',
      entity: () => tableOf(f.ref!.entity),
      fieldName: f.column,
      nullable: !notNull(f),
      deleteRule: f.ref!.onDelete === 'set null' ? 'set null' : f.ref!.onDelete,
      updateRule: 'cascade',
      // A composite index or unique constraint that starts with the column serves it already.
      index: !f.unique && !leadsComposite(entity, f.name),
      unique: f.unique || undefined,
    };
  }
  const p: PropOptions = {
    type: mikroType(f),
    columnType: columnType(f),
    fieldName: f.column,
    nullable: !notNull(f),
  };
  if (f.kind === 'decimal') {
    p.precision = f.precision;
    p.scale = f.scale;
  }
  if ((f.kind === 'string' || f.kind === 'email' || f.kind === 'phone' || f.kind === 'url') && f.maxLength) p.length = f.maxLength;
  if (f.kind === 'enum') {
    p.enum = true;
    p.items = f.enumValues;
  }
  if (f.default !== undefined && f.kind !== 'json') p.default = f.kind === 'decimal' ? String(f.default) : (f.default as any);
  if (f.default !== undefined && f.kind === 'json') p.defaultRaw = `${sqlLiteral(JSON.stringify(f.default))}::jsonb`;
  if (f.unique) p.unique = `${entity.table}_${f.column}_unique`;
  else if (f.index) p.index = `${entity.table}_${f.column}_index`;
  return p;
}

function systemProps(): Record<string, PropOptions> {
  return {
    id: { type: 'bigint', primary: true, autoincrement: true },
    created_at: { type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()', nullable: false },
    updated_at: { type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()', nullable: false },
    created_by: { type: 'bigint', columnType: 'bigint', nullable: true },
  };
}

function schemaFor(entity: EntityModel, tableOf: (key: string) => string): EntitySchema {
  const properties: Record<string, PropOptions> = { ...systemProps() };
  const indexes: PropOptions[] = [];
  const uniques: PropOptions[] = [];
  if (entity.parent) {
    properties.parent_id = {
      kind: 'm:1',
      entity: () => entity.parent!.table,
      fieldName: 'parent_id',
      nullable: false,
      deleteRule: 'cascade',
      updateRule: 'cascade',
    };
    properties.idx = { type: 'integer', columnType: 'int', nullable: false, default: 0 };
    indexes.push({ name: `${entity.table}_parent_idx_index`, properties: ['parent_id', 'idx'] });
  }
  // Optimistic concurrency: every write through the data service adds one (ETag / If-Match).
  if (!entity.parent) properties.version = { type: 'integer', columnType: 'int', default: 1, nullable: false };
  if (entity.submittable) {
    properties.docstatus = {
      type: 'string',
      columnType: 'text',
      enum: true,
      items: ['draft', 'submitted', 'cancelled'],
      default: 'draft',
      nullable: false,
      index: `${entity.table}_docstatus_index`,
    };
    properties.amended_from = { type: 'bigint', columnType: 'bigint', nullable: true, fieldName: 'amended_from' };
  }
  for (const f of entity.fields) properties[f.name] = propertyFor(f, entity, tableOf);
  entity.uniques.forEach((cols) => uniques.push({ name: `${entity.table}_${cols.join('_')}_unique`.slice(0, 63), properties: cols }));
  // A one-column index on a reference or an already indexed/unique column exists already.
  const alreadyIndexed = (col: string) => {
    const f = entity.fieldMap.get(col);
    return !!f && (f.kind === 'reference' || f.index || f.unique);
  };
  entity.indexes
    .filter((cols) => !(cols.length === 1 && alreadyIndexed(cols[0]!)))
    .forEach((cols) => indexes.push({ name: `${entity.table}_${cols.join('_')}_index`.slice(0, 63), properties: cols }));
  indexes.push(...listIndexes(entity, (col) => leadsComposite(entity, col)));
  if (entity.searchFields.length) {
    // "_fts": the document is unaccented since mapping version 2 (a new expression needs a new name).
    const name = `${entity.table}_fts_index`.slice(0, 63);
    indexes.push({ name, expression: `create index "${name}" on "${entity.table}" using gin (${searchDocument(entity)})` });
  }
  return new EntitySchema({ name: entity.table, tableName: entity.table, properties: properties as any, indexes: indexes as any, uniques: uniques as any });
}

/** Every entity (and line-item table) as an EntitySchema. */
export function compileEntitySchemas(entities: Iterable<EntityModel>): EntitySchema[] {
  const tables = new Map<string, string>();
  const all: EntityModel[] = [];
  for (const e of entities) {
    all.push(e);
    for (const c of e.children) all.push(c.child!);
  }
  for (const e of all) tables.set(e.key, e.table);
  const tableOf = (key: string) => {
    const t = tables.get(key);
    if (!t) throw new Error(`unknown entity ${key}`);
    return t;
  };
  return all.map((e) => schemaFor(e, tableOf));
}
