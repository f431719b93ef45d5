/** Recently visited records (the menu's "Recent" group): newest first, one entry per record, a few kept. */
export interface RecentRecord {
  resource: string;
  id: string;
  title: string;
}

export const RECENT_MAX = 6;

/** A record screen's path (/<resource>/<id>/show or /<resource>/<id>) as resource and id, for entity keys only. */
export function recordOfPath(pathname: string, isEntity: (key: string) => boolean): { resource: string; id: string } | undefined {
  const m = /^\/([a-z0-9_]+\.[a-z0-9_]+)\/(\d+)(?:\/show)?$/.exec(pathname);
  return m && isEntity(m[1]!) ? { resource: m[1]!, id: m[2]! } : undefined;
}

export function pushRecent(list: RecentRecord[], entry: RecentRecord, max = RECENT_MAX): RecentRecord[] {
  return [entry, ...list.filter((r) => !(r.resource === entry.resource && r.id === entry.id))].slice(0, max);
}
