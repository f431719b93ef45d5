/**
 * Numbering series (x-naming), ERPNext style: "PUR-ORD-.YYYY.-.#####" -> PUR-ORD-2026-00001.
 * Parts are separated by dots; YYYY, YY, MM, DD take the document date (or today); a run of
 * # is the counter, zero-padded. The counter is kept per resolved prefix in
 * tessera_series and incremented inside the creating transaction: the row lock serializes
 * concurrent creators and a rollback gives the number back, so numbers are unique and
 * gap-free. A client configuration may override the pattern (customizations.<entity>.naming).
 */
import type { Tx } from '../db/database.js';
import type { EntityModel } from '../entities/model.js';
import type { Doc } from '../plugin-api/index.js';
import { Errors } from '../errors.js';

export const SERIES_TABLE_SQL = `create table if not exists tessera_series (name text primary key, current bigint not null)`;

function documentDate(e: EntityModel, doc: Doc): Date {
  const dateField = e.fields.find((f) => (f.kind === 'date' || f.kind === 'datetime') && doc[f.name] && /date/.test(f.name));
  const v = dateField ? doc[dateField.name] : undefined;
  const d = v ? new Date(v) : new Date();
  return Number.isNaN(d.getTime()) ? new Date() : d;
}

export function resolvePattern(pattern: string, date: Date): { prefix: string; digits: number } {
  let prefix = '';
  let digits = 0;
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const part of pattern.split('.')) {
    if (/^#+$/.test(part)) {
      digits = part.length;
      break;
    }
    switch (part) {
      case 'YYYY':
        prefix += String(date.getUTCFullYear());
        break;
      case 'YY':
        prefix += String(date.getUTCFullYear()).slice(2);
        break;
      case 'MM':
        prefix += pad(date.getUTCMonth() + 1);
        break;
      case 'DD':
        prefix += pad(date.getUTCDate());
        break;
      default:
        prefix += part;
    }
  }
  if (!digits) throw Errors.config(`numbering pattern "${pattern}" has no counter (#####)`);
  return { prefix, digits };
}

/** Where a new document's number comes from: the series counter and how the number is formed. */
export interface SeriesNumber {
  /** The number's column. */
  column: string;
  /** The counter's key in tessera_series (entity and resolved prefix). */
  series: string;
  prefix: string;
  digits: number;
}

export function seriesNumber(e: EntityModel, doc: Doc): SeriesNumber {
  const { prefix, digits } = resolvePattern(e.naming!.pattern, documentDate(e, doc));
  return { column: e.fieldMap.get(e.naming!.field)?.column ?? e.naming!.field, series: `${e.key}:${prefix}`, prefix, digits };
}

/**
 * The series counter's increment as a CTE of the INSERT that stores the number (one round trip
 * instead of two), and the SQL of the number itself: the prefix and the counter zero-padded to
 * at least `digits` (never cut, like padStart). The counter's row lock serializes
 * concurrent creators and a rollback gives the number back: numbers stay unique and gap-free.
 */
export function seriesSql(n: SeriesNumber, add: (v: unknown) => string): { cte: string; value: string } {
  const cte = `tessera_number as (insert into tessera_series (name, current) values (${add(n.series)}, 1)
     on conflict (name) do update set current = tessera_series.current + 1 returning current)`;
  const digits = add(n.digits);
  return {
    cte,
    value: `(select ${add(n.prefix)}::text || lpad(c.current::text, greatest(${digits}::int, length(c.current::text)), '0') from tessera_number c)`,
  };
}

/** X -> X-1, X-1 -> X-2: the original number with the amendment depth (walks amended_from to the original). */
export async function amendedNumber(tx: Tx, e: EntityModel, sourceId: number): Promise<string> {
  const field = e.naming!.field;
  const res = await tx.query(
    `with recursive chain(id, amended_from, n, depth) as (
       select id, amended_from, "${field}", 0 from "${e.table}" where id = $1
       union all
       select t.id, t.amended_from, t."${field}", c.depth + 1 from "${e.table}" t join chain c on t.id = c.amended_from
     ) select n, depth from chain order by depth desc limit 1`,
    [sourceId],
  );
  const root = res.rows[0]!;
  return `${root.n}-${Number(root.depth) + 1}`;
}
