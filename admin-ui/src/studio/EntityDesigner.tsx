/**
 * The entity designer: per entity, its fields (relabel in both languages, hide, edit the options
 * of a choice), custom fields added in every kind of the vocabulary, the numbering pattern with a
 * live preview of the next number, the list columns and default sort; per field also its place in
 * the form, whether the list offers it as a filter, and the colours of a choice's options. Every
 * change is a draft edit; "Review changes" plans and applies them.
 */
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  FormControlLabel,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Title, useNotify } from 'react-admin';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMeta } from '../providers/metaStore.js';
import { useLocale } from '../ui/hooks.js';
import { AddFieldDialog } from './AddFieldDialog.js';
import { StagesCard } from './StagesCard.js';
import { studioApi } from './api.js';
import { draft, useDraft } from './draft.js';
import { EnumOptionsEditor } from './EnumEditor.js';
import { errorMessage, useStudioConfig, useT, useText } from './hooks.js';
import {
  addFieldEdit,
  enumEdit,
  filterEdit,
  hideEdit,
  listEdit,
  numberingEdit,
  positionEdit,
  relabelEdit,
  sortEdit,
  type DraftEdit,
  type EnumOption,
} from './patch.js';
import type { ClientConfig, EntityFieldInfo } from './types.js';

function useAddToDraft() {
  const notify = useNotify();
  const t = useT();
  const text = useText();
  return (edit: DraftEdit) => {
    draft.add(edit);
    notify(t('draft_added', { what: text(edit.summary) }), { type: 'info' });
  };
}

function FieldRow({ entity, f, config, fields }: { entity: string; f: EntityFieldInfo; config: ClientConfig; fields: EntityFieldInfo[] }) {
  const t = useT();
  const text = useText();
  const add = useAddToDraft();
  const index = fields.findIndex((x) => x.name === f.name);
  // What the draft asks for (the server's model changes only on apply).
  const [placedAfter, setPlacedAfter] = useState(index > 0 ? fields[index - 1]!.name : '');
  const [filterable, setFilterable] = useState(!!f.filterable);
  const [en, setEn] = useState(f.label.en);
  const [lt, setLt] = useState(f.label.lt);
  const [editing, setEditing] = useState(false);
  const [options, setOptions] = useState<EnumOption[]>(() =>
    (f.options ?? []).map((o: any) =>
      typeof o === 'string'
        ? { value: o, en: o, lt: '' }
        : { value: o.value ?? o.id, en: o.label?.en ?? o.name ?? o.value, lt: o.label?.lt ?? '', ...(o.color ? { color: o.color } : {}) },
    ),
  );
  const changed = en !== f.label.en || lt !== f.label.lt;
  return (
    <>
      <TableRow data-field={f.name}>
        <TableCell sx={{ fontFamily: 'monospace' }}>{f.name}</TableCell>
        <TableCell>
          {f.type}
          {f.custom && <Chip size="small" label={t('custom')} sx={{ ml: 1 }} />}
          {f.required && <Chip size="small" label={t('required')} sx={{ ml: 1 }} />}
        </TableCell>
        <TableCell>
          <TextField size="small" value={en} onChange={(e) => setEn(e.target.value)} inputProps={{ 'aria-label': `${t('label_en')}: ${f.name}` }} />
        </TableCell>
        <TableCell>
          <TextField size="small" value={lt} onChange={(e) => setLt(e.target.value)} inputProps={{ 'aria-label': `${t('label_lt')}: ${f.name}` }} />
        </TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap' }}>
          <Button size="small" disabled={!changed || !en} onClick={() => add(relabelEdit(config, entity, f.name, f.custom, en, lt))}>
            {t('relabel')}
          </Button>
          <Button size="small" onClick={() => add(hideEdit(config, entity, f.name, !f.hidden))}>
            {f.hidden ? t('show') : t('hide')}
          </Button>
          {f.options && (
            <Button size="small" onClick={() => setEditing(!editing)} data-edit-options={f.name}>
              {t('edit_options')}
            </Button>
          )}
        </TableCell>
        <TableCell>
          <TextField
            select
            SelectProps={{ native: true }}
            size="small"
            value={placedAfter}
            onChange={(e) => {
              setPlacedAfter(e.target.value);
              add(positionEdit(config, entity, f.name, e.target.value));
            }}
            inputProps={{ 'aria-label': `${t('position')}: ${f.name}`, 'data-position': f.name } as object}
          >
            <option value="">{t('position_first')}</option>
            {fields
              .filter((x) => x.name !== f.name)
              .map((x) => (
                <option key={x.name} value={x.name}>
                  {text(x.label) || x.name}
                </option>
              ))}
          </TextField>
        </TableCell>
        <TableCell>
          <Checkbox
            size="small"
            checked={filterable}
            onChange={(e) => {
              setFilterable(e.target.checked);
              add(filterEdit(config, entity, f.name, e.target.checked));
            }}
            inputProps={{ 'aria-label': `${t('filterable')}: ${f.name}`, 'data-filterable': f.name } as object}
          />
        </TableCell>
      </TableRow>
      {editing && (
        <TableRow>
          <TableCell colSpan={7}>
            <EnumOptionsEditor options={options} onChange={setOptions} />
            <Button
              sx={{ mt: 1 }}
              variant="outlined"
              size="small"
              onClick={() => add(enumEdit(config, entity, f.name, f.custom, options))}
              data-save-options={f.name}
            >
              {t('save_to_draft')}
            </Button>
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

function NumberingCard({ entity, current, config }: { entity: string; current: string; config: ClientConfig }) {
  const t = useT();
  const add = useAddToDraft();
  const [pattern, setPattern] = useState(current);
  const [preview, setPreview] = useState<{ next?: string; error?: string }>({});
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      studioApi.numberingPreview(entity, pattern).then(
        (next) => live && setPreview({ next }),
        (err) => live && setPreview({ error: errorMessage(err) }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [entity, pattern]);
  return (
    <Card variant="outlined" data-section="numbering">
      <CardContent>
        <Typography variant="h6">{t('numbering')}</Typography>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1 }}>
          <TextField
            label={t('pattern')}
            value={pattern}
            onChange={(e) => setPattern(e.target.value)}
            helperText={t('pattern_help')}
            inputProps={{ 'data-numbering-pattern': true } as object}
          />
          <Typography data-numbering-preview={preview.next ?? ''} color={preview.error ? 'error' : undefined}>
            {preview.error ? t('preview_error', { message: preview.error }) : preview.next ? t('next_number', { next: preview.next }) : ''}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <Button variant="outlined" disabled={pattern === current || !pattern.includes('#')} onClick={() => add(numberingEdit(config, entity, pattern))}>
            {t('save_to_draft')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}

function ListCard({
  entity,
  fields,
  columns,
  sort,
  config,
}: {
  entity: string;
  fields: EntityFieldInfo[];
  columns: string[];
  sort: string;
  config: ClientConfig;
}) {
  const t = useT();
  const text = useText();
  const add = useAddToDraft();
  const [chosen, setChosen] = useState<string[]>(columns);
  const changed = JSON.stringify(chosen) !== JSON.stringify(columns);
  const [sortField, setSortField] = useState(sort.replace(/^-/, ''));
  const [descending, setDescending] = useState(sort.startsWith('-'));
  const sortChanged = `${descending ? '-' : ''}${sortField}` !== sort;
  return (
    <Card variant="outlined" data-section="list">
      <CardContent>
        <Typography variant="h6">{t('list')}</Typography>
        <Typography variant="subtitle2" sx={{ mt: 1 }}>
          {t('columns')}
        </Typography>
        <Stack direction="row" flexWrap="wrap">
          {fields.map((f) => (
            <FormControlLabel
              key={f.name}
              control={
                <Checkbox
                  size="small"
                  checked={chosen.includes(f.name)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, f.name] : chosen.filter((c) => c !== f.name))}
                />
              }
              label={text(f.label) || f.name}
            />
          ))}
        </Stack>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1 }}>
          <Box sx={{ flex: 1 }} />
          <Button variant="outlined" disabled={!changed || !chosen.length} onClick={() => add(listEdit(config, entity, chosen))}>
            {t('save_to_draft')}
          </Button>
        </Stack>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 2 }} data-default-sort={sort}>
          <TextField
            select
            SelectProps={{ native: true }}
            size="small"
            label={t('default_sort')}
            value={sortField}
            onChange={(e) => setSortField(e.target.value)}
            inputProps={{ 'data-sort-field': true } as object}
            sx={{ minWidth: 220 }}
          >
            {[...new Set([sortField, ...fields.map((f) => f.name), 'created_at', 'id'])].map((n) => (
              <option key={n} value={n}>
                {text(fields.find((f) => f.name === n)?.label ?? { en: n, lt: n }) || n}
              </option>
            ))}
          </TextField>
          <FormControlLabel
            control={
              <Checkbox
                size="small"
                checked={descending}
                onChange={(e) => setDescending(e.target.checked)}
                inputProps={{ 'data-sort-descending': true } as object}
              />
            }
            label={t('descending')}
          />
          <Box sx={{ flex: 1 }} />
          <Button variant="outlined" disabled={!sortChanged} onClick={() => add(sortEdit(config, entity, sortField, descending))} data-save-sort>
            {t('save_to_draft')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}

export default function EntityDesigner() {
  const t = useT();
  const locale = useLocale();
  const meta = useMeta();
  const navigate = useNavigate();
  const edits = useDraft();
  const add = useAddToDraft();
  const params = useParams();
  const key = params.entity ?? '';
  const { config } = useStudioConfig();
  const [adding, setAdding] = useState(false);
  const { data, error } = useQuery({ queryKey: ['studio', 'entity', key], queryFn: () => studioApi.entity(key), enabled: !!key });
  const entity = meta?.entities.find((e) => e.key === key);
  const entities = [...(meta?.entities ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <Box sx={{ p: 2 }} data-studio="entities">
      <Title title={t('entities')} />
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2 }}>
        <Typography variant="h5">{t('entities')}</Typography>
        <TextField
          select
          SelectProps={{ native: true }}
          size="small"
          label={t('entity')}
          value={key}
          onChange={(e) => navigate(`/studio/entities/${e.target.value}`)}
          sx={{ minWidth: 320 }}
          inputProps={{ 'data-entity-picker': true } as object}
        >
          <option value="">{t('pick_entity')}</option>
          {entities.map((e) => (
            <option key={e.key} value={e.key}>
              {(locale === 'lt' && e.labels?.lt?.title) || e.label} ({e.key})
            </option>
          ))}
        </TextField>
        <Box sx={{ flex: 1 }} />
        <Button component={Link} to="/studio/review" variant="contained" disabled={!edits.length} data-review>
          {t('draft_count', { count: edits.length })}
        </Button>
      </Stack>
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      {key && data && config && (
        <Stack spacing={2}>
          <Card variant="outlined">
            <CardContent>
              <Stack direction="row" alignItems="center">
                <Typography variant="h6" sx={{ flex: 1 }}>
                  {t('fields')}
                </Typography>
                <Button variant="outlined" onClick={() => setAdding(true)} data-add-field>
                  {t('add_field')}
                </Button>
              </Stack>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('field_name')}</TableCell>
                    <TableCell>{t('field_type')}</TableCell>
                    <TableCell>{t('label_en')}</TableCell>
                    <TableCell>{t('label_lt')}</TableCell>
                    <TableCell />
                    <TableCell>{t('position')}</TableCell>
                    <TableCell>{t('filterable')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.fields.map((f) => (
                    <FieldRow key={`${f.name}:${JSON.stringify(f.label)}:${f.hidden}`} entity={key} f={f} config={config} fields={data.fields} />
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
          {(key === 'crm.stage' || key === 'crm.opportunity') && <StagesCard config={config} onEdit={add} />}
          {entity?.naming && <NumberingCard key={entity.naming.pattern} entity={key} current={entity.naming.pattern} config={config} />}
          {entity && (
            <ListCard
              key={`${entity.listColumns.join(',')}:${entity.defaultSort}`}
              entity={key}
              fields={data.fields}
              columns={entity.listColumns}
              sort={entity.defaultSort}
              config={config}
            />
          )}
          <AddFieldDialog
            entity={key}
            open={adding}
            onClose={() => setAdding(false)}
            onAdd={(f) => {
              add(addFieldEdit(config, key, f, entity?.listColumns ?? []));
              setAdding(false);
            }}
          />
        </Stack>
      )}
    </Box>
  );
}
