/**
 * The studio's wire types: the HTTP contract of /api/config/* (core/src/studio) and
 * /api/auth/explain (core/src/auth/explain.ts), written once for the server and the admin UI.
 */
import type { LocalText } from './errors.js';

/** A configuration change in the consultant's words, with its migration steps. */
export interface ConfigChange {
  id: string;
  kind: string;
  /** JSON pointer in the configuration. */
  path: string;
  entity?: string;
  field?: string;
  description: LocalText;
  /** Migration steps, human-readable, SQL where there is SQL. */
  steps: string[];
  rowsAffected?: number;
  lossy: boolean;
}

/** What the plan asks the consultant instead of guessing (the default of a new required field...). */
export interface ConfigQuestion {
  key: string;
  changeId: string;
  entity?: string;
  field?: string;
  message: LocalText;
  schema: Record<string, unknown>;
}

/** POST /api/config/plan (and /revert). */
export interface ConfigPlan {
  hash: string;
  baseVersion: number;
  changes: ConfigChange[];
  questions: ConfigQuestion[];
  lossy: string[];
  ok: boolean;
}

export interface ConfigRevisionInfo {
  version: number;
  created_at: string;
  created_by: string | number | null;
  comment: string | null;
}

/** GET /api/config/plugins, one plugin. */
export interface ConfigPluginInfo {
  name: string;
  label: LocalText;
  enabled: boolean;
  dependsOn: string[];
  requiredBy: string[];
  optionalWith?: string[];
}

export interface RoleRuleResult {
  role: string;
  /** The permission line ("entity: actions"), or null when the role has none for the entity. */
  line: { entity: string; actions: string[]; rowRule: string | null } | null;
  result: 'grants' | 'denies' | 'overridden' | 'no-line';
  reason: LocalText;
}

export interface RowRuleResult {
  role: string;
  /** The rule's name ("own", "hr.own_or_reports"), or null when the role admits every row. */
  name: string | null;
  result: 'admits' | 'excludes';
  reason: LocalText;
}

export interface FieldRuleResult {
  field: string;
  access: 'hidden' | 'read';
  /** The roles whose field rules say so. */
  roles: string[];
  reason: LocalText;
}

/** GET /api/auth/explain: why a user can or cannot see a record. */
export interface Explanation {
  allowed: boolean;
  action: 'read';
  user: { id: number; username: string; isAdmin: boolean; active: boolean; roles: string[] };
  entity: string;
  id: number;
  /** The step that decides: the user, a permission line, a row rule (null when allowed). */
  deniedBy: 'user' | 'permission' | 'row-rule' | null;
  reason: LocalText;
  roleRules: RoleRuleResult[];
  /** The deciding row rule: the one that admits the record, or (denied) the first that excludes it. */
  rowRule?: { role: string; name: string | null; result: 'admits' | 'excludes' };
  rowRules: RowRuleResult[];
  fieldRules: FieldRuleResult[];
}
