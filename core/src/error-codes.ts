/**
 * The core's error catalogue: every code the platform itself answers with (requests, auth,
 * writes, the document lifecycle, start-up), its HTTP status and what it means in English and
 * Lithuanian. Throw sites use the Errors factory (errors.ts) or name a code listed here; each
 * plugin has its own catalogue (its errors.ts, `errors` in the manifest). docs/api.md lists them
 * all (generated: pnpm errors:docs) and tests/core/error-catalogue.test.ts fails on a thrown code
 * no catalogue lists.
 */
import { defineErrors } from './plugin-api/errors.js';

export const CORE_ERRORS = defineErrors(
  'core',
  {
    VALIDATION_FAILED: {
      status: 422,
      en: 'a field value is not valid (details name each field)',
      lt: 'lauko reikšmė netinkama (detalės nurodo kiekvieną lauką)',
    },
    INVALID_QUERY: {
      status: 400,
      en: 'a query-string parameter is not valid (filter, sort, fields, expand, paging)',
      lt: 'netinkamas užklausos parametras (filtras, rikiavimas, laukai, išplėtimas, puslapiai)',
    },
    BAD_REQUEST: { status: 400, en: 'the request is malformed', lt: 'užklausa netinkamos formos' },
    BAD_URL: {
      status: 400,
      en: 'the URL has a malformed percent-encoding or a character that is not allowed',
      lt: 'URL turi netinkamą kodavimą arba neleistiną simbolį',
    },
    INVALID_JSON: { status: 400, en: 'the request body is not valid JSON', lt: 'užklausos turinys nėra tinkamas JSON' },
    EMPTY_BODY: { status: 400, en: 'the request body is empty; send a JSON object', lt: 'užklausos turinys tuščias; siųskite JSON objektą' },
    INVALID_ENCODING: { status: 400, en: 'the request body is not valid UTF-8', lt: 'užklausos turinys nėra tinkamas UTF-8' },
    INVALID_CHARACTER: {
      status: 400,
      en: 'a value contains a character no field can hold (NUL, broken UTF-8)',
      lt: 'reikšmėje yra simbolis, kurio joks laukas negali saugoti (NUL, sugadintas UTF-8)',
    },
    NESTED_TOO_DEEPLY: { status: 400, en: 'the body nests arrays and objects too deeply', lt: 'turinys per giliai įdėtas (masyvai ir objektai)' },
    FORBIDDEN_KEY: {
      status: 400,
      en: 'a field name is not allowed (__proto__, constructor, prototype)',
      lt: 'lauko pavadinimas neleistinas (__proto__, constructor, prototype)',
    },
    LIMIT_EXCEEDED: {
      status: 400,
      en: 'limit is above what one request takes; page with offset',
      lt: 'limit viršija vienos užklausos ribą; naudokite offset puslapiams',
    },
    TOO_MANY_FIELDS: { status: 400, en: 'fields lists more names than one request takes', lt: 'fields nurodo daugiau pavadinimų, nei leidžia viena užklausa' },
    INVALID_CURSOR: {
      status: 400,
      en: 'the after cursor belongs to another sort or was changed; start again from the first page',
      lt: 'after žymeklis priklauso kitam rikiavimui arba pakeistas; pradėkite nuo pirmo puslapio',
    },
    TOO_MANY_IDS: { status: 400, en: 'the ids list is longer than one request takes', lt: 'identifikatorių sąrašas ilgesnis, nei leidžia viena užklausa' },
    EXPAND_TOO_LARGE: { status: 400, en: 'expand names too many or too deep references', lt: 'išplėtimas nurodo per daug arba per gilių nuorodų' },
    FILTER_TOO_COMPLEX: { status: 400, en: 'the filter is too large or too deeply nested', lt: 'filtras per didelis arba per giliai įdėtas' },
    URI_TOO_LONG: { status: 414, en: 'a path parameter is too long', lt: 'kelio parametras per ilgas' },
    HEADERS_TOO_LARGE: { status: 431, en: 'the request headers are too large', lt: 'užklausos antraštės per didelės' },
    REQUEST_TIMEOUT: { status: 408, en: 'the request was not received in time', lt: 'užklausa negauta laiku' },
    PAYLOAD_TOO_LARGE: { status: 413, en: 'the request body is larger than the server takes', lt: 'užklausos turinys didesnis, nei priima serveris' },
    UNSUPPORTED_MEDIA_TYPE: { status: 415, en: 'the body has a content type the route does not take', lt: 'turinio tipas šiam maršrutui netinka' },
    ROUTE_NOT_FOUND: { status: 404, en: 'no route has this method and path', lt: 'nėra maršruto su šiuo metodu ir keliu' },
    NOT_FOUND: {
      status: 404,
      en: 'the record does not exist (or is outside your row rules)',
      lt: 'įrašas neegzistuoja (arba nepatenka į jūsų eilučių taisykles)',
    },
    EXPORT_TOO_LARGE: {
      status: 422,
      en: 'the export has more rows than one request takes; narrow the filter',
      lt: 'eksporte daugiau eilučių, nei leidžia viena užklausa; susiaurinkite filtrą',
    },
    TOO_MANY_LINES: { status: 422, en: 'a document has more lines than it takes', lt: 'dokumente daugiau eilučių, nei leidžiama' },
    UNAUTHENTICATED: { status: 401, en: 'authentication required: sign in or send a bearer token', lt: 'reikia prisijungti arba atsiųsti prieigos raktą' },
    INVALID_CREDENTIALS: { status: 401, en: 'wrong username or password', lt: 'neteisingas naudotojo vardas arba slaptažodis' },
    TOO_MANY_ATTEMPTS: {
      status: 429,
      en: 'too many failed logins; wait before trying again',
      lt: 'per daug nesėkmingų prisijungimų; palaukite ir bandykite vėl',
    },
    TOO_MANY_REQUESTS: { status: 429, en: 'too many requests; try again later', lt: 'per daug užklausų; bandykite vėliau' },
    FORBIDDEN: { status: 403, en: 'your role does not allow this', lt: 'jūsų vaidmuo to neleidžia' },
    FORBIDDEN_FIELD: { status: 403, en: 'a field you sent is read-only for your role', lt: 'jūsų siųstas laukas jūsų vaidmeniui tik skaitomas' },
    FIELD_HIDDEN: {
      status: 403,
      en: 'the figure is computed from a field your role may not see',
      lt: 'rodiklis skaičiuojamas iš lauko, kurio jūsų vaidmuo nemato',
    },
    CROSS_SITE_REQUEST: {
      status: 403,
      en: "a request from another site may not change data with this site's session cookie",
      lt: 'kitos svetainės užklausa negali keisti duomenų šios svetainės sesijos slapuku',
    },
    READ_ONLY_ENTITY: { status: 403, en: 'the entity is written only by the system', lt: 'šį objektą rašo tik sistema' },
    LAST_ADMIN: {
      status: 409,
      en: 'the last active administrator cannot be removed or demoted',
      lt: 'paskutinio aktyvaus administratoriaus negalima pašalinti ar pažeminti',
    },
    ROLE_MANAGED: {
      status: 409,
      en: 'the role is declared by a plugin or the configuration and cannot be changed here',
      lt: 'vaidmuo aprašytas įskiepio ar konfigūracijos ir čia nekeičiamas',
    },
    UNKNOWN_ROLE: { status: 422, en: 'the role does not exist', lt: 'vaidmuo neegzistuoja' },
    UNIQUE_VIOLATION: { status: 409, en: 'a value must be unique and is already used', lt: 'reikšmė turi būti unikali, bet jau naudojama' },
    REFERENCE_NOT_FOUND: { status: 422, en: 'a reference points at a record that does not exist', lt: 'nuoroda rodo į neegzistuojantį įrašą' },
    REFERENCE_CONFLICT: {
      status: 409,
      en: 'the change conflicts with records that refer to this one',
      lt: 'pakeitimas prieštarauja įrašams, kurie į šį nurodo',
    },
    STILL_REFERENCED: {
      status: 409,
      en: 'the record cannot be deleted while other records refer to it',
      lt: 'įrašo negalima ištrinti, kol į jį nurodo kiti įrašai',
    },
    CONCURRENT_UPDATE: {
      status: 409,
      en: 'another request changed the record at the same time; try again',
      lt: 'kita užklausa tuo pačiu metu pakeitė įrašą; bandykite vėl',
    },
    PRECONDITION_FAILED: {
      status: 412,
      en: 'someone else changed the record after you loaded it (If-Match); reload it',
      lt: 'kažkas pakeitė įrašą po to, kai jį įkėlėte (If-Match); įkelkite iš naujo',
    },
    VALUE_TOO_LONG: { status: 422, en: 'a value is longer than its field allows', lt: 'reikšmė ilgesnė, nei leidžia laukas' },
    VALUE_OUT_OF_RANGE: { status: 422, en: 'a number is outside the range its field holds', lt: 'skaičius už lauko ribų' },
    INVALID_DATE: { status: 422, en: 'a date or time is not valid', lt: 'data arba laikas netinkami' },
    INVALID_VALUE: { status: 422, en: 'a value is not valid for its field', lt: 'reikšmė laukui netinkama' },
    UNKNOWN_ENTITY: { status: 422, en: 'plugin code named an entity that is not enabled', lt: 'įskiepio kodas nurodė neįjungtą objektą' },
    HOOK_REFUSED: {
      status: 422,
      en: "a plugin's rule refused the change (the message says why)",
      lt: 'įskiepio taisyklė atmetė pakeitimą (pranešime nurodyta kodėl)',
    },
    ACTION_FAILED: { status: 422, en: 'a document action failed (the message says why)', lt: 'dokumento veiksmas nepavyko (pranešime nurodyta kodėl)' },
    ACTION_NOT_ALLOWED: { status: 409, en: "the action is not possible in the document's current state", lt: 'veiksmas negalimas esamoje dokumento būsenoje' },
    NO_LINES: { status: 422, en: 'add at least one line before submitting', lt: 'prieš pateikdami pridėkite bent vieną eilutę' },
    PRINT_FORMAT_NOT_FOUND: { status: 404, en: 'the record has no print format (of that name)', lt: 'įrašas neturi (tokios) spausdinimo formos' },
    REFERENCE_AMBIGUOUS: {
      status: 422,
      en: 'a reference by value matches several records; name the record by a unique field',
      lt: 'nuoroda pagal reikšmę atitinka kelis įrašus; nurodykite įrašą unikaliu lauku',
    },
    EXPORT_NOT_READY: { status: 409, en: 'the export is not finished yet (or failed)', lt: 'eksportas dar nebaigtas (arba nepavyko)' },
    WRITE_FAILED: {
      status: 422,
      en: 'an imported row could not be written (the details name the row and field)',
      lt: 'importuotos eilutės nepavyko įrašyti (detalės nurodo eilutę ir lauką)',
    },
    REPORT_NOT_TABULAR: { status: 422, en: 'the report has no rows to export as CSV', lt: 'ataskaita neturi eilučių CSV eksportui' },
    NOT_SUBMITTABLE: {
      status: 422,
      en: 'the entity is not a document that can be submitted, cancelled or amended',
      lt: 'objektas nėra dokumentas, kurį galima pateikti, atšaukti ar taisyti',
    },
    INVALID_TRANSITION: {
      status: 409,
      en: 'the document is not in the state this step needs',
      lt: 'dokumentas nėra tos būsenos, kurios reikia šiam žingsniui',
    },
    ALREADY_AMENDED: { status: 409, en: 'the cancelled document was already amended', lt: 'atšauktas dokumentas jau pataisytas' },
    DOCUMENT_NOT_EDITABLE: {
      status: 409,
      en: 'a submitted or cancelled document cannot change these fields; cancel and amend it',
      lt: 'pateikto ar atšaukto dokumento šių laukų keisti negalima; atšaukite ir pataisykite',
    },
    DOCUMENT_NOT_DELETABLE: {
      status: 409,
      en: 'a submitted document cannot be deleted; cancel it first',
      lt: 'pateikto dokumento ištrinti negalima; pirmiau atšaukite',
    },
    HAS_SUBMITTED_DEPENDENTS: {
      status: 409,
      en: 'a submitted document depends on this one; cancel that first',
      lt: 'nuo šio dokumento priklauso pateiktas dokumentas; pirmiau atšaukite jį',
    },
    DATABASE_UNAVAILABLE: {
      status: 503,
      en: 'the database is unavailable; nothing was saved, try again shortly',
      lt: 'duomenų bazė nepasiekiama; niekas neišsaugota, bandykite netrukus',
    },
    INTERNAL_ERROR: { status: 500, en: 'an unexpected error occurred (it has been logged)', lt: 'įvyko netikėta klaida (ji užregistruota)' },
    BAD_DECLARATION: {
      status: 500,
      en: 'an entity declaration is not valid (file, pointer and reason in the message)',
      lt: 'objekto aprašas netinkamas (failas, vieta ir priežastis pranešime)',
    },
    BAD_CONFIGURATION: {
      status: 500,
      en: 'the client configuration or a plugin manifest is not valid',
      lt: 'kliento konfigūracija arba įskiepio aprašas netinkami',
    },
    UNSAFE_MIGRATION: {
      status: 500,
      en: 'a schema change could lose data; review it with tessera migrate --plan',
      lt: 'schemos pakeitimas gali prarasti duomenų; peržiūrėkite: tessera migrate --plan',
    },
    MIGRATION_BLOCKED: {
      status: 409,
      en: 'a pending schema change cannot be applied to the rows the database holds',
      lt: 'laukiantis schemos pakeitimas netaikomas esamoms eilutėms',
    },
    MIGRATION_FAILED: { status: 409, en: 'PostgreSQL refused the migration; nothing was applied', lt: 'PostgreSQL atmetė migraciją; niekas nepritaikyta' },
    PORT_IN_USE: { status: 409, en: 'the port is in use; set PORT to a free one', lt: 'prievadas užimtas; nurodykite laisvą PORT' },
    BAD_PORT: { status: 400, en: 'PORT is not a port number (0-65535)', lt: 'PORT nėra prievado numeris (0-65535)' },
    DATA_DIR_IN_USE: { status: 409, en: 'another Tessera process runs on the data folder', lt: 'duomenų aplanke veikia kitas Tessera procesas' },
    EMBEDDED_DB_FAILED: { status: 500, en: 'the embedded PostgreSQL did not start', lt: 'įtaisytoji PostgreSQL nepasileido' },
    EMBEDDED_DB_STUCK: {
      status: 500,
      en: 'a PostgreSQL process left by an earlier run does not stop',
      lt: 'ankstesnio paleidimo PostgreSQL procesas nesustoja',
    },
    EMBEDDED_DB_NOT_OWNED: { status: 500, en: 'the embedded PostgreSQL belongs to another process', lt: 'įtaisytoji PostgreSQL priklauso kitam procesui' },
    CLI_USAGE: {
      status: 400,
      en: 'the command line is not valid (the usage line says what it takes)',
      lt: 'komandinė eilutė netinkama (naudojimo eilutė nurodo, ką ji priima)',
    },
    BAD_CONTENT_LENGTH: { status: 400, en: 'the Content-Length header does not match the body', lt: 'Content-Length antraštė neatitinka turinio' },
    VIEW_AS_READ_ONLY: {
      status: 403,
      en: 'you are viewing as a role (X-Tessera-View-As): nothing can be changed in this mode',
      lt: 'žiūrite kaip vaidmuo (X-Tessera-View-As): šiuo režimu nieko keisti negalima',
    },
    EXPORT_NOT_CANCELLABLE: {
      status: 409,
      en: 'only a queued or running export can be cancelled',
      lt: 'nutraukti galima tik laukiantį arba vykdomą eksportą',
    },
    CONFIG_INVALID: {
      status: 422,
      en: 'the proposed client configuration is not valid (the message names the setting and what to fix)',
      lt: 'siūloma kliento konfigūracija netinkama (pranešimas nurodo nustatymą ir ką pataisyti)',
    },
    CONFIG_CHANGED: {
      status: 409,
      en: 'the configuration changed since the plan was made; make the plan again',
      lt: 'konfigūracija pasikeitė po plano sudarymo; sudarykite planą iš naujo',
    },
    CONFIG_LOSSY: {
      status: 422,
      en: 'the plan would lose data; name each lossy change in acceptLossy to apply it',
      lt: 'planas prarastų duomenų; kiekvieną nuostolingą pakeitimą nurodykite acceptLossy',
    },
    CONFIG_ANSWER_REQUIRED: {
      status: 422,
      en: 'the plan asks questions that have no answer yet (details name each question key)',
      lt: 'planas užduoda klausimų, į kuriuos dar neatsakyta (detalės nurodo klausimų raktus)',
    },
    CONFIG_PLAN_NOT_FOUND: {
      status: 404,
      en: 'no plan has this hash; make the plan first (POST /api/config/plan)',
      lt: 'plano su šia maiša nėra; pirmiau sudarykite planą (POST /api/config/plan)',
    },
    CONFIG_REVISION_NOT_FOUND: { status: 404, en: 'the configuration revision does not exist', lt: 'tokios konfigūracijos versijos nėra' },
    CONFIG_RELOAD_FAILED: {
      status: 500,
      en: 'the configuration was saved but the server could not load it; the previous one keeps serving',
      lt: 'konfigūracija išsaugota, bet serveris negalėjo jos įkelti; veikia ankstesnė',
    },
    LOCKED: { status: 409, en: 'another request is changing the record; try again', lt: 'įrašą keičia kita užklausa; bandykite vėl' },
    VALUE_TOO_LARGE: { status: 422, en: 'a value is too large to be stored or searched', lt: 'reikšmė per didelė saugoti ar ieškoti' },
  },
  // Message templates ("{param}" is filled in by the throw site; TypeScript checks each is given).
  {
    // Field problems of request validation (ajv keywords, exact decimals).
    required: { en: 'is required', lt: 'privaloma užpildyti' },
    not_a_field: { en: 'is not a field', lt: 'nėra laukas' },
    not_a_field_of: { en: 'is not a field of {entity}', lt: 'nėra objekto „{entity}“ laukas' },
    type: { en: 'must be {type}', lt: 'turi būti {type}' },
    type_or_null: { en: 'must be {type} (or null)', lt: 'turi būti {type} (arba tuščia)' },
    enum: { en: 'must be one of {values}', lt: 'turi būti viena iš reikšmių: {values}' },
    format: { en: 'must be a valid {format}', lt: 'turi būti tinkama reikšmė: {format}' },
    compare: { en: 'must be {comparison} {limit}', lt: 'turi būti {comparison} {limit}' },
    max_length: { en: 'must be at most {limit} characters', lt: 'turi būti ne ilgesnis nei {limit} simb.' },
    min_length: { en: 'must be at least {limit} characters', lt: 'turi būti bent {limit} simb.' },
    not_empty: { en: 'must not be empty', lt: 'negali būti tuščias' },
    min_items_one: { en: 'must have at least 1 item', lt: 'turi būti bent vienas elementas' },
    min_items: { en: 'must have at least {limit} items', lt: 'turi būti bent {limit} elem.' },
    max_items: { en: 'must have at most {limit} items', lt: 'turi būti ne daugiau kaip {limit} elem.' },
    max_lines: { en: 'must have at most {max} lines', lt: 'turi būti ne daugiau kaip {max} eil.' },
    pattern: { en: 'must match the pattern {pattern}', lt: 'turi atitikti šabloną {pattern}' },
    invalid: { en: 'is invalid', lt: 'netinkama reikšmė' },
    decimal: { en: 'must be a decimal number such as "12.50"', lt: 'turi būti dešimtainis skaičius, pvz., „12.50“' },
    decimal_scale_one: { en: 'must have at most 1 decimal place', lt: 'turi būti ne daugiau kaip 1 skaitmuo po kablelio' },
    decimal_scale: { en: 'must have at most {scale} decimal places', lt: 'turi būti ne daugiau kaip {scale} skaitm. po kablelio' },
    decimal_digits: {
      en: 'must have at most {digits} digits before the decimal point',
      lt: 'turi būti ne daugiau kaip {digits} skaitm. prieš kablelį',
    },
    read_only_field: { en: 'is read-only for your role', lt: 'jūsų vaidmeniui tik skaitomas' },
    // The platform's business refusals.
    not_found: { en: '{entity} {id} does not exist', lt: '{entity} {id} neegzistuoja' },
    unique: { en: 'must be unique: {value} is already used', lt: 'turi būti unikalus: {value} jau naudojamas' },
    unique_path: { en: '{path} must be unique: {value} is already used', lt: '{path} turi būti unikalus: {value} jau naudojamas' },
    reference: { en: 'refers to {entity} {id}, which does not exist', lt: 'nurodo {entity} {id}, kuris neegzistuoja' },
    reference_path: { en: '{path} refers to {entity} {id}, which does not exist', lt: '{path} nurodo {entity} {id}, kuris neegzistuoja' },
    reference_by: {
      en: 'refers to {entity} with {field} {value}, which does not exist',
      lt: 'nurodo {entity}, kurio {field} yra {value}, bet toks neegzistuoja',
    },
    reference_by_path: {
      en: '{path} refers to {entity} with {field} {value}, which does not exist',
      lt: '{path} nurodo {entity}, kurio {field} yra {value}, bet toks neegzistuoja',
    },
    still_referenced: {
      en: '{entity} {id} cannot be deleted: {by} records still refer to it',
      lt: '{entity} {id} negalima ištrinti: į jį dar nurodo įrašai ({by})',
    },
    still_referenced_count: {
      en: '{entity} {id} cannot be deleted: {count} {by} records still refer to it',
      lt: '{entity} {id} negalima ištrinti: į jį dar nurodo {count} įraš. ({by})',
    },
    still_referenced_one: {
      en: '{entity} {id} cannot be deleted: 1 {by} record still refers to it',
      lt: '{entity} {id} negalima ištrinti: į jį dar nurodo 1 įrašas ({by})',
    },
    not_submittable: {
      en: '{entity} is not a document that can be submitted or cancelled',
      lt: '{entity} nėra dokumentas, kurį galima pateikti ar atšaukti',
    },
    not_amendable: { en: '{entity} is not a document that can be amended', lt: '{entity} nėra dokumentas, kurį galima taisyti' },
    cannot_submit: {
      en: '{entity} {title} is {status}; only a {from} document can be submitted',
      lt: '{entity} {title} yra {status}; pateikti galima tik dokumentą, kurio būsena „{from}“',
    },
    cannot_cancel: {
      en: '{entity} {title} is {status}; only a {from} document can be cancelled',
      lt: '{entity} {title} yra {status}; atšaukti galima tik dokumentą, kurio būsena „{from}“',
    },
    needs_approval: {
      en: '{entity} {title} is above {limit} and needs approval: only the role {role} can submit it',
      lt: '{entity} {title} viršija {limit} ir turi būti patvirtintas: pateikti gali tik vaidmuo {role}',
    },
    needs_lines: {
      en: 'needs at least {count} line before {entity} {title} can be submitted',
      lt: 'prieš pateikiant {entity} {title} reikia bent {count} eil.',
    },
    not_amendable_state: {
      en: '{entity} {title} is {status}; only a cancelled document can be amended',
      lt: '{entity} {title} yra {status}; taisyti galima tik atšauktą dokumentą',
    },
    already_amended: {
      en: '{entity} {title} was already amended (by record {by})',
      lt: '{entity} {title} jau pataisytas (įrašu {by})',
    },
    has_dependents: {
      en: '{entity} {title} cannot be cancelled: submitted {dependent} {number} depends on it; cancel that first',
      lt: '{entity} {title} negalima atšaukti: nuo jo priklauso pateiktas {dependent} {number}; pirmiau atšaukite jį',
    },
    not_deletable: {
      en: '{entity} {title} is submitted and cannot be deleted; cancel it first',
      lt: '{entity} {title} pateiktas ir negali būti ištrintas; pirmiau atšaukite',
    },
  },
);
