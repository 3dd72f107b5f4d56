/**
 * What one generation will emit: the token pieces (one line each), and how it ends. One line is one
 * token, including the switch line that carries the last thinking piece and the first answer piece.
 */
import type { Piece } from "./lines.ts";
import type { Scenario } from "./scenarios.ts";

export type Ending =
  | { kind: "stop" }
  | { kind: "length" }
  | { kind: "error"; message: string }
  | { kind: "cutoff" }
  | { kind: "stall" }
  | { kind: "reset" };

export interface Plan {
  pieces: readonly Piece[];
  ending: Ending;
  /** The ending happens when token slot `endSlot` is due (stop: the EOS slot after the last piece). */
  endSlot: number;
  /** eval_count: tokens generated, plus the EOS token on a natural stop. */
  evalCount: number;
}

const cache = new WeakMap<Scenario, Map<boolean, Piece[]>>();

/** Every piece of a complete run; thinking pieces first, with one switch piece carrying both. */
export function allPieces(scenario: Scenario, thinking: boolean): readonly Piece[] {
  let byMode = cache.get(scenario);
  if (!byMode) {
    byMode = new Map();
    cache.set(scenario, byMode);
  }
  const cached = byMode.get(thinking);
  if (cached) return cached;
  const answer = scenario.answerTokens.map((content) => ({ content, thinking: "" }));
  const thoughts = thinking ? (scenario.thinkingTokens ?? []) : [];
  const pieces = thoughts.map((text) => ({ content: "", thinking: text }));
  const first = answer.shift();
  const last = pieces.at(-1);
  if (first && last) last.content = first.content;
  else if (first) answer.unshift(first);
  const result = [...pieces, ...answer];
  byMode.set(thinking, result);
  return result;
}

/** Applies num_predict (> 0 limits) and the model's failure behaviour, whichever comes first. */
export function makePlan(scenario: Scenario, thinking: boolean, numPredict: number): Plan {
  const pieces = allPieces(scenario, thinking);
  let count = pieces.length;
  let ending: Ending = { kind: "stop" };
  let endSlot = count;
  if (numPredict > 0 && numPredict <= count) {
    count = numPredict;
    ending = { kind: "length" };
    endSlot = count - 1;
  }
  const interrupt = (after: number | undefined, next: Ending): void => {
    if (after === undefined) return;
    if (after < count || (after === count && ending.kind === "stop")) {
      count = after;
      ending = next;
      endSlot = after;
    }
  };
  interrupt(scenario.errorAfterTokens, {
    kind: "error",
    message: scenario.errorMessage ?? "an error was encountered while running the model",
  });
  interrupt(scenario.stallAfterTokens, { kind: "stall" });
  interrupt(scenario.cutoffAfterTokens, { kind: "cutoff" });
  interrupt(scenario.resetAfterTokens, { kind: "reset" });
  return {
    pieces: count === pieces.length ? pieces : pieces.slice(0, count),
    ending,
    endSlot,
    evalCount: ending.kind === "stop" ? count + 1 : count,
  };
}
