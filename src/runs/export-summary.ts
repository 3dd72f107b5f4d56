import { formatCount, formatMs, formatRate, MISSING } from "../metrics/format.ts";
import {
  LANE_METRIC_INFO,
  LANE_METRICS,
  type LaneMetricUnit,
  type MetricStats,
} from "../metrics/lane-stats.ts";
import type { LaneSummary } from "./comparison-summary.ts";
import type { ComparisonSpec, RunRecord, Temperature } from "./comparison-types.ts";
import type { RunExport } from "./export-run.ts";

/** Digits after the point for every statistic in the CSV (ms to the microsecond). */
const CSV_DECIMALS = 3;

/**
 * The lanes' statistics as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
 * quote or line break), one row per lane and metric:
 * `Lane,Label,Metric,Unit,n,Mean,SD,Median,Min,Max`. Values are raw numbers in the row's unit
 * (ms, tokens, tokens/s) with 3 decimals; a figure that is not known is an empty field, never 0.
 */
export function summaryToCsv(lanes: readonly LaneSummary[]): string {
  const rows: string[][] = [
    ["Lane", "Label", "Metric", "Unit", "n", "Mean", "SD", "Median", "Min", "Max"],
  ];
  for (const lane of lanes) {
    for (const metric of LANE_METRICS) {
      const { label, unit } = LANE_METRIC_INFO[metric];
      const stats = lane.stats[metric];
      const values = [stats.mean, stats.sd, stats.median, stats.min, stats.max];
      rows.push([lane.laneId, lane.label, label, unit, String(stats.n), ...values.map(csvNumber)]);
    }
  }
  return rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

function csvNumber(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? "" : value.toFixed(CSV_DECIMALS);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The lanes as a Markdown table, one row per lane: measured runs, cold / warm, then each metric
 * as "mean ± sd" (durations carry their unit, rates are tokens/s), formatted like the dashboard.
 * A figure that is not known is "—"; with one run there is no "± sd". Notes follow for lanes
 * with cached prompts, errors or stopped runs.
 */
export function summaryToMarkdown(lanes: readonly LaneSummary[]): string {
  const labels = LANE_METRICS.map((metric) => LANE_METRIC_INFO[metric].label);
  const header = ["Lane", "Runs", "Cold / warm", ...labels];
  const lines = [
    "Mean ± standard deviation over the measured runs (warm-ups, errors and stopped runs left out).",
    "",
    markdownRow(header),
    markdownRow(header.map((_, index) => (index === 0 ? "---" : "---:"))),
  ];
  for (const lane of lanes) {
    const temperature = `${lane.cold} / ${lane.warm}${lane.unknownTemperature > 0 ? ` (${lane.unknownTemperature} unknown)` : ""}`;
    const cells = LANE_METRICS.map((metric) =>
      meanAndSd(lane.stats[metric], LANE_METRIC_INFO[metric].unit),
    );
    lines.push(markdownRow([lane.label, String(lane.measured.length), temperature, ...cells]));
  }
  const notes = lanes.flatMap(laneNotes);
  return `${[...lines, ...(notes.length > 0 ? ["", ...notes] : [])].join("\n")}\n`;
}

function meanAndSd(stats: MetricStats, unit: LaneMetricUnit): string {
  const format = unit === "ms" ? formatMs : unit === "tokens/s" ? formatRate : formatCount;
  if (stats.mean === undefined) return MISSING;
  return stats.sd === undefined
    ? format(stats.mean)
    : `${format(stats.mean)} ± ${format(stats.sd)}`;
}

function laneNotes(lane: LaneSummary): string[] {
  const notes: string[] = [];
  const runs = lane.measured.length;
  if (lane.cachedPromptRuns > 0)
    notes.push(
      `${lane.cachedPromptRuns} of ${runs} runs reused a cached prompt (prompt_eval_count 0 or absent)`,
    );
  const left = [plural(lane.errors, "error"), plural(lane.stopped, "stopped run")].filter(Boolean);
  if (left.length > 0) notes.push(`${left.join(", ")} left out`);
  return notes.map((note) => `- ${markdownCell(lane.label)}: ${note}.`);
}

function plural(count: number, noun: string): string {
  return count === 0 ? "" : `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function markdownRow(cells: readonly string[]): string {
  return `| ${cells.map(markdownCell).join(" | ")} |`;
}

/** A cell's text: backslashes and pipes escaped, line breaks turned into spaces. */
function markdownCell(text: string): string {
  return text
    .replaceAll("\\", "\\\\")
    .replaceAll("|", "\\|")
    .replace(/\r\n|\r|\n/g, " ");
}

/** One run of a comparison export: the run's own record plus where it belongs. */
export type ComparisonRunExport = {
  laneId: string;
  round: number;
  warmup: boolean;
  temperature: Temperature;
} & RunExport;

export interface ComparisonExport {
  format: "tokenscope-comparison/1";
  spec: ComparisonSpec;
  /** Every run (warm-ups, errors and stopped runs included), in the order they finished. */
  runs: ComparisonRunExport[];
}

/** The downloadable record of a whole comparison (serialise it with JSON.stringify). */
export function comparisonToJson(
  spec: ComparisonSpec,
  records: readonly RunRecord[],
): ComparisonExport {
  return {
    format: "tokenscope-comparison/1",
    spec,
    runs: records.map(({ laneId, round, warmup, temperature, run }) => ({
      laneId,
      round,
      warmup,
      temperature,
      ...run,
    })),
  };
}
