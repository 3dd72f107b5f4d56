import { formatMs } from "../metrics/format.ts";
import type { RunSummary } from "../metrics/types.ts";
import type { RunStatus } from "./run-state.ts";

type SideName = "streaming" | "blocking";

interface Side {
  name: SideName;
  /** Why this side has no usable figures (it failed, was stopped, is still going). */
  problem?: string;
  firstMs?: number;
  wholeMs?: number;
}

/** How each side ended, when known; a side without a status counts as finished ("done"). */
export interface RaceOutcome {
  streaming?: RunStatus;
  blocking?: RunStatus;
}

/**
 * One or two plain sentences comparing a streaming and a blocking run of the same prompt:
 * "First words after 210 ms streaming vs 4.80 s blocking; whole answer 4.70 s vs 4.80 s."
 * "First words" is the time to first token, "whole answer" the total time (both client clock).
 * A side that failed, was stopped or has not finished is named as such and its figures are not
 * used; a figure a side lacks is left out ("no figure for …"), never shown as 0.
 */
export function describeRace(
  streaming: RunSummary,
  blocking: RunSummary,
  outcome: RaceOutcome = {},
): string {
  const sides = [
    side("streaming", streaming, outcome.streaming),
    side("blocking", blocking, outcome.blocking),
  ] as const;
  const problems = sides.filter((entry) => entry.problem !== undefined);
  const sentences: string[] = [];
  if (problems.length > 0)
    sentences.push(problems.map((entry) => `the ${entry.name} run ${entry.problem}`).join(" and "));
  const usable = sides.filter((entry) => entry.problem === undefined);
  const figures = [
    compare(
      "firstMs",
      usable,
      (a, b) => `first words after ${a} streaming vs ${b} blocking`,
      (ms, name) => `first words after ${ms} ${name}`,
    ),
    compare(
      "wholeMs",
      usable,
      (a, b) => `whole answer ${a} vs ${b}`,
      (ms, name) => `whole answer after ${ms} ${name}`,
    ),
  ].filter((text) => text !== undefined);
  if (figures.length > 0) sentences.push(figures.join("; "));
  if (sentences.length === 0) return "No figures for either run yet.";
  return sentences.map((text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`).join(" ");
}

function side(name: SideName, summary: RunSummary, status: RunStatus | undefined): Side {
  const problem =
    status === undefined || status === "done"
      ? undefined
      : status === "error"
        ? "failed"
        : status === "stopped"
          ? "was stopped"
          : "has not finished";
  if (problem !== undefined) return { name, problem };
  return { name, firstMs: known(summary.ttftMs), wholeMs: known(summary.totalMs) };
}

function known(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) ? ms : undefined;
}

/** Both sides' figure, one side's (naming the one without), or undefined when neither has it. */
function compare(
  key: "firstMs" | "wholeMs",
  usable: readonly Side[],
  both: (streaming: string, blocking: string) => string,
  one: (ms: string, name: SideName) => string,
): string | undefined {
  const msOf = (name: SideName) => usable.find((entry) => entry.name === name)?.[key];
  const streamingMs = msOf("streaming");
  const blockingMs = msOf("blocking");
  if (streamingMs !== undefined && blockingMs !== undefined)
    return both(formatMs(streamingMs), formatMs(blockingMs));
  const having = usable.find((entry) => entry[key] !== undefined);
  if (having === undefined) return undefined;
  const lacking = usable.find((entry) => entry[key] === undefined);
  const missing = lacking === undefined ? "" : ` (no figure for ${lacking.name})`;
  return `${one(formatMs(having[key]), having.name)}${missing}`;
}
