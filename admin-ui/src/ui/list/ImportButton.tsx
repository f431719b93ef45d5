/**
 * "Import" on a list: upload a CSV or XLSX file (and a lines file, or a workbook whose second
 * sheet holds the lines), choose the mode, key, error handling and the file's locale, dry run
 * (the column mapping and the refused rows in a table), then import. A large file runs in the
 * background: a progress bar until it is done. The error file downloads; the history lists the
 * past imports, each revertible.
 */
import {
  Alert,
  Box,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import UploadIcon from '@mui/icons-material/Publish';
import { useEffect, useState } from 'react';
import { Button, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { keyChoices, stillRunning, percent, type ImportAnswer, type ImportChoices, type ImportMode } from '../../mapping/dataio.js';
import { DataIoError, fetchFile, getJson, importHistory, postJson, uploadImport } from '../../providers/dataio.js';
import { useFieldLabel, useLocale } from '../hooks.js';
import { downloadBlob } from './ExportCsvButton.js';

const POLL_MS = 500;

function Problems({ answer }: { answer: ImportAnswer }) {
  const translate = useTranslate();
  const problems = answer.problems ?? [];
  if (!problems.length) return null;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">{translate('tessera.dataio.problems')}</Typography>
      {(answer.problemCount ?? problems.length) > problems.length && (
        <Typography variant="body2" color="text.secondary">
          {translate('tessera.dataio.problems_more', { shown: problems.length, count: answer.problemCount })}
        </Typography>
      )}
      <Table size="small" data-import-problems>
        <TableHead>
          <TableRow>
            <TableCell>{translate('tessera.dataio.row')}</TableCell>
            <TableCell>{translate('tessera.dataio.column')}</TableCell>
            <TableCell>{translate('tessera.dataio.message')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {problems.slice(0, 200).map((p, i) => (
            <TableRow key={`${p.sheet ?? ''}${p.row}-${i}`} data-problem-row={p.row}>
              <TableCell>{p.sheet ? `${translate('tessera.dataio.lines_file')}: ${p.row}` : p.row}</TableCell>
              <TableCell>{p.column ?? p.field ?? ''}</TableCell>
              <TableCell>{p.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function Mapping({ entity, answer }: { entity: MetaEntity; answer: ImportAnswer }) {
  const translate = useTranslate();
  const labelOf = useFieldLabel();
  if (!answer.columns?.length) return null;
  const fieldLabel = (name: string) => {
    const [head, tail] = name.split('.');
    const f = entity.fields.find((x) => x.name === head);
    if (!f) return name;
    return tail ? `${labelOf(f)}: ${tail}` : labelOf(f);
  };
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">{translate('tessera.dataio.mapping')}</Typography>
      <Table size="small" data-import-mapping>
        <TableHead>
          <TableRow>
            <TableCell>{translate('tessera.dataio.mapping_column')}</TableCell>
            <TableCell>{translate('tessera.dataio.mapping_field')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {answer.columns.map((c) => (
            <TableRow key={c.column}>
              <TableCell>{c.column}</TableCell>
              <TableCell>{c.field ? fieldLabel(c.field) : translate('tessera.dataio.mapping_ignored', { reason: c.ignored ?? '' })}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function History({ entity, version }: { entity: MetaEntity; version: number }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [rows, setRows] = useState<Awaited<ReturnType<typeof importHistory>>['data']>([]);
  const [again, setAgain] = useState(0);
  useEffect(() => {
    importHistory(entity)
      .then((r) => setRows(r.data))
      .catch(() => setRows([]));
  }, [entity, version, again]);
  const revert = async (url: string, id: number) => {
    try {
      await postJson(url);
      notify('tessera.dataio.reverted', { type: 'info', messageArgs: { id } });
      refresh();
      setAgain((n) => n + 1);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Box mt={3}>
      <Typography variant="subtitle2">{translate('tessera.dataio.history')}</Typography>
      {!rows.length && <Typography variant="body2">{translate('tessera.dataio.history_empty')}</Typography>}
      {!!rows.length && (
        <Table size="small" data-import-history>
          <TableBody>
            {rows.map((b) => (
              <TableRow key={b.id} data-batch={b.id}>
                <TableCell>{b.id}</TableCell>
                <TableCell>{b.startedAt ? new Date(b.startedAt).toLocaleString() : ''}</TableCell>
                <TableCell>{translate(`tessera.dataio.status.${b.status}`, { _: b.status })}</TableCell>
                <TableCell>
                  {translate('tessera.dataio.summary_done', {
                    total: b.total ?? 0,
                    created: b.created ?? 0,
                    updated: b.updated ?? 0,
                    unchanged: b.unchanged ?? 0,
                    failed: b.failed ?? 0,
                  })}
                </TableCell>
                <TableCell>{b.revert && <Button label="tessera.dataio.revert" onClick={() => revert(b.revert!, b.id)} data-revert={b.id} />}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

export function ImportButton({ entity }: { entity: MetaEntity }) {
  const translate = useTranslate();
  const locale = useLocale();
  const labelOf = useFieldLabel();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File>();
  const [lines, setLines] = useState<File>();
  const [choices, setChoices] = useState<ImportChoices>({ mode: 'insert', onError: 'rollback', locale: locale === 'lt' ? 'lt' : 'en', dryRun: true });
  const [answer, setAnswer] = useState<ImportAnswer>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const hasLines = entity.fields.some((f) => f.kind === 'children');
  const set = (patch: Partial<ImportChoices>) => {
    setChoices((c) => ({ ...c, ...patch }));
    setAnswer(undefined);
  };

  const poll = async (url: string): Promise<ImportAnswer> => {
    for (;;) {
      const state = await getJson<ImportAnswer>(url);
      setAnswer(state);
      if (!stillRunning(state.status)) return state;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setAnswer(undefined);
    try {
      let res = await uploadImport(entity, file, lines, { ...choices, dryRun });
      if (stillRunning(res.status) && typeof res.progress === 'string') res = await poll(res.progress);
      setAnswer(res);
      if (!dryRun && res.status === 'done') {
        notify('tessera.dataio.done', { type: 'info' });
        refresh();
      }
      setVersion((v) => v + 1);
    } catch (err) {
      if (err instanceof DataIoError && err.answer) setAnswer(err.answer);
      else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    const id = answer?.id ?? answer?.batch;
    if (id) await postJson(`${entity.path}/import/${id}/cancel`).catch((err: Error) => setError(err.message));
  };

  const download = async (url: string) => {
    try {
      const { blob, filename } = await fetchFile(url);
      downloadBlob(blob, filename);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const running = stillRunning(answer?.status);
  const counts = {
    total: answer?.total ?? 0,
    created: answer?.created ?? 0,
    updated: answer?.updated ?? 0,
    unchanged: answer?.unchanged ?? 0,
    failed: answer?.failed ?? 0,
  };
  return (
    <>
      <Button label="tessera.dataio.import" onClick={() => setOpen(true)} data-import-button>
        <UploadIcon />
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} maxWidth="md" fullWidth data-import-dialog>
        <DialogTitle>
          {translate('tessera.dataio.import_title', { name: translate(`resources.${entity.key}.name`, { smart_count: 2, _: entity.plural }) })}
        </DialogTitle>
        <DialogContent>
          <Box display="flex" flexWrap="wrap" gap={2} mt={1} alignItems="center">
            <Button label="tessera.dataio.choose_file" component="label" variant="outlined">
              <input
                hidden
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                data-import-file
                onChange={(ev) => {
                  setFile(ev.target.files?.[0]);
                  setAnswer(undefined);
                }}
              />
            </Button>
            <Typography variant="body2">{file?.name ?? translate('tessera.dataio.file')}</Typography>
            {hasLines && (
              <>
                <Button label="tessera.dataio.lines_file" component="label" variant="text">
                  <input hidden type="file" accept=".csv,.xlsx" data-import-lines onChange={(ev) => setLines(ev.target.files?.[0])} />
                </Button>
                {lines && <Typography variant="body2">{lines.name}</Typography>}
                <FormControlLabel
                  control={<Checkbox checked={!!choices.linesSheet} onChange={(ev) => set({ linesSheet: ev.target.checked })} />}
                  label={translate('tessera.dataio.lines_sheet')}
                />
              </>
            )}
            <Button label="tessera.dataio.template" onClick={() => download(`${entity.path}/import/template?lang=${locale === 'lt' ? 'lt' : 'en'}`)} />
          </Box>
          <Box display="flex" flexWrap="wrap" gap={2} mt={2}>
            <TextField
              select
              size="small"
              label={translate('tessera.dataio.mode')}
              value={choices.mode}
              onChange={(ev) => set({ mode: ev.target.value as ImportMode })}
              data-import-mode
            >
              {(['insert', 'upsert', 'update'] as const).map((m) => (
                <MenuItem key={m} value={m}>
                  {translate(`tessera.dataio.mode_${m}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={translate('tessera.dataio.key')}
              value={choices.key ?? ''}
              onChange={(ev) => set({ key: ev.target.value || undefined })}
            >
              <MenuItem value="">{translate('tessera.dataio.key_auto')}</MenuItem>
              {keyChoices(entity).map((k) => {
                const f = entity.fields.find((x) => x.name === k);
                return (
                  <MenuItem key={k} value={k}>
                    {f ? labelOf(f) : k}
                  </MenuItem>
                );
              })}
            </TextField>
            <TextField
              select
              size="small"
              label={translate('tessera.dataio.on_error')}
              value={choices.onError}
              onChange={(ev) => set({ onError: ev.target.value as ImportChoices['onError'] })}
            >
              <MenuItem value="rollback">{translate('tessera.dataio.on_error_rollback')}</MenuItem>
              <MenuItem value="skip">{translate('tessera.dataio.on_error_skip')}</MenuItem>
            </TextField>
            <TextField
              select
              size="small"
              label={translate('tessera.dataio.locale')}
              value={choices.locale}
              onChange={(ev) => set({ locale: ev.target.value as 'en' | 'lt' })}
            >
              <MenuItem value="en">{translate('tessera.dataio.locale_en')}</MenuItem>
              <MenuItem value="lt">{translate('tessera.dataio.locale_lt')}</MenuItem>
            </TextField>
          </Box>
          {error && (
            <Alert severity="error" sx={{ mt: 2 }} data-import-error>
              {error}
            </Alert>
          )}
          {running && (
            <Box mt={2} data-import-progress>
              <Typography variant="body2">
                {answer?.status === 'queued'
                  ? translate('tessera.dataio.queued')
                  : translate('tessera.dataio.running', { done: answer?.done ?? 0, total: answer?.total ?? 0 })}
              </Typography>
              <LinearProgress variant="determinate" value={percent(answer?.done, answer?.total)} />
            </Box>
          )}
          {answer && !running && (
            <Box mt={2} data-import-outcome={answer.status}>
              {answer.status === 'rejected' && <Alert severity="error">{translate('tessera.dataio.rejected')}</Alert>}
              {answer.status === 'failed' && <Alert severity="error">{translate('tessera.dataio.failed', { message: answer.message ?? '' })}</Alert>}
              {answer.status === 'cancelled' && <Alert severity="warning">{translate('tessera.dataio.cancelled')}</Alert>}
              {answer.status === 'dry_run' && !answer.failed && <Alert severity="success">{translate('tessera.dataio.dry_run_clean')}</Alert>}
              {answer.status === 'done' && <Alert severity="success">{translate('tessera.dataio.done')}</Alert>}
              {answer.total !== undefined && (
                <Typography variant="body2" mt={1} data-import-summary>
                  {translate(answer.status === 'dry_run' ? 'tessera.dataio.summary' : 'tessera.dataio.summary_done', counts)}
                </Typography>
              )}
              {answer.errorFile && <Button label="tessera.dataio.error_file" onClick={() => download(answer.errorFile!)} data-import-error-file />}
              <Mapping entity={entity} answer={answer} />
              <Problems answer={answer} />
            </Box>
          )}
          <History entity={entity} version={version} />
        </DialogContent>
        <DialogActions>
          {running && <Button label="tessera.dataio.cancel" onClick={cancel} data-import-cancel />}
          <Button label="tessera.dataio.close" onClick={() => setOpen(false)} disabled={busy} />
          <Button label="tessera.dataio.dry_run" onClick={() => run(true)} disabled={!file || busy} data-import-dry-run />
          <Button label="tessera.dataio.run" variant="contained" onClick={() => run(false)} disabled={!file || busy} data-import-run />
        </DialogActions>
      </Dialog>
    </>
  );
}
