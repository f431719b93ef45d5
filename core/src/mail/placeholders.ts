/**
 * Placeholders of e-mail templates: {{number}}, {{party_name}}, {{doc.<field>}} ... A template
 * is checked when it is saved: a placeholder that is not known for its entity is refused
 * (422, field path subject/body, the known ones listed), so a typo never reaches a customer.
 */
import type { EntityModel } from '../entities/model.js';
import type { FieldProblem } from '../errors.js';

export const STANDARD_PLACEHOLDERS = ['number', 'title', 'party_name', 'company_name', 'grand_total', 'currency', 'due_date', 'date', 'sender_name'] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a template for the entity may use. */
export function knownPlaceholders(e: EntityModel): string[] {
  const fields = e.fields.filter((f) => !f.secret && f.kind !== 'children').map((f) => `doc.${f.name}`);
  return [...STANDARD_PLACEHOLDERS, ...fields];
}

export function placeholderProblems(e: EntityModel, texts: Record<string, unknown>): FieldProblem[] {
  const known = new Set(knownPlaceholders(e));
  const out: FieldProblem[] = [];
  for (const [path, text] of Object.entries(texts)) {
    if (typeof text !== 'string') continue;
    const unknown = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((n) => !known.has(n));
    if (unknown.length)
      out.push({
        path,
        code: 'placeholder',
        message: `uses unknown placeholder${unknown.length > 1 ? 's' : ''} ${[...new Set(unknown)].map((n) => `{{${n}}}`).join(', ')}; known: ${[...STANDARD_PLACEHOLDERS].map((n) => `{{${n}}}`).join(', ')} and {{doc.<field>}} for a field of ${e.key}`,
      });
  }
  return out;
}

export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => values[name] ?? '');
}
