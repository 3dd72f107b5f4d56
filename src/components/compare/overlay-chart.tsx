import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  rateAxisProps,
  timeAxisProps,
  timeTooltipProps,
  tokensAxisProps,
} from "../throughput-chart/chart-props.ts";
import { memo, useDeferredValue, useMemo } from "react";
import { useLaneSeries } from "../../hooks/use-comparison.ts";
import type { RunController } from "../../runs/run-controller.ts";
import type { SeriesPoint } from "../../metrics/types.ts";

export const OVERLAY_CHART_HEIGHT = 280;

export interface OverlayLane {
  id: string;
  label: string;
  color: string;
  series: readonly SeriesPoint[];
}

/**
 * The overlay chart fed straight from the lanes' controllers: only this chart re-renders when a
 * lane's series gains a point (on the sampling clock), not the page around it, and not on every
 * frame of every lane.
 */
export function LiveOverlayChart(props: {
  controllers: readonly (RunController | undefined)[];
  lanes: readonly Omit<OverlayLane, "series">[];
}) {
  const series = useLaneSeries(props.controllers);
  const lanes = useMemo(
    () => props.lanes.map((lane, index) => ({ ...lane, series: series[index] ?? [] })),
    [props.lanes, series],
  );
  // Recharts takes tens of ms to redraw eight lines on a slow machine: render the new points at
  // transition priority, in slices the lanes' text updates can interrupt, not inside their frame.
  const deferred = useDeferredValue(lanes);
  return <OverlayChart lanes={deferred} />;
}

/**
 * Every lane's tokens/s (solid, left axis) and cumulative tokens (dashed, right axis) against the
 * time since that lane's own request, so lanes run one after another still line up at t = 0.
 */
export const OverlayChart = memo(function OverlayChart(props: {
  lanes: readonly OverlayLane[];
  height?: number;
}) {
  const height = props.height ?? OVERLAY_CHART_HEIGHT;
  const series = props.lanes.map((lane) => ({
    ...lane,
    data: lane.series.map((point) => ({
      t: point.tMs / 1000,
      tps: point.tps ?? null,
      tokens: point.tokens,
    })),
  }));
  return (
    <figure aria-label="Tokens per second, every lane" className="w-full">
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <LineChart margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-slate-200 dark:stroke-slate-800" />
          <XAxis {...timeAxisProps} />
          <YAxis {...rateAxisProps} />
          <YAxis {...tokensAxisProps} />
          <Tooltip {...timeTooltipProps} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((lane) => (
            <Line
              key={`${lane.id}-tps`}
              data={lane.data}
              yAxisId="tps"
              dataKey="tps"
              name={`${lane.label} tok/s`}
              stroke={lane.color}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              className={`lane-${lane.id}-tps`}
            />
          ))}
          {series.map((lane) => (
            <Line
              key={`${lane.id}-tokens`}
              data={lane.data}
              yAxisId="tokens"
              dataKey="tokens"
              name={`${lane.label} tokens`}
              stroke={lane.color}
              strokeDasharray="4 3"
              strokeOpacity={0.7}
              dot={false}
              isAnimationActive={false}
              legendType="none"
              className={`lane-${lane.id}-tokens`}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});
