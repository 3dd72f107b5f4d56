import { forwardRef, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { LANE_METRIC_INFO, LANE_METRICS, type LaneMetric } from "../../metrics/lane-stats.ts";
import type { LaneSummary } from "../../runs/comparison-summary.ts";
import { inputClass } from "../ui/field.tsx";
import { formatMetric } from "./format-metric.ts";

/** One figure across lanes: a bar for the mean, an error bar of ± one standard deviation. */
/** The chart's height with its metric picker above it, for a stand-in of the same size. */
export const STATS_CHART_HEIGHT = 280;

export const StatsChart = forwardRef<HTMLElement, { lanes: LaneSummary[]; colors: string[] }>(
  function StatsChart(props, ref) {
    const [metric, setMetric] = useState<LaneMetric>("clientTps");
    const data = props.lanes.map((lane) => ({
      label: lane.label,
      mean: lane.stats[metric].mean ?? null,
      sd: lane.stats[metric].sd ?? 0,
    }));
    return (
      <div className="space-y-2">
        <label className="flex items-center gap-2 text-xs font-medium text-slate-600 dark:text-slate-300">
          Figure
          <select
            className={`${inputClass} w-auto`}
            value={metric}
            onChange={(event) =>
              setMetric(LANE_METRICS.find((m) => m === event.target.value) ?? "clientTps")
            }
          >
            {LANE_METRICS.map((m) => (
              <option key={m} value={m}>
                {LANE_METRIC_INFO[m].label} ({LANE_METRIC_INFO[m].unit})
              </option>
            ))}
          </select>
        </label>
        <figure ref={ref} aria-label="Lanes compared" className="text-slate-500">
          <ResponsiveContainer
            width="100%"
            height={240}
            initialDimension={{ width: 700, height: 240 }}
          >
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
              <CartesianGrid
                strokeDasharray="3 3"
                vertical={false}
                className="stroke-slate-200 dark:stroke-slate-800"
              />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} stroke="currentColor" />
              <YAxis
                tick={{ fontSize: 11 }}
                width={56}
                stroke="currentColor"
                label={{
                  value: LANE_METRIC_INFO[metric].unit,
                  angle: -90,
                  position: "insideLeft",
                  fontSize: 11,
                  fill: "currentColor",
                }}
              />
              <Tooltip
                formatter={(value) =>
                  typeof value === "number" ? formatMetric(metric, value) : String(value)
                }
                contentStyle={{ fontSize: 12 }}
              />
              <Bar
                dataKey="mean"
                name={`${LANE_METRIC_INFO[metric].label}, mean`}
                isAnimationActive={false}
              >
                {data.map((entry, index) => (
                  <Cell key={entry.label} fill={props.colors[index] ?? "#6366f1"} />
                ))}
                <ErrorBar
                  dataKey="sd"
                  width={8}
                  strokeWidth={1.5}
                  stroke="currentColor"
                  direction="y"
                />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </figure>
      </div>
    );
  },
);
