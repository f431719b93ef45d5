/**
 * Printing (issue 15): how long the core's renderer takes for an invoice, against a hand-written
 * PDFKit baseline that puts the same text on the same page with the same embedded font (no
 * layout: no table header, zebra rows, tax table, watermark, footer or page numbers). Not a test.
 *
 *   pnpm exec tsx bench/print.ts        (BENCH_RUNS renders each, default 60; BENCH_LINES, default 20)
 *
 * Alternating rounds (baseline, Tessera) so warm-up and load fall on both sides; reports the
 * median and p95 per render, the ratio of medians and the PDF sizes.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { renderPdf } from '../core/src/print/render.js';
import { formatters } from '../core/src/print/format.js';
import { amountInWords } from '../core/src/print/words.js';
import type { PrintDocument } from '../core/src/print/types.js';
import type { CompanySettings } from '../core/src/config.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const LINES = Number(process.env.BENCH_LINES ?? 20);
// pdfkit and the font are the core's dependencies
const require = createRequire(new URL('../core/package.json', import.meta.url));
const PDFDocument = require('pdfkit') as typeof import('pdfkit');
const font = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const company: CompanySettings = {
  name: 'Baltic Tools UAB',
  currency: 'EUR',
  locale: 'lt',
  fiscalYearStart: '01-01',
  code: '304567890',
  vatCode: 'LT100012345678',
  address: 'Gedimino pr. 1\nLT-01103 Vilnius',
  bankAccounts: [{ bank: 'Swedbank', iban: 'LT12 7300 0101 2345 6789' }],
};
const fmt = formatters('lt');

const doc: PrintDocument = {
  title: 'PVM sąskaita faktūra',
  number: 'SINV-2026-00042',
  status: 'draft',
  meta: [
    { label: 'Data', value: '2026-03-05' },
    { label: 'Apmokėti iki', value: '2026-03-19' },
  ],
  party: { heading: 'Pirkėjas', name: 'Žuko Statyba UAB', lines: ['Ąžuolų g. 5', 'LT-44001 Kaunas', 'PVM kodas: LT987654321'] },
  columns: [
    { key: 'item', label: 'Prekė', width: 4 },
    { key: 'qty', label: 'Kiekis', align: 'right' },
    { key: 'rate', label: 'Kaina', align: 'right' },
    { key: 'tax_rate', label: 'PVM %', align: 'right' },
    { key: 'amount', label: 'Suma', align: 'right' },
  ],
  rows: Array.from({ length: LINES }, (_, i) => ({
    item: `Grąžtas Šuolis ${i + 1} (DRL-${i})`,
    description: 'Akumuliatorinis, dvi baterijos',
    qty: String(i + 1),
    rate: fmt.money('120'),
    tax_rate: i % 2 ? '9' : '21',
    amount: fmt.money(String(120 * (i + 1))),
  })),
  taxes: [
    { rate: '9', base: '12000.00', tax: '1080.00' },
    { rate: '21', base: '13200.00', tax: '2772.00' },
  ],
  totals: [
    { label: 'Suma be PVM', value: fmt.money('25200') },
    { label: 'PVM', value: fmt.money('3852') },
    { label: 'Iš viso EUR', value: fmt.money('29052'), strong: true },
  ],
  amountInWords: { amount: '29052.00', currency: 'EUR' },
  terms: ['Apmokėti per 14 d.'],
};

/** The baseline: the same strings, one after another, in the same font. */
function baseline(): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 42 });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => pdf.on('end', () => r(Buffer.concat(chunks))));
  pdf.registerFont('body', font);
  pdf.font('body').fontSize(9);
  pdf.text(company.name).text(company.address!).text(doc.title).text(doc.number);
  for (const m of doc.meta) pdf.text(`${m.label}: ${m.value}`);
  pdf.text(doc.party!.name);
  for (const l of doc.party!.lines) pdf.text(l);
  for (const r of doc.rows) pdf.text(`${r.item}  ${r.description}  ${r.qty}  ${r.rate}  ${r.tax_rate}  ${r.amount}`);
  for (const t of doc.taxes!) pdf.text(`${t.rate}  ${t.base}  ${t.tax}`);
  for (const t of doc.totals!) pdf.text(`${t.label}  ${t.value}`);
  pdf.text(amountInWords('29052.00', 'EUR', 'lt'));
  pdf.end();
  return done;
}

const tessera = () => renderPdf(doc, { locale: 'lt', company });

async function time(fn: () => Promise<Buffer>): Promise<{ ms: number; size: number }> {
  const t0 = performance.now();
  const b = await fn();
  return { ms: performance.now() - t0, size: b.length };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! };
};

for (let i = 0; i < 5; i++) {
  await baseline();
  await tessera();
}
const base: number[] = [];
const ours: number[] = [];
let sizes = { base: 0, ours: 0 };
for (let i = 0; i < RUNS; i++) {
  const a = i % 2 ? await time(tessera) : await time(baseline);
  const b = i % 2 ? await time(baseline) : await time(tessera);
  const [t, bl] = i % 2 ? [a, b] : [b, a];
  ours.push(t.ms);
  base.push(bl.ms);
  sizes = { base: bl.size, ours: t.size };
}
const sb = stats(base);
const so = stats(ours);
console.log(`invoice PDF, ${LINES} lines, ${RUNS} renders each`);
console.log(`baseline (plain PDFKit): median ${sb.median.toFixed(1)} ms, p95 ${sb.p95.toFixed(1)} ms, ${(sizes.base / 1024).toFixed(0)} kB`);
console.log(`Tessera renderer:        median ${so.median.toFixed(1)} ms, p95 ${so.p95.toFixed(1)} ms, ${(sizes.ours / 1024).toFixed(0)} kB`);
console.log(`ratio (Tessera / baseline, median): ${(so.median / sb.median).toFixed(2)}x`);
