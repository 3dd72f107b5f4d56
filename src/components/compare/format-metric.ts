import { formatCount, formatMs, formatRate } from "../../metrics/format.ts";
import { LANE_METRIC_INFO, type LaneMetric } from "../../metrics/lane-stats.ts";

/** A lane statistic in its unit, formatted like the rest of the dashboard. */
export function formatMetric(metric: LaneMetric, value: number | undefined): string {
  const unit = LANE_METRIC_INFO[metric].unit;
  return unit === "ms"
    ? formatMs(value)
    : unit === "tokens"
      ? formatCount(value)
      : formatRate(value);
}
