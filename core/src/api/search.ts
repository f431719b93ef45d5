/**
 * GET /api/search?q=: the global search box (Ctrl+K in the admin UI). One query over every
 * entity the viewer may read, matching the words of `q` inside the entity's title and declared
 * search fields (any position in the word, case- and accent-insensitive where PostgreSQL's
 * `unaccent` is available: "zukauskas" finds "Žukauskas"), results grouped by entity.
 *
 * The same rules as every read path: the viewer's row rule is part of the SQL (rowFilter), a
 * field hidden from their role is neither searched nor shown, secrets never are.
 * When the list query's `tessera_unaccent` (the IMMUTABLE wrapper the trigram indexes are built
 * over) exists, the match uses it, so those indexes serve this search too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataService } from '../data/service.js';
import type { EntityModel } from '../entities/model.js';
import { Errors } from '../errors.js';
import type { CurrentUser } from '../plugin-api/index.js';
import type { SearchGroup, SearchHit } from '@tessera/contract';
import { storedTitles, type TitleTranslations } from '../data/titles.js';

const TEXT_KINDS = new Set(['string', 'text', 'email', 'url', 'phone', 'enum', 'integer']);
export const SEARCH_LIMITS = { queryLength: 100, words: 6, perEntity: { default: 5, max: 20 } };

type Unaccent = 'tessera_unaccent' | 'unaccent' | null;
const unaccentOf = new WeakMap<object, Promise<Unaccent>>();

/**
 * Which unaccent function the database offers: the list query's immutable wrapper, the
 * extension itself (created here when the server may: it ships with PostgreSQL's contrib
 * modules), or none (then matching is case-insensitive only).
 */
function unaccentFunction(service: DataService): Promise<Unaccent> {
  let found = unaccentOf.get(service.db);
  if (!found) {
    found = (async (): Promise<Unaccent> => {
      const has = async (name: string) => (await service.db.query(`select 1 from pg_proc where proname = $1 limit 1`, [name])).rows.length > 0;
      if (await has('tessera_unaccent')) return 'tessera_unaccent';
      try {
        await service.db.query('create extension if not exists unaccent');
      } catch {
        /* not installed or not permitted: case-insensitive matching only */
      }
      return (await has('unaccent')) ? 'unaccent' : null;
    })();
    unaccentOf.set(service.db, found);
  }
  return found;
}

/** The words of a query (letters and digits), at most SEARCH_LIMITS.words. */
export function searchWords(q: string): string[] {
  return (q.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, SEARCH_LIMITS.words);
}

/** The fields of an entity the viewer's search looks in: title first, then the search fields, visible and not secret. */
export function searchableFields(service: DataService, user: CurrentUser, e: EntityModel): string[] {
  const names = [...new Set([e.titleField, ...e.searchFields])];
  return names.filter((n) => {
    const f = e.fieldMap.get(n);
    return !!f && !f.secret && TEXT_KINDS.has(f.kind) && service.fieldVisible(user, e, n);
  });
}

function readable(service: DataService, user: CurrentUser, e: EntityModel): boolean {
  try {
    service.assertReadable(user, e, []);
    return true;
  } catch {
    return false;
  }
}

/** Folded for matching: lower case, accents off ("Svetainė" -> "svetaine"). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The stored titles of an entity's seeded records whose translation holds every word. */
function seededMatches(index: TitleTranslations | undefined, entity: string, words: string[]): string[] {
  const byText = storedTitles(index, entity);
  if (!byText) return [];
  const wanted = words.map(fold);
  return [...new Set([...byText].filter(([text]) => wanted.every((w) => fold(text).includes(w))).map(([, stored]) => stored))];
}

export async function globalSearch(service: DataService, user: CurrentUser, q: string, perEntity: number, only?: Set<string>): Promise<SearchGroup[]> {
  const words = searchWords(q);
  if (!words.length) return [];
  const fn = await unaccentFunction(service);
  const norm = (sql: string) => (fn ? `${fn}(${sql})` : sql);
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const patterns = words.map((w) => param(`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const parts: string[] = [];
  const entities: EntityModel[] = [];
  for (const e of service.registry.entities.values()) {
    if (only && !only.has(e.key)) continue;
    if (!readable(service, user, e)) continue;
    const fields = searchableFields(service, user, e);
    if (!fields.length) continue;
    const col = (f: string) => `coalesce(t."${f}"::text, '')`;
    // every word must occur in one of the fields
    const byWords = patterns.map((p) => `(${fields.map((f) => `${norm(col(f))} ilike ${norm(p)}`).join(' or ')})`).join(' and ');
    // a seeded record is found by its title in another language too ("svetaine" finds the stored "Website")
    const seeded = fields.includes(e.titleField) ? seededMatches(service.registry.titleTranslations, e.key, words) : [];
    const match = seeded.length ? `((${byWords}) or t."${e.titleField}" = any(${param(seeded)}::text[]))` : byWords;
    const title = `t."${fields.includes(e.titleField) ? e.titleField : fields[0]}"::text`;
    const rest = fields.filter((f) => f !== e.titleField);
    const subtitle = rest.length ? `concat_ws(' · ', ${rest.map((f) => `nullif(t."${f}"::text, '')`).join(', ')})` : 'null';
    const rows = service.rowFilter(user, e, 't', param);
    // titles that start with the first word come first
    const rank = `(${norm(`coalesce(${title}, '')`)} ilike ${norm(param(`${words[0]!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))})`;
    parts.push(
      `(select ${param(e.key)}::text as entity, t.id::bigint as id, ${title} as title, ${subtitle} as subtitle from "${e.table}" t where (${rows}) and ${match} order by ${rank} desc, t.id desc limit ${perEntity + 1})`,
    );
    entities.push(e);
  }
  if (!parts.length) return [];
  const { rows } = await service.db.query(parts.join(' union all '), params);
  const byEntity = new Map<string, SearchHit[]>();
  for (const r of rows as { entity: string; id: string; title: string | null; subtitle: string | null }[]) {
    const list = byEntity.get(r.entity) ?? [];
    list.push({ id: Number(r.id), title: r.title ?? `#${r.id}`, ...(r.subtitle ? { subtitle: r.subtitle } : {}) });
    byEntity.set(r.entity, list);
  }
  return entities
    .filter((e) => byEntity.has(e.key))
    .map((e) => {
      const hits = byEntity.get(e.key)!;
      return { entity: e.key, label: e.plural, labels: e.labels, results: hits.slice(0, perEntity), more: hits.length > perEntity };
    });
}

/** Registers GET /api/search (one call from the app). */
export function registerGlobalSearch(app: FastifyInstance, service: DataService, userOf: (req: FastifyRequest) => CurrentUser): void {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['platform'],
        summary: 'Global search over every readable entity (title and search fields), grouped by entity',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string' },
            limit: { type: 'string' },
            entities: { type: 'string', description: 'Comma-separated entity keys to search (default: all)' },
          },
        },
      },
    },
    async (req) => {
      const user = userOf(req);
      const query = req.query as { q?: string; limit?: string; entities?: string };
      const q = query.q ?? '';
      if (!q.trim()) throw Errors.badQuery([{ path: 'q', message: 'is required: the text to search for' }]);
      if (q.length > SEARCH_LIMITS.queryLength) throw Errors.badQuery([{ path: 'q', message: `must be at most ${SEARCH_LIMITS.queryLength} characters` }]);
      let limit = SEARCH_LIMITS.perEntity.default;
      if (query.limit !== undefined) {
        limit = Number(query.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.perEntity.max)
          throw Errors.badQuery([{ path: 'limit', message: `must be a whole number from 1 to ${SEARCH_LIMITS.perEntity.max}` }]);
      }
      let only: Set<string> | undefined;
      if (query.entities) {
        only = new Set(
          query.entities
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        const unknown = [...only].filter((k) => !service.registry.entities.has(k));
        if (unknown.length)
          throw Errors.badQuery([{ path: 'entities', message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is not an entity' : 'are not entities'}` }]);
      }
      return { q, groups: await globalSearch(service, user, q, limit, only) };
    },
  );
}
