/**
 * The rows of an export, streamed at constant memory: the list's SQL (same permission, row
 * rule, filter, sort and visible fields as the list) read through a server-side cursor on a
 * connection of its own, in one read-only repeatable-read snapshot, a batch at a time. No row
 * cap: memory holds one batch and the reference titles of recent rows.
 */
import type { EntityModel, FieldModel } from '../entities/model.js';
import { ident, Params } from '../db/database.js';
import type { CurrentUser, Doc, ListQuery } from '../plugin-api/index.js';
import type { DataService } from '../data/service.js';
import { translatedTitle } from '../data/titles.js';

export const EXPORT_BATCH = 2000;

export interface ExportSource {
  count(): Promise<number>;
  batches(): AsyncGenerator<Doc[]>;
}

/** Checks the query (permission, filter, sort, fields) now, so a bad request fails before any byte is sent. */
export function exportSource(service: DataService, user: CurrentUser, e: EntityModel, query: ListQuery): ExportSource {
  const { sql, params } = service.listSql(user, e, query, 'export');
  let paged = sql;
  const all = [...params];
  if (query.limit !== undefined) paged += ` limit $${all.push(query.limit)}`;
  if (query.offset) paged += ` offset $${all.push(query.offset)}`;
  return {
    async count() {
      const r = await service.db.query(`select count(*)::bigint as n from (${paged}) x`, all);
      return Number(r.rows[0]!.n);
    },
    async *batches() {
      const client = await service.db.connect();
      let open = false;
      try {
        await client.query('begin isolation level repeatable read read only');
        open = true;
        await client.query(`declare tessera_export no scroll cursor for ${paged}`, all);
        while (true) {
          const r = await client.query(`fetch ${EXPORT_BATCH} from tessera_export`);
          if (!r.rows.length) break;
          yield r.rows;
        }
        await client.query('commit');
        open = false;
      } finally {
        // A consumer that stops early (client gone) ends the snapshot and frees the connection.
        if (open) await client.query('rollback').catch(() => undefined);
        client.release();
      }
    },
  };
}

/**
 * Titles of referenced records (export cells show "BOLT", not 12), read per batch under the
 * user's row rule on the target, a seeded one in the export's language ("Svetainė"); a target
 * the user may not read shows its ids.
 */
export class ReferenceTitles {
  private cache = new Map<string, Map<number, string>>();
  constructor(
    private service: DataService,
    private user: CurrentUser,
    private lang = 'en',
  ) {}

  async load(fields: FieldModel[], rows: Doc[]): Promise<void> {
    for (const f of fields) {
      const target = this.service.registry.entities.get(f.ref!.entity);
      if (!target || !this.service.fieldVisible(this.user, target, target.titleField)) continue;
      let known = this.cache.get(f.name);
      if (!known || known.size > 100_000) this.cache.set(f.name, (known = new Map()));
      const ids = [...new Set(rows.map((r) => r[f.name]).filter((v) => v !== null && v !== undefined && !known!.has(v)))];
      if (!ids.length) continue;
      const params = new Params();
      const idp = params.add(ids);
      const rule = this.service.rowFilter(this.user, target, 't', (v) => params.add(v), 'read');
      if (rule === 'false') continue;
      const title = target.fieldMap.get(target.titleField);
      const res = await this.service.db.query(
        `select t."id", t.${ident(title ? title.column : 'id')}::text as title from ${ident(target.table)} t where t."id" = any(${idp}) and (${rule})`,
        params.values,
      );
      const translations = this.service.registry.titleTranslations;
      for (const r of res.rows) known.set(Number(r.id), r.title === null ? String(r.id) : translatedTitle(translations, target.key, r.title, this.lang));
    }
  }

  title(f: FieldModel, id: unknown): string | number | null {
    if (id === null || id === undefined) return null;
    return this.cache.get(f.name)?.get(Number(id)) ?? (id as number);
  }
}
