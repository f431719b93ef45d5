/**
 * The import and export error catalogue: a stable code, an HTTP status, and a message that
 * says what to fix (in English; `lt` carries the Lithuanian text shown by the admin UI).
 */
import { TesseraError, type FieldProblem } from '../errors.js';

function err(code: string, status: number, en: string, lt: string, details?: FieldProblem[]): TesseraError {
  const e = new TesseraError(code, status, en, details);
  (e as TesseraError & { lt?: string }).lt = lt;
  return e;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export const ImportErrors = {
  tooLarge: (bytes: number | undefined, limit: number) =>
    err(
      'IMPORT_TOO_LARGE',
      413,
      `the file is ${bytes ? mb(bytes) : 'larger than the limit'}; an import takes at most ${mb(limit)}: split it into several files`,
      `failas per didelis${bytes ? ` (${mb(bytes)})` : ''}; importuojamas failas gali būti ne didesnis kaip ${mb(limit)}: padalykite jį į kelis failus`,
    ),
  empty: () =>
    err(
      'IMPORT_EMPTY',
      422,
      'the file has no data rows (only a header, or nothing): add at least one row under the header',
      'faile nėra duomenų eilučių: po antrašte pridėkite bent vieną eilutę',
    ),
  noHeader: () =>
    err(
      'IMPORT_EMPTY',
      422,
      'the file is empty: the first row must name the columns (GET .../import/template gives them)',
      'failas tuščias: pirmoje eilutėje turi būti stulpelių pavadinimai',
    ),
  encoding: (guess: string) =>
    err(
      'IMPORT_ENCODING',
      400,
      `the file is not UTF-8 text (it looks like ${guess}); save it as "CSV UTF-8" (or XLSX) and import it again`,
      `failas nėra UTF-8 tekstas (panašu į ${guess}); išsaugokite jį kaip „CSV UTF-8“ (arba XLSX) ir importuokite iš naujo`,
    ),
  delimiter: (found: string, header: string) =>
    err(
      'IMPORT_DELIMITER',
      400,
      `the header "${header.slice(0, 80)}" reads as one column: the file seems to separate columns with ${JSON.stringify(found)}; send delimiter=${encodeURIComponent(found)} or save the file with commas`,
      `antraštė skaitoma kaip vienas stulpelis: atrodo, kad stulpeliai atskirti ${JSON.stringify(found)}; nurodykite delimiter=${encodeURIComponent(found)}`,
    ),
  parse: (line: number | undefined, reason: string) =>
    err(
      'IMPORT_UNREADABLE',
      400,
      `the file cannot be read${line ? ` at line ${line}` : ''}: ${reason}`,
      `failo nepavyksta perskaityti${line ? ` ${line} eilutėje` : ''}: ${reason}`,
    ),
  notSpreadsheet: (type: string) =>
    err(
      'UNSUPPORTED_MEDIA_TYPE',
      415,
      `an import takes a CSV (text/csv) or XLSX file, not ${type || 'a body without Content-Type'}`,
      'importuojamas CSV (text/csv) arba XLSX failas',
    ),
  unknownColumns: (names: string[], accepted: string[]) =>
    err(
      'IMPORT_UNKNOWN_COLUMNS',
      422,
      `unknown column${names.length > 1 ? 's' : ''} ${names.map((n) => JSON.stringify(n)).join(', ')}: name a field by its name or its label (accepted: ${accepted.slice(0, 40).join(', ')}${accepted.length > 40 ? ', ...' : ''})`,
      `nežinomi stulpeliai ${names.map((n) => JSON.stringify(n)).join(', ')}`,
      names.map((n) => ({ path: `columns/${n}`, message: 'is not a field', code: 'unknown-column' })),
    ),
  duplicateColumn: (field: string, headers: string[]) =>
    err(
      'IMPORT_DUPLICATE_COLUMNS',
      422,
      `columns ${headers.map((h) => JSON.stringify(h)).join(' and ')} both set ${field}: keep one`,
      `stulpeliai ${headers.join(' ir ')} abu nustato ${field}: palikite vieną`,
      [{ path: `columns/${headers[1]}`, message: `sets ${field} again`, code: 'duplicate-column' }],
    ),
  badOption: (path: string, message: string) => err('INVALID_QUERY', 400, `${path} ${message}`, `${path}: netinkama reikšmė`, [{ path, message }]),
  noKey: (entity: string, mode: string) =>
    err(
      'IMPORT_NO_KEY',
      422,
      `mode=${mode} matches rows to stored ${entity} records by a unique field, and the file has no column for one: add the key column (or send key=<field>)`,
      `režimas ${mode} sieja eilutes pagal unikalų lauką, bet faile nėra tokio stulpelio`,
    ),
  rejected: (failed: number, total: number) =>
    err(
      'IMPORT_REJECTED',
      422,
      `${failed} of ${total} rows were refused, so nothing was imported (the whole file is one transaction): fix the rows listed in details, or send onError=skip to import the valid rows and get the others back as a file`,
      `${failed} iš ${total} eilučių atmestos, todėl niekas neimportuota`,
    ),
  noFilePart: () =>
    err(
      'IMPORT_EMPTY',
      422,
      'the multipart request has no "file" part: send the main file as "file" (and a lines file as "lines")',
      'daugiadalėje užklausoje nėra dalies „file“: pagrindinį failą siųskite kaip „file“ (eilučių failą kaip „lines“)',
      [{ path: 'file', message: 'is required' }],
    ),
  noLinesSheet: () =>
    err(
      'IMPORT_NO_LINES',
      422,
      "lines=sheet reads the lines from the workbook's second sheet, and it has none (or it is empty): add a sheet with a header and the lines",
      'lines=sheet eilutes skaito iš antro darbaknygės lapo, bet jo nėra (arba jis tuščias): pridėkite lapą su antrašte ir eilutėmis',
    ),
  noLines: (entity: string, asked: string | undefined) =>
    err(
      'IMPORT_NO_LINES',
      422,
      asked ? `${entity} has no line collection "${asked}": send linesOf=<collection>` : `${entity} has no line items: import it from one file`,
      asked ? `${entity} neturi eilučių rinkinio „${asked}“` : `${entity} neturi eilučių: importuokite iš vieno failo`,
      [{ path: 'linesOf', message: 'is not a line collection' }],
    ),
  noLink: (entity: string, keyLabel: string | undefined) =>
    err(
      'IMPORT_NO_LINK',
      422,
      keyLabel
        ? `the lines file has no "${keyLabel}" column: each line names its ${entity} by the key column of the main file (or by a column header both files share)`
        : `a lines file names the ${entity} of each line in a column both files share (such as the key column or an order number): the two files have no column in common`,
      keyLabel
        ? `eilučių faile nėra stulpelio „${keyLabel}“: kiekviena eilutė nurodo savo dokumentą pagrindinio failo rakto stulpeliu`
        : 'eilučių failas nurodo kiekvienos eilutės dokumentą stulpeliu, kuris yra abiejuose failuose: bendro stulpelio nėra',
      [{ path: 'lines', message: keyLabel ? `needs a "${keyLabel}" column` : 'needs a column the main file also has' }],
    ),
  notCancellable: (id: number, status: string) =>
    err(
      'IMPORT_NOT_CANCELLABLE',
      409,
      `import batch ${id} is ${status}; only a queued or running import can be cancelled`,
      `importo paketo ${id} nutraukti negalima (${status}): nutraukti galima tik laukiantį arba vykdomą importą`,
    ),
  batchNotFound: (id: string) => err('NOT_FOUND', 404, `import batch ${id} does not exist`, `importo paketas ${id} neegzistuoja`),
  notRevertible: (id: number, status: string) =>
    err(
      'IMPORT_NOT_REVERTIBLE',
      409,
      `import batch ${id} is ${status}; only a finished import can be reverted, once`,
      `importo paketo ${id} atšaukti negalima (${status})`,
    ),
};
