/**
 * The PostgreSQL extensions and functions the generated tables rely on, created before every
 * migration's own SQL (idempotent): pg_trgm (trigram GIN indexes for contains filters) and
 * unaccent with its IMMUTABLE wrapper tessera_unaccent (db/text.ts). Both extensions are
 * "trusted": a database owner without superuser may create them (the wrapper is then slower
 * per row on scans; indexes serve the same). The embedded PostgreSQL ships
 * them; on Debian they come with postgresql-contrib.
 */
export const EXTENSIONS_SQL = `
create extension if not exists pg_trgm;
create extension if not exists unaccent;
do $body$
declare s text;
begin
  -- The body names unaccent's schema: an index expression is also evaluated where search_path
  -- is empty (autovacuum, pg_restore).
  select n.nspname into s from pg_extension x join pg_namespace n on n.oid = x.extnamespace where x.extname = 'unaccent';
  if (select rolsuper from pg_roles where rolname = current_user) then
    -- Fast: unaccent's own C function declared IMMUTABLE (only a superuser may declare a C
    -- function), and a SQL wrapper the planner inlines, so a scan calls C directly per row.
    execute format('create or replace function tessera_unaccent_dict(regdictionary, text) returns text language c immutable parallel safe strict as %L, %L', '$libdir/unaccent', 'unaccent_dict');
    execute format('create or replace function tessera_unaccent(text) returns text language sql immutable parallel safe strict as %L',
      format('select %I.tessera_unaccent_dict(%L::regdictionary, $1)', current_schema(), quote_ident(s) || '.unaccent'));
  else
    -- Any database owner: a SQL wrapper over unaccent() (not inlined: a function call per row).
    execute format('create or replace function tessera_unaccent(text) returns text language sql immutable parallel safe strict as %L',
      format('select %I.unaccent(%L::regdictionary, $1)', s, quote_ident(s) || '.unaccent'));
  end if;
end
$body$`;
