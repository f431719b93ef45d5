/**
 * The studio's routes and menu entries (shown to administrators and the core.consultant role),
 * and the banner shown while viewing as a role. App.tsx routes them; AppLayout shows the menu
 * group and the banner.
 */
import { Alert, Button, ListSubheader } from '@mui/material';
import { lazy, Suspense, type ComponentType } from 'react';
import { Loading, Menu } from 'react-admin';
import { Route } from 'react-router-dom';
import type { Meta } from '../meta/types.js';
import { useMeta } from '../providers/metaStore.js';
import { MetaIcon } from '../ui/MetaIcon.js';
import { canUseStudio, useT, useViewAs } from './hooks.js';

const screens: { path: string; key: string; icon: string; component: ComponentType }[] = [
  { path: '/studio/modules', key: 'modules', icon: 'extension', component: lazy(() => import('./ModulesScreen.js')) },
  { path: '/studio/entities', key: 'entities', icon: 'schema', component: lazy(() => import('./EntityDesigner.js')) },
  { path: '/studio/roles', key: 'roles', icon: 'admin_panel_settings', component: lazy(() => import('./RolesScreen.js')) },
  { path: '/studio/history', key: 'history', icon: 'history', component: lazy(() => import('./HistoryScreen.js')) },
  { path: '/studio/review', key: 'review', icon: 'fact_check', component: lazy(() => import('./ReviewScreen.js')) },
];

const suspended = (C: ComponentType) => (
  <Suspense fallback={<Loading />}>
    <C />
  </Suspense>
);

export function studioRoutes() {
  return [
    ...screens.map((s) => <Route key={s.path} path={s.path} element={suspended(s.component)} />),
    <Route key="/studio/entities/:entity" path="/studio/entities/:entity" element={suspended(screens[1]!.component)} />,
  ];
}

/** The Studio menu group (a flat list of items: MUI's MenuList takes no fragments). */
export function studioMenuItems(meta: Meta | undefined, open: boolean, t: (key: string) => string) {
  if (!canUseStudio(meta?.user)) return [];
  return [
    ...(open
      ? [
          <ListSubheader
            key="group.studio"
            disableSticky
            sx={{ lineHeight: '32px', mt: 1, bgcolor: 'transparent', display: 'flex', gap: 1, alignItems: 'center' }}
            data-menu-group="studio"
          >
            <MetaIcon name="design_services" fontSize="small" />
            <span>{t('tessera.studio.menu')}</span>
          </ListSubheader>,
        ]
      : []),
    ...screens.map((s) => (
      <Menu.Item key={s.path} to={s.path} primaryText={t(`tessera.studio.${s.key}`)} leftIcon={<MetaIcon name={s.icon} />} data-menu-item={s.path} />
    )),
  ];
}

/** While viewing as a role: what is going on, and the way back. */
export function ViewAsBanner() {
  const meta = useMeta();
  const t = useT();
  const setViewAs = useViewAs();
  const role = meta?.user.viewAs;
  if (!role) return null;
  return (
    <Alert
      severity="info"
      sx={{ mb: 1 }}
      data-viewing-as={role}
      action={
        <Button color="inherit" size="small" onClick={() => setViewAs(undefined)} data-stop-view-as>
          {t('stop_view_as')}
        </Button>
      }
    >
      {t('viewing_as', { role })}
    </Alert>
  );
}
