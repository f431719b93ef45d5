/** Print / Download PDF / E-mail on a document that has a print format. */
import { useEffect, useState } from 'react';
import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { Button, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { MetaEntity } from '../../meta/types.js';
import { MetaIcon } from '../MetaIcon.js';
import { recordTitle } from '../../mapping/labels.js';
import { useLocale } from '../hooks.js';
import { emailDocument, pdfUrl, printFormats } from './api.js';

export function usePrintable(entity: MetaEntity): boolean {
  const [printable, setPrintable] = useState(false);
  useEffect(() => {
    let live = true;
    void printFormats().then((f) => live && setPrintable(!!f[entity.key]?.length));
    return () => {
      live = false;
    };
  }, [entity.key]);
  return printable;
}

function EmailDialog({ entity, record, onClose }: { entity: MetaEntity; record: Record<string, any>; onClose: () => void }) {
  const locale = useLocale();
  const translate = useTranslate();
  const notify = useNotify();
  const [to, setTo] = useState('');
  const [cc, setCc] = useState('');
  const [subject, setSubject] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const list = (s: string) =>
        s
          .split(/[,;]/)
          .map((x) => x.trim())
          .filter(Boolean);
      await emailDocument(entity.path, record.id, {
        ...(to.trim() ? { to: list(to) } : {}),
        ...(cc.trim() ? { cc: list(cc) } : {}),
        ...(subject.trim() ? { subject } : {}),
      });
      notify('tessera.outbound.email_queued', { type: 'success' });
      onClose();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-email-dialog>
      <DialogTitle>{translate('tessera.outbound.email_title', { name: recordTitle(entity, record, locale) })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField label={translate('tessera.outbound.email_to')} value={to} onChange={(e) => setTo(e.target.value)} name="to" size="small" />
          <TextField label={translate('tessera.outbound.email_cc')} value={cc} onChange={(e) => setCc(e.target.value)} name="cc" size="small" />
          <TextField
            label={translate('tessera.outbound.email_subject')}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            name="subject"
            size="small"
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
        <MuiButton variant="contained" onClick={send} disabled={busy} data-email-send>
          {translate('tessera.outbound.email_send')}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
}

export function PrintButtons({ entity }: { entity: MetaEntity }) {
  const record = useRecordContext();
  const printable = usePrintable(entity);
  const [emailing, setEmailing] = useState(false);
  if (!record || !printable) return null;
  return (
    <>
      <Button label="tessera.outbound.print" onClick={() => window.open(pdfUrl(entity.path, record.id), '_blank', 'noopener')} data-print>
        <MetaIcon name="print" />
      </Button>
      <Button label="tessera.outbound.download_pdf" onClick={() => (window.location.href = pdfUrl(entity.path, record.id, true))} data-download-pdf>
        <MetaIcon name="picture_as_pdf" />
      </Button>
      <Button label="tessera.outbound.email" onClick={() => setEmailing(true)} data-email>
        <MetaIcon name="mail" />
      </Button>
      {emailing && <EmailDialog entity={entity} record={record} onClose={() => setEmailing(false)} />}
    </>
  );
}
