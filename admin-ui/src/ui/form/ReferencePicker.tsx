/**
 * The picker of a reference field: "code - name" choices found by any search field, offered
 * records filtered by the form's context (x-ui.refFilter), secondary text under each choice,
 * fill-in of other fields when a record is picked (x-ui.fill), and quick-create of a missing
 * record (when the user may create one).
 */
import { Box, Typography } from '@mui/material';
import { useCallback, useMemo, type ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { AutocompleteInput, ReferenceInput, useGetOne, type RaRecord, type Validator } from 'react-admin';
import type { MetaEntity, MetaField } from '../../meta/types.js';
import { referenceSearch } from '../../mapping/filters.js';
import { choiceDetail, choiceText, fillChanges, fillQuery, pickerFilter, pickerFilterParts, rowBase, secondaryFields } from '../../mapping/pickers.js';
import { QuickCreate } from './QuickCreate.js';
import { useLocale } from '../hooks.js';

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

/** The value of one dependency of the filter; a dotted one reads the field of the referenced record. */
function useDependency(path: string, through: string | undefined, refEntity: string | undefined): unknown {
  const value = useWatch({ name: path });
  const { data } = useGetOne(refEntity ?? '', { id: value }, { enabled: !!through && !!refEntity && value !== undefined && value !== null && value !== '' });
  if (!through) return value;
  return data?.[through];
}

function useContextFilter(field: MetaField, source: string, row: Props['row']): Record<string, unknown> {
  const base = rowBase(source);
  const parts = useMemo(() => pickerFilterParts(field, base), [field, base]);
  // At most two context dependencies per picker (the declarations use one); hooks need a fixed count.
  const [d0, d1] = parts.deps;
  const refOf = (name?: string) => (name ? (row?.fields.find((f) => f.name === name.split('.').pop())?.ref?.entity ?? undefined) : undefined);
  const v0 = useDependency(d0?.path ?? '__none0', d0?.through, d0?.through ? refOf(d0.path) : undefined);
  const v1 = useDependency(d1?.path ?? '__none1', d1?.through, d1?.through ? refOf(d1.path) : undefined);
  return useMemo(() => pickerFilter(parts, [v0, v1]), [parts, v0, v1]);
}

export function ReferencePicker({ field, target, source, label, helperText, disabled, validate, compact, row }: Props) {
  const form = useFormContext();
  const locale = useLocale();
  const secondary = useMemo(() => secondaryFields(field, target), [field, target]);
  const filter = useContextFilter(field, source, row);
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
  const onChange = useCallback(
    async (id: unknown) => {
      if (!fill || id === null || id === undefined || id === '' || !row) return;
      const qs = fillQuery(field, id, (p) => form.getValues(p), base);
      const res = await fetch(`${fill.url}?${qs}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const answer = (await res.json()) as Record<string, unknown>;
      // The user may have picked another record while we waited.
      if (form.getValues(source) !== id) return;
      const changes = fillChanges(row, field.name, answer, (n) => form.getValues(base ? `${base}.${n}` : n), !!fill.replace);
      for (const [n, v] of Object.entries(changes)) form.setValue(base ? `${base}.${n}` : n, v, { shouldDirty: true });
    },
    [fill, row, field, form, base, source],
  );
  return (
    <ReferenceInput source={source} reference={target.key} filter={filter}>
      <AutocompleteInput
        label={label}
        helperText={helperText}
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
