/**
 * The studio's wire types: the HTTP contract of /api/config/* (studio-core) and
 * /api/auth/explain (core/src/auth/explain.ts), as the screens read them.
 */
export interface Text {
  en: string;
  lt: string;
}

export type JsonPatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/** The client configuration document (schemas/client-config.schema.json); the studio edits parts of it. */
export type ClientConfig = Record<string, any> & { plugins: string[] };

export interface RevisionInfo {
  version: number;
  created_at: string;
  created_by: string | number | null;
  comment: string | null;
}

export interface CurrentConfig {
  version: number;
  revision: RevisionInfo;
  config: ClientConfig;
}

export interface Change {
  id: string;
  kind: string;
  path: string;
  entity?: string;
  field?: string;
  description: Text;
  steps: string[];
  rowsAffected?: number;
  lossy: boolean;
}

export interface Question {
  key: string;
  changeId: string;
  entity?: string;
  field?: string;
  message: Text;
  schema: Record<string, any>;
}

export interface Plan {
  hash: string;
  baseVersion: number;
  changes: Change[];
  questions: Question[];
  lossy: string[];
  ok: boolean;
}

export interface PluginInfo {
  name: string;
  label: Text;
  enabled: boolean;
  dependsOn: string[];
  requiredBy: string[];
  optionalWith?: string[];
}

export interface EntityFieldInfo {
  name: string;
  type: string;
  label: Text;
  required: boolean;
  hidden: boolean;
  custom: boolean;
  options?: (string | { value: string; label?: Partial<Text> })[];
}

export interface EntityConfig {
  entity: string;
  fields: EntityFieldInfo[];
  customization: Record<string, any>;
}

export interface RevisionSummary extends RevisionInfo {
  summary: string[];
}

export interface RevisionDetail extends RevisionInfo {
  config: ClientConfig;
  diff: Change[];
}

export interface Explanation {
  allowed: boolean;
  action: 'read';
  user: { id: number; username: string; isAdmin: boolean; active: boolean; roles: string[] };
  entity: string;
  id: number;
  deniedBy: 'user' | 'permission' | 'row-rule' | null;
  reason: Text;
  roleRules: { role: string; line: { entity: string; actions: string[]; rowRule: string | null } | null; result: string; reason: Text }[];
  rowRule?: { role: string; name: string | null; result: 'admits' | 'excludes' };
  rowRules: { role: string; name: string | null; result: string; reason: Text }[];
  fieldRules: { field: string; access: 'hidden' | 'read'; roles: string[]; reason: Text }[];
}

/** A stored role (auth.role) as GET /api/auth/role returns it. */
export interface RoleRow {
  id: number;
  name: string;
  label: string;
  description?: string | null;
  source?: string;
  permissions: { entity: string; actions: string; row_rule: string | null }[];
  field_rules: { entity: string; field: string; access: 'hidden' | 'read' }[];
}
