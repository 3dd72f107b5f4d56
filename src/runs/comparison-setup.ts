import type { GenerationOptions, ThinkSetting } from "../ollama/types.ts";
import type { ComparisonSpec, LaneSpec } from "./comparison-types.ts";
import {
  idleTimeoutMs,
  OPTION_KEYS,
  toGenerationRequest,
  type OptionKey,
  type RunSetup,
} from "./setup.ts";

export type ComparisonView = "compare" | "race";
/** Which lane of a streaming-versus-blocking race runs first. */
export type RaceOrder = "stream-first" | "block-first";

/** One lane as the form holds it. What is left unset uses the shared setting. */
export interface LaneSetup {
  model: string;
  /** Overrides of the shared options, as typed; absent or "" keeps the shared value. */
  options: Partial<Record<OptionKey, string>>;
  stream?: boolean;
  think?: ThinkSetting;
}

/**
 * The comparison part of the page's setup; prompt, system, api, think, options and keep_alive are
 * shared and come from the {@link RunSetup}. It round-trips through the URL next to the run setup
 * (comparison-setup-url.ts).
 */
export interface ComparisonSetup {
  view: ComparisonView;
  /** Compare view: 2 to 6 lanes. The race ignores them: it races the shared model against itself. */
  lanes: LaneSetup[];
  /** Measured runs per lane as typed: a whole number from 1 to 20. */
  repeats: string;
  warmup: boolean;
  concurrent: boolean;
  unloadFirst: boolean;
  /** Race view only. */
  order: RaceOrder;
}

export const MIN_LANES = 2;
export const MAX_LANES = 6;
export const MAX_REPEATS = 20;

export function defaultComparison(): ComparisonSetup {
  return {
    view: "compare",
    lanes: [
      { model: "", options: {} },
      { model: "", options: {} },
    ],
    repeats: "3",
    warmup: false,
    concurrent: false,
    unloadFirst: false,
    order: "stream-first",
  };
}

/**
 * The comparison to run. Validate first (`validateComparison`): this assumes valid input.
 * Lanes get the ids "a", "b", … in order. In the race view the shared model runs as two lanes,
 * streaming and blocking, in the chosen order.
 */
export function toComparisonSpec(setup: RunSetup, comparison: ComparisonSetup): ComparisonSpec {
  const { model, stream, ...base } = toGenerationRequest(setup);
  const streaming: LaneSpec = { id: "a", model, stream: true };
  const blocking: LaneSpec = { id: "b", model, stream: false };
  const lanes =
    comparison.view === "race"
      ? comparison.order === "stream-first"
        ? [streaming, blocking]
        : [
            { ...blocking, id: "a" },
            { ...streaming, id: "b" },
          ]
      : comparison.lanes.map((lane, index) => toLaneSpec(lane, index, stream));
  return {
    base,
    lanes,
    repeats: Number(comparison.repeats.trim()),
    warmup: comparison.warmup,
    concurrent: comparison.concurrent,
    unloadFirst: comparison.unloadFirst,
    idleTimeoutMs: idleTimeoutMs(setup),
  };
}

function toLaneSpec(lane: LaneSetup, index: number, sharedStream: boolean): LaneSpec {
  const spec: LaneSpec = {
    id: String.fromCharCode("a".charCodeAt(0) + index),
    model: lane.model.trim(),
    stream: lane.stream ?? sharedStream,
  };
  const options: GenerationOptions = {};
  for (const key of OPTION_KEYS) {
    const text = lane.options[key]?.trim() ?? "";
    if (text !== "") options[key] = Number(text);
  }
  if (Object.keys(options).length > 0) spec.options = options;
  if (lane.think !== undefined) spec.think = lane.think;
  return spec;
}
