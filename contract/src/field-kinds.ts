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
