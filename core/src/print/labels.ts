/** The words of the printed layout itself (the templates bring their own), EN and LT. */
import type { PrintLocale } from './types.js';

const LABELS = {
  companyCode: { en: 'Company code', lt: 'Įmonės kodas' },
  vatCode: { en: 'VAT code', lt: 'PVM kodas' },
  taxRate: { en: 'Rate', lt: 'Tarifas' },
  taxBase: { en: 'Taxable', lt: 'Apmok. vertė' },
  tax: { en: 'Tax', lt: 'PVM' },
  amountInWords: { en: 'Amount in words', lt: 'Suma žodžiais' },
  page: { en: 'Page', lt: 'Puslapis' },
  of: { en: 'of', lt: 'iš' },
  bank: { en: 'Bank', lt: 'Bankas' },
  draft: { en: 'DRAFT', lt: 'JUODRAŠTIS' },
  cancelled: { en: 'CANCELLED', lt: 'ANULIUOTA' },
  notes: { en: 'Notes', lt: 'Pastabos' },
  terms: { en: 'Terms', lt: 'Sąlygos' },
} as const;

export type LayoutLabel = keyof typeof LABELS;

export function layoutLabel(key: LayoutLabel, locale: PrintLocale): string {
  return LABELS[key][locale];
}
