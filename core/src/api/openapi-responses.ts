/**
 * The success responses of the platform's own routes (auth, history, audit, meta, dashboard,
 * search, views, groups, import, export jobs, files, e-mail, messages, webhooks, notifications,
 * print): what each answers, as shared component schemas (`$id`, shown under
 * components.schemas) and one table from route to response. The contract hook
 * (openapi-contract.ts) gives a route its entry when the route declares no 2xx response itself.
 */

const str = { type: 'string' };
const int = { type: 'integer' };
const dateTime = { type: 'string', format: 'date-time' };
const nullable = (s: object) => ({ ...s, nullable: true });
const ref = (id: string) => ({ $ref: `${id}#` });
const obj = (properties: Record<string, unknown>, required: string[] = [], extra = false) => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: extra,
});
const page = (item: object, more: Record<string, unknown> = {}) =>
  obj({ data: { type: 'array', items: item }, total: { ...int, description: 'rows in all' }, ...more }, ['data']);
const anyObject = { type: 'object', additionalProperties: true };
const localText = obj({ en: str, lt: str }, [], true);
const binary = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } });
const text = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string' } } } });

/** Shared schemas (registered with app.addSchema: OpenAPI components). */
export const SHARED_SCHEMAS: Record<string, unknown>[] = [
  {
    $id: 'ConfigRevision',
    ...obj(
      { version: int, created_at: dateTime, created_by: nullable(str), comment: nullable(str), summary: { type: 'array', items: str } },
      ['version'],
      true,
    ),
  },
  {
    $id: 'ConfigChange',
    ...obj(
      {
        id: str,
        kind: str,
        path: { ...str, description: 'JSON pointer in the configuration' },
        entity: str,
        field: str,
        description: localText,
        steps: { type: 'array', items: str },
        rowsAffected: int,
        lossy: { type: 'boolean' },
      },
      ['id', 'kind', 'lossy'],
      true,
    ),
  },
  {
    $id: 'ConfigPlan',
    ...obj(
      {
        hash: str,
        baseVersion: int,
        changes: { type: 'array', items: ref('ConfigChange') },
        questions: {
          type: 'array',
          items: obj({ key: str, changeId: str, entity: str, field: str, message: localText, schema: anyObject }, ['key'], true),
        },
        lossy: { type: 'array', items: str },
        ok: { type: 'boolean' },
      },
      ['hash', 'changes', 'ok'],
      true,
    ),
  },
  { $id: 'Ok', ...obj({ ok: { type: 'boolean', enum: [true] } }, ['ok']) },
  {
    $id: 'User',
    ...obj(
      {
        id: int,
        username: str,
        fullName: nullable(str),
        email: nullable(str),
        locale: nullable(str),
        roles: { type: 'array', items: str },
        isAdmin: { type: 'boolean' },
      },
      ['id', 'username', 'roles', 'isAdmin'],
    ),
  },
  {
    $id: 'AuditEntry',
    ...obj(
      {
        id: int,
        at: dateTime,
        user_id: nullable(int),
        username: nullable(str),
        action: { type: 'string', description: 'create, update, delete, submit, cancel, amend, attach, detach or an action name' },
        changes: {
          type: 'object',
          additionalProperties: true,
          description: 'field -> [before, after]; line items as added / removed / changed (fields you may not see are left out)',
        },
        entity: str,
        record_id: nullable(int),
      },
      ['id', 'at', 'action'],
      true,
    ),
  },
  {
    $id: 'Message',
    ...obj(
      {
        id: int,
        kind: { type: 'string', enum: ['email', 'webhook'] },
        status: { type: 'string', enum: ['queued', 'retrying', 'sent', 'failed'] },
        entity: nullable(str),
        record_id: nullable(int),
        event: nullable(str),
        to: str,
        subject: nullable(str),
        attachment: nullable(str),
        attempts: int,
        error: nullable(str),
        created_at: dateTime,
        sent_at: nullable(dateTime),
      },
      ['id', 'kind', 'status'],
    ),
  },
  {
    $id: 'FileInfo',
    ...obj(
      { id: int, entity: str, record_id: int, name: str, type: str, size: int, sha256: str, created_at: dateTime, created_by: nullable(int), url: str },
      ['id', 'name'],
      true,
    ),
  },
  {
    $id: 'SavedView',
    ...obj(
      {
        id: int,
        entity: str,
        name: str,
        shared: { type: 'boolean' },
        owner: nullable(int),
        mine: { type: 'boolean' },
        state: obj(
          { filter: { type: 'object', additionalProperties: true }, columns: { type: 'array', items: str }, sort: { type: 'object' }, groupBy: str },
          [],
          true,
        ),
      },
      ['id', 'entity', 'name'],
      true,
    ),
  },
  {
    $id: 'ImportBatch',
    ...obj(
      {
        batch: nullable(int),
        id: int,
        entity: str,
        mode: { type: 'string', enum: ['insert', 'upsert', 'update'] },
        status: { type: 'string', enum: ['queued', 'running', 'cancelling', 'cancelled', 'done', 'failed', 'reverted', 'rejected', 'dry_run'] },
        dryRun: { type: 'boolean' },
        total: int,
        done: int,
        documents: int,
        created: int,
        updated: int,
        unchanged: int,
        failed: int,
        problems: { type: 'array', items: obj({ row: int, field: str, column: str, code: str, message: str }, [], true) },
        rows: { type: 'array', items: { type: 'object', additionalProperties: true } },
        problemCount: { ...int, description: 'problems in all (problems holds the first 1,000)' },
        message: nullable(str),
        startedAt: nullable(dateTime),
        finishedAt: nullable(dateTime),
        errorFile: { ...str, description: 'the URL of the refused rows as a file' },
        cancel: { ...str, description: 'the URL that cancels it, while queued or running' },
        revert: { ...str, description: 'the URL that reverts it, once done' },
        progress: { type: 'number', description: 'percent done' },
      },
      ['status'],
      true,
    ),
  },
  {
    $id: 'JobProgress',
    ...obj(
      {
        job: int,
        status: { type: 'string', enum: ['running', 'done', 'failed'] },
        total: int,
        done: int,
        progress: { type: ['integer', 'string'], description: 'percent done, or the URL to poll' },
        download: str,
        message: str,
      },
      ['job', 'status'],
    ),
  },
];

type Entry = [method: string, url: RegExp, status: number, response: object];

/** Route -> success response, for the platform's routes that declare none. */
export const PLATFORM_RESPONSES: Entry[] = [
  ['POST', /^\/api\/auth\/login$/, 200, obj({ user: ref('User'), expiresAt: dateTime }, ['user', 'expiresAt'])],
  ['POST', /^\/api\/auth\/(logout|password)$/, 200, ref('Ok')],
  ['GET', /^\/api\/auth\/me$/, 200, obj({ user: ref('User') }, ['user'])],
  [
    'POST',
    /^\/api\/auth\/tokens$/,
    201,
    obj({ id: int, token: { ...str, description: 'shown once: store it' }, expiresAt: dateTime }, ['id', 'token', 'expiresAt']),
  ],
  [
    'GET',
    /^\/api\/auth\/tokens$/,
    200,
    page(obj({ id: int, name: str, created_at: dateTime, expires_at: nullable(dateTime), last_used_at: nullable(dateTime), revoked_at: nullable(dateTime) })),
  ],
  ['DELETE', /^\/api\/auth\/tokens(\/:id)?$/, 200, ref('Ok')],
  ['GET', /\/:id\/history$/, 200, page(ref('AuditEntry'))],
  ['GET', /^\/api\/auth\/audit$/, 200, page(ref('AuditEntry'))],
  [
    'GET',
    /^\/api\/meta$/,
    200,
    obj(
      {
        entities: { type: 'array', items: { type: 'object', additionalProperties: true } },
        reports: { type: 'array', items: { type: 'object', additionalProperties: true } },
        dashboard: { type: 'array', items: { type: 'object', additionalProperties: true } },
        user: { type: 'object', additionalProperties: true },
      },
      ['entities'],
      true,
    ),
  ],
  [
    'GET',
    /^\/api\/dashboard\/:id$/,
    200,
    obj(
      {
        value: { type: ['string', 'number', 'null'], description: 'the figure (exact decimals as strings)' },
        series: { type: 'array', items: obj({ label: str, value: { type: ['string', 'number'] }, key: {} }, ['label', 'value'], true) },
      },
      [],
      true,
    ),
  ],
  [
    'GET',
    /^\/api\/search$/,
    200,
    obj({
      q: str,
      groups: {
        type: 'array',
        items: obj(
          {
            entity: str,
            label: str,
            labels: { type: 'object', additionalProperties: str },
            results: { type: 'array', items: obj({ id: int, title: str }, ['id'], true) },
            more: { type: 'boolean' },
          },
          ['entity', 'results'],
        ),
      },
    }),
  ],
  ['GET', /^\/api\/views$/, 200, obj({ data: { type: 'array', items: ref('SavedView') } }, ['data'])],
  ['POST', /^\/api\/views$/, 201, ref('SavedView')],
  ['PATCH', /^\/api\/views\/:id$/, 200, ref('SavedView')],
  ['DELETE', /^\/api\/views\/:id$/, 204, { description: 'deleted', type: 'null' }],
  [
    'GET',
    /^\/api\/groups$/,
    200,
    obj({
      entity: str,
      by: str,
      groups: {
        type: 'array',
        items: obj(
          { key: {}, label: str, count: int, sums: { type: 'object', additionalProperties: str, description: 'exact decimal sums' } },
          ['count'],
          true,
        ),
      },
      more: { type: 'boolean', description: 'more than 200 groups' },
    }),
  ],
  ['GET', /\/import\/batches$/, 200, page(ref('ImportBatch'))],
  ['POST', /\/import\/:batch\/cancel$/, 200, ref('ImportBatch')],
  ['GET', /^\/api\/public\/locale$/, 200, obj({ locale: str, locales: { type: 'array', items: str } }, ['locale'], true)],
  [
    'GET',
    /^\/api\/auth\/explain$/,
    200,
    obj(
      {
        allowed: { type: 'boolean' },
        deniedBy: nullable(str),
        reason: localText,
        roleRules: { type: 'array', items: { type: 'object', additionalProperties: true } },
        rowRule: nullable({ type: 'object', additionalProperties: true }),
        rowRules: { type: 'array', items: { type: 'object', additionalProperties: true } },
        fieldRules: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
      ['allowed'],
      true,
    ),
  ],
  [
    'GET',
    /^\/api\/config$/,
    200,
    obj({ version: int, revision: ref('ConfigRevision'), config: anyObject, serving: int, reloadError: str }, ['version', 'config'], true),
  ],
  ['GET', /^\/api\/config\/revisions$/, 200, page(ref('ConfigRevision'))],
  [
    'GET',
    /^\/api\/config\/revisions\/:version$/,
    200,
    obj({ version: int, config: anyObject, diff: { type: 'array', items: ref('ConfigChange') } }, ['version', 'config'], true),
  ],
  [
    'GET',
    /^\/api\/config\/plugins$/,
    200,
    page(
      obj(
        {
          name: str,
          label: localText,
          enabled: { type: 'boolean' },
          dependsOn: { type: 'array', items: str },
          requiredBy: { type: 'array', items: str },
          optionalWith: { type: 'array', items: str },
        },
        ['name', 'enabled'],
        true,
      ),
    ),
  ],
  [
    'GET',
    /^\/api\/config\/entities\/:entity$/,
    200,
    obj({ entity: str, fields: { type: 'array', items: anyObject }, customization: anyObject }, ['entity', 'fields'], true),
  ],
  ['POST', /^\/api\/config\/(plan|revert)$/, 200, ref('ConfigPlan')],
  ['POST', /^\/api\/config\/apply$/, 200, obj({ version: int, changes: { type: 'array', items: ref('ConfigChange') } }, ['version'], true)],
  ['GET', /^\/api\/config\/numbering-preview$/, 200, obj({ next: str }, ['next'])],
  ['GET', /^\/api\/config\/export$/, 200, obj({ tessera: str, config: anyObject, masterData: anyObject }, ['config'], true)],
  ['GET', /\/import\/template$/, 200, text('text/csv', 'the header row (format=xlsx: a workbook)')],
  ['GET', /\/import\/:batch$/, 200, ref('ImportBatch')],
  ['GET', /\/import\/:batch\/errors$/, 200, text('text/csv', 'the refused rows with their reasons, to fix and import again')],
  ['POST', /\/import\/:batch\/revert$/, 200, obj({ batch: int, status: str, deleted: int, restored: int }, ['batch'], true)],
  ['GET', /\/export\/:job\/download$/, 200, binary('application/octet-stream', 'the exported file (CSV or XLSX)')],
  ['GET', /\/:id\/messages$/, 200, obj({ data: { type: 'array', items: ref('Message') } }, ['data'])],
  ['POST', /\/:id\/email$/, 202, ref('Message')],
  [
    'GET',
    /\/:id\/deliveries$/,
    200,
    obj(
      {
        data: {
          type: 'array',
          items: obj({ id: int, status: str, status_code: nullable(int), error: nullable(str), duration_ms: nullable(int), at: dateTime }, ['id'], true),
        },
      },
      ['data'],
    ),
  ],
  ['POST', /^\/api\/messaging\/deliveries\/:id\/replay$/, 202, obj({ id: int, status: { type: 'string', enum: ['queued'] } }, ['id', 'status'])],
  [
    'GET',
    /^\/api\/notifications$/,
    200,
    obj(
      {
        data: {
          type: 'array',
          items: obj(
            {
              id: int,
              kind: str,
              title: str,
              body: nullable(str),
              entity: nullable(str),
              record_id: nullable(int),
              read_at: nullable(dateTime),
              created_at: dateTime,
            },
            ['id'],
            true,
          ),
        },
        unread: int,
      },
      ['data', 'unread'],
    ),
  ],
  ['POST', /^\/api\/notifications\/read-all$/, 200, obj({ marked: int }, ['marked'])],
  ['POST', /^\/api\/notifications\/:id\/read$/, 200, obj({ id: int, read_at: dateTime }, ['id', 'read_at'])],
  ['GET', /\/:id\/files$/, 200, obj({ data: { type: 'array', items: ref('FileInfo') } }, ['data'])],
  ['POST', /\/:id\/files$/, 201, ref('FileInfo')],
  ['GET', /^\/api\/files\/:fileId$/, 200, binary('application/octet-stream', 'the file, as attachment')],
  ['DELETE', /^\/api\/files\/:fileId$/, 204, { description: 'deleted', type: 'null' }],
  ['GET', /^\/api\/print\/formats$/, 200, { type: 'object', additionalProperties: { type: 'array', items: obj({ name: str, label: str }, ['name'], true) } }],
  ['GET', /\/:id\/pdf$/, 200, binary('application/pdf', 'the record as PDF')],
  ['GET', /^\/api\/health$/, 200, obj({ status: str, database: str }, ['status'], true)],
];

export function platformResponse(method: string, url: string): { status: number; schema: object } | undefined {
  const hit = PLATFORM_RESPONSES.find(([m, re]) => m === method && re.test(url));
  return hit ? { status: hit[2], schema: hit[3] } : undefined;
}
