/**
 * The screen of any declared report (/admin/reports/<plugin>.<id>): its filters from the
 * declaration's params, the answer's table with indented tree rows, section and total rows,
 * summary figures, paging, CSV export, and drill-down links (a row's `drill` opens another
 * report, a voucher opens its document). The filters live in the URL, so a drill-down, a
 * reload or a shared link shows the same figures.
 */
import {
  type SxProps,
  type Theme,
  Alert,
  Autocomplete,
  Box,
  Card,
  CardContent,
  Chip,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/GetApp';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Button, Title, useDataProvider, useGetList, useNotify, useTranslate } from 'react-admin';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { MetaReport } from '../../meta/types.js';
import type { TesseraDataProvider } from '../../providers/dataProvider.js';
import { useMeta } from '../../providers/metaStore.js';
import {
  cellText,
  drillPath,
  extraTables,
  inferTable,
  withRefTitles,
  reportSeries,
  reportLabel,
  paramRef,
  paramText,
  reportParams,
  reportQuery,
  rowLabel,
  voucherPath,
  type ReportAnswer,
  type ReportColumn,
  type ReportParam,
  type ReportRow,
  type ReportTable,
} from '../../mapping/reports.js';
import { useLocale } from '../hooks.js';
import { recordTitle } from '../../mapping/labels.js';
import { downloadBlob } from '../list/ExportCsvButton.js';
import { WidgetBarChart } from '../dashboard/MuiCharts.js';

function ReferenceParam({ param, entity, value, onChange }: { param: ReportParam; entity: string; value: string; onChange: (v: string) => void }) {
  const meta = useMeta();
  const locale = useLocale();
  const target = meta?.entities.find((e) => e.key === entity);
  const hasNumber = target?.fields.some((f) => f.name === 'number');
  const { data = [] } = useGetList(
    entity,
    { pagination: { page: 1, perPage: 1000 }, sort: { field: hasNumber ? 'number' : (target?.titleField ?? 'id'), order: 'ASC' } },
    { enabled: !!target },
  );
  const title = (r: Record<string, unknown>) =>
    `${hasNumber && target?.titleField !== 'number' ? `${r.number} ` : ''}${target ? recordTitle(target, r, locale) : String(r.id)}`;
  const selected = data.find((r) => String(r.id) === value) ?? null;
  return (
    <Autocomplete
      size="small"
      sx={{ width: 320 }}
      options={data}
      value={selected}
      getOptionLabel={(r) => title(r)}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_, r) => onChange(r ? String(r.id) : '')}
      renderInput={(props) => (
        <TextField {...props} label={param.label} inputProps={{ ...props.inputProps, 'data-param': param.name, 'data-param-ref': entity }} />
      )}
    />
  );
}

function Filters({ params, values, onChange }: { params: ReportParam[]; values: Record<string, string>; onChange: (name: string, v: string) => void }) {
  const translate = useTranslate();
  const meta = useMeta();
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
      {params.map((p) => {
        const v = values[p.name] ?? '';
        const entity = p.kind === 'reference' ? paramRef(p, values, params, meta) : undefined;
        // (a reference whose entity is chosen by another parameter starts afresh when that one changes)
        if (entity) return <ReferenceParam key={`${p.name}:${entity}`} param={p} entity={entity} value={v} onChange={(x) => onChange(p.name, x)} />;
        if (p.kind === 'enum')
          return (
            <TextField
              key={p.name}
              select
              size="small"
              label={p.label}
              value={v || p.default || ''}
              onChange={(ev) => onChange(p.name, ev.target.value)}
              sx={{ width: 200 }}
              slotProps={{ htmlInput: { 'data-param': p.name } }}
            >
              {!p.default && <MenuItem value="">{translate('tessera.report.any')}</MenuItem>}
              {p.choices!.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.name}
                </MenuItem>
              ))}
            </TextField>
          );
        return (
          <TextField
            key={p.name}
            size="small"
            type={p.kind === 'date' ? 'date' : 'text'}
            label={p.label}
            value={v}
            onChange={(ev) => onChange(p.name, ev.target.value)}
            sx={{ width: p.kind === 'date' ? 180 : 200 }}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-param': p.name } }}
          />
        );
      })}
    </Stack>
  );
}

/** A column's own label in the locale, else (an inferred column) the catalogue's name for a common key (count, amount...), else its label. */
const columnLabel = (c: ReportColumn, locale: string, translate: (key: string, options?: { _: string }) => string): string =>
  c.labels?.[locale] || (c.byKey ? translate(`tessera.report.column.${c.key}`, { _: c.label }) : c.label);

const rowSx = (r: ReportRow): SxProps<Theme> =>
  r.style === 'section'
    ? { '& td': { fontWeight: 600, bgcolor: 'action.hover', textTransform: 'uppercase', fontSize: 12, letterSpacing: 0.5 } }
    : r.style === 'grand_total'
      ? { '& td': { fontWeight: 700, borderTop: '2px solid', borderTopColor: 'text.primary' } }
      : r.style === 'total'
        ? { '& td': { fontWeight: 600, borderTop: '1px solid', borderTopColor: 'divider' } }
        : r.style === 'group'
          ? { '& td': { fontWeight: 500 } }
          : {};

function ReportTableView({ table, locale }: { table: ReportTable; locale: string }) {
  const meta = useMeta();
  const translate = useTranslate();
  const label = (c: ReportColumn) => columnLabel(c, locale, translate);
  const numeric = (c: ReportColumn) => c.type === 'money' || c.type === 'ratio' || c.type === 'number';
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table size="small" data-report-table>
        <TableHead>
          <TableRow>
            {table.columns.map((c) => (
              <TableCell key={c.key} align={numeric(c) ? 'right' : 'left'} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                {label(c)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {table.rows.map((r) => (
            <TableRow key={r.key} data-row-key={r.key} data-row-style={r.style ?? 'line'} sx={rowSx(r)} hover={!!r.drill}>
              {table.columns.map((c, i) => {
                const raw = r[c.key];
                // a column of record ids links to each record
                const record = c.ref && raw !== null && raw !== undefined && raw !== '' ? `/${c.ref}/${String(raw)}/show` : undefined;
                // a value naming an entity (voucher_type) reads as that entity's title
                const entity = c.type === 'text' && typeof raw === 'string' ? meta?.entities.find((e) => e.key === raw) : undefined;
                const text = record
                  ? String(r[c.shownBy ?? ''] ?? `#${String(raw)}`)
                  : c.key === 'label' && r.style === 'grand_total' && r.key === '__total'
                    ? translate('tessera.group.total')
                    : c.key === 'label'
                      ? rowLabel(r, locale)
                      : entity
                        ? (entity.labels?.[locale]?.title ?? entity.label)
                        : cellText(c.type, raw, locale);
                // the first column drills down; the voucher column opens the document
                const target = record ?? (i === 0 && r.drill ? drillPath(r.drill) : c.key === 'label' ? voucherPath(meta, r) : undefined);
                return (
                  <TableCell
                    key={c.key}
                    data-col={c.key}
                    align={numeric(c) ? 'right' : 'left'}
                    sx={{
                      whiteSpace: numeric(c) || c.type === 'date' ? 'nowrap' : undefined,
                      fontVariantNumeric: 'tabular-nums',
                      ...(i === 0 ? { pl: 2 + 2 * (r.level ?? 0) } : {}),
                    }}
                  >
                    {target ? (
                      <Link to={target} data-drill={record ? c.ref : i === 0 && r.drill ? r.drill.report : 'voucher'} style={{ color: 'inherit' }}>
                        {text}
                      </Link>
                    ) : typeof r.definition === 'string' && c.key === 'label' ? (
                      <Tooltip title={r.definition}>
                        <span>{text}</span>
                      </Tooltip>
                    ) : (
                      text
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function Summary({ answer, locale }: { answer: ReportAnswer; locale: string }) {
  if (!answer.summary?.length) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
      {answer.summary.map((s) => {
        const def = s.definitions?.[locale] ?? s.definition;
        // biome-ignore lint/correctness/useJsxKeyInIterable: the key is on the element returned below (Tooltip or span)
        const chip = (
          <Chip
            data-summary={s.key}
            variant="outlined"
            label={`${s.labels?.[locale] || s.label}: ${s.value === null ? '–' : cellText(s.type, s.value, locale)}`}
          />
        );
        return def ? (
          <Tooltip key={s.key} title={def}>
            {chip}
          </Tooltip>
        ) : (
          <span key={s.key}>{chip}</span>
        );
      })}
    </Stack>
  );
}

function ReportView({ report }: { report: MetaReport }) {
  const locale = useLocale();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const meta = useMeta();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => reportParams(report, locale, meta), [report, locale, meta]);
  const values = Object.fromEntries([...search.entries()]);
  // filters are edited locally and applied to the URL (the query) on each change of a complete value
  const [draft, setDraft] = useState<Record<string, string>>(values);
  const query = reportQuery(values);
  const { data, error, isFetching } = useQuery({ queryKey: ['report', report.id, query.toString()], queryFn: () => dataProvider.report(report.url, query) });
  const apply = (name: string, v: string) => {
    const next = { ...draft, [name]: v };
    setDraft(next);
    // a date being typed is applied once complete
    const p = params.find((x) => x.name === name);
    if (p?.kind === 'date' && v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return;
    const { offset: _o, ...rest } = next;
    setSearch(reportQuery(rest));
  };
  const exportCsv = async () => {
    try {
      const { blob, filename } = await dataProvider.reportCsv(report.url, query);
      downloadBlob(blob, filename);
    } catch (err) {
      notify('tessera.export.failed', { type: 'error', messageArgs: { message: (err as Error).message } });
    }
  };
  const paged = data && typeof data.total === 'number' && typeof data.limit === 'number';
  const extra = data ? extraTables(data) : [];
  const table: ReportTable | undefined = data ? withRefTitles(inferTable(data, meta, report.plugin) ?? data, meta, locale) : undefined;
  const series = table && Array.isArray(table.columns) ? reportSeries(table, locale) : undefined;
  const valueColumn = table?.columns?.find((c) => c.type === 'money') ?? table?.columns?.find((c) => c.type === 'number' && !c.ref);
  const chartLabel = valueColumn ? columnLabel(valueColumn, locale, translate) : '';
  const problem = (error as { body?: { error?: { message?: string } }; message?: string } | null) ?? null;
  return (
    <Card data-report={report.id}>
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" sx={{ flex: 1 }}>
            {reportLabel(report, locale)}
          </Typography>
          <Button label="ra.action.export" onClick={exportCsv} disabled={!data}>
            <DownloadIcon />
          </Button>
        </Stack>
        {report.description && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {report.descriptions?.[locale] ?? report.description}
          </Typography>
        )}
        <Filters params={params} values={draft} onChange={apply} />
        {isFetching && <LinearProgress sx={{ mb: 1 }} />}
        {problem && (
          <Alert severity="error" data-report-error sx={{ mb: 2 }}>
            {problem.body?.error?.message ?? problem.message}
          </Alert>
        )}
        {data && (
          <Box data-report-ready={data.report ?? report.id}>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-report-params>
              {Object.entries(data.params ?? {})
                .filter(([k]) => params.find((p) => p.name === k)?.kind !== 'reference')
                .map(([k, v]) => {
                  const p = params.find((x) => x.name === k);
                  return `${p?.label ?? k}: ${k.includes('from') || k.includes('to') || k === 'as_of' ? cellText('date', v, locale) : paramText(p, v, locale)}`;
                })
                .join(' · ')}
              {' · '}
              {data.currency}
            </Typography>
            <Summary answer={data} locale={locale} />
            {series && series.length > 1 && (
              <Box sx={{ mb: 2, maxWidth: 900 }} data-report-chart>
                <WidgetBarChart series={series} label={chartLabel} format={(n) => cellText('number', String(n), locale)} />
              </Box>
            )}
            {Array.isArray(table?.columns) ? (
              <ReportTableView table={table!} locale={locale} />
            ) : (
              <Typography color="text.secondary" data-report-empty>
                {translate('tessera.report.empty')}
              </Typography>
            )}
            {paged && (
              <TablePagination
                component="div"
                count={data.total!}
                page={Math.floor((data.offset ?? 0) / data.limit!)}
                rowsPerPage={data.limit!}
                rowsPerPageOptions={[25, 100, 500]}
                onPageChange={(_, page) => setSearch(reportQuery({ ...values, offset: String(page * data.limit!) }))}
                onRowsPerPageChange={(ev) => setSearch(reportQuery({ ...values, limit: ev.target.value, offset: '0' }))}
              />
            )}
            {extra.map(([key, table]) => (
              <Box key={key} sx={{ mt: 3 }} data-report-extra={key}>
                <Typography variant="subtitle1" sx={{ mb: 1 }}>
                  {(table as ReportTable & { labels?: Record<string, string>; label?: string }).labels?.[locale] ??
                    (table as { label?: string }).label ??
                    translate(`tessera.report.table.${key}`, { _: key })}
                </Typography>
                <ReportTableView table={table} locale={locale} />
              </Box>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

export default function ReportScreen() {
  const { id } = useParams();
  const meta = useMeta();
  const translate = useTranslate();
  const locale = useLocale();
  const report = meta?.reports?.find((r) => r.id === id);
  if (!meta) return null;
  if (!report) return <Alert severity="warning">{translate('tessera.report.unknown', { id: id ?? '' })}</Alert>;
  return (
    <>
      <Title title={reportLabel(report, locale)} />
      {/* keyed: another report (a drill-down) starts with its own filters */}
      <ReportView key={report.id} report={report} />
    </>
  );
}
