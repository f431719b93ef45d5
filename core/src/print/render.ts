/**
 * Renders a PrintDocument to PDF with PDFKit (no browser): A4, the company letterhead (logo,
 * name, address, codes), title and number, the party, the items table (repeating its header on
 * new pages), tax per rate, totals, the amount in words, terms and notes; a footer with the bank
 * details, the client's footer text and "Page n of m"; a diagonal "DRAFT" on drafts.
 * DejaVu Sans (npm dejavu-fonts-ttf) is embedded, so ą č ę ė į š ų ū ž print as letters.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CompanySettings } from '../config.js';
import type { PrintDocument, PrintLocale } from './types.js';
import { layoutLabel } from './labels.js';
import { amountInWords } from './words.js';
import { formatters } from './format.js';

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
let fontCache: { regular: Buffer; bold: Buffer } | undefined;
const fonts = () => (fontCache ??= { regular: readFileSync(FONT_REGULAR), bold: readFileSync(FONT_BOLD) });

export interface RenderOptions {
  locale: PrintLocale;
  company: CompanySettings;
  /** Absolute path of the logo (PNG/JPEG), when configured and present. */
  logo?: string;
  footer?: string;
  accentColor?: string;
  hideColumns?: string[];
}

const MARGIN = 42;
const FOOTER_HEIGHT = 54;

export function resolveLogo(baseDir: string, logo?: string): string | undefined {
  if (!logo) return undefined;
  const abs = resolve(baseDir, logo);
  return existsSync(abs) ? abs : undefined;
}

export async function renderPdf(p: PrintDocument, o: RenderOptions): Promise<Buffer> {
  // pdfkit (and its fonts' packages) loads on the first print, not at start-up.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `${p.title} ${p.number}`, Author: o.company.name },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res, rej) => {
    doc.on('end', () => res(Buffer.concat(chunks)));
    doc.on('error', rej);
  });
  const f = fonts();
  doc.registerFont('body', f.regular);
  doc.registerFont('bold', f.bold);
  doc.font('body');
  const accent = o.accentColor ?? '#1f4e79';
  const L = (k: Parameters<typeof layoutLabel>[0]) => layoutLabel(k, o.locale);
  const fmt = formatters(o.locale);
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - FOOTER_HEIGHT;

  // Letterhead: logo on the left, the company on the right.
  let top = MARGIN;
  if (o.logo) {
    try {
      doc.image(o.logo, left, top, { fit: [140, 56] });
    } catch {
      // an unreadable logo must not stop the document: it is printed without
    }
  }
  const c = o.company;
  const companyLines = [
    ...(c.address ? c.address.split('\n') : []),
    ...(c.code ? [`${L('companyCode')}: ${c.code}`] : []),
    ...(c.vatCode ? [`${L('vatCode')}: ${c.vatCode}`] : []),
    ...[c.email, c.phone, c.website].filter((x): x is string => !!x),
  ];
  doc
    .font('bold')
    .fontSize(12)
    .fillColor('#000')
    .text(c.name, left + width / 2, top, { width: width / 2, align: 'right' });
  doc.font('body').fontSize(8.5).fillColor('#333');
  for (const line of companyLines) doc.text(line, left + width / 2, doc.y, { width: width / 2, align: 'right' });
  top = Math.max(doc.y, top + 60) + 14;

  // Title, number and the document's dates.
  doc
    .font('bold')
    .fontSize(18)
    .fillColor(accent)
    .text(p.title, left, top, { width: width * 0.6 });
  doc
    .font('body')
    .fontSize(11)
    .fillColor('#000')
    .text(p.number, left, doc.y + 2, { width: width * 0.6 });
  const afterTitle = doc.y;
  let metaY = top + 4;
  doc.fontSize(9);
  for (const m of p.meta) {
    doc
      .font('body')
      .fillColor('#555')
      .text(`${m.label}:`, left + width * 0.55, metaY, { width: width * 0.22, align: 'right' });
    doc
      .font('bold')
      .fillColor('#000')
      .text(m.value, left + width * 0.78, metaY, { width: width * 0.22, align: 'right' });
    metaY = doc.y + 2;
  }
  let y = Math.max(afterTitle, metaY) + 14;

  // The party.
  if (p.party) {
    doc.font('body').fontSize(8).fillColor('#555').text(p.party.heading, left, y);
    doc
      .font('bold')
      .fontSize(10.5)
      .fillColor('#000')
      .text(p.party.name, left, doc.y + 1, { width: width * 0.6 });
    doc.font('body').fontSize(9);
    for (const line of p.party.lines) doc.text(line, left, doc.y, { width: width * 0.6 });
    y = doc.y + 14;
  }

  // The items table.
  const columns = p.columns.filter((col) => !o.hideColumns?.includes(col.key));
  const totalWeight = columns.reduce((s, col) => s + (col.width ?? 1), 0);
  const xs: number[] = [];
  let x = left;
  for (const col of columns) {
    xs.push(x);
    x += ((col.width ?? 1) / totalWeight) * width;
  }
  const colWidth = (i: number) => ((columns[i]!.width ?? 1) / totalWeight) * width - 6;
  const header = () => {
    doc.rect(left, y, width, 16).fill(accent);
    doc.font('bold').fontSize(8).fillColor('#fff');
    columns.forEach((col, i) => doc.text(col.label, xs[i]! + 3, y + 4, { width: colWidth(i), align: col.align ?? 'left', lineBreak: false, ellipsis: true }));
    y += 18;
  };
  header();
  doc.fillColor('#000');
  p.rows.forEach((row, n) => {
    doc.font('body').fontSize(8.5);
    const heights = columns.map((col, i) => doc.heightOfString(row[col.key] ?? '', { width: colWidth(i) }));
    const descHeight = row.description ? doc.fontSize(7.5).heightOfString(row.description, { width: colWidth(0) }) : 0;
    const h = Math.max(...heights, 10) + descHeight + 4;
    if (y + h > bottom()) {
      doc.addPage();
      y = MARGIN;
      header();
    }
    if (n % 2 === 1) doc.rect(left, y - 1, width, h).fill('#f3f5f8');
    doc.fillColor('#000').font('body').fontSize(8.5);
    columns.forEach((col, i) => doc.text(row[col.key] ?? '', xs[i]! + 3, y + 1, { width: colWidth(i), align: col.align ?? 'left' }));
    if (row.description)
      doc
        .fontSize(7.5)
        .fillColor('#555')
        .text(row.description, xs[0]! + 3, y + 1 + Math.max(heights[0]!, 10), { width: colWidth(0) });
    y += h;
  });
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(0.5)
    .strokeColor('#999')
    .stroke();
  y += 8;

  // Tax per rate (left) and totals (right).
  const ensure = (need: number) => {
    if (y + need > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
  };
  const blockHeight = Math.max((p.taxes?.length ?? 0) + 1, p.totals?.length ?? 0) * 13 + 6;
  ensure(blockHeight);
  const blockTop = y;
  if (p.taxes?.length) {
    // rate | taxable amount | tax, in the left half
    const cx = [left, left + width * 0.13, left + width * 0.33];
    const cw = [width * 0.12, width * 0.19, width * 0.15];
    const row = (cells: string[]) => {
      cells.forEach((v, i) => doc.text(v, cx[i]!, y, { width: cw[i]!, align: i ? 'right' : 'left', lineBreak: false }));
      y += 13;
    };
    doc.font('bold').fontSize(8).fillColor('#555');
    row([L('taxRate'), L('taxBase'), L('tax')]);
    doc.font('body').fillColor('#000');
    for (const t of p.taxes) row([fmt.percent(t.rate), fmt.money(t.base), fmt.money(t.tax)]);
  }
  let ty = blockTop;
  for (const t of p.totals ?? []) {
    doc
      .font(t.strong ? 'bold' : 'body')
      .fontSize(t.strong ? 10.5 : 9)
      .fillColor('#000');
    doc.text(t.label, left + width * 0.55, ty, { width: width * 0.25, align: 'right' });
    doc.text(t.value, left + width * 0.8, ty, { width: width * 0.2, align: 'right' });
    ty += t.strong ? 15 : 13;
  }
  y = Math.max(y, ty) + 10;

  // Amount in words, terms, notes.
  const paragraph = (heading: string, text: string) => {
    doc.font('body').fontSize(9);
    ensure(doc.heightOfString(text, { width }) + 14);
    doc.font('bold').fontSize(8).fillColor('#555').text(heading, left, y);
    doc
      .font('body')
      .fontSize(9)
      .fillColor('#000')
      .text(text, left, doc.y + 1, { width });
    y = doc.y + 8;
  };
  if (p.amountInWords) paragraph(L('amountInWords'), amountInWords(p.amountInWords.amount, p.amountInWords.currency, o.locale));
  if (p.terms?.length) paragraph(L('terms'), p.terms.join('\n'));
  if (p.notes) paragraph(L('notes'), p.notes);

  // Every page: footer, page number, watermark.
  const range = doc.bufferedPageRange();
  const bankLine = (c.bankAccounts ?? []).map((b) => [b.bank, b.iban, b.swift].filter(Boolean).join(' · ')).join('   ');
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const fy = doc.page.height - MARGIN - FOOTER_HEIGHT + 12;
    doc
      .moveTo(left, fy)
      .lineTo(left + width, fy)
      .lineWidth(0.5)
      .strokeColor('#bbb')
      .stroke();
    doc.font('body').fontSize(7.5).fillColor('#555');
    // Drawing inside the bottom margin must not start a new page.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    let line = fy + 5;
    if (bankLine) {
      doc.text(`${L('bank')}: ${bankLine}`, left, line, { width: width * 0.8, lineBreak: false, ellipsis: true });
      line += 10;
    }
    if (o.footer) doc.text(o.footer, left, line, { width: width * 0.8, height: 24, ellipsis: true });
    doc.text(`${L('page')} ${i - range.start + 1} ${L('of')} ${range.count}`, left + width * 0.8, fy + 5, {
      width: width * 0.2,
      align: 'right',
      lineBreak: false,
    });
    if (p.status !== 'submitted') {
      doc.save();
      doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc
        .font('bold')
        .fontSize(90)
        .fillColor(p.status === 'draft' ? '#9aa5b1' : '#c0392b')
        .fillOpacity(0.18);
      doc.text(L(p.status === 'draft' ? 'draft' : 'cancelled'), 0, doc.page.height / 2 - 50, { width: doc.page.width, align: 'center', lineBreak: false });
      doc.restore();
      doc.fillOpacity(1);
    }
    doc.page.margins.bottom = saved;
  }
  doc.end();
  return done;
}
