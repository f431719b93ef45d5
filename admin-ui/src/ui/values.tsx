/** How one value is shown, by field kind: formatted for the locale, references as links with the target's title. */
import { Box, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { createContext, useContext } from 'react';
import { ReferenceField, TextField, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import type { MetaEntity, MetaField } from '../meta/types.js';
import { currencyOf, displayKind, isMoney, numberKind, type Column } from '../mapping/fields.js';
import { choiceLabel, recordTitle, seededTitle } from '../mapping/labels.js';
import { docStatusColor } from '../mapping/documents.js';
import { formatDate, formatDateTime, formatDecimal, formatInteger, formatMoney, formatRate, formatTime } from '../mapping/format.js';
import { useCurrency, useLocale } from './hooks.js';
import { useMeta } from '../providers/metaStore.js';

export function DocStatusChip({ status }: { status?: string }) {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={docStatusColor(status)}
      variant={status === 'draft' ? 'outlined' : 'filled'}
      label={translate(`tessera.docstatus.${status}`, { _: status })}
      data-docstatus={status}
    />
  );
}

/** The document a line belongs to, for values that read its fields (a line's money in the document's currency). */
export const DocumentValues = createContext<Record<string, unknown> | undefined>(undefined);

/** Where a value sits: its row (record or line) and the document, for declared currency fields. */
export interface ValueContext {
  row?: Record<string, unknown>;
  doc?: Record<string, unknown>;
  /** A record's page, not a list cell: dates in the long style. */
  long?: boolean;
}

/** A document's own status ("Sent") as its one chip, coloured by the document state; the state in the tooltip. */
export function StatusChip({ field, value, docstatus }: { field: MetaField; value: unknown; docstatus?: string }) {
  const translate = useTranslate();
  const locale = useLocale();
  const c = field.choices?.find((x) => x.id === value);
  const text = c ? choiceLabel(c, locale) : String(value);
  return (
    <Tooltip title={docstatus ? translate(`tessera.docstatus.${docstatus}`, { _: docstatus }) : ''}>
      <Chip
        size="small"
        color={docStatusColor(docstatus)}
        variant={docstatus === 'draft' ? 'outlined' : 'filled'}
        label={text}
        data-docstatus={docstatus}
        data-status={String(value)}
      />
    </Tooltip>
  );
}

/** Text of a scalar value (no links, no chips): for cells, totals and titles. */
export function useFormatValue(): (f: MetaField, value: unknown, where?: ValueContext) => string {
  const locale = useLocale();
  const company = useCurrency();
  const translate = useTranslate();
  const outer = useContext(DocumentValues);
  return (f, value, where) => {
    if (value === null || value === undefined || value === '') return '';
    switch (f.kind) {
      case 'decimal': {
        const kind = numberKind(f);
        const currency = () => currencyOf(f, where?.row, where?.doc ?? outer) ?? company;
        if (kind === 'money' || (kind === undefined && isMoney(f))) return formatMoney(value, locale, currency(), Math.min(f.scale ?? 2, 2));
        if (kind === 'rate') return formatRate(value, locale);
        return formatDecimal(value, locale, f.scale, true);
      }
      case 'integer':
        return f.name === 'id' ? String(value) : formatInteger(value, locale);
      case 'date':
        return formatDate(value, locale, where?.long ? 'long' : 'medium');
      case 'datetime':
        return formatDateTime(value, locale);
      case 'time':
        return formatTime(value, locale);
      case 'boolean':
        return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
      case 'enum': {
        const c = f.choices?.find((x) => x.id === value);
        if (f.name === 'docstatus') return translate(`tessera.docstatus.${String(value)}`, { _: String(value) });
        return c ? choiceLabel(c, locale) : String(value);
      }
      case 'json':
        return JSON.stringify(value);
      default:
        return String(value);
    }
  };
}

/** A record's title as shown everywhere (labels.ts recordTitle): seeded translation, else the formatted title field, else "#id". */
export function useRecordTitle(): (entity: MetaEntity, record: Record<string, unknown> | undefined) => string {
  const locale = useLocale();
  const format = useFormatValue();
  return (entity, record) => {
    const f = entity.fields.find((x) => x.name === entity.titleField);
    return recordTitle(entity, record, locale, (v) => (f ? format(f, v) : v === null || v === undefined ? '' : String(v)));
  };
}

const ALIGN_RIGHT = new Set(['integer', 'decimal']);
export const alignOf = (f: MetaField): 'right' | 'left' => (ALIGN_RIGHT.has(f.kind) && f.name !== 'id' ? 'right' : 'left');

interface ValueProps {
  field: MetaField;
  source?: string;
  compact?: boolean;
  label?: string;
  sortable?: boolean;
  sortBy?: string;
  textAlign?: 'left' | 'right';
  /** The record's entity: its title field reads as the record's title (a seeded name in the locale). */
  entity?: MetaEntity;
}

/** The value of `source` in the current record, rendered for its kind. */
export function RecordValue({ field, source, compact, entity }: ValueProps) {
  const record = useRecordContext();
  const format = useFormatValue();
  const translate = useTranslate();
  const locale = useLocale();
  const name = source ?? field.name;
  if (!record) return null;
  if (field.kind === 'json' && field.widget === 'tags' && Array.isArray(record[name])) return <TagChips tags={record[name] as unknown[]} />;
  const value = name.split('.').reduce<any>((acc, k) => acc?.[k], record as RaRecord);
  // List cells render many values: plain elements with CSS classes (index.css) keep them cheap.
  if (value === null || value === undefined || value === '') return <span className="t-value t-empty">—</span>;
  const kind = displayKind(field);
  if (field.name === 'docstatus' && field.readOnly) return <DocStatusChip status={String(value)} />;
  const color = field.kind === 'enum' ? field.choices?.find((c) => c.id === value)?.color : undefined;
  if (color)
    return (
      <span className="t-chip" data-enum-color={color} style={{ backgroundColor: color, color: readableOn(color) }}>
        {format(field, value, { row: record, long: !compact })}
      </span>
    );
  switch (kind) {
    case 'boolean':
      return <span className={`t-bool ${value ? 't-yes' : 't-no'}`}>{translate(value ? 'ra.boolean.true' : 'ra.boolean.false')}</span>;
    case 'email':
      return (
        <a href={`mailto:${String(value)}`} onClick={(ev) => ev.stopPropagation()}>
          {String(value)}
        </a>
      );
    case 'url':
      return (
        <a href={String(value)} target="_blank" rel="noreferrer" onClick={(ev) => ev.stopPropagation()}>
          {String(value)}
        </a>
      );
    case 'phone':
      return (
        <a href={`tel:${String(value).replace(/\s/g, '')}`} onClick={(ev) => ev.stopPropagation()}>
          {String(value)}
        </a>
      );
    case 'json': {
      const text = JSON.stringify(value, null, compact ? 0 : 2);
      return compact ? (
        <Tooltip title={<pre style={{ margin: 0 }}>{JSON.stringify(value, null, 2)}</pre>}>
          <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace' }}>
            {text.length > 60 ? `${text.slice(0, 57)}…` : text}
          </Typography>
        </Tooltip>
      ) : (
        <Box component="pre" sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflowX: 'auto' }}>
          {text}
        </Box>
      );
    }
    case 'longtext': {
      const text = String(value);
      return compact ? (
        <span className="t-value">{text.length > 80 ? `${text.slice(0, 77)}…` : text}</span>
      ) : (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
          {text}
        </Typography>
      );
    }
    default: {
      const seeded = entity && name === entity.titleField ? seededTitle(entity, value, locale) : undefined;
      return <span className="t-value t-num">{seeded ?? format(field, value, { row: record, long: !compact })}</span>;
    }
  }
}

/** Black or white text, whichever reads better on the "#rrggbb" background. */
export function readableOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const luminance = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return luminance > 150 ? 'rgba(0, 0, 0, 0.87)' : '#fff';
}

/** Tags as chips. */
export function TagChips({ tags }: { tags: unknown[] }) {
  if (!tags.length) return <span className="t-value t-empty">—</span>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }} component="span">
      {tags.map((t) => (
        <Chip key={String(t)} size="small" label={String(t)} data-tag={String(t)} />
      ))}
    </Stack>
  );
}

/** A reference shown as a link to the target record, titled by the target's title field. */
export function ReferenceValue({
  field,
  source,
  link = 'show',
}: {
  field: MetaField;
  source?: string;
  link?: 'show' | false;
  label?: string;
  sortable?: boolean;
  sortBy?: string;
}) {
  const meta = useMeta();
  const target = meta?.entities.find((e) => e.key === field.ref?.entity);
  if (!field.ref || !target) return <TextField source={source ?? field.name} />;
  return (
    <ReferenceField source={source ?? field.name} reference={target.key} link={target.permissions.read ? link : false} emptyText="—">
      <TargetTitle entity={target} />
    </ReferenceField>
  );
}

function TargetTitle({ entity }: { entity: MetaEntity }) {
  const record = useRecordContext();
  const title = useRecordTitle();
  if (!record) return null;
  return <span className="t-value">{title(entity, record)}</span>;
}

/** Any field of a record: references as links, the rest by kind. */
export function AnyValue(props: ValueProps) {
  return props.field.kind === 'reference' ? <ReferenceValue field={props.field} source={props.source} /> : <RecordValue {...props} />;
}

/** A list's cells (a Datagrid's children): each column's value by kind, the title column as the record's title. */
export function columnCells(entity: MetaEntity, columns: Column[], labelOf: (f: MetaField) => string) {
  return columns.map((c) => (
    <AnyValue
      key={c.source}
      entity={entity}
      source={c.source}
      field={c.field}
      label={labelOf(c.field)}
      sortable={c.sortable}
      textAlign={alignOf(c.field)}
      compact
    />
  ));
}
