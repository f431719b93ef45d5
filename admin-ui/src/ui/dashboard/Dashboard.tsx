/** The home page: the plugins' dashboard widgets (figures and charts), or a friendly start page. */
import { Box, Card, CardActionArea, CardContent, CardHeader, Skeleton, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { MetaDashboardWidget } from '../../meta/types.js';
import type { TesseraDataProvider } from '../../providers/dataProvider.js';
import { useMeta } from '../../providers/metaStore.js';
import { menuGroups } from '../../mapping/resources.js';
import { widgetLabel } from '../../mapping/labels.js';
import { formatDecimal, formatMoney } from '../../mapping/format.js';
import { orderWidgets, pointLabeller, widgetPath, type Point } from '../../mapping/dashboard.js';
import { useCurrency, useLocale } from '../hooks.js';
import { MetaIcon } from '../MetaIcon.js';
import { WidgetBarChart, WidgetLineChart, WidgetPieChart } from './MuiCharts.js';

type WidgetAnswer = Awaited<ReturnType<TesseraDataProvider['dashboard']>>;

function Widget({ widget }: { widget: MetaDashboardWidget }) {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const translate = useTranslate();
  const locale = useLocale();
  const currency = useCurrency();
  const navigate = useNavigate();
  const meta = useMeta();
  const { data: answer, isPending, error } = useQuery({ queryKey: ['dashboard', widget.id], queryFn: () => dataProvider.dashboard(widget.url) });
  // chart points named in the locale (a stage's seeded title, a status's label)
  const labelOf = pointLabeller(widget, meta, locale);
  const data =
    answer?.kind === 'series' ? { ...answer, series: answer.series.map((p) => ({ ...p, label: labelOf(p) || translate('tessera.group.empty') })) } : answer;
  const money = widget.kind === 'money';
  const formatNumber = (n: number) => (money ? formatMoney(String(n), locale, currency, 0) : formatDecimal(String(n), locale, Number.isInteger(n) ? 0 : 2));
  const isChart = widget.kind === 'bar' || widget.kind === 'pie' || widget.kind === 'line';
  const target = widgetPath(widget.link);
  const onPoint = widget.link ? (p: Point) => navigate(widgetPath(widget.link, p)!) : undefined;
  const label = widgetLabel(widget, locale);
  // labels wrap instead of being cut
  const header = (
    <CardHeader
      title={label}
      slotProps={{ title: { variant: 'subtitle2', color: 'text.secondary', sx: { whiteSpace: 'normal', overflowWrap: 'anywhere' } } }}
      sx={{ pb: 0 }}
    />
  );
  const body = (
    <CardContent>
      {isPending && <Skeleton variant="rounded" height={isChart ? 160 : 40} />}
      {error && <Typography color="error">{translate('tessera.dashboard.error')}</Typography>}
      {data?.kind === 'figure' && <Figure data={data} money={money} />}
      {data?.kind === 'series' && data.series.length === 0 && <Typography color="text.secondary">{translate('tessera.dashboard.no_data')}</Typography>}
      {data?.kind === 'series' && data.series.length > 0 && widget.kind === 'pie' && (
        <WidgetPieChart series={data.series} format={formatNumber} label={label} onPoint={onPoint} />
      )}
      {data?.kind === 'series' && data.series.length > 0 && widget.kind === 'line' && (
        <WidgetLineChart series={data.series} format={formatNumber} label={label} onPoint={onPoint} />
      )}
      {data?.kind === 'series' && data.series.length > 0 && widget.kind !== 'pie' && widget.kind !== 'line' && (
        <WidgetBarChart series={data.series} format={formatNumber} label={label} onPoint={onPoint} />
      )}
    </CardContent>
  );
  const open = target
    ? { component: Link, to: target, 'data-widget-link': target, 'aria-label': translate('tessera.dashboard.open', { name: label }) }
    : undefined;
  return (
    <Card sx={{ gridColumn: isChart ? 'span 2' : undefined, minWidth: 0 }} data-widget={widget.id}>
      {/* a figure tile opens what is behind it as a whole; a chart by its title and by each point */}
      {open && !isChart ? (
        <CardActionArea {...open}>
          {header}
          {body}
        </CardActionArea>
      ) : (
        <>
          {open ? <CardActionArea {...open}>{header}</CardActionArea> : header}
          {body}
        </>
      )}
    </Card>
  );
}

function Figure({ data, money }: { data: Extract<WidgetAnswer, { kind: 'figure' }>; money: boolean }) {
  const locale = useLocale();
  const currency = useCurrency();
  return (
    <Typography variant="h4" sx={{ fontVariantNumeric: 'tabular-nums' }} data-widget-value>
      {money ? formatMoney(data.value, locale, currency) : formatDecimal(data.value, locale)}
    </Typography>
  );
}

function StartPage() {
  const meta = useMeta()!;
  const locale = useLocale();
  const translate = useTranslate();
  const groups = menuGroups(meta, locale);
  return (
    <Box>
      <Typography variant="h6">{translate('tessera.dashboard.empty_title')}</Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {translate('tessera.dashboard.empty_text')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 2 }}>
        {groups.flatMap((g) =>
          g.items.map((i) => (
            <Card key={i.resource} variant="outlined">
              <CardActionArea component={Link} to={`/${i.resource}`} sx={{ p: 2, display: 'flex', justifyContent: 'flex-start', gap: 2 }}>
                <MetaIcon name={i.icon} color="primary" />
                <Box>
                  <Typography variant="subtitle1">{i.label}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {g.label}
                  </Typography>
                </Box>
              </CardActionArea>
            </Card>
          )),
        )}
      </Box>
    </Box>
  );
}

export default function Dashboard() {
  const meta = useMeta();
  const translate = useTranslate();
  if (!meta) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('tessera.dashboard.title')} />
      <Typography variant="h5" sx={{ mb: 2 }}>
        {translate('tessera.dashboard.welcome', { company: meta.company.name })}
      </Typography>
      {meta.dashboard.length ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: 2, alignItems: 'start' }}>
          {orderWidgets(meta.dashboard).map((w) => (
            <Widget key={w.id} widget={w} />
          ))}
        </Box>
      ) : (
        <StartPage />
      )}
    </Box>
  );
}
