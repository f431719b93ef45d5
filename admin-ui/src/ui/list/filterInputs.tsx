/** The filter inputs of a list, one per declared filter field (see mapping/filters.ts). */
import { Stack } from '@mui/material';
import type { ReactElement } from 'react';
import {
  AutocompleteInput,
  DateInput,
  DateTimeInput,
  NumberInput,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextInput,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import type { MetaEntity, MetaField } from '../../meta/types.js';
import { filterDefs, referenceSearch, type FilterDef } from '../../mapping/filters.js';
import { choiceLabel, recordTitle } from '../../mapping/labels.js';
import { DecimalInput } from '../form/inputs.js';
import { useFieldLabel, useLocale } from '../hooks.js';
import { useMeta } from '../../providers/metaStore.js';

function RangeFilter({
  field,
  kind,
  label,
}: {
  source: string;
  field: MetaField;
  kind: FilterDef['kind'];
  label: string;
  alwaysOn?: boolean;
  defaultValue?: unknown;
}) {
  const translate = useTranslate();
  const from = translate('tessera.filter.from', { field: label });
  const to = translate('tessera.filter.to', { field: label });
  const src = (op: string) => `${field.name}.${op}`;
  const common = { helperText: false as const, sx: { minWidth: 150 } };
  return (
    <Stack direction="row" spacing={1}>
      {kind === 'dateRange' && (
        <>
          <DateInput source={src('gte')} label={from} {...common} />
          <DateInput source={src('lte')} label={to} {...common} />
        </>
      )}
      {kind === 'datetimeRange' && (
        <>
          <DateTimeInput source={src('gte')} label={from} {...common} />
          <DateTimeInput source={src('lte')} label={to} {...common} />
        </>
      )}
      {kind === 'numberRange' && (
        <>
          <NumberInput source={src('gte')} label={from} {...common} />
          <NumberInput source={src('lte')} label={to} {...common} />
        </>
      )}
      {kind === 'decimalRange' && (
        <>
          <DecimalInput source={src('gte')} label={from} field={field} {...common} />
          <DecimalInput source={src('lte')} label={to} field={field} {...common} />
        </>
      )}
    </Stack>
  );
}

export function useFilterInputs(e: MetaEntity | undefined): ReactElement[] {
  const locale = useLocale();
  const translate = useTranslate();
  const labelOf = useFieldLabel();
  const meta = useMeta();
  if (!e) return [];
  return filterDefs(e).map((d) => {
    const f = d.field;
    const label = f ? labelOf(f) : '';
    switch (d.kind) {
      case 'search':
        return <SearchInput key="q" source="q" alwaysOn placeholder={translate('ra.action.search')} />;
      case 'select':
        return (
          <SelectInput
            key={d.source}
            source={d.source}
            label={label}
            alwaysOn={d.alwaysOn}
            choices={(f!.choices ?? []).map((c) => ({
              id: c.id,
              name: d.source === 'docstatus' ? translate(`tessera.docstatus.${c.id}`) : choiceLabel(c, locale),
            }))}
          />
        );
      case 'boolean':
        return (
          <SelectInput
            key={d.source}
            source={d.source}
            label={label}
            choices={[
              { id: 'true', name: translate('ra.boolean.true') },
              { id: 'false', name: translate('ra.boolean.false') },
            ]}
          />
        );
      case 'reference': {
        const target = meta?.entities.find((x) => x.key === f!.ref?.entity);
        if (!target) return <NumberInput key={d.source} source={d.source} label={label} />;
        const search = referenceSearch(target);
        return (
          <ReferenceInput key={d.source} source={d.source} reference={target.key} label={label}>
            <AutocompleteInput
              label={label}
              optionText={(r: RaRecord) => recordTitle(target, r, locale)}
              filterToQuery={search ?? (() => ({}))}
              sx={{ minWidth: 220 }}
            />
          </ReferenceInput>
        );
      }
      case 'text':
        return <TextInput key={d.source} source={`${d.source}.contains`} label={translate('tessera.filter.contains', { field: label })} />;
      default:
        return <RangeFilter key={d.source} source={d.source} field={f!} kind={d.kind} label={label} defaultValue={{}} />;
    }
  });
}
