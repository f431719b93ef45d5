/**
 * Amounts in words, as invoices in Lithuania and elsewhere print them:
 *   en  1234.56 EUR -> "One thousand two hundred thirty-four euros and 56 cents"
 *   lt  1234.56 EUR -> "Vienas tūkstantis du šimtai trisdešimt keturi eurai 56 ct"
 * Exact: the amount is a decimal string (never a float); the cents are its first two decimals.
 */
import { Decimal } from '@tessera/contract';

const EN_SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'];

const LT_SMALL = [
  'nulis',
  'vienas',
  'du',
  'trys',
  'keturi',
  'penki',
  'šeši',
  'septyni',
  'aštuoni',
  'devyni',
  'dešimt',
  'vienuolika',
  'dvylika',
  'trylika',
  'keturiolika',
  'penkiolika',
  'šešiolika',
  'septyniolika',
  'aštuoniolika',
  'devyniolika',
];
const LT_TENS = ['', '', 'dvidešimt', 'trisdešimt', 'keturiasdešimt', 'penkiasdešimt', 'šešiasdešimt', 'septyniasdešimt', 'aštuoniasdešimt', 'devyniasdešimt'];
/** [singular nominative, plural nominative, plural genitive] */
const LT_SCALES: [string, string, string][] = [
  ['', '', ''],
  ['tūkstantis', 'tūkstančiai', 'tūkstančių'],
  ['milijonas', 'milijonai', 'milijonų'],
  ['milijardas', 'milijardai', 'milijardų'],
  ['trilijonas', 'trilijonai', 'trilijonų'],
  ['kvadrilijonas', 'kvadrilijonai', 'kvadrilijonų'],
];

const CURRENCY: Record<string, { en: [string, string, string]; lt: [string, string, string] }> = {
  EUR: { en: ['euro', 'euros', 'cents'], lt: ['euras', 'eurai', 'eurų'] },
  USD: { en: ['dollar', 'dollars', 'cents'], lt: ['doleris', 'doleriai', 'dolerių'] },
  GBP: { en: ['pound', 'pounds', 'pence'], lt: ['svaras', 'svarai', 'svarų'] },
  PLN: { en: ['zloty', 'zlotys', 'groszy'], lt: ['zlotas', 'zlotai', 'zlotų'] },
};

/** Which Lithuanian noun form a number takes: 1, 21, 101 -> singular; 2-9, 22 -> plural; 0, 10-20, 30 -> genitive. */
export function ltForm(n: bigint): 0 | 1 | 2 {
  const lastTwo = n % 100n;
  const last = n % 10n;
  if (last === 0n || (lastTwo >= 10n && lastTwo <= 20n)) return 2;
  return last === 1n ? 0 : 1;
}

function enBelowThousand(n: number): string {
  const parts: string[] = [];
  if (n >= 100) parts.push(`${EN_SMALL[Math.floor(n / 100)]} hundred`);
  const rest = n % 100;
  if (rest >= 20) parts.push(EN_TENS[Math.floor(rest / 10)]! + (rest % 10 ? `-${EN_SMALL[rest % 10]}` : ''));
  else if (rest > 0 || parts.length === 0) parts.push(EN_SMALL[rest]!);
  return parts.join(' ');
}

function ltBelowThousand(n: number): string {
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  if (h === 1) parts.push('šimtas');
  else if (h > 1) parts.push(`${LT_SMALL[h]} šimtai`);
  const rest = n % 100;
  if (rest >= 20) {
    parts.push(LT_TENS[Math.floor(rest / 10)]!);
    if (rest % 10) parts.push(LT_SMALL[rest % 10]!);
  } else if (rest > 0 || parts.length === 0) parts.push(LT_SMALL[rest]!);
  return parts.join(' ');
}

/** A non-negative whole number in words. */
export function integerInWords(n: bigint, locale: 'en' | 'lt'): string {
  if (n === 0n) return locale === 'lt' ? 'nulis' : 'zero';
  const groups: number[] = [];
  for (let v = n; v > 0n; v /= 1000n) groups.push(Number(v % 1000n));
  if (groups.length > EN_SCALES.length) throw new RangeError('amount too large to write in words');
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    if (locale === 'en') parts.push(enBelowThousand(g) + (i ? ` ${EN_SCALES[i]}` : ''));
    else {
      // "tūkstantis", not "vienas tūkstantis", is also correct; invoices write the "vienas".
      parts.push(ltBelowThousand(g) + (i ? ` ${LT_SCALES[i]![ltForm(BigInt(g))]}` : ''));
    }
  }
  return parts.join(' ');
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** An amount with its currency in words; negative amounts (credit notes) say "minus". */
export function amountInWords(amount: string, currency: string, locale: 'en' | 'lt'): string {
  const d = new Decimal(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const minus = d.isNegative() && !d.isZero();
  const [whole, frac = '00'] = d.abs().toFixed(2).split('.');
  const units = BigInt(whole!);
  const cents = frac.padEnd(2, '0');
  const names = CURRENCY[currency];
  const words = integerInWords(units, locale);
  let text: string;
  if (locale === 'lt') {
    const unit = names ? names.lt[ltForm(units)] : currency;
    text = `${words} ${unit} ${cents} ct`;
    if (minus) text = `minus ${text}`;
  } else {
    const unit = names ? names.en[units === 1n ? 0 : 1] : currency;
    text = `${words} ${unit} and ${cents} ${names ? names.en[2] : 'hundredths'}`;
    if (minus) text = `minus ${text}`;
  }
  return capital(text);
}
