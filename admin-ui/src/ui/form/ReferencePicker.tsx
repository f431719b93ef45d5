/**
 * The picker of a reference field: "code - name" choices found by any search field, offered
 * records filtered by the form's context (x-ui.refFilter), secondary text under each choice,
 * fill-in of other fields when a record is picked (x-ui.fill), and quick-create of a missing
 * record (when the user may create one).
 */
import { Box, Typography } from '@mui/material';
import { useCallback, useMemo, type ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { AutocompleteInput, ReferenceInput, useGetOne, useTranslate, type RaRecord, type Validator } from 'react-admin';
import type { MetaEntity, MetaField } from '../../meta/types.js';
import { referenceSearch } from '../../mapping/filters.js';
import {
  cascadingFills,
  choiceDetail,
  choiceText,
  fillChanges,
  implicitFilter,
  fillQuery,
  pickerFilter,
  pickerFilterParts,
  rowBase,
  secondaryFields,
} from '../../mapping/pickers.js';
import { QuickCreate } from './QuickCreate.js';
import { useFieldLabel, useLocale } from '../hooks.js';
import { useMeta } from '../../providers/metaStore.js';

interface Props {
  field: MetaField;
  target: MetaEntity;
  source: string;
  label?: string | false;
  helperText?: ReactNode | false;
  disabled?: boolean;
  validate?: Validator | Validator[];
  compact?: boolean;
  /** The entity whose row holds the field (a line's entity for "lines.2.item"), for fill-in. */
  row?: { fields: MetaField[] };
}

/** The value of one dependency of the filter; a dotted one reads the field of the referenced record (returned too). */
function useDependency(path: string, through: string | undefined, refEntity: string | undefined): { value: unknown; via?: Record<string, unknown> } {
  const value = useWatch({ name: path });
  const { data } = useGetOne(refEntity ?? '', { id: value }, { enabled: !!through && !!refEntity && value !== undefined && value !== null && value !== '' });
  if (!through) return { value };
  return { value: data?.[through], via: data };
}

interface ContextFilter {
  filter: Record<string, unknown>;
  /** The form fields the offered records depend on, with the record each one names (for "filtered by" text). */
  by: { field: MetaField; record: Record<string, unknown> }[];
}

function useContextFilter(field: MetaField, target: MetaEntity, source: string, row: Props['row']): ContextFilter {
  const base = rowBase(source);
  const parts = useMemo(() => {
    const declared = pickerFilterParts(field, base);
    return { ...declared, fixed: { ...implicitFilter(target, (row as MetaEntity | undefined)?.key, field.ui?.refFilter), ...declared.fixed } };
  }, [field, base, target, row]);
  // At most two context dependencies per picker (the declarations use one); hooks need a fixed count.
  const [d0, d1] = parts.deps;
  const fieldOf = (path?: string) => (path ? row?.fields.find((f) => f.name === path.split('.').pop()) : undefined);
  const refOf = (path?: string) => fieldOf(path)?.ref?.entity ?? undefined;
  const v0 = useDependency(d0?.path ?? '__none0', d0?.through, d0?.through ? refOf(d0.path) : undefined);
  const v1 = useDependency(d1?.path ?? '__none1', d1?.through, d1?.through ? refOf(d1.path) : undefined);
  return useMemo(() => {
    const filter = pickerFilter(parts, [v0.value, v1.value]);
    const by = [
      [d0, v0],
      [d1, v1],
    ].flatMap(([d, v]) => {
      const dep = d as (typeof parts.deps)[number] | undefined;
      const found = v as { value: unknown; via?: Record<string, unknown> };
      const f = fieldOf(dep?.path);
      return dep && f && found.via && dep.key in filter ? [{ field: f, record: found.via }] : [];
    });
    return { filter, by };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [parts, v0.value, v0.via, v1.value, v1.via]);
}

/** "Filtered by Customer: Baltic Trade": under a picker whose choices depend on another field of the form. */
function FilteredBy({ by }: { by: ContextFilter['by'] }) {
  const translate = useTranslate();
  const locale = useLocale();
  const meta = useMeta();
  const labelOf = useFieldLabel();
  return (
    <span data-filtered-by>
      {by
        .map(({ field, record }) => {
          const target = meta?.entities.find((e) => e.key === field.ref?.entity);
          const value = target ? choiceText(target, [], record, locale) : String(record.id);
          return translate('tessera.entry.filtered_by', { field: labelOf(field), value });
        })
        .join('; ')}
    </span>
  );
}

export function ReferencePicker({ field, target, source, label, helperText, disabled, validate, compact, row }: Props) {
  const form = useFormContext();
  const locale = useLocale();
  const secondary = useMemo(() => secondaryFields(field, target), [field, target]);
  const { filter, by } = useContextFilter(field, target, source, row);
  const search = referenceSearch(target);
  const base = rowBase(source);
  const optionText = useCallback(
    (r: RaRecord) => {
      const detail = choiceDetail(secondary, r);
      return (
        <Box component="span" sx={{ display: 'flex', flexDirection: 'column' }} data-choice={r.id}>
          <span>{choiceText(target, secondary, r, locale)}</span>
          {detail && (
            <Typography component="span" variant="caption" color="text.secondary">
              {detail}
            </Typography>
          )}
        </Box>
      );
    },
    [secondary, target, locale],
  );
  const inputText = useCallback((r: RaRecord) => choiceText(target, secondary, r, locale), [secondary, target, locale]);
  const fill = field.ui?.fill;
  // Fills in the row from the answer of a field's fill; a filled reference with a fill of its own runs it next.
  const runFill = useCallback(
    async (f: MetaField, id: unknown, depth: number): Promise<void> => {
      const spec = f.ui?.fill;
      if (!spec || id === null || id === undefined || id === '' || !row) return;
      const at = (n: string) => (base ? `${base}.${n}` : n);
      const qs = fillQuery(f, id, (p) => form.getValues(p), base);
      const res = await fetch(`${spec.url}?${qs}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const answer = (await res.json()) as Record<string, unknown>;
      // The user may have picked another record while we waited.
      if (form.getValues(at(f.name)) !== id) return;
      const changes = fillChanges(row, f.name, answer, (n) => form.getValues(at(n)), !!spec.replace);
      for (const [n, v] of Object.entries(changes)) form.setValue(at(n), v, { shouldDirty: true });
      if (depth < 2) for (const next of cascadingFills(row, changes, f.name)) await runFill(next, changes[next.name], depth + 1);
    },
    [row, form, base],
  );
  const onChange = useCallback((id: unknown) => (fill ? runFill(field, id, 0) : Promise.resolve()), [fill, runFill, field]);
  return (
    <ReferenceInput source={source} reference={target.key} filter={filter}>
      <AutocompleteInput
        label={label}
        helperText={by.length && !compact ? <FilteredBy by={by} /> : helperText}
        disabled={disabled}
        validate={validate}
        optionText={optionText}
        inputText={inputText}
        matchSuggestion={() => true}
        filterToQuery={search ?? (() => ({}))}
        onChange={(id: unknown) => void onChange(id)}
        create={target.permissions.create ? <QuickCreate entity={target} /> : undefined}
        createItemLabel="tessera.entry.create_item"
        size={compact ? 'small' : undefined}
        sx={compact ? { width: '100%' } : { minWidth: 260 }}
        fullWidth={!compact}
        slotProps={{ popper: { style: { minWidth: 320 }, placement: 'bottom-start' } } as never}
      />
    </ReferenceInput>
  );
}
