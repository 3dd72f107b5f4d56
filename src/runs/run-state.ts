import type { FinalStats, GenerationRequest } from "../ollama/types.ts";
import type { RunSummary, SeriesPoint } from "../metrics/types.ts";

/**
 * idle: nothing run yet · waiting: request sent, no headers/token yet · streaming: tokens arriving ·
 * done / stopped / error: terminal; each keeps its text, samples and metrics.
 */
export type RunStatus = "idle" | "waiting" | "streaming" | "done" | "stopped" | "error";

export type RunErrorKind = "http" | "stream" | "incomplete" | "network" | "idle" | "other";

export interface RunError {
  kind: RunErrorKind;
  /** HTTP status when Ollama answered with one. */
  status?: number;
  /** Plain words for the person at the screen. */
  message: string;
}

/** An immutable picture of a run, made at most once per animation frame. */
export interface RunSnapshot {
  runId: number;
  status: RunStatus;
  request?: GenerationRequest;
  /** Client clock (ms) when the request was sent. */
  startMs?: number;
  /** Client clock when the response headers arrived. */
  headersMs?: number;
  endMs?: number;
  answer: string;
  thinking: string;
  final?: FinalStats;
  error?: RunError;
  summary: RunSummary;
  series: readonly SeriesPoint[];
  /** Lines that were not JSON or not a chunk: skipped and counted. */
  malformedLines: number;
  /** While the run is active: ms since anything last arrived (request sent, headers, a line). */
  idleMs?: number;
  /**
   * Arrival (stamped off the main thread) → the frame that painted it, over every token so far.
   * p50/p95 are within 0.5 ms. Large values mean the page is falling behind the stream.
   */
  displayLag?: { p50Ms: number; p95Ms: number; maxMs: number; count: number };
  /** Client clock when this snapshot was made. */
  atMs: number;
}

export const IDLE_SNAPSHOT: RunSnapshot = {
  runId: 0,
  status: "idle",
  answer: "",
  thinking: "",
  summary: {},
  series: [],
  malformedLines: 0,
  atMs: 0,
};

export function isActive(status: RunStatus): boolean {
  return status === "waiting" || status === "streaming";
}
