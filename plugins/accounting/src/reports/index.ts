/** Accounting reports (owned by the reports part). */
import type { SetupContext } from '@tessera/core';

export function registerAccountingReports(_ctx: SetupContext): void {}
