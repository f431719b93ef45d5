/** Accounting dashboard widgets (owned by the reports part). */
import type { DashboardWidget } from '@tessera/core';

export const accountingDashboard: DashboardWidget[] = [];
