import { describe, expect, it } from "vitest";
import { canonicalModelName, planRounds, temperatureOf } from "./comparison-plan.ts";
import type { ComparisonSpec } from "./comparison-types.ts";

describe("planRounds", () => {
  const spec: ComparisonSpec = {
    base: { api: "chat", prompt: "hi", think: "unset", options: {} },
    lanes: [
      { id: "a", model: "m", stream: true },
      { id: "b", model: "m", stream: false },
    ],
    repeats: 2,
    warmup: true,
    concurrent: false,
    unloadFirst: false,
  };

  it("puts the warm-up round first, then the measured rounds, lanes in order", () => {
    const rounds = planRounds(spec).map((round) =>
      round.map((run) => `${run.laneId}${run.round}${run.warmup ? "w" : ""}`),
    );
    expect(rounds).toEqual([
      ["a-1w", "b-1w"],
      ["a0", "b0"],
      ["a1", "b1"],
    ]);
  });

  it("has no warm-up round without warm-up", () => {
    expect(planRounds({ ...spec, warmup: false, repeats: 1 }).flat()).toHaveLength(2);
  });
});

describe("model names", () => {
  it.each([
    ["llama3", "llama3:latest"],
    ["llama3:8b", "llama3:8b"],
    ["Llama3:8B", "llama3:8b"],
    ["library/llama3", "library/llama3:latest"],
    ["registry.example:5000/team/llama3", "registry.example:5000/team/llama3:latest"],
    ["registry.example:5000/team/llama3:q4", "registry.example:5000/team/llama3:q4"],
  ])("%s is listed by /api/ps as %s", (name, canonical) => {
    expect(canonicalModelName(name)).toBe(canonical);
  });

  it("calls a model warm when /api/ps lists it under either spelling", () => {
    const running = [{ name: "steady:latest" }, { name: "fast:1b" }];
    expect(temperatureOf("steady", running)).toBe("warm");
    expect(temperatureOf("steady:latest", running)).toBe("warm");
    expect(temperatureOf("fast:1b", running)).toBe("warm");
    expect(temperatureOf("fast", running)).toBe("cold");
    expect(temperatureOf("steady:8b", running)).toBe("cold");
    expect(temperatureOf("steady", [])).toBe("cold");
  });
});
