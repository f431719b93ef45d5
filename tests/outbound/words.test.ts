/** Amounts in words (EN, LT grammar), number formats of printed documents, the error catalogue in the docs, upload names. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amountInWords, integerInWords, ltForm } from '../../core/src/print/words.js';
import { formatters } from '../../core/src/print/format.js';
import { taxBreakdown } from '../../core/src/print/kit.js';
import { OUTBOUND_ERRORS } from '../../core/src/outbox/errors.js';
import { contentDisposition, safeUploadName } from '../../core/src/files/names.js';
import { ROOT_DIR } from '../../core/src/app.js';

describe('amount in words', () => {
  it('writes English amounts with the currency and cents', () => {
    expect(amountInWords('1234.56', 'EUR', 'en')).toBe('One thousand two hundred thirty-four euros and 56 cents');
    expect(amountInWords('1.00', 'EUR', 'en')).toBe('One euro and 00 cents');
    expect(amountInWords('0.05', 'USD', 'en')).toBe('Zero dollars and 05 cents');
    expect(amountInWords('2000000.10', 'EUR', 'en')).toBe('Two million euros and 10 cents');
    expect(amountInWords('-121.00', 'EUR', 'en')).toBe('Minus one hundred twenty-one euros and 00 cents');
    expect(amountInWords('15', 'SEK', 'en')).toBe('Fifteen SEK and 00 hundredths');
  });

  it('writes Lithuanian amounts with the noun in the form the number takes', () => {
    expect(amountInWords('1234.56', 'EUR', 'lt')).toBe('Vienas tūkstantis du šimtai trisdešimt keturi eurai 56 ct');
    expect(amountInWords('1', 'EUR', 'lt')).toBe('Vienas euras 00 ct');
    expect(amountInWords('21', 'EUR', 'lt')).toBe('Dvidešimt vienas euras 00 ct');
    expect(amountInWords('11', 'EUR', 'lt')).toBe('Vienuolika eurų 00 ct');
    expect(amountInWords('10', 'EUR', 'lt')).toBe('Dešimt eurų 00 ct');
    expect(amountInWords('112', 'EUR', 'lt')).toBe('Šimtas dvylika eurų 00 ct');
    expect(amountInWords('5000', 'EUR', 'lt')).toBe('Penki tūkstančiai eurų 00 ct');
    expect(amountInWords('12000', 'EUR', 'lt')).toBe('Dvylika tūkstančių eurų 00 ct');
    expect(amountInWords('2001000', 'EUR', 'lt')).toBe('Du milijonai vienas tūkstantis eurų 00 ct');
    expect(amountInWords('0.99', 'EUR', 'lt')).toBe('Nulis eurų 99 ct');
    expect(amountInWords('-5.50', 'EUR', 'lt')).toBe('Minus penki eurai 50 ct');
    expect([1n, 2n, 9n, 10n, 11n, 19n, 20n, 21n, 101n, 111n].map(ltForm)).toEqual([0, 1, 1, 2, 2, 2, 2, 0, 0, 2]);
    expect(integerInWords(999999n, 'lt')).toBe('devyni šimtai devyniasdešimt devyni tūkstančiai devyni šimtai devyniasdešimt devyni');
  });

  it('rounds to the cent exactly, never through a float', () => {
    expect(amountInWords('0.125', 'EUR', 'en')).toBe('Zero euros and 13 cents');
    // beyond Number.MAX_SAFE_INTEGER: a float would print ...992
    expect(amountInWords('9007199254740993.01', 'EUR', 'en')).toBe(
      'Nine quadrillion seven trillion one hundred ninety-nine billion two hundred fifty-four million seven hundred forty thousand nine hundred ninety-three euros and 01 cents',
    );
  });
});

describe('print formatting', () => {
  it('formats money, quantities, percentages and dates per language', () => {
    const en = formatters('en');
    const lt = formatters('lt');
    expect([
      en.money('1234567.5'),
      lt.money('1234567.5'),
      en.money('-3'),
      en.qty('2.500000'),
      en.percent('21.00'),
      en.date('2026-03-19'),
      lt.date('2026-03-19'),
    ]).toEqual(['1 234 567.50', '1 234 567,50', '-3.00', '2.5', '21%', '19/03/2026', '2026-03-19']);
  });

  it('breaks tax down per rate, exactly, in rate order', () => {
    expect(
      taxBreakdown([
        { amount: '0.10', tax_rate: '21', tax_amount: '0.02' },
        { amount: '30.00', tax_rate: '9.00', tax_amount: '2.70' },
        { amount: '0.20', tax_rate: '21.00', tax_amount: '0.04' },
        { amount: '5', tax_rate: null },
      ]),
    ).toEqual([
      { rate: '9', base: '30.00', tax: '2.70' },
      { rate: '21', base: '0.30', tax: '0.06' },
    ]);
  });
});

describe('uploads', () => {
  it('makes names safe and refuses extensions that run code', () => {
    expect(safeUploadName('../../etc/passwd')).toEqual({ name: 'passwd' });
    expect(safeUploadName('C:\\Users\\x\\Sąskaita "1".pdf')).toEqual({ name: 'Sąskaita _1_.pdf' });
    expect(safeUploadName('.htaccess')).toEqual({ name: 'htaccess' });
    expect(safeUploadName('a\u0000b;rm -rf $HOME.txt')).toEqual({ name: 'a_b_rm -rf _HOME.txt' });
    expect('refused' in safeUploadName('invoice.pdf.exe')).toBe(true);
    expect('refused' in safeUploadName('page.HTML')).toBe(true);
    expect(safeUploadName(`${'x'.repeat(300)}.pdf`)).toEqual({ name: `${'x'.repeat(176)}.pdf` });
    expect(contentDisposition('attachment', 'Ąžuolas.pdf')).toBe(`attachment; filename="Azuolas.pdf"; filename*=UTF-8''%C4%84%C5%BEuolas.pdf`);
  });
});

describe('the error catalogue', () => {
  it('lists every documents-out code in docs/api.md with its English and Lithuanian text', () => {
    const doc = readFileSync(`${ROOT_DIR}/docs/api.md`, 'utf8');
    for (const [code, e] of Object.entries(OUTBOUND_ERRORS)) expect(doc, code).toContain(`| \`${code}\` | ${e.status} | ${e.en} | ${e.lt} |`);
  });
});
