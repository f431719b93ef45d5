/**
 * Seeded tax templates: Lithuanian VAT (PVM) 21 % standard, 9 % and 5 % reduced, 0 % and
 * exempt, each for sales (output VAT, the default vat_output account) and purchases (input
 * VAT, vat_input). Idempotent by (code, kind): a template the consultant edited or deleted
 * on purpose is left alone only if its code remains; a missing one is created again.
 */
import type { ServiceContext } from '@tessera/core';
import { accountFor } from '../ledger/post.js';
import { TAX_TEMPLATE, type TaxKind } from './templates.js';

const RATES: { code: string; rate: string; exempt?: boolean; en: string; lt: string }[] = [
  { code: 'VAT21', rate: '21', en: 'VAT 21 %', lt: 'PVM 21 %' },
  { code: 'VAT9', rate: '9', en: 'VAT 9 % (reduced)', lt: 'PVM 9 % (lengvatinis)' },
  { code: 'VAT5', rate: '5', en: 'VAT 5 % (reduced)', lt: 'PVM 5 % (lengvatinis)' },
  { code: 'VAT0', rate: '0', en: 'VAT 0 %', lt: 'PVM 0 %' },
  { code: 'EXEMPT', rate: '0', exempt: true, en: 'VAT exempt', lt: 'PVM neapmokestinama' },
];

const KINDS: { kind: TaxKind; role: 'vat_output' | 'vat_input'; en: string; lt: string }[] = [
  { kind: 'sales', role: 'vat_output', en: 'sales', lt: 'pardavimai' },
  { kind: 'purchase', role: 'vat_input', en: 'purchases', lt: 'pirkimai' },
];

export async function seedTaxTemplates(ctx: ServiceContext): Promise<void> {
  const existing = new Set(
    (await ctx.sql<{ k: string }>(`select kind || ':' || code as k from accounting_tax_template where code is not null`)).map((r) => r.k),
  );
  for (const k of KINDS) {
    if (RATES.every((r) => existing.has(`${k.kind}:${r.code}`))) continue;
    const account = await accountFor(ctx, k.role);
    for (const r of RATES) {
      if (existing.has(`${k.kind}:${r.code}`)) continue;
      await ctx.entity(TAX_TEMPLATE).create({
        name: `LT ${r.en} (${k.en})`,
        name_lt: `${r.lt} (${k.lt})`,
        kind: k.kind,
        code: r.code,
        exempt: r.exempt ?? false,
        lines: [{ description: r.en, rate: r.rate, account }],
      });
    }
  }
}
