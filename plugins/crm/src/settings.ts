/**
 * CRM settings (the client configuration's settings.crm): the pipeline stages, lost reasons
 * and lead sources a new client starts with, and the duplicate policy. seed() turns the lists
 * into records once; afterwards the records are the truth (edit them in the admin screens).
 */
import { Errors, type ClientConfig, type DataContext, type UpgradeContext } from '@tessera/core';
import { D } from './util.js';

export interface StageSetting {
  name: string;
  /** Percent: "20" or 20. */
  probability: string | number;
  is_won?: boolean;
  is_lost?: boolean;
  /** Position on the board; without it a stage added later goes between its neighbours in the list. */
  sort_order?: number;
  /** The stage's name in other languages ({ "lt": "Pasiūlymas" }): the board and lists show it to users of that language (settingsTitles). */
  labels?: { lt?: string };
}

export interface CrmSettings {
  stages: StageSetting[];
  lost_reasons: string[];
  lead_sources: string[];
  /** Refuse (409) a new organization, contact or lead that duplicates an existing one, unless allow_duplicate is sent. */
  refuse_duplicates: boolean;
}

export const DEFAULT_STAGES: StageSetting[] = [
  { name: 'Prospecting', probability: '10' },
  { name: 'Qualification', probability: '20' },
  { name: 'Needs analysis', probability: '40' },
  { name: 'Proposal', probability: '60' },
  { name: 'Negotiation', probability: '80' },
  { name: 'Won', probability: '100', is_won: true },
  { name: 'Lost', probability: '0', is_lost: true },
];

export const DEFAULT_LOST_REASONS = ['Price too high', 'Chose a competitor', 'No budget', 'No decision / not responding', 'Requirements not met', 'Bad timing'];

export const DEFAULT_LEAD_SOURCES = ['Website', 'Referral', 'Cold call', 'E-mail campaign', 'Trade show', 'Social media', 'Advertising', 'Partner'];

const nameList = (max: number) => ({ type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: max } });

export const settingsSchema = {
  properties: {
    stages: {
      description: 'Pipeline stages, left to right, with the probability (%) of winning a deal in each; at least one open, one won and one lost stage.',
      type: 'array',
      minItems: 3,
      items: {
        type: 'object',
        required: ['name', 'probability'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 80 },
          probability: {
            description: 'percent, 0 to 100 (a number, or a decimal string such as "12.5")',
            anyOf: [
              { type: 'string', pattern: '^(100(\\.0{1,2})?|[0-9]{1,2}(\\.[0-9]{1,2})?)$' },
              { type: 'number', minimum: 0, maximum: 100, multipleOf: 0.01 },
            ],
          },
          is_won: { type: 'boolean' },
          is_lost: { type: 'boolean' },
          sort_order: { type: 'integer', minimum: 0 },
          labels: { type: 'object', additionalProperties: false, properties: { lt: { type: 'string', minLength: 1, maxLength: 80 } } },
        },
      },
      default: DEFAULT_STAGES,
    },
    lost_reasons: { ...nameList(120), default: DEFAULT_LOST_REASONS },
    lead_sources: { ...nameList(80), default: DEFAULT_LEAD_SOURCES },
    refuse_duplicates: { type: 'boolean', default: true },
  },
};

function checkStages(stages: StageSetting[]): void {
  const where = (i: number) => `settings.crm.stages/${i}`;
  const names = new Set<string>();
  stages.forEach((s, i) => {
    if (names.has(s.name.toLowerCase())) throw Errors.config(`${where(i)}: the stage "${s.name}" is listed twice`);
    names.add(s.name.toLowerCase());
    if (s.is_won && s.is_lost) throw Errors.config(`${where(i)}: "${s.name}" cannot be both won and lost`);
  });
  if (!stages.some((s) => s.is_won)) throw Errors.config('settings.crm.stages: needs a won stage ({"is_won": true})');
  if (!stages.some((s) => s.is_lost)) throw Errors.config('settings.crm.stages: needs a lost stage ({"is_lost": true})');
  if (!stages.some((s) => !s.is_won && !s.is_lost)) throw Errors.config('settings.crm.stages: needs at least one open stage');
}

/**
 * Creates the configured stages, lost reasons and lead sources that do not exist yet (by
 * name). Existing records are left as they are, so changes made in the admin screens survive
 * restarts; a stage added to the settings later is added on the next start.
 */
export async function seedCrm(ctx: DataContext): Promise<void> {
  const s = ctx.settings<CrmSettings>('crm');
  checkStages(s.stages);
  const existing = async (table: string) => new Set((await ctx.sql<{ n: string }>(`select lower(name) as n from ${table}`)).map((r) => r.n));
  // A stage added to the list later goes between the stages around it (not after Won and Lost).
  const rows = await ctx.sql<{ n: string; sort_order: number }>('select lower(name) as n, sort_order from crm_stage');
  const order = new Map(rows.map((r) => [r.n, Number(r.sort_order)]));
  for (const [i, st] of s.stages.entries()) {
    if (order.has(st.name.toLowerCase())) continue;
    const prev = s.stages
      .slice(0, i)
      .reverse()
      .find((x) => order.has(x.name.toLowerCase()));
    const next = s.stages.slice(i + 1).find((x) => order.has(x.name.toLowerCase()));
    const lo = prev ? order.get(prev.name.toLowerCase())! : 0;
    const hi = next ? order.get(next.name.toLowerCase())! : undefined;
    const sortOrder = st.sort_order ?? (hi === undefined ? lo + 10 : Math.floor((lo + hi) / 2));
    await ctx.entity('crm.stage').create({
      name: st.name,
      probability: D(String(st.probability)).toFixed(2),
      sort_order: sortOrder,
      is_won: st.is_won === true,
      is_lost: st.is_lost === true,
    });
    order.set(st.name.toLowerCase(), sortOrder);
  }
  const reasons = await existing('crm_lost_reason');
  for (const name of s.lost_reasons) if (!reasons.has(name.toLowerCase())) await ctx.entity('crm.lost_reason').create({ name });
  const sources = await existing('crm_lead_source');
  for (const name of s.lead_sources) if (!sources.has(name.toLowerCase())) await ctx.entity('crm.lead_source').create({ name });
}

/** The configured stages as records keyed by name: probability and flags (and the order, when sort_order is given). */
export function configuredStages(s: Partial<CrmSettings>): Record<string, { key: string; values: Record<string, unknown> }[]> {
  if (!s.stages) return {};
  return {
    stage: s.stages.map((st) => ({
      key: st.name,
      values: {
        probability: D(String(st.probability)).toFixed(2),
        is_won: st.is_won === true,
        is_lost: st.is_lost === true,
        ...(st.sort_order !== undefined ? { sort_order: st.sort_order } : {}),
      },
    })),
  };
}

/** The stages' names in other languages as titles of crm.stage records (laid over the seeded ones). */
export function stageTitles(s: Partial<CrmSettings>): Record<string, Record<string, Record<string, string>>> {
  const stage: Record<string, Record<string, string>> = {};
  for (const st of s.stages ?? []) if (st.labels?.lt) stage[st.name] = { lt: st.labels.lt };
  return { stage };
}

/**
 * Upgrade from the version that kept a stage's Lithuanian name in the column crm_stage.name_lt:
 * the names move into the configuration (the stage's labels.lt when the settings list it, else
 * customizations["crm.stage"].titles) and the column is dropped.
 */
export async function upgradeCrm(ctx: UpgradeContext): Promise<ClientConfig | undefined> {
  const column = await ctx.sql(
    `select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'crm_stage' and column_name = 'name_lt'`,
  );
  if (!column.length) return undefined;
  const rows = await ctx.sql<{ name: string; name_lt: string }>(
    `select name, name_lt from crm_stage where coalesce(name_lt, '') <> '' order by sort_order, id`,
  );
  await ctx.sql('alter table crm_stage drop column name_lt');
  if (!rows.length) return undefined;
  const config = ctx.config;
  const stages = config.settings?.crm?.stages as StageSetting[] | undefined;
  for (const r of rows) {
    const listed = stages?.find((st) => st.name.toLowerCase() === r.name.toLowerCase());
    if (listed) listed.labels = { ...(listed.labels ?? {}), lt: listed.labels?.lt ?? r.name_lt };
    else {
      const c = ((config.customizations ??= {})['crm.stage'] ??= {});
      c.titles = { ...(c.titles ?? {}), [r.name]: { ...(c.titles?.[r.name] ?? {}), lt: c.titles?.[r.name]?.lt ?? r.name_lt } };
    }
  }
  return config;
}
