/** The migration plan's shape and the error that refuses a start while lossy changes are pending. */

export type UnsafeKind =
  | 'drop-table'
  | 'drop-column'
  | 'narrow-column'
  | 'change-type'
  | 'rename-column'
  | 'set-not-null'
  | 'remove-enum-options'
  | 'add-required-column';

export interface UnsafeChange {
  kind: UnsafeKind;
  table: string;
  column?: string;
  from?: string;
  to?: string;
  /** Rows whose data the change drops, alters or blocks on. */
  rowsAffected: number;
  description: string;
}

export interface MigrationPlan {
  safeSql: string;
  unsafe: UnsafeChange[];
  /** SQL that applies everything, safe and unsafe (used by `migrate --apply`). */
  fullSql: string;
  hash: string;
}

export function formatPlan(plan: MigrationPlan): string {
  const lines = ['Changes that can lose data are pending (nothing of them was applied):'];
  for (const u of plan.unsafe) lines.push(`  - [${u.kind}] ${u.description}`);
  lines.push('', 'Review:  pnpm tessera migrate --plan', 'Apply:   pnpm tessera migrate --apply   (back up the database first)');
  return lines.join('\n');
}

export class UnsafeMigrationError extends Error {
  readonly code = 'UNSAFE_MIGRATION';
  constructor(readonly plan: MigrationPlan) {
    super(formatPlan(plan));
    this.name = 'UnsafeMigrationError';
  }
}
