/** Small hooks shared by the screens: the entity of the current resource, labels in the current locale. */
import { useLocaleState, useResourceContext, useTranslate } from 'react-admin';
import { useCallback } from 'react';
import type { MetaEntity, MetaField } from '../meta/types.js';
import { useMeta } from '../providers/metaStore.js';
import { fieldLabel } from '../mapping/labels.js';
import { SYSTEM_FIELDS } from '../mapping/fields.js';

export function useLocale(): string {
  const [locale] = useLocaleState();
  return locale;
}

export function useEntity(resource?: string): MetaEntity | undefined {
  const fromContext = useResourceContext();
  const key = resource ?? fromContext;
  const meta = useMeta();
  return meta?.entities.find((e) => e.key === key);
}

/** The label of a declared field or a system column, in the current locale. */
export function useFieldLabel(): (f: MetaField) => string {
  const locale = useLocale();
  const translate = useTranslate();
  return useCallback(
    (f: MetaField) =>
      (SYSTEM_FIELDS as readonly string[]).includes(f.name) && f.readOnly && !f.labels?.[locale] && f.label === systemDefault(f.name)
        ? translate(`tessera.fields.${f.name}`)
        : fieldLabel(f, locale),
    [locale, translate],
  );
}

const systemDefault = (name: string) => ({ id: 'ID', created_at: 'Created', updated_at: 'Updated', docstatus: 'Status', amended_from: 'Amended from' })[name];

export function useCurrency(): string {
  return useMeta()?.company.currency ?? 'EUR';
}
