/** Bar, pie and line charts as plain SVG (no chart library: a few hundred bytes instead of a few hundred kB). */
import { Box, Stack, Typography, useTheme } from '@mui/material';
import { barLayout, linePoints, pieSlices, type Point } from '../../mapping/dashboard.js';

const W = 320;
const H = 160;

function usePalette(): string[] {
  const t = useTheme();
  return [t.palette.primary.main, t.palette.secondary.main, t.palette.success.main, t.palette.warning.main, t.palette.info.main, t.palette.error.main, '#8e24aa', '#6d4c41'];
}

export function BarChart({ series, format }: { series: Point[]; format: (n: number) => string }) {
  const colors = usePalette();
  const { bars, max } = barLayout(series, W, H);
  return (
    <svg viewBox={`0 -14 ${W} ${H + 34}`} width="100%" style={{ maxHeight: 240 }} role="img" aria-label="bar chart">
      <line x1={0} y1={H} x2={W} y2={H} stroke="currentColor" opacity={0.3} />
      <text x={0} y={-4} fontSize={10} fill="currentColor" opacity={0.6}>{format(max)}</text>
      {bars.map((b) => (
        <g key={b.point.label}>
          <rect x={b.x} y={b.y} width={b.width} height={b.height} fill={colors[0]} rx={2}>
            <title>{`${b.point.label}: ${format(b.point.value)}`}</title>
          </rect>
          <text x={b.x + b.width / 2} y={H + 14} fontSize={10} textAnchor="middle" fill="currentColor">
            {b.point.label.length > 12 ? `${b.point.label.slice(0, 11)}…` : b.point.label}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function PieChart({ series, format }: { series: Point[]; format: (n: number) => string }) {
  const colors = usePalette();
  const r = 70;
  const slices = pieSlices(series, r);
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <svg viewBox={`0 0 ${2 * r} ${2 * r}`} width={2 * r} height={2 * r} role="img" aria-label="pie chart">
        {slices.map((s, i) => (
          <path key={s.point.label} d={s.path} fill={colors[i % colors.length]} stroke="#fff" strokeWidth={1}>
            <title>{`${s.point.label}: ${format(s.point.value)}`}</title>
          </path>
        ))}
      </svg>
      <Box>
        {slices.map((s, i) => (
          <Stack key={s.point.label} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Box sx={{ width: 10, height: 10, borderRadius: '2px', bgcolor: colors[i % colors.length] }} />
            <Typography variant="body2">
              {s.point.label}: {format(s.point.value)} ({Math.round(s.share * 100)}%)
            </Typography>
          </Stack>
        ))}
      </Box>
    </Stack>
  );
}

export function LineChart({ series, format }: { series: Point[]; format: (n: number) => string }) {
  const colors = usePalette();
  const PAD = 22;
  const { points, max } = linePoints(series, W - 2 * PAD, H);
  const d = points.map((p, i) => `${i ? 'L' : 'M'} ${p.x + PAD} ${p.y}`).join(' ');
  const every = Math.max(1, Math.ceil(points.length / 8));
  return (
    <svg viewBox={`0 -14 ${W} ${H + 34}`} width="100%" style={{ maxHeight: 240 }} role="img" aria-label="line chart">
      <line x1={0} y1={H} x2={W} y2={H} stroke="currentColor" opacity={0.3} />
      <text x={0} y={-4} fontSize={10} fill="currentColor" opacity={0.6}>{format(max)}</text>
      <path d={d} fill="none" stroke={colors[0]} strokeWidth={2} />
      {points.map((p, i) => (
        <g key={`${p.point.label}-${i}`}>
          <circle cx={p.x + PAD} cy={p.y} r={3} fill={colors[0]}>
            <title>{`${p.point.label}: ${format(p.point.value)}`}</title>
          </circle>
          {i % every === 0 && (
            <text x={p.x + PAD} y={H + 14} fontSize={10} textAnchor="middle" fill="currentColor">
              {p.point.label}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
