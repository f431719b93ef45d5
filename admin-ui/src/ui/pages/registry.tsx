/**
 * Screens of a plugin that are not one entity's list or record (a week grid, a timeline, a
 * report): each names its plugin (its menu group), a path, EN/LT labels and the entity the
 * user must be able to read for it to be offered. App.tsx routes them; the menu lists them
 * after the plugin's entities.
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router-dom';
import { Loading } from 'react-admin';
import type { Meta } from '../../meta/types.js';

export interface PluginPage {
  plugin: string;
  path: string;
  labels: { en: string; lt: string };
  icon: string;
  /** The entity whose read permission the page needs. */
  needs: string;
  component: LazyExoticComponent<ComponentType>;
}

const projects = () => import('./ProjectsPages.js');
const accounting = () => import('./AccountingPages.js');

export const PLUGIN_PAGES: PluginPage[] = [
  {
    plugin: 'projects',
    path: '/projects/week',
    labels: { en: 'My timesheet week', lt: 'Mano savaitės laikas' },
    icon: 'calendar_view_week',
    needs: 'projects.timesheet',
    component: lazy(() => projects().then((m) => ({ default: m.WeekGridPage }))),
  },
  {
    plugin: 'projects',
    path: '/projects/timeline',
    labels: { en: 'Task timeline', lt: 'Užduočių grafikas' },
    icon: 'view_timeline',
    needs: 'projects.task',
    component: lazy(() => projects().then((m) => ({ default: m.TaskTimelinePage }))),
  },
  {
    plugin: 'projects',
    path: '/projects/profitability',
    labels: { en: 'Profitability', lt: 'Pelningumas' },
    icon: 'insights',
    needs: 'projects.project',
    component: lazy(() => projects().then((m) => ({ default: m.ProfitabilityPage }))),
  },
  {
    plugin: 'accounting',
    path: '/accounting/payment-entry',
    labels: { en: 'Payment entry', lt: 'Mokėjimo įvedimas' },
    icon: 'payments',
    needs: 'accounting.payment',
    component: lazy(() => accounting().then((m) => ({ default: m.PaymentEntryPage }))),
  },
  {
    plugin: 'accounting',
    path: '/accounting/reconciliation',
    labels: { en: 'Bank reconciliation', lt: 'Banko suderinimas' },
    icon: 'rule',
    needs: 'accounting.bank_transaction',
    component: lazy(() => accounting().then((m) => ({ default: m.ReconciliationPage }))),
  },
];

/** The pages whose plugin is on and whose entity the user may read. */
export function pagesFor(meta: Meta | undefined): PluginPage[] {
  return PLUGIN_PAGES.filter((p) => meta?.entities.some((e) => e.key === p.needs && e.permissions.read !== false));
}

export function pageRoutes(meta: Meta | undefined) {
  return pagesFor(meta).map((p) => {
    const C = p.component;
    return (
      <Route
        key={p.path}
        path={p.path}
        element={
          <Suspense fallback={<Loading />}>
            <C />
          </Suspense>
        }
      />
    );
  });
}
