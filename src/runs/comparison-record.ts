import type { GenerationRequest } from "../ollama/types.ts";
import type { TokenSample } from "../metrics/types.ts";
import type { PlannedRun } from "./comparison-plan.ts";
import type { RunRecord, Temperature } from "./comparison-types.ts";
import { exportRun } from "./export-run.ts";
import { IDLE_SNAPSHOT, type RunError, type RunSnapshot } from "./run-state.ts";

/** The record of a finished run (done, stopped or error) from its lane controller's final snapshot. */
export function toRecord(
  run: PlannedRun,
  temperature: Temperature,
  final: RunSnapshot,
  samples: readonly TokenSample[],
  baseUrl: string,
): RunRecord {
  return {
    laneId: run.laneId,
    round: run.round,
    warmup: run.warmup,
    temperature,
    status: final.status,
    summary: final.summary,
    final: final.final,
    error: final.error,
    run: exportRun(final, samples, baseUrl),
  };
}

/**
 * The snapshot of a run that failed before its request went out (e.g. the unload before it
 * failed): status "error", no figures, started and ended at `atMs` (client clock, ms).
 */
export function failedSnapshot(
  request: GenerationRequest,
  error: RunError,
  atMs: number,
): RunSnapshot {
  return { ...IDLE_SNAPSHOT, status: "error", request, error, startMs: atMs, endMs: atMs, atMs };
}
