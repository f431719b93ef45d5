/** The Files tab of a record: attachments (upload, download, delete) and the e-mails sent about it. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Button as MuiButton, Chip, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { deleteFile, listFiles, listMessages, uploadFile, type FileInfo, type MessageInfo } from './api.js';

const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} kB` : `${n} B`);

export function FilesTab({ entity }: { entity: MetaEntity }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<FileInfo[] | undefined>();
  const [messages, setMessages] = useState<MessageInfo[]>([]);
  const load = useCallback(async () => {
    if (!record) return;
    try {
      setFiles((await listFiles(entity.path, record.id)).data);
      setMessages((await listMessages(entity.path, record.id).catch(() => ({ data: [] }))).data);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  }, [entity.path, record?.id]);
  useEffect(() => {
    void load();
  }, [load]);
  const upload = async (file: File | undefined) => {
    if (!file || !record) return;
    try {
      await uploadFile(entity.path, record.id, file);
      notify('tessera.outbound.files_uploaded', { type: 'success' });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
    if (input.current) input.current.value = '';
    await load();
  };
  const remove = async (f: FileInfo) => {
    try {
      await deleteFile(f.id);
      notify('tessera.outbound.files_deleted', { type: 'info' });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
    await load();
  };
  return (
    <Stack spacing={2} data-files-tab>
      <Box>
        <input ref={input} type="file" hidden onChange={(e) => void upload(e.target.files?.[0])} data-file-input />
        <MuiButton variant="outlined" size="small" onClick={() => input.current?.click()}>
          {translate('tessera.outbound.files_upload')}
        </MuiButton>
      </Box>
      {files && files.length === 0 && <Typography color="text.secondary">{translate('tessera.outbound.files_empty')}</Typography>}
      {files && files.length > 0 && (
        <Table size="small" data-files>
          <TableHead>
            <TableRow>
              <TableCell>{translate('tessera.outbound.files_name')}</TableCell>
              <TableCell align="right">{translate('tessera.outbound.files_size')}</TableCell>
              <TableCell>{translate('tessera.outbound.files_when')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {files.map((f) => (
              <TableRow key={f.id} data-file={f.name}>
                <TableCell>
                  <Link href={f.url}>{f.name}</Link>
                </TableCell>
                <TableCell align="right">{size(f.size)}</TableCell>
                <TableCell>{new Date(f.created_at).toLocaleString()}</TableCell>
                <TableCell align="right">
                  <MuiButton size="small" color="error" onClick={() => void remove(f)}>
                    {translate('tessera.outbound.files_delete')}
                  </MuiButton>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="subtitle2">{translate('tessera.outbound.messages')}</Typography>
      {messages.length === 0 ? (
        <Typography color="text.secondary">{translate('tessera.outbound.messages_empty')}</Typography>
      ) : (
        <Table size="small" data-messages>
          <TableBody>
            {messages.map((m) => (
              <TableRow key={m.id}>
                <TableCell>{new Date(m.created_at).toLocaleString()}</TableCell>
                <TableCell>{m.subject}</TableCell>
                <TableCell>{m.to}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    color={m.status === 'sent' ? 'success' : m.status === 'failed' ? 'error' : 'default'}
                    label={translate(`tessera.outbound.status.${m.status}`)}
                    title={m.error ?? undefined}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}
