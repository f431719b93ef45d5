/** Hooks the studio screens share: the configuration with the draft applied, texts, reloading the metadata after an apply. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { MetaUser } from '../meta/types.js';
import { HttpClient } from '../providers/http.js';
import { metaStore } from '../providers/metaStore.js';
import { viewAs } from '../providers/viewAs.js';
import { useLocale } from '../ui/hooks.js';
import { studioApi } from './api.js';
import { useDraft } from './draft.js';
import { draftConfig } from './patch.js';
import type { ClientConfig, Text } from './types.js';

const http = new HttpClient();

/** Whether the signed-in user may use the studio: an administrator or a consultant (core.consultant). */
export const canUseStudio = (user: MetaUser | undefined): boolean => !!user && !user.viewAs && (user.isAdmin || user.roles.includes('core.consultant'));

/** The current configuration and, with the draft's edits applied, what the screens show. */
export function useStudioConfig(): { config?: ClientConfig; base?: ClientConfig; version?: number; error: unknown; isLoading: boolean } {
  const edits = useDraft();
  const { data, error, isLoading } = useQuery({ queryKey: ['studio', 'config'], queryFn: studioApi.config });
  // One object per (configuration, draft): screens that depend on it re-run their effects only when either changes.
  const config = useMemo(() => {
    if (!data) return undefined;
    try {
      return draftConfig(data.config, edits);
    } catch {
      return data.config;
    }
  }, [data, edits]);
  return { config, base: data?.config, version: data?.version, error, isLoading };
}

export function useT(): (key: string, options?: Record<string, unknown>) => string {
  const translate = useTranslate();
  return useCallback((key: string, options?: Record<string, unknown>) => translate(`tessera.studio.${key}`, options), [translate]);
}

/** A server text {en, lt} in the user's language. */
export function useText(): (t: Text | undefined) => string {
  const locale = useLocale();
  return useCallback((t: Text | undefined) => (t ? (locale === 'lt' ? t.lt || t.en : t.en) : ''), [locale]);
}

/** After an apply (or a switch of "view as"): the new model's metadata, and every cached list refetched, without a page reload. */
export function useReloadModel(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(async () => {
    const meta = await http.json('GET', '/api/meta');
    metaStore.set(meta);
    await client.invalidateQueries();
  }, [client]);
}

/** The message of a failed request (the server's error body when there is one). */
export function errorMessage(err: unknown): string {
  const e = err as { message?: string; body?: { error?: { message?: string; code?: string } } };
  return e?.body?.error?.message ?? e?.message ?? String(err);
}

/**
 * Switches "view as" on (or off): the metadata of the new view, then the dashboard, then every
 * cached list refetched, in place. The navigation comes with the new metadata (not after the
 * refetch), so a click made once the banner shows is never undone by it.
 */
export function useViewAs(): (role: string | undefined) => Promise<void> {
  const client = useQueryClient();
  const navigate = useNavigate();
  return async (role) => {
    viewAs.set(role);
    const meta = await http.json('GET', '/api/meta');
    navigate('/');
    metaStore.set(meta);
    await client.invalidateQueries();
  };
}
