/** "Why can't user X see record Y": user, entity and record id in; the verdict and the rule that decides out (GET /api/auth/explain). */
import { Alert, Box, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useMeta } from '../providers/metaStore.js';
import { studioApi } from './api.js';
import { errorMessage, useT, useText } from './hooks.js';
import type { Explanation } from './types.js';

export function ExplainPanel() {
  const t = useT();
  const text = useText();
  const meta = useMeta();
  const [user, setUser] = useState('');
  const [entity, setEntity] = useState('');
  const [id, setId] = useState('');
  const [answer, setAnswer] = useState<Explanation>();
  const [error, setError] = useState<string>();
  const run = async () => {
    setError(undefined);
    setAnswer(undefined);
    try {
      setAnswer(await studioApi.explain(user.trim(), entity, id.trim()));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Card variant="outlined" data-section="explain">
      <CardContent>
        <Typography variant="h6">{t('explain')}</Typography>
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <TextField
            size="small"
            label={t('explain_user')}
            value={user}
            onChange={(e) => setUser(e.target.value)}
            inputProps={{ 'data-explain': 'user' } as object}
          />
          <TextField
            select
            size="small"
            label={t('explain_entity')}
            value={entity}
            onChange={(e) => setEntity(e.target.value)}
            SelectProps={{ native: true }}
            sx={{ minWidth: 240 }}
            inputProps={{ 'data-explain': 'entity' } as object}
          >
            <option value="" />
            {(meta?.entities ?? []).map((e) => (
              <option key={e.key} value={e.key}>
                {e.key}
              </option>
            ))}
          </TextField>
          <TextField size="small" label={t('explain_id')} value={id} onChange={(e) => setId(e.target.value)} inputProps={{ 'data-explain': 'id' } as object} />
          <Button variant="contained" disabled={!user || !entity || !id} onClick={run} data-explain-run>
            {t('explain_run')}
          </Button>
        </Stack>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
        {answer && (
          <Box sx={{ mt: 2 }} data-explain-result={answer.allowed ? 'allowed' : 'denied'} data-denied-by={answer.deniedBy ?? ''}>
            <Alert severity={answer.allowed ? 'success' : 'warning'}>
              <strong>{t(answer.allowed ? 'explain_allowed' : 'explain_denied', { user: answer.user.username })}</strong>
              {answer.deniedBy && ` — ${t('explain_decides')}: ${t(`denied_by.${answer.deniedBy}`)}`}
              <div data-explain-reason>{text(answer.reason)}</div>
            </Alert>
            <Stack spacing={0.5} sx={{ mt: 1 }}>
              {[...answer.roleRules, ...answer.rowRules].map((r, i) => (
                <Stack key={i} direction="row" spacing={1} alignItems="center">
                  <Chip
                    size="small"
                    label={r.result}
                    color={r.result === 'grants' || r.result === 'admits' ? 'success' : r.result === 'overridden' ? 'default' : 'warning'}
                  />
                  <Typography variant="body2">{text(r.reason)}</Typography>
                </Stack>
              ))}
              {answer.fieldRules.map((f) => (
                <Stack key={f.field} direction="row" spacing={1} alignItems="center">
                  <Chip size="small" label={f.access === 'hidden' ? t('access_hidden') : t('access_read')} />
                  <Typography variant="body2">{text(f.reason)}</Typography>
                </Stack>
              ))}
            </Stack>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
