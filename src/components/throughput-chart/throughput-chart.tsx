import { memo } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { ChartFrame, THROUGHPUT_CHART_HEIGHT } from "./chart-frame.tsx";
import { rateAxisProps, timeAxisProps, timeTooltipProps, tokensAxisProps } from "./chart-props.ts";
import type { SeriesPoint } from "../../metrics/types.ts";

/**
 * Live tokens/s (rolling window, left axis) and cumulative tokens (right axis) against the time
 * since the request was sent. The series is sampled on a clock and bounded upstream; animation is
 * off because the data moves every frame.
 */
export const ThroughputChart = memo(function ThroughputChart(props: {
  series: readonly SeriesPoint[];
  windowMs: number;
  height?: number;
}) {
  const height = props.height ?? THROUGHPUT_CHART_HEIGHT;
  const data = props.series.map((point) => ({
    t: point.tMs / 1000,
    tps: point.tps ?? null,
    tokens: point.tokens,
  }));
  return (
    <ChartFrame empty={props.series.length <= 1}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-slate-200 dark:stroke-slate-800" />
          <XAxis {...timeAxisProps} />
          <YAxis {...rateAxisProps} />
          <YAxis {...tokensAxisProps} />
          <Tooltip {...timeTooltipProps} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area
            yAxisId="tokens"
            dataKey="tokens"
            name="Cumulative tokens"
            type="monotone"
            stroke="#94a3b8"
            fill="#94a3b8"
            fillOpacity={0.15}
            isAnimationActive={false}
            dot={false}
          />
          <Line
            yAxisId="tps"
            dataKey="tps"
            name={`Tokens/s (client, ${props.windowMs / 1000} s window)`}
            type="monotone"
            stroke="#6366f1"
            strokeWidth={2}
            isAnimationActive={false}
            dot={false}
            connectNulls={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
});
