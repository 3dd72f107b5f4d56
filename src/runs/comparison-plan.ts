import type { GenerationOptions, GenerationRequest, RunningModel } from "../ollama/types.ts";
import type { ComparisonSpec, LaneSpec, Temperature } from "./comparison-types.ts";
import { OPTION_KEYS } from "./setup.ts";

/** One run of a comparison, before it happens. */
export interface PlannedRun {
  lane: LaneSpec;
  laneId: string;
  /** 0-based measured round; -1 for the warm-up. */
  round: number;
  warmup: boolean;
}

/**
 * The runs of a comparison in rounds: the warm-up round first (when `spec.warmup`), then
 * `spec.repeats` measured rounds; each round has one run per lane, in lane order. Run the rounds
 * one after another; within a round, run the lanes one by one (round-robin: a r0, b r0, a r1 …)
 * or all at once.
 */
export function planRounds(spec: ComparisonSpec): PlannedRun[][] {
  const round = (index: number, warmup: boolean): PlannedRun[] =>
    spec.lanes.map((lane) => ({ lane, laneId: lane.id, round: index, warmup }));
  const rounds: PlannedRun[][] = spec.warmup ? [round(-1, true)] : [];
  for (let index = 0; index < spec.repeats; index++) rounds.push(round(index, false));
  return rounds;
}

/**
 * The request a lane sends: the shared base with the lane's model, stream and think, and the
 * options merged key by key. A lane's option that is set wins; one left undefined keeps the shared
 * value.
 */
export function laneRequest(base: ComparisonSpec["base"], lane: LaneSpec): GenerationRequest {
  const options: GenerationOptions = { ...base.options };
  for (const key of OPTION_KEYS) {
    const value = lane.options?.[key];
    if (value !== undefined) options[key] = value;
  }
  return {
    ...base,
    model: lane.model,
    stream: lane.stream,
    think: lane.think ?? base.think,
    options,
  };
}

/**
 * Ollama's name for a model as `/api/ps` lists it: a name without a tag gets `:latest`
 * ("llama3" → "llama3:latest"; "host:5000/llama3" → "host:5000/llama3:latest"). The tag is
 * whatever follows a `:` in the last path part. Compared case-insensitively, as Ollama does.
 */
export function canonicalModelName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  const lastPart = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  return lastPart.includes(":") ? trimmed : `${trimmed}:latest`;
}

/** "warm" when `/api/ps` lists `model` (under either spelling), "cold" when it does not. */
export function temperatureOf(model: string, running: readonly RunningModel[]): Temperature {
  const wanted = canonicalModelName(model);
  return running.some((loaded) => canonicalModelName(loaded.name) === wanted) ? "warm" : "cold";
}
