/** How one value is shown, by field kind: formatted for the locale, references as links with the target's title. */
import { Box, Chip, Tooltip, Typography } from '@mui/material';
import { ReferenceField, TextField, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import type { MetaEntity, MetaField } from '../meta/types.js';
import { displayKind, isMoney } from '../mapping/fields.js';
import { choiceLabel } from '../mapping/labels.js';
import { docStatusColor } from '../mapping/documents.js';
import { formatDate, formatDateTime, formatDecimal, formatInteger, formatMoney, formatTime } from '../mapping/format.js';
import { useCurrency, useLocale } from './hooks.js';
import { useMeta } from '../providers/metaStore.js';

export function DocStatusChip({ status }: { status?: string }) {
  const translate = useTranslate();
  if (!status) return null;
  return <Chip size="small" color={docStatusColor(status)} variant={status === 'draft' ? 'outlined' : 'filled'} label={translate(`tessera.docstatus.${status}`, { _: status })} data-docstatus={status} />;
}

/** Text of a scalar value (no links, no chips): for cells, totals and titles. */
export function useFormatValue(): (f: MetaField, value: unknown) => string {
  const locale = useLocale();
  const currency = useCurrency();
  const translate = useTranslate();
  return (f, value) => {
    if (value === null || value === undefined || value === '') return '';
    switch (f.kind) {
      case 'decimal':
        return isMoney(f) ? formatMoney(value, locale, currency, f.scale ?? 2) : formatDecimal(value, locale, f.scale, true);
      case 'integer':
        return f.name === 'id' ? String(value) : formatInteger(value, locale);
      case 'date':
        return formatDate(value, locale);
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

const ALIGN_RIGHT = new Set(['integer', 'decimal']);
export const alignOf = (f: MetaField): 'right' | 'left' => (ALIGN_RIGHT.has(f.kind) && f.name !== 'id' ? 'right' : 'left');

/** The value of `source` in the current record, rendered for its kind. */
export function RecordValue({ field, source, compact }: { field: MetaField; source?: string; compact?: boolean; label?: string; sortable?: boolean; sortBy?: string; textAlign?: 'left' | 'right' }) {
  const record = useRecordContext();
  const format = useFormatValue();
  const translate = useTranslate();
  const name = source ?? field.name;
  if (!record) return null;
  const value = name.split('.').reduce<any>((acc, k) => acc?.[k], record as RaRecord);
  // List cells render many values: plain elements with CSS classes (index.css) keep them cheap.
  if (value === null || value === undefined || value === '') return <span className="t-value t-empty">—</span>;
  const kind = displayKind(field);
  if (field.name === 'docstatus' && field.readOnly) return <DocStatusChip status={String(value)} />;
  switch (kind) {
    case 'boolean':
      return <span className={`t-bool ${value ? 't-yes' : 't-no'}`}>{translate(value ? 'ra.boolean.true' : 'ra.boolean.false')}</span>;
    case 'email':
      return <a href={`mailto:${String(value)}`} onClick={(ev) => ev.stopPropagation()}>{String(value)}</a>;
    case 'url':
      return <a href={String(value)} target="_blank" rel="noreferrer" onClick={(ev) => ev.stopPropagation()}>{String(value)}</a>;
    case 'phone':
      return <a href={`tel:${String(value).replace(/\s/g, '')}`} onClick={(ev) => ev.stopPropagation()}>{String(value)}</a>;
    case 'json': {
      const text = JSON.stringify(value, null, compact ? 0 : 2);
      return compact ? (
        <Tooltip title={<pre style={{ margin: 0 }}>{JSON.stringify(value, null, 2)}</pre>}>
          <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace' }}>{text.length > 60 ? `${text.slice(0, 57)}…` : text}</Typography>
        </Tooltip>
      ) : (
        <Box component="pre" sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflowX: 'auto' }}>{text}</Box>
      );
    }
    case 'longtext': {
      const text = String(value);
      return compact ? <span className="t-value">{text.length > 80 ? `${text.slice(0, 77)}…` : text}</span> : <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>{text}</Typography>;
    }
    default:
      return <span className="t-value t-num">{format(field, value)}</span>;
  }
}

/** A reference shown as a link to the target record, titled by the target's title field. */
export function ReferenceValue({ field, source, link = 'show' }: { field: MetaField; source?: string; link?: 'show' | false; label?: string; sortable?: boolean; sortBy?: string }) {
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
  const format = useFormatValue();
  if (!record) return null;
  const f = entity.fields.find((x) => x.name === entity.titleField);
  const value = record[entity.titleField];
  return <span className="t-value">{f ? format(f, value) || `#${record.id}` : `#${String(value ?? record.id)}`}</span>;
}

/** Any field of a record: references as links, the rest by kind. */
export function AnyValue(props: { field: MetaField; source?: string; compact?: boolean; label?: string; sortable?: boolean; sortBy?: string; textAlign?: 'left' | 'right' }) {
  return props.field.kind === 'reference' ? <ReferenceValue field={props.field} source={props.source} /> : <RecordValue {...props} />;
}
