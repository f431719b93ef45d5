/**
 * The import and export error catalogue: a stable code, an HTTP status, and a message that
 * says what to fix (in English; `lt` carries the Lithuanian text shown by the admin UI).
 * IMPORT_ERRORS is the catalogue (listed in docs/api.md by pnpm errors:docs); the factories
 * below put the facts of each refusal into its message.
 */
import { CORE_ERRORS } from '../error-codes.js';
import { TesseraError, type FieldProblem } from '../errors.js';
import { registerMessages } from '../plugin-api/errors.js';

export const IMPORT_ERRORS = {
  IMPORT_TOO_LARGE: {
    status: 413,
    en: 'the import file is larger than the limit: split it into several files',
    lt: 'importuojamas failas per didelis: padalykite jį į kelis failus',
  },
  IMPORT_EMPTY: { status: 422, en: 'the import file has no header or no data rows', lt: 'importuojamame faile nėra antraštės arba duomenų eilučių' },
  IMPORT_ENCODING: {
    status: 400,
    en: 'the import file is not UTF-8 text: save it as "CSV UTF-8" or XLSX',
    lt: 'importuojamas failas nėra UTF-8 tekstas: išsaugokite jį kaip „CSV UTF-8“ arba XLSX',
  },
  IMPORT_DELIMITER: {
    status: 400,
    en: 'the header reads as one column: send the delimiter the file uses',
    lt: 'antraštė skaitoma kaip vienas stulpelis: nurodykite faile naudojamą skirtuką',
  },
  IMPORT_UNREADABLE: {
    status: 400,
    en: 'the import file cannot be read (the message names the line)',
    lt: 'importuojamo failo nepavyksta perskaityti (pranešime nurodyta eilutė)',
  },
  IMPORT_UNKNOWN_COLUMNS: { status: 422, en: 'a column names no field of the entity', lt: 'stulpelis nenurodo jokio objekto lauko' },
  IMPORT_DUPLICATE_COLUMNS: { status: 422, en: 'two columns set the same field: keep one', lt: 'du stulpeliai nustato tą patį lauką: palikite vieną' },
  IMPORT_NO_KEY: {
    status: 422,
    en: 'the mode matches rows by a unique field and the file has no column for one',
    lt: 'režimas sieja eilutes pagal unikalų lauką, bet faile nėra tokio stulpelio',
  },
  IMPORT_REJECTED: {
    status: 422,
    en: 'rows were refused, so nothing was imported (the details list them)',
    lt: 'eilutės atmestos, todėl niekas neimportuota (jos išvardytos detalėse)',
  },
  IMPORT_NOT_REVERTIBLE: { status: 409, en: 'only a finished import can be reverted, once', lt: 'atšaukti galima tik baigtą importą ir tik vieną kartą' },
  IMPORT_NO_LINES: {
    status: 422,
    en: 'the lines file or sheet is missing, or the entity has no such line collection',
    lt: 'nėra eilučių failo ar lapo, arba objektas neturi tokio eilučių rinkinio',
  },
  IMPORT_NO_LINK: {
    status: 422,
    en: 'the lines file has no column linking each line to its document (the key column, or a column both files share)',
    lt: 'eilučių faile nėra stulpelio, siejančio eilutę su jos dokumentu (rakto arba abiejuose failuose esančio stulpelio)',
  },
  IMPORT_NOT_CANCELLABLE: {
    status: 409,
    en: 'only a queued or running import can be cancelled',
    lt: 'nutraukti galima tik laukiantį arba vykdomą importą',
  },
} as const;
export type ImportErrorCode = keyof typeof IMPORT_ERRORS;
// Each code's meaning is its default message in both languages (as defineErrors does for an area).
registerMessages('import', Object.fromEntries(Object.entries(IMPORT_ERRORS).map(([code, e]) => [code, { en: e.en, lt: e.lt }])));

/** Core codes the import answers with too (their entries are in the core catalogue). */
type CoreCode = 'INVALID_QUERY' | 'NOT_FOUND' | 'UNSUPPORTED_MEDIA_TYPE';

function importError(code: ImportErrorCode | CoreCode, en: string, lt: string, details?: FieldProblem[]): TesseraError {
  const status = code in IMPORT_ERRORS ? IMPORT_ERRORS[code as ImportErrorCode].status : CORE_ERRORS.codes[code as CoreCode].status;
  const e = new TesseraError(code, status, en, details);
  (e as TesseraError & { lt?: string }).lt = lt;
  return e;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export const ImportErrors = {
  tooLarge: (bytes: number | undefined, limit: number) =>
    importError(
      'IMPORT_TOO_LARGE',
      `the file is ${bytes ? mb(bytes) : 'larger than the limit'}; an import takes at most ${mb(limit)}: split it into several files`,
      `failas per didelis${bytes ? ` (${mb(bytes)})` : ''}; importuojamas failas gali būti ne didesnis kaip ${mb(limit)}: padalykite jį į kelis failus`,
    ),
  empty: () =>
    importError(
      'IMPORT_EMPTY',
      'the file has no data rows (only a header, or nothing): add at least one row under the header',
      'faile nėra duomenų eilučių: po antrašte pridėkite bent vieną eilutę',
    ),
  noHeader: () =>
    importError(
      'IMPORT_EMPTY',
      'the file is empty: the first row must name the columns (GET .../import/template gives them)',
      'failas tuščias: pirmoje eilutėje turi būti stulpelių pavadinimai',
    ),
  encoding: (guess: string) =>
    importError(
      'IMPORT_ENCODING',
      `the file is not UTF-8 text (it looks like ${guess}); save it as "CSV UTF-8" (or XLSX) and import it again`,
      `failas nėra UTF-8 tekstas (panašu į ${guess}); išsaugokite jį kaip „CSV UTF-8“ (arba XLSX) ir importuokite iš naujo`,
    ),
  delimiter: (found: string, header: string) =>
    importError(
      'IMPORT_DELIMITER',
      `the header "${header.slice(0, 80)}" reads as one column: the file seems to separate columns with ${JSON.stringify(found)}; send delimiter=${encodeURIComponent(found)} or save the file with commas`,
      `antraštė skaitoma kaip vienas stulpelis: atrodo, kad stulpeliai atskirti ${JSON.stringify(found)}; nurodykite delimiter=${encodeURIComponent(found)}`,
    ),
  parse: (line: number | undefined, reason: string) =>
    importError(
      'IMPORT_UNREADABLE',
      `the file cannot be read${line ? ` at line ${line}` : ''}: ${reason}`,
      `failo nepavyksta perskaityti${line ? ` ${line} eilutėje` : ''}: ${reason}`,
    ),
  notSpreadsheet: (type: string) =>
    importError(
      'UNSUPPORTED_MEDIA_TYPE',
      `an import takes a CSV (text/csv) or XLSX file, not ${type || 'a body without Content-Type'}`,
      'importuojamas CSV (text/csv) arba XLSX failas',
    ),
  unknownColumns: (names: string[], accepted: string[]) =>
    importError(
      'IMPORT_UNKNOWN_COLUMNS',
      `unknown column${names.length > 1 ? 's' : ''} ${names.map((n) => JSON.stringify(n)).join(', ')}: name a field by its name or its label (accepted: ${accepted.slice(0, 40).join(', ')}${accepted.length > 40 ? ', ...' : ''})`,
      `nežinomi stulpeliai ${names.map((n) => JSON.stringify(n)).join(', ')}`,
      names.map((n) => ({ path: `columns/${n}`, message: 'is not a field', code: 'unknown-column' })),
    ),
  duplicateColumn: (field: string, headers: string[]) =>
    importError(
      'IMPORT_DUPLICATE_COLUMNS',
      `columns ${headers.map((h) => JSON.stringify(h)).join(' and ')} both set ${field}: keep one`,
      `stulpeliai ${headers.join(' ir ')} abu nustato ${field}: palikite vieną`,
      [{ path: `columns/${headers[1]}`, message: `sets ${field} again`, code: 'duplicate-column' }],
    ),
  badOption: (path: string, message: string) => importError('INVALID_QUERY', `${path} ${message}`, `${path}: netinkama reikšmė`, [{ path, message }]),
  noKey: (entity: string, mode: string) =>
    importError(
      'IMPORT_NO_KEY',
      `mode=${mode} matches rows to stored ${entity} records by a unique field, and the file has no column for one: add the key column (or send key=<field>)`,
      `režimas ${mode} sieja eilutes pagal unikalų lauką, bet faile nėra tokio stulpelio`,
    ),
  rejected: (failed: number, total: number) =>
    importError(
      'IMPORT_REJECTED',
      `${failed} of ${total} rows were refused, so nothing was imported (the whole file is one transaction): fix the rows listed in details, or send onError=skip to import the valid rows and get the others back as a file`,
      `${failed} iš ${total} eilučių atmestos, todėl niekas neimportuota`,
    ),
  noFilePart: () =>
    importError(
      'IMPORT_EMPTY',
      'the multipart request has no "file" part: send the main file as "file" (and a lines file as "lines")',
      'daugiadalėje užklausoje nėra dalies „file“: pagrindinį failą siųskite kaip „file“ (eilučių failą kaip „lines“)',
      [{ path: 'file', message: 'is required' }],
    ),
  noLinesSheet: () =>
    importError(
      'IMPORT_NO_LINES',
      "lines=sheet reads the lines from the workbook's second sheet, and it has none (or it is empty): add a sheet with a header and the lines",
      'lines=sheet eilutes skaito iš antro darbaknygės lapo, bet jo nėra (arba jis tuščias): pridėkite lapą su antrašte ir eilutėmis',
    ),
  noLines: (entity: string, asked: string | undefined) =>
    importError(
      'IMPORT_NO_LINES',
      asked ? `${entity} has no line collection "${asked}": send linesOf=<collection>` : `${entity} has no line items: import it from one file`,
      asked ? `${entity} neturi eilučių rinkinio „${asked}“` : `${entity} neturi eilučių: importuokite iš vieno failo`,
      [{ path: 'linesOf', message: 'is not a line collection' }],
    ),
  noLink: (entity: string, keyLabel: string | undefined) =>
    importError(
      'IMPORT_NO_LINK',
      keyLabel
        ? `the lines file has no "${keyLabel}" column: each line names its ${entity} by the key column of the main file (or by a column header both files share)`
        : `a lines file names the ${entity} of each line in a column both files share (such as the key column or an order number): the two files have no column in common`,
      keyLabel
        ? `eilučių faile nėra stulpelio „${keyLabel}“: kiekviena eilutė nurodo savo dokumentą pagrindinio failo rakto stulpeliu`
        : 'eilučių failas nurodo kiekvienos eilutės dokumentą stulpeliu, kuris yra abiejuose failuose: bendro stulpelio nėra',
      [{ path: 'lines', message: keyLabel ? `needs a "${keyLabel}" column` : 'needs a column the main file also has' }],
    ),
  notCancellable: (id: number, status: string) =>
    importError(
      'IMPORT_NOT_CANCELLABLE',
      `import batch ${id} is ${status}; only a queued or running import can be cancelled`,
      `importo paketo ${id} nutraukti negalima (${status}): nutraukti galima tik laukiantį arba vykdomą importą`,
    ),
  batchNotFound: (id: string) => importError('NOT_FOUND', `import batch ${id} does not exist`, `importo paketas ${id} neegzistuoja`),
  notRevertible: (id: number, status: string) =>
    importError(
      'IMPORT_NOT_REVERTIBLE',
      `import batch ${id} is ${status}; only a finished import can be reverted, once`,
      `importo paketo ${id} atšaukti negalima (${status})`,
    ),
};
