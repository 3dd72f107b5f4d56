import {
  LANE_METRIC_INFO,
  LANE_METRICS,
  type LaneMetric,
  type MetricStats,
} from "../../metrics/lane-stats.ts";
import type { LaneSummary } from "../../runs/comparison-summary.ts";
import { formatMetric } from "./format-metric.ts";

function cell(metric: LaneMetric, stats: MetricStats): { main: string; detail: string } {
  if (stats.n === 0) return { main: "—", detail: "" };
  const sd = stats.sd === undefined ? "" : ` ± ${formatMetric(metric, stats.sd)}`;
  return {
    main: `${formatMetric(metric, stats.mean)}${sd}`,
    detail:
      stats.n < 2
        ? ""
        : `median ${formatMetric(metric, stats.median)}\n${formatMetric(metric, stats.min)} – ${formatMetric(metric, stats.max)}`,
  };
}

/** Per lane: mean ± standard deviation, median and range of every figure over the measured runs. */
export function SummaryTable(props: { lanes: LaneSummary[]; colors: string[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[860px] text-left text-sm" aria-label="Summary">
        <thead className="text-xs text-slate-500 dark:text-slate-400">
          <tr>
            <th className="py-2 pr-3 font-medium">Lane</th>
            <th className="py-2 pr-3 font-medium">Runs</th>
            {LANE_METRICS.map((metric) => (
              <th key={metric} className="py-2 pr-3 font-medium">
                {LANE_METRIC_INFO[metric].label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.lanes.map((lane, index) => (
            <tr
              key={lane.laneId}
              data-lane={lane.laneId}
              className="border-t border-slate-100 align-top dark:border-slate-800"
            >
              <th scope="row" className="py-2 pr-3 font-mono font-semibold">
                <span
                  className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full"
                  style={{ background: props.colors[index] }}
                />
                {lane.label}
              </th>
              <td className="py-2 pr-3 tabular-nums" data-metric="runs">
                {lane.measured.length}
                <div className="text-xs text-slate-500 dark:text-slate-400">
                  {lane.cold} cold · {lane.warm} warm
                  {lane.cachedPromptRuns > 0 && (
                    <span
                      className="block text-amber-700 dark:text-amber-300"
                      title="prompt_eval_count was 0 or absent: Ollama reused a cached prompt"
                    >
                      {lane.cachedPromptRuns} cached prompt
                    </span>
                  )}
                  {lane.errors + lane.stopped > 0 && (
                    <span className="block text-rose-700 dark:text-rose-300">
                      {lane.errors} error · {lane.stopped} stopped
                    </span>
                  )}
                </div>
              </td>
              {LANE_METRICS.map((metric) => {
                const { main, detail } = cell(metric, lane.stats[metric]);
                return (
                  <td
                    key={metric}
                    className="py-2 pr-3 font-mono tabular-nums"
                    data-metric={metric}
                  >
                    {main}
                    {detail && (
                      <div className="font-sans text-xs text-slate-500 dark:text-slate-400">
                        {detail}
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
