import type {
  FinalStats,
  GenerationOptions,
  GenerationRequest,
  OllamaClient,
  ThinkSetting,
} from "../ollama/types.ts";
import type { RunSummary } from "../metrics/types.ts";
import type { RunExport } from "./export-run.ts";
import type { RunController } from "./run-controller.ts";
import type { RunError, RunStatus } from "./run-state.ts";

/** One lane of a comparison: a model, or the same model with other settings. */
export interface LaneSpec {
  /** Stable id within the comparison ("a", "b", …); also picks the lane's colour. */
  id: string;
  model: string;
  /** false for the blocking lane of a streaming-versus-blocking race. */
  stream: boolean;
  /** Per-lane overrides, merged over the shared options. */
  options?: GenerationOptions;
  think?: ThinkSetting;
}

export interface ComparisonSpec {
  /** What every lane shares: prompt, system, api, think, options, keep_alive. */
  base: Omit<GenerationRequest, "model" | "stream">;
  /** 2 to 6 lanes. */
  lanes: LaneSpec[];
  /** Measured runs per lane, 1 to 20. */
  repeats: number;
  /** One extra run per lane first, excluded from the statistics. */
  warmup: boolean;
  /** All lanes of a round at once (they share the GPU; Ollama may queue them) or one after another. */
  concurrent: boolean;
  /** Send Ollama's unload request for the lane's model before each run, so every run is cold. */
  unloadFirst: boolean;
  /** End a lane's run when nothing has arrived for this long, in ms (the live run's setting). */
  idleTimeoutMs?: number;
}

/** Whether the model was in memory (GET /api/ps) just before the run. */
export type Temperature = "cold" | "warm" | "unknown";

export interface RunRecord {
  laneId: string;
  /** 0-based measured round; -1 for the warm-up run. */
  round: number;
  warmup: boolean;
  temperature: Temperature;
  status: RunStatus;
  summary: RunSummary;
  final?: FinalStats;
  error?: RunError;
  /** The full record, as the live run's "Download run (JSON)" writes it. */
  run: RunExport;
}

export interface ComparisonProgress {
  /** Runs finished (warm-ups included). */
  completed: number;
  /** Runs planned (warm-ups included). */
  total: number;
  /** Runs going on now. */
  current: { laneId: string; round: number; warmup: boolean }[];
}

export interface ComparisonSnapshot {
  status: "idle" | "running" | "done" | "stopped";
  spec?: ComparisonSpec;
  progress: ComparisonProgress;
  /** Every finished run, in the order they finished. */
  records: readonly RunRecord[];
}

export interface ComparisonController {
  /** One run controller per lane id of the current spec, for the live lane views. */
  lanes: () => ReadonlyMap<string, RunController>;
  start: (spec: ComparisonSpec, client: OllamaClient) => Promise<ComparisonSnapshot>;
  stop: () => void;
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => ComparisonSnapshot;
  dispose: () => void;
}
