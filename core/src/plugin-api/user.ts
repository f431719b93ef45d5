/** The user a request or job runs as. */

export interface CurrentUser {
  id: number;
  username: string;
  roles: string[];
  isAdmin: boolean;
  fullName?: string | null;
  email?: string | null;
  /** The user's language (one of the configured locales), when they chose one. */
  locale?: string | null;
  /** Set while an administrator or consultant views as this role (X-Tessera-View-As): reads only. */
  viewAs?: string;
}
