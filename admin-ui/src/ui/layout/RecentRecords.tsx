/** Recently visited records: remembered as they are opened, listed at the top of the menu. */
import { ListSubheader } from '@mui/material';
import { useEffect } from 'react';
import { Menu, useGetOne, useStore, useTranslate } from 'react-admin';
import { useLocation } from 'react-router-dom';
import { pushRecent, recordOfPath, type RecentRecord } from '../../mapping/recent.js';
import { useMeta } from '../../providers/metaStore.js';
import { MetaIcon } from '../MetaIcon.js';
import { titleText } from '../../mapping/labels.js';
import { useLocale } from '../hooks.js';

export const RECENT_KEY = 'tessera.recent';

/** Watches the location; a record screen adds its record (with its title) to the recent list. */
export function RecentTracker() {
  const meta = useMeta();
  const location = useLocation();
  const [, setRecent] = useStore<RecentRecord[]>(RECENT_KEY, []);
  const target = meta ? recordOfPath(location.pathname, (k) => meta.entities.some((e) => e.key === k)) : undefined;
  const entity = target ? meta!.entities.find((e) => e.key === target.resource) : undefined;
  // Reads the record the screen itself loads, from the query cache, and never fetches: a fetch
  // of its own would hand the edit form a new record while the user types (the form then resets).
  const { data } = useGetOne(target?.resource ?? '', { id: target?.id ?? '' }, { enabled: false });
  useEffect(() => {
    if (!target || !entity || !data || String(data.id) !== target.id) return;
    const title = String(data[entity.titleField] ?? `#${data.id}`);
    setRecent((list) => pushRecent(list ?? [], { resource: target.resource, id: target.id, title }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target?.resource, target?.id, data]);
  return null;
}

/** The menu's Recent group (only while the menu is open and something was visited); elements, as the menu list takes no fragments. */
export function useRecentMenuItems(open: boolean) {
  const meta = useMeta();
  const translate = useTranslate();
  const locale = useLocale();
  const [recent] = useStore<RecentRecord[]>(RECENT_KEY, []);
  const known = (recent ?? []).filter((r) => meta?.entities.some((e) => e.key === r.resource));
  if (!open || !known.length) return [];
  return [
    <ListSubheader
      key="recent"
      disableSticky
      sx={{ lineHeight: '32px', mt: 1, bgcolor: 'transparent', display: 'flex', alignItems: 'center', gap: 1 }}
      data-menu-group="recent"
    >
      <MetaIcon name="history" fontSize="small" />
      <span>{translate('tessera.menu.recent')}</span>
    </ListSubheader>,
    ...known.map((r) => {
      const e = meta!.entities.find((x) => x.key === r.resource)!;
      return (
        <Menu.Item
          key={`recent.${r.resource}.${r.id}`}
          to={`/${r.resource}/${r.id}/show`}
          primaryText={titleText(e, r.title, locale)}
          leftIcon={<MetaIcon name={e.icon} fallback="description" />}
          data-menu-recent={`${r.resource}/${r.id}`}
          sx={{ '& .MuiTypography-root, & span': { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        />
      );
    }),
  ];
}
