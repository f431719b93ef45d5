/**
 * Roles and permissions: a role's permissions as a matrix (entity x action: the standard ones
 * and the entity's declared actions), its row rules and field rules, each change a draft edit;
 * "View as this role" (the whole app answers as that role, read-only); and "why can't user X
 * see record Y" (ExplainPanel).
 */
import { Alert, Box, Button, Card, CardContent, Checkbox, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Title, useNotify } from 'react-admin';
import { Link } from 'react-router-dom';
import { HttpClient } from '../providers/http.js';
import { useMeta } from '../providers/metaStore.js';
import { studioApi } from './api.js';
import { draft, useDraft } from './draft.js';
import { ExplainPanel } from './ExplainPanel.js';
import { errorMessage, useStudioConfig, useT, useText, useViewAs } from './hooks.js';
import { roleEdit, type RoleDeclaration } from './patch.js';
import { allows, declarationOf, decidingLine, setFieldRule, setRowRule, toggle } from './roles.js';
import type { RoleRow } from './types.js';

const http = new HttpClient();
const STANDARD = ['read', 'create', 'update', 'delete', 'submit', 'cancel', 'export'];

export default function RolesScreen() {
  const t = useT();
  const text = useText();
  const notify = useNotify();
  const meta = useMeta();
  const edits = useDraft();
  const startViewAs = useViewAs();
  const { config } = useStudioConfig();
  const { data: roles, error } = useQuery({ queryKey: ['studio', 'roles'], queryFn: studioApi.roles });
  const [name, setName] = useState('');
  const [stored, setStored] = useState<{ name: string; decl: RoleDeclaration }>();
  const [ruleEntity, setRuleEntity] = useState('');
  const [ruleField, setRuleField] = useState('');
  const [ruleAccess, setRuleAccess] = useState<'hidden' | 'read'>('hidden');
  const selected = roles?.find((r) => r.name === name);
  useEffect(() => {
    if (!selected) return;
    // The list may leave line items out: read the role itself. A late answer for another role is dropped.
    let live = true;
    http.json<RoleRow>('GET', `/api/auth/role/${selected.id}`).then(
      (r) => live && setStored({ name: selected.name, decl: declarationOf(r) }),
      () => live && setStored({ name: selected.name, decl: declarationOf(selected) }),
    );
    return () => {
      live = false;
    };
  }, [selected]);
  // What the matrix shows: the draft's declaration of the role, else the stored one. Derived, never copied,
  // so an edit cannot be overwritten by a read that answers after it.
  const decl: RoleDeclaration | undefined =
    !selected || !config
      ? undefined
      : ((config.roles?.[selected.name] as RoleDeclaration | undefined) ?? (stored?.name === selected.name ? stored.decl : undefined));
  const entities = (meta?.entities ?? []).filter((e) => e.plugin !== 'auth' || e.key === 'auth.user').sort((a, b) => a.key.localeCompare(b.key));
  const save = (next: RoleDeclaration, what: { en: string; lt: string }) => {
    if (!config) return;
    const edit = roleEdit(config, name, next, what);
    draft.add(edit);
    notify(t('draft_added', { what: text(edit.summary) }), { type: 'info' });
  };
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  return (
    <Box sx={{ p: 2 }} data-studio="roles">
      <Title title={t('roles')} />
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2 }}>
        <Typography variant="h5">{t('roles')}</Typography>
        <TextField
          select
          size="small"
          label={t('role')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          sx={{ minWidth: 320 }}
          SelectProps={{ native: true }}
          inputProps={{ 'data-role-picker': true } as object}
        >
          <option value="" />
          {(roles ?? []).map((r) => (
            <option key={r.name} value={r.name}>
              {r.label} ({r.name})
            </option>
          ))}
        </TextField>
        {name && (
          <Button variant="outlined" onClick={() => startViewAs(name)} data-view-as={name}>
            {t('view_as')}
          </Button>
        )}
        <Box sx={{ flex: 1 }} />
        <Button component={Link} to="/studio/review" variant="contained" disabled={!edits.length}>
          {t('draft_count', { count: edits.length })}
        </Button>
      </Stack>
      {decl && (
        <Stack spacing={2}>
          <Card variant="outlined">
            <CardContent sx={{ overflowX: 'auto' }}>
              <Typography variant="h6">{t('matrix')}</Typography>
              <Table size="small" data-matrix={name}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('entity')}</TableCell>
                    {STANDARD.map((a) => (
                      <TableCell key={a} align="center">
                        {t(`action.${a}`)}
                      </TableCell>
                    ))}
                    <TableCell>{t('other_actions')}</TableCell>
                    <TableCell>{t('row_rule')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {entities.map((e) => {
                    const line = decidingLine(decl, e.key);
                    const declared = e.actions.map((a) => a.name);
                    const all = [...STANDARD.filter((a) => e.submittable || (a !== 'submit' && a !== 'cancel')), ...declared];
                    const rule = decl.rows?.[e.key] ?? (line ? decl.rows?.[line.pattern] : undefined) ?? '';
                    return (
                      <TableRow key={e.key} data-matrix-entity={e.key}>
                        <TableCell>
                          {e.label}{' '}
                          <Typography component="span" variant="caption" color="text.secondary">
                            {e.key}
                            {line && line.pattern !== e.key ? ` ← ${line.pattern}` : ''}
                          </Typography>
                        </TableCell>
                        {STANDARD.map((a) => (
                          <TableCell key={a} align="center" padding="checkbox">
                            {(e.submittable || (a !== 'submit' && a !== 'cancel')) && (
                              <Checkbox
                                size="small"
                                checked={allows(decl, e.key, a)}
                                onChange={() => save(toggle(decl, e.key, a, all), { en: `${a} on ${e.key}`, lt: `${a} objektui ${e.key}` })}
                                inputProps={{ 'aria-label': `${e.key} ${a}`, 'data-cell': `${e.key}:${a}` } as object}
                              />
                            )}
                          </TableCell>
                        ))}
                        <TableCell>
                          {declared.map((a) => (
                            <label key={a} style={{ marginRight: 8, whiteSpace: 'nowrap' }}>
                              <input
                                type="checkbox"
                                checked={allows(decl, e.key, a)}
                                onChange={() => save(toggle(decl, e.key, a, all), { en: `${a} on ${e.key}`, lt: `${a} objektui ${e.key}` })}
                              />
                              {a}
                            </label>
                          ))}
                        </TableCell>
                        <TableCell>
                          <TextField
                            select
                            size="small"
                            value={rule}
                            onChange={(ev) =>
                              save(setRowRule(decl, e.key, ev.target.value), {
                                en: `row rule ${ev.target.value || 'none'} on ${e.key}`,
                                lt: `eilučių taisyklė ${ev.target.value || 'nėra'} objektui ${e.key}`,
                              })
                            }
                            SelectProps={{ native: true }}
                            inputProps={{ 'aria-label': `${t('row_rule')}: ${e.key}`, 'data-row-rule': e.key } as object}
                          >
                            <option value="">{t('row_rule_none')}</option>
                            <option value="own">own</option>
                            {rule && rule !== 'own' && <option value={rule}>{rule}</option>}
                          </TextField>
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
          <Card variant="outlined" data-section="field-rules">
            <CardContent>
              <Typography variant="h6">{t('field_rules')}</Typography>
              <Table size="small">
                <TableBody>
                  {Object.entries(decl.fields ?? {}).flatMap(([entity, fields]) =>
                    Object.entries(fields).map(([field, access]) => (
                      <TableRow key={`${entity}.${field}`} data-field-rule={`${entity}.${field}`}>
                        <TableCell>{entity}</TableCell>
                        <TableCell>{field}</TableCell>
                        <TableCell>{access === 'hidden' ? t('access_hidden') : t('access_read')}</TableCell>
                        <TableCell>
                          <Button
                            size="small"
                            onClick={() =>
                              save(setFieldRule(decl, entity, field, ''), {
                                en: `no field rule on ${entity}.${field}`,
                                lt: `be lauko taisyklės ${entity}.${field}`,
                              })
                            }
                          >
                            {t('option_remove')}
                          </Button>
                        </TableCell>
                      </TableRow>
                    )),
                  )}
                </TableBody>
              </Table>
              <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                <TextField
                  select
                  size="small"
                  label={t('entity')}
                  value={ruleEntity}
                  onChange={(e) => setRuleEntity(e.target.value)}
                  sx={{ minWidth: 220 }}
                  SelectProps={{ native: true }}
                  inputProps={{ 'data-field-rule-new': 'entity' } as object}
                >
                  <option value="" />
                  {entities.map((e) => (
                    <option key={e.key} value={e.key}>
                      {e.key}
                    </option>
                  ))}
                </TextField>
                <TextField
                  select
                  size="small"
                  label={t('field_name')}
                  value={ruleField}
                  onChange={(e) => setRuleField(e.target.value)}
                  sx={{ minWidth: 180 }}
                  SelectProps={{ native: true }}
                  inputProps={{ 'data-field-rule-new': 'field' } as object}
                >
                  <option value="" />
                  {(entities.find((e) => e.key === ruleEntity)?.fields ?? []).map((f) => (
                    <option key={f.name} value={f.name}>
                      {f.name}
                    </option>
                  ))}
                </TextField>
                <TextField
                  select
                  size="small"
                  value={ruleAccess}
                  onChange={(e) => setRuleAccess(e.target.value as 'hidden' | 'read')}
                  SelectProps={{ native: true }}
                  inputProps={{ 'aria-label': t('field_rules'), 'data-field-rule-new': 'access' } as object}
                >
                  <option value="hidden">{t('access_hidden')}</option>
                  <option value="read">{t('access_read')}</option>
                </TextField>
                <Button
                  data-field-rule-add
                  disabled={!ruleEntity || !ruleField}
                  onClick={() =>
                    save(setFieldRule(decl, ruleEntity, ruleField, ruleAccess), {
                      en: `${ruleAccess} ${ruleEntity}.${ruleField}`,
                      lt: `${ruleAccess} ${ruleEntity}.${ruleField}`,
                    })
                  }
                >
                  {t('field_rule_add')}
                </Button>
              </Stack>
            </CardContent>
          </Card>
        </Stack>
      )}
      <Box sx={{ mt: 2 }}>
        <ExplainPanel />
      </Box>
    </Box>
  );
}
