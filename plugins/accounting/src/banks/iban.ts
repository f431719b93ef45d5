/** IBAN check (ISO 13616): country code, check digits, the length of the country's format and mod-97 = 1. */
import type { Message } from '@tessera/core';
import { errors } from '../ledger/errors.js';

/** Lengths of the countries whose banks Tessera's users most often meet (others: 15-34). */
const LENGTHS: Record<string, number> = {
  LT: 20,
  LV: 21,
  EE: 20,
  PL: 28,
  DE: 22,
  FI: 18,
  SE: 24,
  DK: 18,
  NO: 15,
  GB: 22,
  IE: 22,
  FR: 27,
  NL: 18,
  BE: 16,
  ES: 24,
  IT: 27,
  AT: 20,
  CH: 21,
  CZ: 24,
  SK: 24,
  LU: 20,
  PT: 25,
};

export function normalizeIban(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** Null when valid, else what is wrong (a catalogued message). */
export function ibanProblem(raw: string): Message | null {
  const iban = normalizeIban(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return errors.t('iban_shape');
  const want = LENGTHS[iban.slice(0, 2)];
  if (want && iban.length !== want) return errors.t('iban_length', { country: iban.slice(0, 2), want, length: iban.length });
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1 ? null : errors.t('iban_check_digits');
}
