/** Document actions a plugin declares (buttons in the UI, POST /:id/actions/<name> in the API). */
import type { DocStatus } from '@tessera/contract';
import type { Doc, ServiceContext } from './context.js';
import type { EntityModel } from './model.js';

export interface ActionArgs<I = any> extends ServiceContext {
  model: EntityModel;
  doc: Doc;
  input: I;
}

export interface ActionDefinition<I = any> {
  label: string;
  labels?: Record<string, string>;
  /** JSON Schema of the input, validated like any request body. */
  input?: Record<string, unknown>;
  /**
   * The permission a role must grant on the entity to run the action (default: the action's
   * name). Several actions may share one: production's "update_cost" is allowed to any role
   * with `production.bom: ['update']` when it declares `permission: 'update'`.
   */
  permission?: string;
  /**
   * When the action is offered (UI buttons and the route): document states and/or field values,
   * e.g. { docstatus: ['submitted'], status: ['open', 'to_approve'] }. All listed keys must match.
   */
  when?: { docstatus?: DocStatus[]; [field: string]: unknown[] | undefined };
  icon?: string;
  /** Asks the UI to confirm before running. */
  confirm?: string;
  handler: (args: ActionArgs<I>) => Promise<unknown> | unknown;
  /**
   * What the handler answers, for the OpenAPI document: an entity key (the record of that entity,
   * e.g. "sales.sales_order" for the order a quotation's action makes) or a JSON Schema. Default:
   * the record itself, another record, or {"ok": true}.
   */
  output?: string | Record<string, unknown>;
}
