/** History: the configuration's revisions (who, when, comment), the changes of one against the one before, and revert (its plan first). */
import { Alert, Box, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title } from 'react-admin';
import { useLocale } from '../ui/hooks.js';
import { studioApi } from './api.js';
import { errorMessage, useReloadModel, useT, useText } from './hooks.js';
import { PlanView } from './ReviewScreen.js';
import type { Plan } from './types.js';

export default function HistoryScreen() {
  const t = useT();
  const text = useText();
  const locale = useLocale();
  const client = useQueryClient();
  const reload = useReloadModel();
  const { data, error } = useQuery({ queryKey: ['studio', 'revisions'], queryFn: () => studioApi.revisions(100) });
  const [version, setVersion] = useState<number>();
  const { data: detail } = useQuery({ queryKey: ['studio', 'revision', version], queryFn: () => studioApi.revision(version!), enabled: version !== undefined });
  const [revert, setRevert] = useState<Plan>();
  const [revertError, setRevertError] = useState<string>();
  const [applied, setApplied] = useState<number>();
  const startRevert = async (v: number) => {
    setRevertError(undefined);
    setApplied(undefined);
    try {
      setRevert(await studioApi.revert(v));
    } catch (err) {
      setRevertError(errorMessage(err));
    }
  };
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  return (
    <Box sx={{ p: 2, maxWidth: 1200 }} data-studio="history">
      <Title title={t('history')} />
      <Typography variant="h5" gutterBottom>
        {t('revisions')}
      </Typography>
      {applied !== undefined && <Alert severity="success">{t('applied', { version: applied })}</Alert>}
      {data && !data.data.length && <Typography color="text.secondary">{t('no_revisions')}</Typography>}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('version')}</TableCell>
            <TableCell>{t('when')}</TableCell>
            <TableCell>{t('who')}</TableCell>
            <TableCell>{t('comment')}</TableCell>
            <TableCell>{t('what')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(data?.data ?? []).map((r) => (
            <TableRow
              key={r.version}
              hover
              selected={r.version === version}
              onClick={() => setVersion(r.version)}
              sx={{ cursor: 'pointer' }}
              data-revision={r.version}
            >
              <TableCell>{r.version}</TableCell>
              <TableCell>{new Date(r.created_at).toLocaleString(locale === 'lt' ? 'lt-LT' : 'en-GB')}</TableCell>
              <TableCell>{String(r.created_by ?? '')}</TableCell>
              <TableCell>{r.comment}</TableCell>
              <TableCell>{(r.summary ?? []).join('; ')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {detail && (
        <Card variant="outlined" sx={{ mt: 2 }} data-revision-detail={detail.version}>
          <CardContent>
            <Stack direction="row" alignItems="center">
              <Typography variant="h6" sx={{ flex: 1 }}>
                {t('diff', { version: detail.version })}
              </Typography>
              <Button variant="outlined" color="warning" onClick={() => startRevert(detail.version)} data-revert={detail.version}>
                {t('revert')}
              </Button>
            </Stack>
            {detail.diff.map((c) => (
              <Stack key={c.id} direction="row" spacing={1} alignItems="center" sx={{ mt: 0.5 }}>
                <Chip size="small" label={c.kind} />
                <Typography variant="body2">{text(c.description)}</Typography>
              </Stack>
            ))}
          </CardContent>
        </Card>
      )}
      {revertError && <Alert severity="error">{revertError}</Alert>}
      {revert && (
        <Card variant="outlined" sx={{ mt: 2 }}>
          <CardContent>
            <Typography variant="h6" gutterBottom>
              {t('revert_title', { version: version ?? '' })}
            </Typography>
            <PlanView
              plan={revert}
              onApplied={async (v) => {
                setRevert(undefined);
                setApplied(v);
                await client.invalidateQueries({ queryKey: ['studio'] });
                await reload();
              }}
            />
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
