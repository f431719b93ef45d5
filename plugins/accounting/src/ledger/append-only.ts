/** The general ledger is append-only: a trigger refuses UPDATE and DELETE of entries (as the stock ledger). */
export const GL_APPEND_ONLY_SQL = [
  `create or replace function accounting_gl_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'the general ledger is append-only: % of entry % refused (cancel the document to post reversing entries)', tg_op, old.id using errcode = '55000';
   end $$`,
  `create or replace trigger accounting_gl_append_only before update or delete on accounting_gl_entry
     for each row execute function accounting_gl_append_only()`,
];
