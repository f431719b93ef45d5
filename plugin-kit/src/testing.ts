/**
 * Test helpers for plugins' HTTP stories (over the app tests/helpers.ts starts on a fresh
 * database): assert a status and get the body, and the usual requests in one call.
 */
type Answer = { status: number; body: any };
type Req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;

/** The body of an answer with the expected status (the body is in the failure message). */
export function ok(r: Answer, status = 200): any {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** get/post/put/del that expect a status (200, or 201 for post) and return the body. */
export function requests(t: { req: Req }) {
  return {
    get: async (path: string, status = 200) => ok(await t.req('GET', path), status),
    post: async (path: string, body: unknown = {}, status = 201) => ok(await t.req('POST', path, body), status),
    put: async (path: string, body: unknown, status = 200) => ok(await t.req('PUT', path, body), status),
    del: async (path: string, status = 204) => ok(await t.req('DELETE', path), status),
  };
}

/** A filter for the query string: ?filter=${filter({ status: 'open' })}. */
export const filter = (f: unknown): string => encodeURIComponent(JSON.stringify(f));
