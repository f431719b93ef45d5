/** The vocabulary both sides of the wire use: field kinds, computed-field formulas, document states, standard actions. */

export type FieldKind =
  | 'string'
  | 'text'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'enum'
  | 'email'
  | 'url'
  | 'phone'
  | 'json'
  | 'reference'
  | 'children';

/** x-compute: line amount = qty x rate, totals = sum of lines (operands are field names or decimal literals). */
export type ComputeSpec = { mul: string[] } | { add: string[] } | { sub: string[] } | { sum: string };

/** The states of a submittable document. */
export const DOCSTATUS = ['draft', 'submitted', 'cancelled'] as const;
export type DocStatus = (typeof DOCSTATUS)[number];

/** Actions every entity has (role permissions name them); declared action names may not reuse them. */
export const STANDARD_ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;
/** Actions of submittable documents. */
export const DOCUMENT_ACTIONS = ['submit', 'cancel', 'amend'] as const;
/** Names a plugin's declared action may not take. */
export const RESERVED_ACTION_NAMES: readonly string[] = [...STANDARD_ACTIONS, ...DOCUMENT_ACTIONS];

/** Columns every table has, besides the declared fields. */
export const SYSTEM_COLUMNS = ['id', 'created_at', 'updated_at', 'created_by'] as const;

/** x-ui hints for forms and values (docs/entity-vocabulary.md, "Field widgets"). */
export interface FieldUiHints {
  /** Bookkeeping the user rarely needs (converted-from ids, order line ids): hidden until "Show all fields". */
  internal?: boolean;
  /** What a number means: money (formatted with a currency), quantity (its scale, zeros trimmed), rate, percent. */
  kind?: 'money' | 'quantity' | 'rate' | 'percent';
  /** For money: the field holding its currency code ("currency", "^currency" on a line: the document's). */
  currency?: string;
  /** Picking this reference fills other fields from a GET endpoint: params maps query names to form fields ("^customer": the document's). */
  fill?: { url: string; params?: Record<string, string>; replace?: boolean };
  /** Only these records are offered by the picker: target field -> value, or "=field" (a form field's value; "=^field" the document's). */
  refFilter?: Record<string, unknown>;
  /** Extra target fields shown under each choice of the picker, to tell equal names apart. */
  secondary?: string[];
  /** A new line starts with the previous line's value (warehouses). */
  repeat?: boolean;
  /**
   * On an exchange rate field: while it is empty, forms compute the company-currency totals
   * live with the rate the server will fill (1 in the company currency, else the recorded rate
   * of the document date). `date`: the document's date field; `party`: the reference whose
   * record's `currency` the document takes while its own currency is empty.
   */
  rate?: { date: string; party?: string };
}
