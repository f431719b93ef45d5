/** The application: resources built at run time from /api/meta (the permissions), screens loaded on demand. */
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { useMemo } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { Admin, CustomRoutes, Loading, Resource, defaultTheme, type RaRecord, type RaThemeOptions } from 'react-admin';
import { Route } from 'react-router-dom';
import type { Meta, MetaEntity } from './meta/types.js';
import { AppLayout } from './ui/layout/AppLayout.js';
import { LoginPage } from './ui/layout/LoginPage.js';
import { MetaIcon } from './ui/MetaIcon.js';
import { pageRoutes } from './ui/pages/registry.js';
import type { TesseraDataProvider } from './providers/dataProvider.js';
import type { AuthProvider, I18nProvider } from 'react-admin';
import { useMeta } from './providers/metaStore.js';
import { studioRoutes } from './studio/routes.js';
import { recordTitle } from './mapping/labels.js';

const loadList = () => import('./ui/list/EntityList.js');
/** Starts loading the list screen (the usual first screen) while the metadata is fetched. */
export const preloadScreens = () =>
  loadList().then(
    () => undefined,
    () => undefined,
  );

const EntityList = lazy(loadList);
const EntityShow = lazy(() => import('./ui/show/EntityShow.js'));
const EntityEdit = lazy(() => import('./ui/form/EntityEdit.js'));
const EntityCreate = lazy(() => import('./ui/form/EntityCreate.js'));
const Dashboard = lazy(() => import('./ui/dashboard/Dashboard.js'));
const Report = lazy(() => import('./ui/report/ReportScreen.js'));

const suspended = (C: ComponentType) => {
  const Wrapped = () => (
    <Suspense fallback={<Loading />}>
      <C />
    </Suspense>
  );
  return Wrapped;
};

const ListPage = suspended(EntityList);
const ShowPage = suspended(EntityShow);
const EditPage = suspended(EntityEdit);
const CreatePage = suspended(EntityCreate);
const DashboardPage = suspended(Dashboard);
const ReportPage = suspended(Report);

const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: { ...defaultTheme.palette, primary: { main: '#1e5aa8' }, secondary: { main: '#37474f' } },
  typography: { fontFamily: 'Roboto, "Helvetica Neue", Arial, sans-serif' },
};

type Providers = { dataProvider: TesseraDataProvider; authProvider: AuthProvider; i18nProvider: I18nProvider; initialMeta?: Meta };

const icons = new Map<string, () => ReactElement>();
const iconOf = (e: MetaEntity) => {
  let Icon = icons.get(`${e.key}:${e.icon}`);
  // biome-ignore lint/correctness/noComponentHookFactories: one icon component per entity, made once and cached
  if (!Icon) icons.set(`${e.key}:${e.icon}`, (Icon = () => <MetaIcon name={e.icon} fallback="table_rows" />));
  return Icon;
};

/** One react-admin resource per entity the user may read, with the screens its permissions allow. */
const resourcesOf = (meta: Meta | undefined, locale: () => string) => [
  <CustomRoutes key="plugin-pages">{pageRoutes(meta)}</CustomRoutes>,
  ...(meta?.entities ?? []).map((e) => (
    <Resource
      key={e.key}
      name={e.key}
      list={ListPage}
      show={ShowPage}
      edit={e.permissions.update ? EditPage : undefined}
      create={e.permissions.create ? CreatePage : undefined}
      recordRepresentation={(r: RaRecord) => recordTitle(e, r, locale())}
      icon={iconOf(e)}
    />
  )),
];

/** A data router (needed by react-admin's unsaved-changes warning), with clean URLs under /admin. */
export function App(providers: Providers) {
  const router = useMemo(() => createBrowserRouter([{ path: '*', element: <TesseraAdmin {...providers} /> }], { basename: '/admin' }), [providers]);
  return <RouterProvider router={router} />;
}

function TesseraAdmin({ dataProvider, authProvider, i18nProvider, initialMeta }: Providers) {
  // The metadata is live: after a studio apply (or "view as") the resources follow it without a page reload.
  const liveMeta = useMeta() ?? initialMeta;
  const locale = () => i18nProvider.getLocale();
  return (
    <Admin
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={AppLayout}
      dashboard={DashboardPage}
      loginPage={LoginPage}
      theme={theme}
      title="Tessera"
      requireAuth
      disableTelemetry
    >
      {/* Signed in at boot: the resources are known, no wait for the permissions. Otherwise
          they come from the metadata loaded after login (react-admin's permissions). */}
      {liveMeta ? resourcesOf(liveMeta, locale) : (meta: Meta | undefined) => resourcesOf(meta, locale)}
      {/* declared reports (meta.reports): one generic screen */}
      <CustomRoutes>
        <Route path="/reports/:id" element={<ReportPage />} />
        {studioRoutes()}
      </CustomRoutes>
    </Admin>
  );
}
