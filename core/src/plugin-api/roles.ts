/** Roles plugins declare, and the named row rules their roles use. */
import type { CurrentUser } from './user.js';
import type { EntityModel } from './model.js';

export interface RoleDefinition {
  label: string;
  /** The label in other languages ({ lt: '...' }). */
  labels?: Record<string, string>;
  description?: string;
  /** entity key ("inventory.item"), "<plugin>.*" or "*" -> actions (read, create, update, delete, submit, cancel, export, or a declared action's permission name), or "*" for all */
  permissions: Record<string, string[] | '*'>;
  /**
   * entity key -> row rule: "own" (rows the user created, or whose x-owner-field is the user)
   * or the name of a rule a plugin declares in rowRules (e.g. "hr.own_or_reports"). Rows
   * outside the rule are invisible to every read, count, export and expansion, and cannot be
   * changed.
   */
  rows?: Record<string, string>;
  /** entity key -> field -> 'hidden' (not in output, not filterable) | 'read' (read-only) */
  fields?: Record<string, Record<string, 'hidden' | 'read'>>;
}

/**
 * A named row rule: returns a SQL predicate over the entity's table alias. Use param() for
 * every value (it returns the $n placeholder). Example (HR: own leave or my reports' leave):
 *   ({ alias, user, param }) => `${alias}.employee in (select id from hr_employee where "user" = ${param(user.id)} or manager in (select id from hr_employee where "user" = ${param(user.id)}))`
 */
export type RowRule = (args: {
  alias: string;
  user: CurrentUser;
  param: (value: unknown) => string;
  model: EntityModel;
  /** What the rule guards: read (lists, counts, gets, exports, expansions), export, create, update, delete, submit, cancel or an action name. A rule may admit fewer rows for writes than for reads. */
  action: string;
}) => string;
