/** The frame: app bar with the language menu and user, the menu grouped by plugin. */
import { ListSubheader, MenuItem, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { AppBar, Layout, Logout, Menu, TitlePortal, UserMenu, useAuthProvider, useSidebarState, useTranslate, LocalesMenuButton } from 'react-admin';
import { useMeta } from '../../providers/metaStore.js';
import { menuGroups } from '../../mapping/resources.js';
import { useLocale } from '../hooks.js';
import { MetaIcon } from '../MetaIcon.js';

function AppMenu() {
  const meta = useMeta();
  const locale = useLocale();
  const [open] = useSidebarState();
  if (!meta) return <Menu />;
  return (
    <Menu>
      <Menu.DashboardItem />
      {/* A flat list: MUI's MenuList does not accept fragments. */}
      {menuGroups(meta, locale).flatMap((g) => [
        ...(open
          ? [
              <ListSubheader key={`group.${g.plugin}`} disableSticky sx={{ lineHeight: '32px', mt: 1, bgcolor: 'transparent', display: 'flex', alignItems: 'center', gap: 1 }} data-menu-group={g.plugin}>
                <MetaIcon name={g.icon} fontSize="small" />
                {g.label}
              </ListSubheader>,
            ]
          : []),
        ...g.items.map((i) => <Menu.Item key={i.resource} to={`/${i.resource}`} primaryText={i.label} leftIcon={<MetaIcon name={i.icon} />} data-menu-item={i.resource} />),
      ])}
    </Menu>
  );
}

function AppUserMenu() {
  const auth = useAuthProvider() as ({ mode?: () => string } & object) | undefined;
  const translate = useTranslate();
  const anonymous = auth?.mode?.() === 'disabled';
  return (
    <UserMenu>
      {anonymous ? (
        <MenuItem disabled sx={{ whiteSpace: 'normal', maxWidth: 320, opacity: '1 !important' }}>
          <Typography variant="body2" color="text.secondary">{translate('tessera.auth.anonymous')}</Typography>
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
      <span style={{ opacity: 0.8, fontSize: 14, marginRight: 8 }}>{meta?.company.name}</span>
    </AppBar>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  return (
    // RA's layout grows to fit wide content (min-width: fit-content); tables and line grids scroll inside instead.
    <Layout menu={AppMenu} appBar={TesseraAppBar} sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 }, '& .RaLayout-contentWithSidebar': { minWidth: 0 } }}>
      {children}
    </Layout>
  );
}
