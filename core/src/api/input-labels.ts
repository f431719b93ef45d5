/**
 * Labels of the action input fields that recur across plugins and name no entity field
 * ("submit" = submit the new document at once, "note", "at"): one place, in every language, so
 * an action dialog never shows an English word in Lithuanian. Plugin-specific inputs declare
 * their own `x-labels`; inputs named like a field take that field's labels (api/meta.ts).
 */
export const COMMON_INPUT_LABELS: Record<string, Record<string, string>> = {
  submit: { en: 'Submit it at once', lt: 'Iškart pateikti' },
  note: { en: 'Note', lt: 'Pastaba' },
  comment: { en: 'Comment', lt: 'Komentaras' },
  at: { en: 'Time', lt: 'Laikas' },
  basis: { en: 'Invoice on the basis of', lt: 'Sąskaitos pagrindas' },
  timesheets: { en: 'Timesheets', lt: 'Darbo laiko žiniaraščiai' },
};
