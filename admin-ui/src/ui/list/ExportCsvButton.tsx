/** Export through the server's CSV (format=csv): the list's filters, sort and the user's permissions apply. */
import DownloadIcon from '@mui/icons-material/GetApp';
import { useState } from 'react';
import { Button, useDataProvider, useListContext, useNotify, useResourceContext } from 'react-admin';
import type { TesseraDataProvider } from '../../providers/dataProvider.js';

/** Saves a blob as a file through a temporary link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportCsvButton() {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const resource = useResourceContext()!;
  const { filterValues, sort, total } = useListContext();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const { blob, filename } = await dataProvider.exportCsv(resource, { filter: filterValues, sort });
      downloadBlob(blob, filename);
    } catch (err) {
      notify('tessera.export.failed', { type: 'error', messageArgs: { message: (err as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="ra.action.export" onClick={onClick} disabled={busy || total === 0}>
      <DownloadIcon />
    </Button>
  );
}
