'use client';

/**
 * The Recharts charts of the dashboard. Loaded with next/dynamic (ssr: false) from dashboard-page.tsx,
 * so Recharts is not part of any page's first load. They are pictures for sighted users: the page puts
 * the same figures in a table and a legend for assistive technology, so the charts take no focus.
 */
import { CartesianGrid, Legend, Line, LineChart, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { CallStatus } from '@ct/contracts/enums';
import { useTheme } from '@/lib/theme/use-theme';
import { chartPalette, STATUS_COLORS } from './chart-colors';

export interface SeriesPoint {
  date: string;
  label: string;
  calls: number;
  reached: number;
}

export function CallsLineChart({
  points,
  labels,
  formatNumber,
}: {
  points: SeriesPoint[];
  labels: { calls: string; reached: string };
  formatNumber: (value: number) => string;
}) {
  const { theme } = useTheme();
  const palette = chartPalette(theme);
  const tooltipStyle = {
    backgroundColor: palette.tooltipBackground,
    borderColor: palette.tooltipBorder,
    borderRadius: 12,
    color: palette.tooltipText,
    fontSize: 13,
  };
  return (
    <LineChart
      responsive
      data={points}
      style={{ width: '100%', height: 320 }}
      margin={{ top: 8, right: 12, bottom: 0, left: -12 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="label"
        tick={{ fill: palette.axis, fontSize: 12 }}
        tickLine={false}
        axisLine={{ stroke: palette.grid }}
        minTickGap={16}
      />
      <YAxis
        allowDecimals={false}
        tick={{ fill: palette.axis, fontSize: 12 }}
        tickLine={false}
        axisLine={false}
        tickFormatter={formatNumber}
        width={48}
      />
      <Tooltip
        contentStyle={tooltipStyle}
        labelStyle={{ color: palette.tooltipText, fontWeight: 600 }}
        itemStyle={{ color: palette.tooltipText }}
        formatter={(value) => (typeof value === 'number' ? formatNumber(value) : String(value ?? ''))}
      />
      <Legend wrapperStyle={{ fontSize: 13, color: palette.axis }} iconType="circle" />
      <Line
        type="monotone"
        dataKey="calls"
        name={labels.calls}
        stroke={palette.calls}
        strokeWidth={2.5}
        dot={false}
        activeDot={{ r: 5 }}
        isAnimationActive={false}
      />
      <Line
        type="monotone"
        dataKey="reached"
        name={labels.reached}
        stroke={palette.reached}
        strokeWidth={2.5}
        dot={false}
        activeDot={{ r: 5 }}
        isAnimationActive={false}
      />
    </LineChart>
  );
}

export interface MixSlice {
  status: CallStatus;
  label: string;
  count: number;
}

export function StatusDonut({ slices, formatNumber }: { slices: MixSlice[]; formatNumber: (value: number) => string }) {
  const { theme } = useTheme();
  const palette = chartPalette(theme);
  const data = slices.map((slice) => ({ ...slice, fill: STATUS_COLORS[slice.status][theme] }));
  return (
    <PieChart responsive style={{ width: '100%', height: 200 }} accessibilityLayer={false}>
      <Pie
        data={data}
        dataKey="count"
        nameKey="label"
        rootTabIndex={-1}
        innerRadius="58%"
        outerRadius="92%"
        paddingAngle={data.length > 1 ? 1.5 : 0}
        stroke={palette.sectorStroke}
        strokeWidth={2}
        isAnimationActive={false}
      />
      <Tooltip
        contentStyle={{
          backgroundColor: palette.tooltipBackground,
          borderColor: palette.tooltipBorder,
          borderRadius: 12,
          fontSize: 13,
        }}
        itemStyle={{ color: palette.tooltipText }}
        formatter={(value) => (typeof value === 'number' ? formatNumber(value) : String(value ?? ''))}
      />
    </PieChart>
  );
}
