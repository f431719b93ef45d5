import { describe, expect, it } from 'vitest';
import english from 'ra-language-english';
import { raLithuanian } from './ra.lt.js';
import { tesseraEn } from './tessera.en.js';
import { tesseraLt } from './tessera.lt.js';

function keys(o: unknown, prefix = ''): string[] {
  if (!o || typeof o !== 'object') return [prefix];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(s: string): string[] {
  return [...new Set([...s.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

function at(o: unknown, path: string): string {
  return path.split('.').reduce<any>((acc, k) => acc?.[k], o) as string;
}

describe('Lithuanian messages', () => {
  it('translate every react-admin message, with the same placeholders', () => {
    const en = keys(english);
    expect(keys(raLithuanian).sort()).toEqual([...en].sort());
    for (const k of en) expect([k, placeholders(at(raLithuanian, k))]).toEqual([k, placeholders(at(english, k))]);
  });

  it('give the three Lithuanian plural forms where English has two', () => {
    for (const k of keys(english).filter((k) => at(english, k).includes('||||'))) expect([k, at(raLithuanian, k).split('||||').length]).toEqual([k, 3]);
  });

  it('translate every message of the UI itself', () => {
    expect(keys(tesseraLt).sort()).toEqual(keys(tesseraEn).sort());
    for (const k of keys(tesseraEn)) expect([k, placeholders(at(tesseraLt, k))]).toEqual([k, placeholders(at(tesseraEn, k))]);
  });
});
