/**
 * What every plugin page shares (AccountingPages, ProjectsPages): the HTTP client, the page's
 * texts in the user's language, today's date, a list read, and the frame (a card with the
 * page's title, marked with data-page for the browser tests).
 */
import { Card, CardContent } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Title } from 'react-admin';
import { HttpClient } from '../../providers/http.js';
import { useLocale } from '../hooks.js';

export const http = new HttpClient();

/** The page's texts in the user's language (Lithuanian or English). */
export function usePageText<E>(texts: { en: E; lt: E }): E {
  return texts[useLocale() === 'lt' ? 'lt' : 'en'];
}

/** Today as YYYY-MM-DD (UTC), the default of date fields. */
export const today = () => new Date().toISOString().slice(0, 10);

/** The first 200 rows of a list route. */
export function useList(path: string) {
  return useQuery({
    queryKey: ['page-list', path],
    queryFn: () => http.json<{ data: any[] }>('GET', path, { query: new URLSearchParams({ limit: '200' }) }).then((r) => r.data),
  });
}

/** The page frame: a card titled for the page. */
export function PluginPage({ page, title, children }: { page: string; title: string; children: ReactNode }) {
  return (
    <Card data-page={page}>
      <Title title={title} />
      <CardContent>{children}</CardContent>
    </Card>
  );
}
