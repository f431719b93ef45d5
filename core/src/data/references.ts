/**
 * References by natural key: wherever a reference is accepted (bodies, line items, action
 * inputs, import rows) it may be
 *   - the id:                       {"item": 12}
 *   - an object naming a unique field: {"item": {"code": "BOLT"}}, {"stock_uom": {"name": "Nos"}}
 *   - a plain string, looked up on the target's natural key (x-natural-key, default the title
 *     field when it is unique):   {"item": "BOLT"}
 * The title field may be named even when it is not unique (customers by name): then exactly
 * one record must carry the value, or the answer is 422 REFERENCE_AMBIGUOUS.
 * Every key is resolved before validation, in batches (one query per target and key field),
 * under the caller's row rule on the target (a record the caller cannot see is "not found").
 * An unknown key is 422 REFERENCE_NOT_FOUND naming the field path and the value.
 */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { ident, Params, type Queryable } from '../db/database.js';
import { TesseraError, type FieldProblem } from '../errors.js';
import type { CurrentUser, Doc } from '../plugin-api/index.js';
import type { Registry } from './registry.js';
import type { ReferenceScope } from '../query/reference-filter.js';
import { storedTitles } from './titles.js';

/** Lookups already answered in this request or import: "<entity>|<field>|<value>" -> id (null: none). */
export type ReferenceCache = Map<string, number | null | 'ambiguous'>;

interface Pending {
  path: string;
  target: EntityModel;
  field: FieldModel;
  value: string | number;
  set: (id: number) => void;
}

/** The fields a reference object may name: unique single fields, the title field, the id. */
export function keyFieldsOf(e: EntityModel): string[] {
  const names = e.fields.filter((f) => f.unique && !f.secret && f.kind !== 'json').map((f) => f.name);
  if (!names.includes(e.titleField) && e.fieldMap.has(e.titleField)) names.push(e.titleField);
  return names;
}

/** The field a plain string is looked up on (undefined: the target takes ids only). */
export function plainKeyOf(e: EntityModel, loose = false): string | undefined {
  if (e.naturalKey) return e.naturalKey;
  if (loose && e.fieldMap.has(e.titleField) && e.fieldMap.get(e.titleField)!.kind !== 'json') return e.titleField;
  return undefined;
}

export const referenceErrors = {
  notFound: (path: string, target: EntityModel, field: string, value: unknown) =>
    new TesseraError('REFERENCE_NOT_FOUND', 422, `${path} refers to ${target.label} with ${field} ${JSON.stringify(value)}, which does not exist`, [
      { path, message: `refers to ${target.label} with ${field} ${JSON.stringify(value)}, which does not exist`, code: 'reference' },
    ]),
  ambiguous: (path: string, target: EntityModel, field: string, value: unknown) =>
    new TesseraError(
      'REFERENCE_AMBIGUOUS',
      422,
      `${path}: several ${target.plural} have ${field} ${JSON.stringify(value)}; name the record by a unique field (${
        keyFieldsOf(target)
          .filter((n) => target.fieldMap.get(n)!.unique)
          .join(', ') || 'id'
      }) or by its id`,
      [{ path, message: `several ${target.plural} have ${field} ${JSON.stringify(value)}`, code: 'reference' }],
    ),
};

export class ReferenceResolver {
  private pending: Pending[] = [];
  constructor(
    private registry: Registry,
    private user: CurrentUser,
    readonly cache: ReferenceCache = new Map(),
    /** Plain strings may also name a non-unique title field (imports: customers by name). */
    private loose = false,
  ) {}

  private target(f: FieldModel): EntityModel | undefined {
    const key = f.ref!.entity;
    return this.registry.entities.get(key) ?? [...this.registry.entities.values()].flatMap((x) => x.children.map((c) => c.child!)).find((c) => c.key === key);
  }

  /** Queues one reference value; returns the problem when its form is wrong. */
  private add(target: EntityModel, value: unknown, path: string, set: (id: number) => void): FieldProblem | undefined {
    if (value === null || value === undefined || typeof value === 'number') return;
    let fieldName: string | undefined;
    let key: unknown;
    if (typeof value === 'string') {
      fieldName = plainKeyOf(target, this.loose);
      if (!fieldName) {
        if (/^[1-9][0-9]{0,15}$/.test(value)) return void set(Number(value));
        return {
          path,
          message: `must be the id of a ${target.label} (${target.label} declares no natural key; or name a unique field: {"${keyFieldsOf(target)[0] ?? 'id'}": ...})`,
          code: 'reference',
        };
      }
      key = value;
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Doc);
      const allowed = keyFieldsOf(target);
      if (entries.length !== 1)
        return {
          path,
          message: `must name exactly one field of ${target.label}, such as {"${allowed[0] ?? 'id'}": ...} (fields: id, ${allowed.join(', ')})`,
          code: 'reference',
        };
      [fieldName, key] = entries[0]!;
      if (fieldName === 'id') {
        if (typeof key === 'number' && Number.isSafeInteger(key) && key > 0) return void set(key);
        return { path: `${path}/id`, message: 'must be a positive integer', code: 'reference' };
      }
      if (!allowed.includes(fieldName))
        return { path: `${path}/${fieldName}`, message: `is not a unique field of ${target.label}; name one of: id, ${allowed.join(', ')}`, code: 'reference' };
      if (typeof key !== 'string' && typeof key !== 'number')
        return { path: `${path}/${fieldName}`, message: 'must be a string or a number', code: 'reference' };
    } else return;
    const field = target.fieldMap.get(fieldName)!;
    this.pending.push({ path, target, field, value: key as string | number, set });
  }

  /** Queues the references of a document body (and its line items). */
  collect(e: EntityModel, body: unknown, prefix = ''): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (!body || typeof body !== 'object' || Array.isArray(body)) return problems;
    const doc = body as Doc;
    for (const f of e.fields) {
      if (f.kind !== 'reference' || !(f.name in doc)) continue;
      const target = this.target(f);
      if (!target) continue;
      const p = this.add(target, doc[f.name], `${prefix}${f.name}`, (id) => (doc[f.name] = id));
      if (p) problems.push(p);
    }
    for (const c of e.children) {
      const lines = doc[c.name];
      if (!Array.isArray(lines)) continue;
      lines.forEach((line, i) => problems.push(...this.collect(c.child!, line, `${prefix}${c.name}/${i}/`)));
    }
    return problems;
  }

  /** Queues the references of an action input (properties declaring x-ref, lines of arrays included). */
  collectInput(schema: Record<string, any> | undefined, input: unknown, prefix = ''): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (!schema || !input || typeof input !== 'object' || Array.isArray(input)) return problems;
    const doc = input as Doc;
    for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, any>)) {
      if (!(name in doc)) continue;
      if (prop?.['x-ref'] && (prop.type === 'integer' || prop.type === undefined)) {
        const target = this.registry.entities.get(prop['x-ref']);
        if (!target) continue;
        const p = this.add(target, doc[name], `${prefix}${name}`, (id) => (doc[name] = id));
        if (p) problems.push(p);
      } else if (prop?.type === 'array' && prop.items?.properties && Array.isArray(doc[name])) {
        (doc[name] as unknown[]).forEach((line, i) => problems.push(...this.collectInput(prop.items, line, `${prefix}${name}/${i}/`)));
      }
    }
    return problems;
  }

  /** Looks every queued key up (one query per target and field); throws the first unknown one. */
  async resolve(q: Queryable): Promise<FieldProblem[]> {
    const failures: { err: TesseraError; path: string }[] = [];
    const groups = new Map<string, Pending[]>();
    for (const p of this.pending) {
      const ck = `${p.target.key}|${p.field.name}|${p.value}`;
      if (this.cache.has(ck)) continue;
      const gk = `${p.target.key}|${p.field.name}`;
      if (!groups.has(gk)) groups.set(gk, []);
      groups.get(gk)!.push(p);
    }
    for (const list of groups.values()) {
      const { target, field } = list[0]!;
      const numeric = field.kind === 'integer' || field.kind === 'reference';
      const values = [...new Set(list.map((p) => (numeric ? Number(p.value) : String(p.value))))].filter((v) => (numeric ? Number.isSafeInteger(v) : true));
      for (const v of new Set(list.map((p) => String(p.value)))) this.cache.set(`${target.key}|${field.name}|${v}`, null);
      if (!values.length) continue;
      // a seeded record named by its title in another language ("Svetainė", as an export in Lithuanian writes it)
      const seeded = !numeric && field.name === target.titleField ? storedTitles(this.registry.titleTranslations, target.key) : undefined;
      const asked = seeded ? [...new Set([...values, ...values.flatMap((v) => seeded.get(String(v)) ?? [])])] : values;
      const params = new Params();
      const arr = params.add(asked);
      const scope = this.registry.policy.rowScope(this.user, target, 'read', params, 't');
      const col = `t.${ident(field.column)}`;
      const res = await q.query(
        `select ${col}::text as k, min(t."id") as id, count(*)::int as n from ${ident(target.table)} t where ${col} = any(${arr}::${numeric ? 'bigint' : 'text'}[])${scope ? ` and (${scope})` : ''} group by 1`,
        params.values,
      );
      for (const r of res.rows) this.cache.set(`${target.key}|${field.name}|${r.k}`, r.n > 1 ? 'ambiguous' : Number(r.id));
      for (const v of seeded ? values : []) {
        const stored = seeded!.get(String(v));
        const key = `${target.key}|${field.name}|`;
        if (stored !== undefined && this.cache.get(key + v) === null) this.cache.set(key + v, this.cache.get(key + stored) ?? null);
      }
    }
    for (const p of this.pending) {
      const hit = this.cache.get(`${p.target.key}|${p.field.name}|${p.value}`);
      if (typeof hit === 'number') p.set(hit);
      else
        failures.push({
          path: p.path,
          err:
            hit === 'ambiguous'
              ? referenceErrors.ambiguous(p.path, p.target, p.field.name, p.value)
              : referenceErrors.notFound(p.path, p.target, p.field.name, p.value),
        });
    }
    this.pending = [];
    return failures
      .flatMap((f) => f.err.details ?? [])
      .map((d, i) => ({ ...d, code: failures[i]!.err.code === 'REFERENCE_AMBIGUOUS' ? 'ambiguous' : 'reference' }));
  }
}

/** Resolves the natural keys of one body in place; 422 naming each unknown one. */
export async function resolveBodyReferences(
  q: Queryable,
  registry: Registry,
  user: CurrentUser,
  e: EntityModel,
  body: unknown,
  cache?: ReferenceCache,
): Promise<void> {
  if (!body || typeof body !== 'object') return;
  const r = new ReferenceResolver(registry, user, cache);
  const shape = r.collect(e, body);
  if (shape.length) throw new TesseraError('VALIDATION_FAILED', 422, shape.map((d) => `${d.path} ${d.message}`).join('; '), shape);
  throwProblems(await r.resolve(q));
}

/** Resolves the natural keys of an action input in place. */
export async function resolveInputReferences(
  q: Queryable,
  registry: Registry,
  user: CurrentUser,
  schema: Record<string, any> | undefined,
  input: unknown,
): Promise<void> {
  const r = new ReferenceResolver(registry, user);
  const shape = r.collectInput(schema, input);
  if (shape.length) throw new TesseraError('VALIDATION_FAILED', 422, shape.map((d) => `${d.path} ${d.message}`).join('; '), shape);
  throwProblems(await r.resolve(q));
}

function throwProblems(problems: FieldProblem[]): void {
  if (!problems.length) return;
  const code = problems.some((p) => p.code === 'ambiguous') ? 'REFERENCE_AMBIGUOUS' : 'REFERENCE_NOT_FOUND';
  throw new TesseraError(
    code,
    422,
    problems.map((d) => `${d.path} ${d.message}`).join('; '),
    problems.map((p) => ({ ...p, code: 'reference' })),
  );
}

/** How list filters follow references for this user ("item.code"): the target and its row rule. */
export function referenceScope(registry: Registry, user: CurrentUser): ReferenceScope {
  return {
    target: (key) => registry.entities.get(key),
    scope: (target, params, alias) => {
      try {
        registry.policy.assert(user, target, 'read');
      } catch {
        return false;
      }
      return registry.policy.rowScope(user, target, 'read', params, alias);
    },
  };
}
