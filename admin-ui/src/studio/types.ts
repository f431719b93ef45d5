/**
 * The studio's wire types: the HTTP contract of /api/config/* (studio-core) and
 * /api/auth/explain (core/src/auth/explain.ts), as the screens read them.
 */
import type { ConfigChange, ConfigPlan, ConfigPluginInfo, ConfigQuestion, ConfigRevisionInfo, Explanation, LocalText } from '@tessera/contract';

export type { Explanation };
export type Text = LocalText;
export type RevisionInfo = ConfigRevisionInfo;
export type Change = ConfigChange;
export type Question = ConfigQuestion;
export type Plan = ConfigPlan;
export type PluginInfo = ConfigPluginInfo;

export type JsonPatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/** The client configuration document (schemas/client-config.schema.json); the studio edits parts of it. */
export type ClientConfig = Record<string, any> & { plugins: string[] };

export interface CurrentConfig {
  version: number;
  revision: RevisionInfo;
  config: ClientConfig;
}

export interface EntityFieldInfo {
  name: string;
  type: string;
  label: Text;
  required: boolean;
  hidden: boolean;
  custom: boolean;
  filterable?: boolean;
  options?: (string | { value: string; label?: Partial<Text>; color?: string })[];
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
