/**
 * Bank statement parsing: CSV (the columns banks export, in English or Lithuanian, comma or
 * semicolon, decimal comma or point, one signed amount or separate debit/credit columns) and
 * ISO 20022 camt.053 (BkToCstmrStmt, versions 02-08: Ntry with Amt/@Ccy, CdtDbtInd, BookgDt,
 * AcctSvcrRef, related parties and remittance information). Pure functions: lines or problems.
 */
import { createHash } from 'node:crypto';
import { Decimal } from '@tessera/core';
import { XMLParser } from 'fast-xml-parser';
import { errors } from '../ledger/errors.js';

export interface StatementLine {
  booking_date: string;
  amount: string;
  currency: string | null;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  reference: string | null;
  description: string | null;
  import_key: string;
}

export interface ParsedStatement {
  iban: string | null;
  opening: string | null;
  closing: string | null;
  lines: StatementLine[];
  problems: { path: string; message: string }[];
}

const key = (parts: unknown[], n: number) =>
  createHash('sha1')
    .update(JSON.stringify([...parts, n]))
    .digest('hex')
    .slice(0, 32);

/** Distinguishes identical lines of one statement (two equal card payments on a day) by their order. */
function withKeys(lines: Omit<StatementLine, 'import_key'>[], given: (string | null)[]): StatementLine[] {
  const seen = new Map<string, number>();
  return lines.map((l, i) => {
    if (given[i]) return { ...l, import_key: given[i]!.slice(0, 200) };
    const base = key([l.booking_date, l.amount, l.reference, l.counterparty_name, l.counterparty_iban], 0);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...l, import_key: key([l.booking_date, l.amount, l.reference, l.counterparty_name, l.counterparty_iban], n) };
  });
}

function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) out.push(cur.trim()), (cur = '');
    else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const HEADERS: Record<string, string[]> = {
  date: ['date', 'booking_date', 'booking date', 'data', 'operacijos data', 'įrašymo data'],
  amount: ['amount', 'suma'],
  debit: ['debit', 'debetas', 'išlaidos'],
  credit: ['credit', 'kreditas', 'įplaukos'],
  direction: ['d/c', 'dc', 'direction', 'd/k', 'debetas/kreditas'],
  currency: ['currency', 'valiuta'],
  name: ['counterparty', 'name', 'payer', 'payee', 'mokėtojas', 'gavėjas', 'mokėtojas / gavėjas', 'gavėjas / mokėtojas'],
  iban: ['iban', 'counterparty iban', 'account', 'sąskaita', 'mokėtojo sąskaita'],
  reference: ['reference', 'mokėjimo paskirtis', 'paskirtis', 'purpose'],
  description: ['description', 'details', 'aprašymas'],
  id: ['id', 'transaction id', 'entry reference', 'operacijos id', 'įrašo nr.'],
};

function parseAmount(raw: string): Decimal | null {
  let s = raw.replace(/\s/g, '').replace(/\u00a0/g, '');
  if (s === '') return null;
  if (/,\d{1,2}$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  if (!/^[+-]?\d+(\.\d+)?$/.test(s)) return null;
  return new Decimal(s);
}

function parseDate(raw: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})[./](\d{2})[./](\d{4})$/.exec(raw);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  return null;
}

export function parseCsvStatement(text: string): ParsedStatement {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const problems: ParsedStatement['problems'] = [];
  if (rows.length < 2)
    return {
      iban: null,
      opening: null,
      closing: null,
      lines: [],
      problems: [{ path: 'content', ...errors.t('csv_no_transactions_expected_header') }],
    };
  const sep = (rows[0]!.match(/;/g)?.length ?? 0) > (rows[0]!.match(/,/g)?.length ?? 0) ? ';' : rows[0]!.includes('\t') ? '\t' : ',';
  const head = splitCsvLine(rows[0]!, sep).map((h) => h.toLowerCase());
  const idx = Object.fromEntries(Object.entries(HEADERS).map(([k, names]) => [k, head.findIndex((h) => names.includes(h))])) as Record<string, number>;
  if (idx.date! < 0) problems.push({ path: 'content/0', ...errors.t('header_no_date_column_one', { value: String(HEADERS.date!.join(', ')) }) });
  if (idx.amount! < 0 && idx.debit! < 0 && idx.credit! < 0) problems.push({ path: 'content/0', ...errors.t('header_no_amount_column_amount') });
  if (problems.length) return { iban: null, opening: null, closing: null, lines: [], problems };
  const lines: Omit<StatementLine, 'import_key'>[] = [];
  const ids: (string | null)[] = [];
  rows.slice(1).forEach((row, n) => {
    const c = splitCsvLine(row, sep);
    const cell = (k: string) => (idx[k]! >= 0 ? (c[idx[k]!] ?? '').trim() : '');
    const path = `content/${n + 1}`;
    const date = parseDate(cell('date'));
    if (!date) return problems.push({ path, ...errors.t('date_yyyy_mm_dd_dd', { value: String(cell('date')) }) });
    let amount: Decimal | null;
    if (idx.amount! >= 0) {
      amount = parseAmount(cell('amount'));
      const dir = cell('direction').toUpperCase();
      if (amount && (dir === 'D' || dir === 'DBIT' || dir === 'DEBIT')) amount = amount.abs().neg();
    } else {
      const d = parseAmount(cell('debit')) ?? new Decimal(0);
      const k = parseAmount(cell('credit')) ?? new Decimal(0);
      amount = k.abs().sub(d.abs());
    }
    if (!amount || amount.isZero())
      return problems.push({ path, ...errors.t('amount_non_zero_number', { value: String(cell('amount') || `${cell('debit')}/${cell('credit')}`) }) });
    if (amount.decimalPlaces() > 2) return problems.push({ path, ...errors.t('amount_more_than_two_decimal', { value: String(amount.toFixed()) }) });
    lines.push({
      booking_date: date,
      amount: amount.toFixed(2),
      currency: cell('currency').toUpperCase() || null,
      counterparty_name: cell('name') || null,
      counterparty_iban: cell('iban').replace(/\s/g, '').toUpperCase() || null,
      reference: cell('reference') || null,
      description: cell('description') || null,
    });
    ids.push(cell('id') || null);
  });
  return { iban: null, opening: null, closing: null, lines: withKeys(lines, ids), problems };
}

const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: any): string | null => (v == null ? null : typeof v === 'object' ? (v['#text'] != null ? String(v['#text']) : null) : String(v));

/** camt.053: one account's statement(s); balances OPBD/PRCD (opening) and CLBD (closing). */
export function parseCamt053(xml: string): ParsedStatement {
  const problems: ParsedStatement['problems'] = [];
  let doc: any;
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, processEntities: true }).parse(xml);
  } catch (e) {
    return {
      iban: null,
      opening: null,
      closing: null,
      lines: [],
      problems: [{ path: 'content', ...errors.t('not_well_formed_xml', { value: String((e as Error).message) }) }],
    };
  }
  const stmts = arr(doc?.Document?.BkToCstmrStmt?.Stmt);
  if (!stmts.length)
    return {
      iban: null,
      opening: null,
      closing: null,
      lines: [],
      problems: [{ path: 'content', ...errors.t('not_camt_statement_document_bktocstmrstmt') }],
    };
  const lines: Omit<StatementLine, 'import_key'>[] = [];
  const ids: (string | null)[] = [];
  let iban: string | null = null;
  let opening: string | null = null;
  let closing: string | null = null;
  stmts.forEach((st: any, s: number) => {
    iban ??= text(st?.Acct?.Id?.IBAN);
    for (const b of arr(st?.Bal)) {
      const code = text(b?.Tp?.CdOrPrtry?.Cd);
      const amt = parseAmount(text(b?.Amt) ?? '');
      if (!amt) continue;
      const signed = text(b?.CdtDbtInd) === 'DBIT' ? amt.neg() : amt;
      if ((code === 'OPBD' || code === 'PRCD') && opening == null) opening = signed.toFixed(2);
      if (code === 'CLBD') closing = signed.toFixed(2);
    }
    arr(st?.Ntry).forEach((e: any, n: number) => {
      const path = `content/Stmt/${s}/Ntry/${n}`;
      const amt = parseAmount(text(e?.Amt) ?? '');
      const date = parseDate(text(e?.BookgDt?.Dt) ?? text(e?.BookgDt?.DtTm) ?? '');
      if (!amt || amt.isZero()) return problems.push({ path, ...errors.t('amt_positive_amount', { value: String(text(e?.Amt)) }) });
      if (!date) return problems.push({ path, ...errors.t('bookgdt_dt_missing_not_date') });
      const credit = text(e?.CdtDbtInd) === 'CRDT';
      const tx = arr(e?.NtryDtls?.TxDtls)[0] ?? {};
      const parties = tx?.RltdPties ?? {};
      // Money in: the debtor is the counterparty; money out: the creditor.
      const who = credit ? parties.Dbtr : parties.Cdtr;
      const whoAcct = credit ? parties.DbtrAcct : parties.CdtrAcct;
      const rmt = tx?.RmtInf ?? {};
      const structured = arr(rmt?.Strd)
        .map((x: any) => text(x?.CdtrRefInf?.Ref))
        .filter(Boolean);
      const unstructured = arr(rmt?.Ustrd).map(text).filter(Boolean);
      lines.push({
        booking_date: date,
        amount: (credit ? amt : amt.neg()).toFixed(2),
        currency: e?.Amt?.['@Ccy'] ?? null,
        counterparty_name: text(who?.Nm) ?? text(who?.Pty?.Nm),
        counterparty_iban: text(whoAcct?.Id?.IBAN),
        reference: [...structured, ...unstructured].join(' ').slice(0, 200) || text(tx?.Refs?.EndToEndId),
        description: text(e?.AddtlNtryInf)?.slice(0, 500) ?? null,
      });
      ids.push(text(e?.AcctSvcrRef) ?? text(tx?.Refs?.AcctSvcrRef) ?? null);
    });
  });
  return { iban, opening, closing, lines: withKeys(lines, ids), problems };
}
