/**
 * Validators the compiled server brings precompiled (ajv standalone code written by
 * core/scripts/build-server.mjs and put on globalThis by its entry), taken only when they were
 * made from these very schemas; otherwise (tsx, tests, a changed schema) the caller compiles.
 */
import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';

export function precompiledValidator(
  name: '__tesseraMetaValidator' | '__tesseraConfigValidator' | '__tesseraManifestValidator' | '__tesseraSchemaValidator',
  ...schemas: object[]
): ValidateFunction | undefined {
  const pre = (globalThis as unknown as Record<string, { hash: string; validate: ValidateFunction } | undefined>)[name];
  if (!pre) return undefined;
  const hash = createHash('sha1')
    .update(schemas.map((s) => JSON.stringify(s)).join('\n'))
    .digest('hex');
  return pre.hash === hash ? pre.validate : undefined;
}
