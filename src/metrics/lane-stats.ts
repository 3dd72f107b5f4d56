import { mean, median, minMax, standardDeviation } from "./stats.ts";
import type { RunSummary } from "./types.ts";

/** The per-run figures a comparison aggregates, in the order tables show them. */
export const LANE_METRICS = [
  "ttftMs",
  "totalMs",
  "loadMs",
  "tokens",
  "clientTps",
  "ollamaTps",
  "ollamaPromptTps",
] as const satisfies readonly (keyof RunSummary)[];

export type LaneMetric = (typeof LANE_METRICS)[number];

export type LaneMetricUnit = "ms" | "tokens" | "tokens/s";

/** How a metric is named in tables and exports, and its unit. */
export const LANE_METRIC_INFO: Readonly<
  Record<LaneMetric, { label: string; unit: LaneMetricUnit }>
> = {
  ttftMs: { label: "TTFT", unit: "ms" },
  totalMs: { label: "Total", unit: "ms" },
  loadMs: { label: "Load", unit: "ms" },
  tokens: { label: "Tokens", unit: "tokens" },
  clientTps: { label: "Tokens/s (client)", unit: "tokens/s" },
  ollamaTps: { label: "Tokens/s (Ollama)", unit: "tokens/s" },
  ollamaPromptTps: { label: "Prompt tokens/s (Ollama)", unit: "tokens/s" },
};

/**
 * Statistics of one metric over a lane's runs, in the metric's own unit. `n` counts the runs that
 * had the figure; every other field is undefined when `n` is 0, and `sd` (the sample standard
 * deviation, n − 1) is undefined when `n` is 1.
 */
export interface MetricStats {
  n: number;
  mean: number | undefined;
  sd: number | undefined;
  median: number | undefined;
  min: number | undefined;
  max: number | undefined;
}

export type LaneStats = Readonly<Record<LaneMetric, MetricStats>>;

/** Statistics of the values that are known; undefined, NaN and ±Infinity are skipped. */
export function metricStats(values: readonly (number | undefined)[]): MetricStats {
  const known = values.filter(
    (value): value is number => value !== undefined && Number.isFinite(value),
  );
  const range = minMax(known);
  return {
    n: known.length,
    mean: mean(known),
    sd: standardDeviation(known),
    median: median(known),
    min: range?.min,
    max: range?.max,
  };
}

/**
 * Every {@link LANE_METRICS} figure over `summaries` (one per run; pass only the runs that
 * count, e.g. finished and not warm-up). A run that lacks a figure (a blocking run's client
 * tokens/s, a load time Ollama did not send) is left out of that figure only.
 */
export function laneStats(summaries: readonly RunSummary[]): LaneStats {
  const of = (metric: LaneMetric): MetricStats =>
    metricStats(summaries.map((summary) => summary[metric]));
  return {
    ttftMs: of("ttftMs"),
    totalMs: of("totalMs"),
    loadMs: of("loadMs"),
    tokens: of("tokens"),
    clientTps: of("clientTps"),
    ollamaTps: of("ollamaTps"),
    ollamaPromptTps: of("ollamaPromptTps"),
  };
}
