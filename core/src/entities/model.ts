/**
 * The normalized entity model: what a JSON-Schema declaration (plus the client's
 * customizations) means, in one typed shape that every projection reads (tables, REST,
 * validation, OpenAPI, metadata). Nothing downstream reads the raw declaration again.
 */

import type { FieldKind } from '../plugin-api/model.js';

export type * from '../plugin-api/model.js';

/** What the audit trail, history and messages show instead of a secret. */
export const REDACTED = '[redacted]';

/** Whether a JSON Schema property (entity field or action input) declares a secret. */
export function isSecretSchema(p: Record<string, any> | undefined): boolean {
  return !!p && (p['x-secret'] === true || p.writeOnly === true || p['x-ui']?.widget === 'password');
}

/** Fields whose values are text and can be searched. */
export function isTextKind(kind: FieldKind): boolean {
  return kind === 'string' || kind === 'text' || kind === 'email' || kind === 'url' || kind === 'phone' || kind === 'enum';
}
