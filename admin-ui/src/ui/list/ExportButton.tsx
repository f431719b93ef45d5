/**
 * "Export" on a list: CSV or XLSX of the visible columns with the current filters and sort
 * (the server applies the user's permissions), decimals in the user's locale on request. A long
 * list exports as a background job: a progress bar, then a download link.
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
  TextField,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/GetApp';
import { useState } from 'react';
import { Button, useListContext, useTranslate } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { BACKGROUND_EXPORT_ROWS, percent, stillRunning, type ExportChoices } from '../../mapping/dataio.js';
import { chosenColumns } from '../../mapping/columns.js';
import { fetchFile, getJson, startExport, type ExportJob } from '../../providers/dataio.js';
import { useLocale } from '../hooks.js';
import { useChosenColumns } from './ColumnsButton.js';
import { downloadBlob } from './ExportCsvButton.js';

export function ExportButton({ entity }: { entity: MetaEntity }) {
  const translate = useTranslate();
  const locale = useLocale();
  const { filterValues, sort, total } = useListContext();
  const [chosen] = useChosenColumns(entity);
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportChoices['format']>('xlsx');
  const [localeDecimals, setLocaleDecimals] = useState(locale === 'lt');
  const [background, setBackground] = useState<boolean>();
  const [job, setJob] = useState<ExportJob>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const inBackground = background ?? (total ?? 0) > BACKGROUND_EXPORT_ROWS;

  const run = async () => {
    setBusy(true);
    setError(undefined);
    setJob(undefined);
    try {
      const columns = chosenColumns(entity, chosen).map((c) => c.source);
      const started = await startExport(entity, { filter: filterValues, sort }, { format, localeDecimals, lang: locale, background: inBackground, columns });
      if ('file' in started) {
        downloadBlob(started.file.blob, started.file.filename);
        setOpen(false);
        return;
      }
      let state = started.job;
      setJob(state);
      const url = `${entity.path}/export/${state.job}`;
      while (stillRunning(state.status)) {
        await new Promise((r) => setTimeout(r, 500));
        state = await getJson<ExportJob>(url);
        setJob(state);
      }
      if (state.status !== 'done') setError(state.message ?? state.status);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    if (!job?.download) return;
    try {
      const { blob, filename } = await fetchFile(job.download);
      downloadBlob(blob, filename);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <>
      <Button label="tessera.dataio.export" onClick={() => setOpen(true)} disabled={total === 0} data-export-button>
        <DownloadIcon />
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} maxWidth="sm" fullWidth data-export-dialog>
        <DialogTitle>
          {translate('tessera.dataio.export_title', { name: translate(`resources.${entity.key}.name`, { smart_count: 2, _: entity.plural }) })}
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" mb={2}>
            {translate('tessera.dataio.export_scope', { total: total ?? 0 })}
          </Typography>
          <TextField
            select
            size="small"
            label={translate('tessera.dataio.format')}
            value={format}
            onChange={(ev) => setFormat(ev.target.value as ExportChoices['format'])}
            data-export-format
          >
            <MenuItem value="xlsx">XLSX (Excel)</MenuItem>
            <MenuItem value="csv">CSV</MenuItem>
          </TextField>
          <Box>
            <FormControlLabel
              control={<Checkbox checked={localeDecimals} onChange={(ev) => setLocaleDecimals(ev.target.checked)} />}
              label={translate('tessera.dataio.locale_decimals')}
            />
          </Box>
          <Box>
            <FormControlLabel
              control={<Checkbox checked={inBackground} onChange={(ev) => setBackground(ev.target.checked)} data-export-background />}
              label={translate('tessera.dataio.export_background')}
            />
          </Box>
          {job && stillRunning(job.status) && (
            <Box mt={2} data-export-progress>
              <Typography variant="body2">{translate('tessera.dataio.export_running', { done: job.done, total: job.total })}</Typography>
              <LinearProgress variant="determinate" value={percent(job.done, job.total)} />
            </Box>
          )}
          {job?.status === 'done' && (
            <Alert severity="success" sx={{ mt: 2 }} action={<Button label="tessera.dataio.download" onClick={download} data-export-download />}>
              {translate('tessera.dataio.export_ready')}
            </Alert>
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button label="tessera.dataio.close" onClick={() => setOpen(false)} disabled={busy} />
          <Button label="tessera.dataio.export_run" variant="contained" onClick={run} disabled={busy} data-export-run />
        </DialogActions>
      </Dialog>
    </>
  );
}
