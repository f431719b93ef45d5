/**
 * GET /api/meta: everything the admin UI needs to build its screens at run time, filtered to
 * what the current user may see.
 */
import type { Meta, MetaDashboardWidget, MetaEntity, MetaField, MetaReport } from '@tessera/contract';
import { isSecretSchema, type EntityModel, type FieldModel } from '../entities/model.js';
import { lookupEntity } from '../entities/lookup.js';
import type { Registry } from '../data/registry.js';
import { actionPermission } from '../data/action-permission.js';
import { messageTemplates, type ActionDefinition, type CurrentUser, type PluginDefinition } from '../plugin-api/index.js';
import type { DiscoveredReport } from './report-discovery.js';
import { COMMON_INPUT_LABELS } from './input-labels.js';
import { collectTitleTranslations, type TitleTranslations } from '../data/titles.js';

export type { MetaEntity, MetaField, MetaReport };

function metaField(f: FieldModel, registry: Registry, user: CurrentUser, owner: EntityModel): MetaField {
  const out: MetaField = {
    name: f.name,
    kind: f.kind,
    label: f.label,
    labels: f.labels,
    help: f.help,
    ...(f.helps ? { helps: f.helps } : {}),
    required: f.required,
    readOnly: f.readOnly || registry.policy.readOnlyFields(user, owner, 'update').has(f.name),
    hidden: f.hidden,
    ...(f.secret ? { secret: true } : {}),
    unique: f.unique,
    custom: f.custom,
    computed: !!f.compute,
    ...(f.compute ? { compute: f.compute } : {}),
  };
  if (f.default !== undefined) out.default = f.default;
  if (f.maxLength) out.maxLength = f.maxLength;
  if (f.minLength !== undefined) out.minLength = f.minLength;
  if (f.pattern) out.pattern = f.pattern;
  if (f.kind === 'decimal') {
    out.precision = f.precision;
    out.scale = f.scale;
    out.min = f.decimalMin ?? f.decimalExclusiveMin;
    out.max = f.decimalMax ?? f.decimalExclusiveMax;
    if (f.decimalMin === undefined && f.decimalExclusiveMin !== undefined) out.exclusiveMin = true;
    if (f.decimalMax === undefined && f.decimalExclusiveMax !== undefined) out.exclusiveMax = true;
  }
  if (f.kind === 'integer') {
    out.min = f.minimum ?? f.exclusiveMinimum;
    out.max = f.maximum ?? f.exclusiveMaximum;
    if (f.minimum === undefined && f.exclusiveMinimum !== undefined) out.exclusiveMin = true;
    if (f.maximum === undefined && f.exclusiveMaximum !== undefined) out.exclusiveMax = true;
  }
  if (f.enumValues)
    out.choices = f.enumValues
      .filter((v) => !f.enumInactive?.includes(v))
      .map((v) => ({
        id: v,
        name: f.enumLabels?.[v] ?? v,
        labels: Object.fromEntries(
          Object.entries(f.enumLabelsI18n ?? {})
            .filter(([, m]) => m[v])
            .map(([loc, m]) => [loc, m[v]!]),
        ),
        ...(f.enumColors?.[v] ? { color: f.enumColors[v] } : {}),
      }));
  if (f.ref) {
    const target = lookupEntity(registry, f.ref.entity);
    if (target) out.ref = { entity: f.ref.entity, path: target.parent ? target.parent.path : target.path, titleField: target.titleField };
  }
  if (f.widget) out.widget = f.widget;
  if (f.secret) out.widget = 'password';
  if (f.placeholder) out.placeholder = f.placeholder;
  if (f.ui) out.ui = f.ui;
  if (f.child) out.children = metaEntity(f.child, registry, user);
  return out;
}

/** An action's input schema with every declared secret marked the same way (x-secret, widget password). */
function markSecretInputs(schema: Record<string, any> | undefined): Record<string, any> | undefined {
  if (!schema?.properties) return schema;
  const properties: Record<string, any> = {};
  for (const [k, p] of Object.entries(schema.properties as Record<string, any>))
    properties[k] = isSecretSchema(p) ? { ...p, 'x-secret': true, writeOnly: true, 'x-ui': { ...(p['x-ui'] ?? {}), widget: 'password' } } : p;
  return { ...schema, properties };
}

function can(registry: Registry, user: CurrentUser, e: EntityModel, action: string): boolean {
  return registry.policy.can(user, e, action);
}

/**
 * Translations of an action's input fields: a property without its own `x-labels` takes the
 * labels of the field of the same name on the entity, else on the entity it refers to (x-ref),
 * else on any entity of the same plugin, else anywhere (posting_date, supplier, subject...).
 */
function labelInputs(schema: Record<string, any> | undefined, e: EntityModel, registry: Registry): Record<string, any> | undefined {
  if (!schema?.properties) return schema;
  const all = [...registry.entities.values()].flatMap((x) => [x, ...x.children.map((c) => c.child!)]);
  const find = (name: string, ref?: string) => {
    const target = typeof ref === 'string' ? lookupEntity(registry, ref.includes('.') ? ref : `${e.plugin}.${ref}`) : undefined;
    const candidates = [e, ...e.children.map((c) => c.child!), ...(target ? [target] : []), ...all.filter((x) => x.plugin === e.plugin), ...all];
    for (const x of candidates) {
      const f = x.fieldMap.get(name);
      if (f && Object.keys(f.labels ?? {}).length) return f;
    }
    // a reference input named after its target ("project", "stage") reads as that entity's title
    const byName = target ?? all.find((x) => x.name === name && (x.plugin === e.plugin || !x.parent));
    return byName
      ? {
          labels: Object.fromEntries(
            Object.entries(byName.labels)
              .filter(([, l]) => l.title)
              .map(([k, l]) => [k, l.title!]),
          ),
        }
      : undefined;
  };
  const properties: Record<string, any> = {};
  for (const [k, p] of Object.entries(schema.properties as Record<string, any>)) {
    const own = p?.['x-labels'] as Record<string, { title?: string; description?: string }> | undefined;
    // Declared titles win; an input that declares only its help text (x-labels.lt.description) still takes the derived title.
    if (!p || typeof p !== 'object' || (own && Object.values(own).every((l) => l?.title))) {
      properties[k] = p;
      continue;
    }
    const common = COMMON_INPUT_LABELS[k];
    const f = common ? { labels: Object.fromEntries(Object.entries(common).filter(([loc]) => loc !== 'en')) } : find(k, p['x-ref']);
    const labels: Record<string, { title?: string; description?: string }> = f
      ? Object.fromEntries(Object.entries(f.labels ?? {}).map(([loc, title]) => [loc, { title }]))
      : {};
    for (const [loc, l] of Object.entries(own ?? {})) labels[loc] = { ...labels[loc], ...l };
    properties[k] = Object.keys(labels).length ? { ...p, 'x-labels': labels } : p;
  }
  return { ...schema, properties };
}

/** Whether the user may run an action: the permission it declares, else its name (the route checks the same). */
function canRun(registry: Registry, user: CurrentUser, e: EntityModel, name: string, a: ActionDefinition): boolean {
  const p = actionPermission(registry, e, name, a.permission);
  return can(registry, user, p.entity, p.action);
}

export function metaEntity(e: EntityModel, registry: Registry, user: CurrentUser): MetaEntity {
  const fields = [...e.fields, ...e.children].filter((f) => registry.policy.canSeeField(user, e, f.name));
  const actions = [...(registry.actions.get(e.key) ?? new Map<string, ActionDefinition>()).entries()].map(([name, a]) => ({
    name,
    label: a.label,
    labels: a.labels ?? {},
    when: a.when,
    confirm: a.confirm,
    icon: a.icon,
    input: labelInputs(markSecretInputs(a.input), e, registry),
    allowed: canRun(registry, user, e, name, a),
  }));
  const referencedBy: MetaEntity['referencedBy'] = [];
  if (!e.parent)
    for (const other of registry.entities.values()) {
      if (!can(registry, user, other, 'read')) continue;
      for (const f of other.fields)
        if (f.ref?.entity === e.key && registry.policy.canSeeField(user, other, f.name))
          referencedBy.push({ entity: other.key, field: f.name, label: other.plural, path: other.path });
      // Documents whose line items refer to this entity (filter "lines.product": id).
      for (const c of other.children)
        for (const f of c.child!.fields)
          if (f.ref?.entity === e.key && registry.policy.canSeeField(user, other, c.name))
            referencedBy.push({ entity: other.key, field: `${c.name}.${f.name}`, label: other.plural, path: other.path });
    }
  const timelines: MetaEntity['timelines'] = [];
  for (const other of registry.entities.values())
    if (other.timeline && can(registry, user, other, 'read') && other.fieldMap.get(other.timeline.typeField)?.enumValues?.includes(e.key))
      timelines.push({ entity: other.key, path: other.path, label: other.plural, ...other.timeline });
  const actionsList = ['read', 'create', 'update', 'delete', 'export', ...(e.submittable ? ['submit', 'cancel'] : [])];
  return {
    key: e.key,
    plugin: e.plugin,
    name: e.name,
    label: e.label,
    plural: e.plural,
    labels: e.labels,
    description: e.description,
    icon: e.icon,
    menu: e.menu,
    setup: !!e.setup,
    order: e.order,
    path: e.path,
    titleField: e.titleField,
    searchFields: e.searchFields,
    listColumns: e.listColumns.filter((c) => !e.fieldMap.has(c) || registry.policy.canSeeField(user, e, c)),
    filters: e.filters.filter((c) => !e.fieldMap.has(c) || registry.policy.canSeeField(user, e, c)),
    defaultSort: e.defaultSort,
    submittable: e.submittable ? { editableAfterSubmit: e.submittable.editableAfterSubmit, workflow: e.submittable.workflow } : undefined,
    naming: e.naming,
    fields: fields.map((f) => metaField(f, registry, user, e)),
    actions,
    referencedBy,
    kanban: e.kanban,
    timelines,
    permissions: Object.fromEntries(actionsList.map((a) => [a, can(registry, user, e, a) && !(e.readOnly && ['create', 'update', 'delete'].includes(a))])),
    readOnly: !!e.readOnly,
  };
}

/**
 * The plugins' declared reports the user may open, then the other report routes
 * (api/report-discovery.ts) of plugins where the user may read something.
 */
export function metaReports(registry: Registry, plugins: PluginDefinition[], user: CurrentUser, discovered: DiscoveredReport[] = []): MetaReport[] {
  const declared = metaDeclaredReports(registry, plugins, user);
  const urls = new Set(plugins.flatMap((p) => (p.reports ?? []).map((r) => r.url)));
  const readablePlugin = (plugin: string) => [...registry.entities.values()].find((e) => e.plugin === plugin && can(registry, user, e, 'read'));
  const extra = discovered
    .filter((r) => !urls.has(r.url) && plugins.some((p) => p.name === r.plugin))
    .flatMap((r) => {
      const e = readablePlugin(r.plugin);
      return e ? [{ ...r, id: `${r.plugin}.${r.id}`, entity: e.key } as MetaReport] : [];
    });
  return [...declared, ...extra];
}

/** The plugins' declared reports the user may open (read permission on the report's entity and on everything it reads). */
function metaDeclaredReports(registry: Registry, plugins: PluginDefinition[], user: CurrentUser): MetaReport[] {
  const readable = (key: string, fields: readonly string[]) => {
    const e = registry.entities.get(key);
    return !!e && can(registry, user, e, 'read') && fields.every((f) => !e.fieldMap.has(f.split('.')[0]!) || fieldVisible(registry, user, e, f));
  };
  return plugins.flatMap((p) =>
    (p.reports ?? [])
      .filter((r) => readable(r.entity, []) && Object.entries(r.reads ?? {}).every(([k, f]) => readable(k, f)))
      .map(({ run: _run, reads: _reads, ...r }) => ({ ...r, id: `${p.name}.${r.id}`, plugin: p.name })),
  );
}

/** Whether the user sees a field ("amount" or a line-item field "lines.amount"). */
function fieldVisible(registry: Registry, user: CurrentUser, e: EntityModel, path: string): boolean {
  const [head, sub] = path.split('.', 2) as [string, string | undefined];
  if (!registry.policy.canSeeField(user, e, head)) return false;
  const child = e.fieldMap.get(head)?.child;
  return !sub || !child || registry.policy.canSeeField(user, child, sub);
}

/** The entity with its seeded titles in other languages (data/titles.ts). */
function withTitleTranslations(m: MetaEntity, index: TitleTranslations): MetaEntity {
  const out = index.get(m.key);
  return out && Object.keys(out).length ? { ...m, titleTranslations: out } : m;
}

/** A widget whose list link filters on "$user" (the member's own tile) gets the signed-in user's id there. */
function userLink(w: MetaDashboardWidget, userId: number): MetaDashboardWidget {
  const filter = w.link && 'entity' in w.link ? w.link.filter : undefined;
  if (!filter || !Object.values(filter).includes('$user')) return w;
  return { ...w, link: { ...w.link!, filter: Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, v === '$user' ? userId : v])) } };
}

export function buildMeta(
  registry: Registry,
  plugins: PluginDefinition[],
  user: CurrentUser,
  dashboard: MetaDashboardWidget[],
  discovered: DiscoveredReport[] = [],
): Meta {
  const entities = [...registry.entities.values()].filter((e) => can(registry, user, e, 'read'));
  const titles = registry.titleTranslations ?? collectTitleTranslations({ plugins, settings: registry.settings, config: registry.config });
  return {
    company: registry.config.company,
    locale: registry.config.company.locale,
    locales: registry.config.locales,
    user: {
      id: user.id,
      username: user.username,
      locale: user.locale ?? null,
      roles: user.roles,
      isAdmin: user.isAdmin,
      ...(user.viewAs ? { viewAs: user.viewAs } : {}),
    },
    plugins: plugins.map((p) => ({ name: p.name, label: p.label, labels: p.labels ?? {}, icon: p.icon, version: p.version, description: p.description })),
    entities: entities.map((e) => withTitleTranslations(metaEntity(e, registry, user), titles)),
    dashboard: dashboard.map((w) => userLink(w, user.id)),
    reports: metaReports(registry, plugins, user, discovered),
    messages: messageTemplates(),
  };
}
