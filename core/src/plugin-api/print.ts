/**
 * Print formats: a plugin declares, per document entity, how a record becomes a printable
 * document (PrintDocument: plain, localized text); the core renders it to PDF with the
 * company's letterhead, the tax breakdown, totals, the amount in words, a "Draft" watermark
 * and page numbers (print/render.ts), and serves it at GET /api/<plugin>/<entity>/:id/pdf.
 */
import type { Doc, ServiceContext } from './context.js';
import type { EntityModel } from './model.js';

export type PrintLocale = 'en' | 'lt';

export interface PrintColumn {
  key: string;
  label: string;
  align?: 'left' | 'right';
  /** Relative width (default 1). */
  width?: number;
}

/** One line of the items table: cells by column key; `description` is printed under the first column. */
export type PrintRow = Record<string, string | undefined> & { description?: string };

export interface PrintParty {
  /** "Bill to", "Supplier". */
  heading: string;
  name: string;
  /** Address lines, company and VAT codes, e-mail. */
  lines: string[];
}

export interface PrintDocument {
  /** "Invoice", "PVM sąskaita faktūra". */
  title: string;
  number: string;
  /** Draft documents are watermarked. */
  status: 'draft' | 'submitted' | 'cancelled';
  /** Date, due date, references: printed beside the title. */
  meta: { label: string; value: string }[];
  party?: PrintParty;
  columns: PrintColumn[];
  rows: PrintRow[];
  /** Tax per rate (exact decimal strings). */
  taxes?: { rate: string; base: string; tax: string }[];
  totals?: { label: string; value: string; strong?: boolean }[];
  /** The amount the document is for, printed in words in the document's language. */
  amountInWords?: { amount: string; currency: string };
  /** Payment terms and similar lines. */
  terms?: string[];
  notes?: string;
}

export interface PrintArgs {
  ctx: ServiceContext;
  model: EntityModel;
  /** The record as the viewer may read it, with its line items. */
  doc: Doc;
  locale: PrintLocale;
  /** Picks the text of the document's language. */
  t: (text: { en: string; lt: string }) => string;
  /** Formats helpers in the document's language. */
  fmt: PrintFormatters;
}

export interface PrintFormatters {
  /** "1 234.50" (exact, from a decimal string). */
  money(value: unknown, scale?: number): string;
  /** A quantity without trailing zeros. */
  qty(value: unknown): string;
  /** A percentage ("21 %"). */
  percent(value: unknown): string;
  /** An ISO date as the locale writes it. */
  date(value: unknown): string;
}

export interface PrintPartyRef {
  entity: string;
  id: number;
  name?: string | null;
  email?: string | null;
  locale?: string | null;
}

export interface PrintFormatDefinition {
  /** Identifies the format when an entity has several (?format=<id>); default "standard". */
  id?: string;
  label: string;
  labels?: Record<string, string>;
  /** Entity keys that must exist for the format to register (e.g. another helper's entity). */
  requires?: string[];
  /**
   * The party the document is for (e-mail recipient, timeline): entity key, id, name, e-mail
   * and document language. Its locale is the document's language unless partyLocale says otherwise.
   */
  party?: (args: Omit<PrintArgs, 'locale' | 't' | 'fmt'>) => Promise<PrintPartyRef | undefined> | PrintPartyRef | undefined;
  /** Where the party's language is read from: returns 'en' | 'lt' | undefined (then the company's). */
  partyLocale?: (args: Omit<PrintArgs, 'locale' | 't' | 'fmt'>) => Promise<string | null | undefined> | string | null | undefined;
  build: (args: PrintArgs) => Promise<PrintDocument> | PrintDocument;
}

/** Client overrides of the print layout (configuration `print`). */
export type { PrintSettings } from './config.js';

/** What a printed record gives back. */
export interface PrintResult {
  pdf: Buffer;
  fileName: string;
  document: PrintDocument;
  locale: PrintLocale;
}
