/** The frame: app bar with the language menu and user, the menu grouped by plugin. */
import { ListSubheader, MenuItem, Typography } from '@mui/material';
import { useEffect, type ReactNode } from 'react';
import {
  AppBar,
  Layout,
  Logout,
  Menu,
  TitlePortal,
  UserMenu,
  useAuthProvider,
  useSidebarState,
  useStore,
  useTranslate,
  LocalesMenuButton,
  useLocaleState,
} from 'react-admin';
import { useLocation } from 'react-router-dom';
import { useMeta } from '../../providers/metaStore.js';
import { menuGroups } from '../../mapping/resources.js';
import { useLocale } from '../hooks.js';
import { MetaIcon } from '../MetaIcon.js';
import { pagesFor } from '../pages/registry.js';
import { NotificationBell } from '../outbound/NotificationBell.js';
import { GlobalSearch } from '../search/GlobalSearch.js';
import { RecentTracker, useRecentMenuItems } from './RecentRecords.js';
import type { MenuItem as MetaMenuItem } from '../../mapping/resources.js';
import { studioMenuItems, ViewAsBanner } from '../../studio/routes.js';

/** Large menus start with only the current plugin's group open; a click on a group header toggles it. */
const SMALL_MENU = 15;

function AppMenu() {
  const meta = useMeta();
  const locale = useLocale();
  const [open] = useSidebarState();
  const [toggled, setToggled] = useStore<Record<string, boolean>>('tessera.menu.groups', {});
  const location = useLocation();
  const translate = useTranslate();
  const recent = useRecentMenuItems(open);
  if (!meta) return <Menu />;
  const groups = menuGroups(meta, locale);
  const small = groups.reduce((n, g) => n + g.items.length, 0) <= SMALL_MENU;
  const current = location.pathname.split('/')[1] ?? '';
  const isOpen = (g: (typeof groups)[number]) =>
    !open ||
    (toggled[g.plugin] ??
      (small ||
        g.items.some((i) => i.resource === current || location.pathname === `/${i.resource}`) ||
        pagesFor(meta).some((p) => p.plugin === g.plugin && location.pathname === p.path)));
  return (
    <Menu>
      <Menu.DashboardItem />
      {recent}
      {/* A flat list: MUI's MenuList does not accept fragments. */}
      {groups.flatMap((g) => [
        ...(open
          ? [
              <ListSubheader
                key={`group.${g.plugin}`}
                disableSticky
                onClick={() => setToggled({ ...toggled, [g.plugin]: !isOpen(g) })}
                sx={{
                  lineHeight: '32px',
                  mt: 1,
                  bgcolor: 'transparent',
                  display: 'flex',
                  alignItems: 'center',
                  gap: 1,
                  cursor: 'pointer',
                  userSelect: 'none',
                  '&:hover': { color: 'text.primary' },
                }}
                data-menu-group={g.plugin}
                aria-expanded={isOpen(g)}
              >
                <MetaIcon name={g.icon} fontSize="small" />
                <span style={{ flex: 1 }}>{g.label}</span>
                <MetaIcon name={isOpen(g) ? 'expand_less' : 'expand_more'} fontSize="small" />
              </ListSubheader>,
            ]
          : []),
        ...(isOpen(g) ? sectionItems(g.plugin, g.items, open, translate) : []),
        ...(isOpen(g)
          ? pagesFor(meta)
              .filter((p) => p.plugin === g.plugin)
              .map((p) => (
                <Menu.Item
                  key={p.path}
                  to={p.path}
                  primaryText={locale === 'lt' ? p.labels.lt : p.labels.en}
                  leftIcon={<MetaIcon name={p.icon} />}
                  data-menu-item={p.path}
                />
              ))
          : []),
      ])}
      {studioMenuItems(meta, open, translate)}
    </Menu>
  );
}

const item = (i: MetaMenuItem) => (
  <Menu.Item
    key={i.resource}
    to={`/${i.resource}`}
    primaryText={i.label}
    leftIcon={<MetaIcon name={i.icon} />}
    data-menu-item={i.resource}
    data-menu-section={i.section}
  />
);

/** A group's entries: daily lists and documents, its reports, then its set-up lists under a Settings caption. */
function sectionItems(plugin: string, items: MetaMenuItem[], open: boolean, translate: (k: string) => string) {
  const caption = (key: string, label: string) =>
    open
      ? [
          <ListSubheader
            key={`${plugin}.${key}`}
            disableSticky
            sx={{ lineHeight: '24px', pl: 7, fontSize: 11, textTransform: 'uppercase', letterSpacing: 0.5, bgcolor: 'transparent' }}
            data-menu-caption={`${plugin}.${key}`}
          >
            {label}
          </ListSubheader>,
        ]
      : [];
  const daily = items.filter((i) => i.section === 'daily');
  const reports = items.filter((i) => i.section === 'report');
  const setup = items.filter((i) => i.section === 'setup');
  return [
    ...daily.map(item),
    ...(reports.length && daily.length ? caption('reports', translate('tessera.menu.reports')) : []),
    ...reports.map(item),
    ...(setup.length ? caption('setup', translate('tessera.menu.settings')) : []),
    ...setup.map(item),
  ];
}

function AppUserMenu() {
  const auth = useAuthProvider() as ({ mode?: () => string } & object) | undefined;
  const translate = useTranslate();
  const anonymous = auth?.mode?.() === 'disabled';
  return (
    <UserMenu>
      {anonymous ? (
        <MenuItem disabled sx={{ whiteSpace: 'normal', maxWidth: 320, opacity: '1 !important' }}>
          <Typography variant="body2" color="text.secondary">
            {translate('tessera.auth.anonymous')}
          </Typography>
        </MenuItem>
      ) : (
        <Logout />
      )}
    </UserMenu>
  );
}

function TesseraAppBar() {
  const meta = useMeta();
  return (
    <AppBar userMenu={<AppUserMenu />} toolbar={<LocalesMenuButton />}>
      <TitlePortal />
      <GlobalSearch />
      <span style={{ opacity: 0.8, fontSize: 14, marginRight: 8 }}>{meta?.company.name}</span>
      <NotificationBell />
    </AppBar>
  );
}

/**
 * After sign-in the UI speaks the user's own language (their locale, else the company's, which
 * the login page already used); once per session, so a switch in the menu afterwards stays.
 */
function UserLocale() {
  const meta = useMeta();
  const [locale, setLocale] = useLocaleState();
  const own = meta?.user.locale;
  const id = meta?.user.id;
  useEffect(() => {
    if (!own || id === undefined) return;
    const mark = `tessera.userLocale.${id}`;
    if (sessionStorage.getItem(mark)) return;
    sessionStorage.setItem(mark, own);
    if (own !== locale) setLocale(own);
  }, [own, id, locale, setLocale]);
  return null;
}

export function AppLayout({ children }: { children: ReactNode }) {
  return (
    // RA's layout grows to fit wide content (min-width: fit-content); tables and line grids scroll inside instead.
    <Layout
      menu={AppMenu}
      appBar={TesseraAppBar}
      sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 }, '& .RaLayout-contentWithSidebar': { minWidth: 0 } }}
    >
      <RecentTracker />
      <ViewAsBanner />
      <UserLocale />
      {children}
    </Layout>
  );
}
