import { laneStats, type LaneStats } from "../metrics/lane-stats.ts";
import { canonicalModelName } from "./comparison-plan.ts";
import type { ComparisonSpec, LaneSpec, RunRecord } from "./comparison-types.ts";
import { OPTION_KEYS } from "./setup.ts";

/** What a comparison found for one lane. */
export interface LaneSummary {
  laneId: string;
  /** The model, plus what sets the lane apart when another lane runs the same model. */
  label: string;
  lane: LaneSpec;
  /** The runs the statistics cover: status "done", not the warm-up; in the order they finished. */
  measured: readonly RunRecord[];
  /** Statistics over `measured`. */
  stats: LaneStats;
  /**
   * Measured runs whose Ollama `prompt_eval_count` was 0 or absent: Ollama reused a cached prompt,
   * so their time to first token and prompt figures are not like the others'.
   */
  cachedPromptRuns: number;
  /** Measured runs by what `/api/ps` said just before them. */
  cold: number;
  warm: number;
  unknownTemperature: number;
  /** Runs of the lane (warm-up included) that ended in an error, or were stopped. */
  errors: number;
  stopped: number;
}

/** One summary per lane of `spec`, in lane order; lanes with no records get empty statistics. */
export function summarizeLanes(spec: ComparisonSpec, records: readonly RunRecord[]): LaneSummary[] {
  return spec.lanes.map((lane) => {
    const own = records.filter((record) => record.laneId === lane.id);
    const measured = own.filter((record) => record.status === "done" && !record.warmup);
    const count = (test: (record: RunRecord) => boolean) => measured.filter(test).length;
    return {
      laneId: lane.id,
      label: laneLabel(lane, spec.lanes),
      lane,
      measured,
      stats: laneStats(measured.map((record) => record.summary)),
      cachedPromptRuns: count((record) => !record.final?.promptEvalCount),
      cold: count((record) => record.temperature === "cold"),
      warm: count((record) => record.temperature === "warm"),
      unknownTemperature: count((record) => record.temperature === "unknown"),
      errors: own.filter((record) => record.status === "error").length,
      stopped: own.filter((record) => record.status === "stopped").length,
    };
  });
}

/**
 * A lane's name in tables: its model, e.g. "steady:8b". When another lane runs the same model,
 * what differs is added: "steady:8b (streaming)", "steady:8b (think=off, temperature=0.2)", or
 * "steady:8b (lane b)" when nothing does.
 */
export function laneLabel(lane: LaneSpec, lanes: readonly LaneSpec[]): string {
  const model = canonicalModelName(lane.model);
  const twins = lanes.filter(
    (other) => other.id !== lane.id && canonicalModelName(other.model) === model,
  );
  if (twins.length === 0) return lane.model;
  const parts: string[] = [];
  if (twins.some((twin) => twin.stream !== lane.stream))
    parts.push(lane.stream ? "streaming" : "blocking");
  if (lane.think !== undefined) parts.push(`think=${lane.think}`);
  for (const key of OPTION_KEYS) {
    const value = lane.options?.[key];
    if (value !== undefined) parts.push(`${key}=${value}`);
  }
  if (parts.length === 0) parts.push(`lane ${lane.id}`);
  return `${lane.model} (${parts.join(", ")})`;
}
