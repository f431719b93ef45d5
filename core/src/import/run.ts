/**
 * The import engine. Every document goes through the data service (validation, references,
 * hooks, numbering, audit: the same rules as the REST API) inside ONE transaction:
 *   - all or nothing (default): any refused row rolls the whole file back (422 with each row);
 *   - onError=skip: the valid rows are kept, the refused ones come back as a file to fix;
 *   - dryRun: the whole import runs and is rolled back, so its per-row answer is exactly what
 *     a real run would do, and nothing is written.
 * Documents are written in chunks under a savepoint; a chunk with a refused row is replayed
 * document by document with a savepoint each, so one bad row costs its chunk a replay, not
 * the file. References are resolved per chunk in batches (one query per target and key).
 * Modes: insert (a stored key is refused), upsert, update (an unknown key is refused), keyed
 * on a unique field; a record whose values equal the stored ones is "unchanged" (not written).
 */
import type { EntityModel } from '../entities/model.js';
import type { Tx } from '../db/database.js';
import { deferredScript, ident } from '../db/database.js';
import { Decimal, decimalText } from '@tessera/contract';
import { TesseraError } from '../errors.js';
import type { CurrentUser, Doc } from '../plugin-api/index.js';
import type { DataService } from '../data/service.js';
import { ReferenceResolver, type ReferenceCache } from '../data/references.js';
import { mapColumns } from './columns.js';
import type { Locale } from './convert.js';
import { DocumentBuilder, rowProblems, type ImportDoc, type LinesIndex, type Problem } from './documents.js';
import { ImportErrors } from './errors.js';
import { bulkCreatable, bulkInsert, prepareCreate } from './bulk.js';
import type { SheetRow } from './parse.js';

export type ImportMode = 'insert' | 'upsert' | 'update';

export interface ImportOptions {
  mode: ImportMode;
  key?: string;
  dryRun: boolean;
  onError: 'rollback' | 'skip';
  locale: Locale;
  /** Submit each created document (opening stock: a stock reconciliation posts on submit). */
  submit: boolean;
}

export interface RowResult {
  row: number;
  status: 'created' | 'updated' | 'unchanged' | 'error';
  id?: number;
}

export interface ImportOutcome {
  /** Data rows in the file; documents: the records they make (several rows per document with lines). */
  total: number;
  documents: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** The first KEPT_PROBLEMS problems, in file order; problemCount counts them all. */
  problems: Problem[];
  problemCount: number;
  /** Per-document results, the first LISTED_RESULTS + 1 (more than LISTED_RESULTS: not listed). */
  results: RowResult[];
  ignoredColumns: { column: string; reason: string }[];
  /** What each column of the main file sets: a field ("stock_uom", "lines.item"), or why it is ignored. */
  columns: { column: string; field?: string; ignored?: string }[];
}

/** What one chunk wrote, for the batch's revert: the created ids, and the stored values of what it updated. */
export interface WrittenChunk {
  created: number[];
  updated: { id: number; before: Doc }[];
}

/** What runImport reads: the main file's header and rows (streamed), their count, and the lines of a lines file. */
export interface ImportSource {
  headers: string[];
  rows: AsyncIterable<SheetRow>;
  total: number;
  lines?: LinesIndex;
}

export interface ImportHooks {
  progress?: (done: number, total: number) => Promise<void>;
  /** Asked between chunks: true stops the import, which then rolls back. */
  cancelled?: () => Promise<boolean>;
  /** Each refused row of the main file as read, with its reasons (the error file is written as the import goes). */
  refused?: (row: SheetRow, reasons: string[]) => void;
  /** What each chunk wrote, in the import's transaction (the batch keeps it in the database for the revert, not in memory). */
  written?: (chunk: WrittenChunk) => Promise<void>;
}

/** Thrown when hooks.cancelled answers true (not an error code: the batch says "cancelled"). */
export class ImportCancelled extends Error {}

const CHUNK = 500;
export const KEPT_PROBLEMS = 1000;
export const LISTED_RESULTS = 1000;

/** The key field: the one asked for, else an id column, else the natural key or first unique field the file has. */
function keyFieldOf(e: EntityModel, present: Set<string>, asked: string | undefined): string | undefined {
  if (asked) {
    const f = e.fieldMap.get(asked);
    if (asked !== 'id' && (!f || !f.unique))
      throw ImportErrors.badOption(
        'key',
        `must name a unique field of ${e.label} (${['id', ...e.fields.filter((x) => x.unique).map((x) => x.name)].join(', ')})`,
      );
    return asked;
  }
  if (present.has('id')) return 'id';
  if (e.naturalKey && present.has(e.naturalKey)) return e.naturalKey;
  return e.fields.find((f) => f.unique && present.has(f.name))?.name;
}

/** The columns' targets and the key field of a file, checked before any row is read (unknown columns, no key). */
export function importPlan(e: EntityModel, headers: string[], opts: Pick<ImportOptions, 'mode' | 'key'>) {
  const { targets, ignored } = mapColumns(e, headers);
  const present = new Set(targets.flatMap((t) => (t.kind === 'field' ? [t.field.name] : t.kind === 'id' ? ['id'] : [])));
  const keyField = keyFieldOf(e, present, opts.key);
  if (opts.mode !== 'insert' && !keyField) throw ImportErrors.noKey(e.label, opts.mode);
  if (keyField && keyField !== 'id' && !present.has(keyField)) throw ImportErrors.noKey(e.label, opts.mode);
  return { targets, ignored, keyField };
}

function same(a: unknown, b: unknown, kind: string): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (kind === 'decimal') {
    const x = decimalText(a);
    const y = decimalText(b);
    return x !== undefined && y !== undefined && new Decimal(x).eq(y);
  }
  if (kind === 'datetime') return new Date(String(a)).getTime() === new Date(String(b)).getTime();
  if (kind === 'json') return JSON.stringify(a) === JSON.stringify(b);
  return String(a) === String(b);
}

/** The fields of body that differ from stored, with their stored values (line collections as a whole). */
function changes(e: EntityModel, body: Doc, stored: Doc): Doc | undefined {
  const before: Doc = {};
  for (const [k, v] of Object.entries(body)) {
    const f = e.fieldMap.get(k)!;
    if (f.kind === 'children') {
      const lines = (stored[k] ?? []) as Doc[];
      const child = f.child!;
      const equal =
        lines.length === v.length && (v as Doc[]).every((l, i) => Object.keys(l).every((n) => same(l[n], lines[i]![n], child.fieldMap.get(n)!.kind)));
      if (!equal)
        before[k] = lines.map((l) =>
          Object.fromEntries(child.fields.filter((cf) => !cf.readOnly && l[cf.name] !== undefined).map((cf) => [cf.name, l[cf.name]])),
        );
    } else if (!same(v, stored[k], f.kind)) before[k] = stored[k] ?? null;
  }
  return Object.keys(before).length ? before : undefined;
}

const reasonOf = (p: Problem) => `${p.sheet ? `lines row ${p.row}: ` : ''}${p.column ?? p.field ?? ''}${p.column || p.field ? ': ' : ''}${p.message}`;

/**
 * Runs the import in the caller's transaction, a chunk of documents at a time as the rows
 * stream in. Memory holds one chunk and the kept problems and results; what was written goes
 * to hooks.written chunk by chunk (the batch keeps it for the revert).
 */
export async function runImport(
  service: DataService,
  tx: Tx,
  user: CurrentUser,
  e: EntityModel,
  source: ImportSource,
  opts: ImportOptions,
  hooks: ImportHooks = {},
): Promise<ImportOutcome> {
  const { targets, ignored, keyField } = importPlan(e, source.headers, opts);
  const builder = new DocumentBuilder(source.headers, targets, opts.locale, keyField, source.lines);
  const out: ImportOutcome = {
    total: source.total,
    documents: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    problems: [],
    problemCount: 0,
    results: [],
    ignoredColumns: ignored,
    columns: source.headers.map((column, i) => {
      const t = targets[i]!;
      if (t.kind === 'field') return { column, field: t.field.name };
      if (t.kind === 'line') return { column, field: `${t.collection.name}.${t.field.name}` };
      if (t.kind === 'id') return { column, field: 'id' };
      return { column, ignored: t.reason };
    }),
  };
  const ctx = service.context(tx, user, e.plugin);
  const cache: ReferenceCache = new Map();
  const bulk = !opts.submit && bulkCreatable(service, user, e);
  let rowsDone = 0;
  let pending: ImportDoc[] = [];

  const flush = async () => {
    const chunk = pending;
    pending = [];
    if (!chunk.length) return;
    if (await hooks.cancelled?.()) throw new ImportCancelled();
    await writeChunk(service, tx, user, e, ctx, chunk, cache, bulk, keyField, opts);
    const written: WrittenChunk = { created: [], updated: [] };
    for (const doc of chunk) {
      rowsDone += doc.orphan && !doc.raw.length ? 0 : doc.rows.length;
      if (!doc.orphan) out.documents += 1;
      const res = (doc as WrittenDoc).res;
      if (doc.problems.length || !res) {
        out.failed += 1;
        doc.problems.sort((a, b) => a.row - b.row);
        for (const p of doc.problems) if (out.problems.length < KEPT_PROBLEMS) out.problems.push(p);
        out.problemCount += doc.problems.length;
        if (!doc.orphan && out.results.length <= LISTED_RESULTS) out.results.push({ row: doc.row, status: 'error', ...(doc.id ? { id: doc.id } : {}) });
        if (hooks.refused) {
          const reasons = doc.problems.map(reasonOf);
          for (const r of doc.raw) hooks.refused(r, r.row === doc.row ? reasons : ['refused with its document']);
        }
        continue;
      }
      out[res.status] += 1;
      if (out.results.length <= LISTED_RESULTS) out.results.push({ row: doc.row, status: res.status, id: res.id });
      if (res.status === 'created') written.created.push(res.id);
      if (res.status === 'updated') written.updated.push({ id: res.id, before: res.before! });
    }
    if (written.created.length || written.updated.length) await hooks.written?.(written);
    await hooks.progress?.(Math.min(rowsDone, out.total), out.total);
  };

  for await (const row of source.rows) {
    pending.push(...builder.add(row));
    if (pending.length >= CHUNK) await flush();
  }
  pending.push(...builder.finish());
  await flush();
  out.problems.sort((a, b) => a.row - b.row);
  out.results.sort((a, b) => a.row - b.row);
  return out;
}

type WrittenDoc = ImportDoc & { res?: Outcome; stored?: Doc };

/**
 * One chunk: natural keys resolved and stored records matched in batches, then written under
 * one savepoint; a refusal replays the chunk document by document with a savepoint each, so
 * one bad row costs its chunk a replay, not the file. Each written document gets its `res`.
 */
async function writeChunk(
  service: DataService,
  tx: Tx,
  user: CurrentUser,
  e: EntityModel,
  ctx: ReturnType<DataService['context']>,
  all: ImportDoc[],
  cache: ReferenceCache,
  bulk: boolean,
  keyField: string | undefined,
  opts: ImportOptions,
): Promise<void> {
  const chunk = all.filter((d) => !d.orphan) as WrittenDoc[];
  await resolveChunk(service, tx, user, e, chunk, cache);
  await matchStored(service, tx, user, e, chunk, keyField, opts.mode);
  const results: { doc: ImportDoc; res: Outcome }[] = [];
  await tx.query('savepoint tessera_import_chunk');
  const deferred = tx.deferred.length;
  let clean = true;
  try {
    const rest = bulk ? await bulkCreateChunk(service, tx, user, e, chunk, results) : chunk;
    for (const doc of rest) {
      if (doc.problems.length) continue;
      results.push({ doc, res: await writeDoc(service, ctx, e, doc, opts) });
    }
  } catch (err) {
    if (!(err instanceof TesseraError) && !(err as any)?.code) throw err;
    clean = false;
  }
  if (!clean) {
    await tx.query('rollback to savepoint tessera_import_chunk');
    tx.deferred.length = deferred;
    results.length = 0;
    for (const doc of chunk) {
      if (doc.problems.length) continue;
      await tx.query('savepoint tessera_import_doc');
      const mark = tx.deferred.length;
      try {
        results.push({ doc, res: await writeDoc(service, ctx, e, doc, opts) });
        await tx.query('release savepoint tessera_import_doc');
      } catch (err) {
        await tx.query('rollback to savepoint tessera_import_doc');
        tx.deferred.length = mark;
        if (!(err instanceof TesseraError) && !(err as any)?.code) throw err;
        const te = err instanceof TesseraError ? err : new TesseraError('WRITE_FAILED', 422, (err as Error)?.message ?? String(err));
        doc.problems.push(...rowProblems(doc, te.details, te.message, te.code));
      }
    }
  }
  await tx.query('release savepoint tessera_import_chunk');
  // Audit rows wait for COMMIT in memory: a long import sends them as it goes (same transaction).
  if (tx.deferred.length >= 2000) {
    await tx.query(deferredScript(tx.deferred));
    tx.deferred.length = 0;
  }
  for (const r of results) (r.doc as WrittenDoc).res = r.res;
  // A stored record's values are not needed once written.
  for (const d of chunk) d.stored = undefined;
}

/**
 * The fast path for the chunk's new records without lines: checked one by one in memory (a
 * refusal is that row's problem), inserted in one statement. Returns the documents left for
 * the data service (updates, documents with lines).
 */
async function bulkCreateChunk(
  service: DataService,
  tx: Tx,
  user: CurrentUser,
  e: EntityModel,
  chunk: ImportDoc[],
  results: { doc: ImportDoc; res: Outcome }[],
): Promise<ImportDoc[]> {
  const rest: ImportDoc[] = [];
  const ready: { doc: ImportDoc; body: Doc }[] = [];
  for (const doc of chunk) {
    if (doc.problems.length) continue;
    if (doc.id !== undefined || e.children.some((c) => c.name in doc.body)) {
      rest.push(doc);
      continue;
    }
    try {
      ready.push({ doc, body: prepareCreate(service, user, e, structuredClone(doc.body)) });
    } catch (err) {
      if (!(err instanceof TesseraError)) throw err;
      doc.problems.push(...rowProblems(doc, err.details, err.message, err.code));
    }
  }
  const ids = await bulkInsert(
    service,
    tx,
    user,
    e,
    ready.map((r) => r.body),
  );
  ready.forEach((r, i) => results.push({ doc: r.doc, res: { status: 'created', id: ids[i]! } }));
  return rest;
}

type Outcome = { status: 'created' | 'updated' | 'unchanged'; id: number; before?: Doc };

async function writeDoc(service: DataService, ctx: ReturnType<DataService['context']>, e: EntityModel, doc: ImportDoc, opts: ImportOptions): Promise<Outcome> {
  if (doc.id === undefined) {
    const created = await service.create(ctx, e, doc.body);
    if (opts.submit && e.submittable) await service.submit(ctx, e, created.id);
    return { status: 'created', id: created.id };
  }
  const stored = (doc as WrittenDoc).stored!;
  const before = changes(e, doc.body, stored);
  if (!before) return { status: 'unchanged', id: doc.id };
  await service.update(ctx, e, doc.id, doc.body);
  return { status: 'updated', id: doc.id, before };
}

/** Natural keys of the chunk, in batches; an unknown key becomes its row's problem. */
async function resolveChunk(service: DataService, tx: Tx, user: CurrentUser, e: EntityModel, chunk: ImportDoc[], cache: ReferenceCache): Promise<void> {
  const resolver = new ReferenceResolver(service.registry, user, cache, true);
  chunk.forEach((doc, i) => {
    for (const p of resolver.collect(e, doc.body, `${i}/`))
      doc.problems.push(...rowProblems(doc, [{ ...p, path: p.path.slice(String(i).length + 1) }], p.message));
  });
  for (const p of await resolver.resolve(tx)) {
    const i = Number(p.path.split('/', 1)[0]);
    const doc = chunk[i]!;
    doc.problems.push(
      ...rowProblems(
        doc,
        [{ ...p, path: p.path.slice(String(i).length + 1), code: p.code === 'ambiguous' ? 'REFERENCE_AMBIGUOUS' : 'REFERENCE_NOT_FOUND' }],
        p.message,
      ),
    );
  }
}

/** Finds the stored record of each keyed document (by the key field, or the id column), by mode. */
async function matchStored(
  service: DataService,
  tx: Tx,
  user: CurrentUser,
  e: EntityModel,
  chunk: ImportDoc[],
  keyField: string | undefined,
  mode: ImportMode,
): Promise<void> {
  if (!keyField) return;
  const keyed = chunk.filter((d) => !d.problems.length && (keyField === 'id' ? d.id !== undefined : d.body[keyField] !== undefined));
  const byKey = new Map<string, number>();
  if (keyed.length && keyField !== 'id') {
    const kf = e.fieldMap.get(keyField)!;
    const col = ident(kf.column);
    // Compared in the column's own type, so its unique index answers.
    const type = kf.kind === 'integer' || kf.kind === 'reference' ? 'int8' : kf.kind === 'decimal' ? 'numeric' : kf.kind === 'date' ? 'date' : 'text';
    const res = await tx.query(`select t."id", t.${col}::text as k from ${ident(e.table)} t where t.${col} = any($1::${type}[])`, [
      keyed.map((d) => String(d.body[keyField])),
    ]);
    for (const r of res.rows) byKey.set(r.k, Number(r.id));
  }
  const ids: number[] = [];
  for (const d of keyed) {
    const id = keyField === 'id' ? d.id : byKey.get(String(d.body[keyField]));
    d.id = undefined;
    const label = keyField === 'id' ? `id ${id}` : `${keyField} ${JSON.stringify(String(d.body[keyField]))}`;
    if (id !== undefined && mode === 'insert')
      d.problems.push({
        row: d.row,
        field: keyField,
        message: `${e.label} with ${label} already exists (mode=insert; send mode=upsert to update it)`,
        code: 'exists',
      });
    else if (id === undefined && mode === 'update')
      d.problems.push({ row: d.row, field: keyField, message: `no ${e.label} with ${label} (mode=update; send mode=upsert to create it)`, code: 'missing' });
    else if (id !== undefined) {
      d.id = id;
      ids.push(id);
    }
  }
  for (const d of chunk)
    if (keyField === 'id' && !keyed.includes(d) && mode === 'update') d.problems.push({ row: d.row, field: 'id', message: 'is required in mode=update' });
  if (!ids.length) return;
  const stored = await service.list(user, e, { ids, limit: Math.max(ids.length, 1), expand: e.children.map((c) => c.name) }, tx, 'update');
  const byId = new Map(stored.data.map((r) => [Number(r.id), r]));
  for (const d of keyed) {
    if (d.id === undefined) continue;
    const s = byId.get(d.id);
    if (!s) {
      d.problems.push({ row: d.row, field: keyField, message: `${e.label} ${d.id} does not exist or your role may not change it`, code: 'missing' });
      d.id = undefined;
    } else (d as WrittenDoc).stored = s;
  }
}
