/**
 * The print formats of the enabled plugins, and printing one record: read it as the viewer may
 * (row rules, hidden fields), let its plugin's template shape it, apply the client's layout
 * overrides, render the PDF. Used by the /pdf route and by the e-mail outbox (attachments).
 */
import type { EntityModel } from '../entities/model.js';
import type { DataService } from '../data/service.js';
import type { CurrentUser, PluginDefinition, ServiceContext } from '../plugin-api/index.js';
import { Errors, TesseraError } from '../errors.js';
import type { PrintDocument, PrintFormatDefinition, PrintLocale } from './types.js';
import { formatters } from './format.js';
import { renderPdf, resolveLogo } from './render.js';

export interface RegisteredFormat {
  plugin: string;
  entity: EntityModel;
  id: string;
  def: PrintFormatDefinition;
}

/** entity key -> format id -> format. Formats on an entity that is not there (optional plugin off, `requires` unmet) are skipped. */
export function collectPrintFormats(plugins: PluginDefinition[], entities: Map<string, EntityModel>): Map<string, Map<string, RegisteredFormat>> {
  const out = new Map<string, Map<string, RegisteredFormat>>();
  const enabled = new Set(plugins.map((p) => p.name));
  for (const p of plugins) {
    for (const [name, defs] of Object.entries(p.printFormats ?? {})) {
      const key = name.includes('.') ? name : `${p.name}.${name}`;
      for (const def of Array.isArray(defs) ? defs : [defs]) {
        if (def.requires?.some((k) => !entities.has(k))) continue;
        const entity = entities.get(key);
        if (!entity) {
          const owner = key.split('.')[0]!;
          if (!enabled.has(owner) && (p.optionalDependsOn?.includes(owner) || def.requires?.includes(key))) continue;
          throw Errors.config(`plugin "${p.name}" declares a print format for unknown entity "${key}"`);
        }
        const id = def.id ?? 'standard';
        if (!/^[a-z][a-z0-9_]*$/.test(id)) throw Errors.config(`plugin "${p.name}": print format id "${id}" must be lower snake_case`);
        if (!out.has(key)) out.set(key, new Map());
        if (out.get(key)!.has(id)) throw Errors.config(`plugin "${p.name}": entity "${key}" already has a print format "${id}"`);
        out.get(key)!.set(id, { plugin: p.name, entity, id, def });
      }
    }
  }
  return out;
}

export const PRINT_ERRORS = {
  noFormat: (key: string, format?: string) =>
    new TesseraError('PRINT_FORMAT_NOT_FOUND', 404, format ? `${key} has no print format "${format}"` : `${key} has no print format`),
};

/** A file name from a document number: letters, digits, dot, dash and underscore only. */
export function safeFileName(number: string, ext: string): string {
  const base =
    number
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 80) || 'document';
  return `${base}.${ext}`;
}

export interface PrintResult {
  pdf: Buffer;
  fileName: string;
  document: PrintDocument;
  locale: PrintLocale;
}

export class PrintService {
  constructor(
    private readonly service: DataService,
    readonly formats: Map<string, Map<string, RegisteredFormat>>,
  ) {}

  format(key: string, id?: string): RegisteredFormat {
    const byId = this.formats.get(key);
    const f = id ? byId?.get(id) : byId?.values().next().value;
    if (!f) throw PRINT_ERRORS.noFormat(key, id);
    return f;
  }

  /** Prints a record inside an open transaction, as ctx's user sees it. */
  async printIn(ctx: ServiceContext, key: string, recordId: number, opts: { format?: string; locale?: PrintLocale } = {}): Promise<PrintResult> {
    const f = this.format(key, opts.format);
    const config = this.service.registry.config;
    const doc = await ctx.entity(key).get(recordId);
    const base = { ctx, model: f.entity, doc };
    const party = opts.locale ? undefined : f.def.partyLocale ? await f.def.partyLocale(base) : (await f.def.party?.(base))?.locale;
    const locale: PrintLocale = opts.locale ?? (party === 'en' || party === 'lt' ? party : config.company.locale === 'lt' ? 'lt' : 'en');
    const t = (text: { en: string; lt: string }) => text[locale];
    const document = await f.def.build({ ...base, locale, t, fmt: formatters(locale) });
    const custom = config.print?.formats?.[key];
    const pick = (v: string | { en?: string; lt?: string } | undefined) => (typeof v === 'string' ? v : v?.[locale]);
    if (custom?.title?.[locale]) document.title = custom.title[locale]!;
    if (custom?.terms?.[locale]) document.terms = [...(document.terms ?? []), custom.terms[locale]!];
    const pdf = await renderPdf(document, {
      locale,
      company: config.company,
      logo: resolveLogo(config.baseDir, config.print?.logo),
      footer: pick(custom?.footer) ?? pick(config.print?.footer),
      accentColor: config.print?.accentColor,
      hideColumns: custom?.hideColumns,
    });
    return { pdf, fileName: safeFileName(document.number || `${f.entity.name}-${recordId}`, 'pdf'), document, locale };
  }

  print(user: CurrentUser, key: string, recordId: number, opts: { format?: string; locale?: PrintLocale } = {}): Promise<PrintResult> {
    return this.service.withServices(user, (ctx) => this.printIn(ctx, key, recordId, opts), this.format(key, opts.format).plugin);
  }
}
