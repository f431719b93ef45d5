/** The client configuration's shape (schemas/client-config.schema.json); read and resolved by core/src/config.ts. */
import type { RoleDefinition } from './roles.js';

export interface EntityCustomization {
  title?: string;
  plural?: string;
  labels?: Record<string, { title?: string; plural?: string; description?: string }>;
  naming?: { pattern?: string };
  listColumns?: string[];
  /** The list's default order: a field name, "-" first for descending. */
  defaultSort?: string;
  /** The titles of set-up records in other languages: the title as stored -> { lt: '...' } (laid over the plugins' seeded titles). */
  titles?: Record<string, Record<string, string>>;
  addFields?: Record<string, Record<string, unknown>>;
  fields?: Record<
    string,
    {
      title?: string;
      description?: string;
      labels?: Record<string, { title?: string }>;
      hidden?: boolean;
      required?: boolean;
      default?: unknown;
      enum?: string[];
      enumLabels?: Record<string, string>;
      /** Option colours ("#rrggbb"), shown as chips in lists and on the board. */
      enumColors?: Record<string, string>;
      /** Place the field in the form right after this one ("" : first). */
      after?: string;
      /** Offer the field as a list filter (and index it as list filters are). */
      filterable?: boolean;
    }
  >;
}

export interface CompanySettings {
  name: string;
  country?: string;
  currency: string;
  /** The company's default language (one of `locales`). */
  locale: string;
  fiscalYearStart: string;
  /** Printed on documents (print/render.ts). */
  code?: string;
  vatCode?: string;
  address?: string;
  email?: string;
  phone?: string;
  website?: string;
  bankAccounts?: { bank?: string; iban: string; swift?: string }[];
}

/** How documents are printed (print/render.ts). */
export interface PrintSettings {
  /** A PNG or JPEG file (relative to the configuration file). */
  logo?: string;
  footer?: string | { en?: string; lt?: string };
  accentColor?: string;
  formats?: Record<
    string,
    { title?: { en?: string; lt?: string }; footer?: string | { en?: string; lt?: string }; hideColumns?: string[]; terms?: { en?: string; lt?: string } }
  >;
}

/** Outgoing mail (mail/settings.ts resolves it). */
export interface MailSettings {
  smtp?: { host?: string; port?: number; secure?: boolean; user?: string; password?: string };
  from?: string;
  replyTo?: string;
}

/** Notifications a user may also receive by e-mail. */
export type NotificationKind = 'assigned' | 'approval' | 'mention' | 'email_failed' | 'webhook_disabled';

export interface AuthSettings {
  /** Absolute session lifetime. */
  sessionHours: number;
  /** A session unused for this long expires. */
  idleMinutes: number;
  /**
   * Login attempts per username within 15 minutes before logins are refused (429) until the
   * window ends; an address may make four times as many. A successful login resets the
   * username's count and does not count against the address.
   */
  maxFailures: number;
  auditRetentionDays: number;
  /** Force the Secure cookie flag (it is set anyway when the request came over https). */
  secureCookies?: boolean;
}

export interface ClientConfig {
  database?: { url?: string };
  plugins: string[];
  pluginPaths?: string[];
  company?: Partial<CompanySettings>;
  /** The languages offered to users (labels in other languages are ignored); default ["en", "lt"]. */
  locales?: string[];
  settings?: Record<string, Record<string, unknown>>;
  customizations?: Record<string, EntityCustomization>;
  auth?: Partial<AuthSettings>;
  roles?: Record<string, RoleDefinition>;
  print?: PrintSettings;
  mail?: MailSettings;
  outbox?: { retryLimit?: number; retryDelaySeconds?: number };
  notifications?: { email?: NotificationKind[] };
  files?: { maxBytes?: number; allowedTypes?: string[] };
  webhooks?: { disableAfter?: number; timeoutMs?: number };
}

export interface ResolvedConfig extends ClientConfig {
  /** Absolute path of the file, or '(inline)'. */
  file: string;
  baseDir: string;
  company: CompanySettings;
  locales: string[];
}
