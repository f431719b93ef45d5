/**
 * The client configuration: one JSON file per client (schemas/client-config.schema.json).
 * Environment variables (DATABASE_URL, TESSERA_DATA_DIR, PORT, HOST) override it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { Errors } from './errors.js';
import { precompiledValidator } from './precompiled.js';

const require = createRequire(import.meta.url);

import type { ClientConfig, CompanySettings, ResolvedConfig } from './plugin-api/config.js';

export type { ClientConfig, CompanySettings, EntityCustomization, ResolvedConfig } from './plugin-api/config.js';

/** The languages offered when the configuration names none. */
export const DEFAULT_LOCALES = ['en', 'lt'];

let validator: ReturnType<Ajv['compile']> | undefined;
const entitySchema = require('@tessera/schemas/entity.schema.json');
const clientConfigSchema = require('@tessera/schemas/client-config.schema.json');

export function validateClientConfig(json: unknown, file: string): ClientConfig {
  // The compiled server brings it precompiled (core/scripts/build-server.mjs), when made from these schemas.
  validator ??= precompiledValidator('__tesseraConfigValidator', clientConfigSchema, entitySchema);
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('regex', true);
    ajv.addSchema(entitySchema, 'entity.schema.json');
    validator = ajv.compile(clientConfigSchema);
  }
  if (!validator(json)) {
    const e = validator.errors![0]!;
    const where = e.keyword === 'additionalProperties' ? `${e.instancePath}/${(e.params as any).additionalProperty}` : e.instancePath || '/';
    const why = e.keyword === 'additionalProperties' ? 'is not a known setting' : e.message;
    throw Errors.config(`${file} at ${where}: ${why}`);
  }
  return json as ClientConfig;
}

export function resolveConfig(config: ClientConfig, file = '(inline)', baseDir = process.cwd()): ResolvedConfig {
  const company: CompanySettings = {
    name: config.company?.name ?? 'My Company',
    country: config.company?.country,
    currency: config.company?.currency ?? 'EUR',
    locale: config.company?.locale ?? 'en',
    fiscalYearStart: config.company?.fiscalYearStart ?? '01-01',
    ...pick(config.company ?? {}, ['code', 'vatCode', 'address', 'email', 'phone', 'website', 'bankAccounts']),
  };
  const locales = config.locales?.length ? [...config.locales] : [...DEFAULT_LOCALES];
  if (!locales.includes(company.locale))
    throw Errors.config(`${file} at /company/locale: "${company.locale}" is not one of the configured locales (${locales.join(', ')})`);
  return { ...config, file, baseDir, company, locales };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export function loadClientConfig(file: string): ResolvedConfig {
  const abs = resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw Errors.config(`client configuration ${abs} cannot be read: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw Errors.config(`client configuration ${abs} is not valid JSON: ${(e as Error).message}`);
  }
  return resolveConfig(validateClientConfig(json, abs), abs, dirname(abs));
}
