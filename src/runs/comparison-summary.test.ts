import { describe, expect, it } from "vitest";
import type { RunSummary } from "../metrics/types.ts";
import { laneLabel, summarizeLanes } from "./comparison-summary.ts";
import type { ComparisonSpec, LaneSpec, RunRecord } from "./comparison-types.ts";
import { exportRun } from "./export-run.ts";
import { IDLE_SNAPSHOT } from "./run-state.ts";

const lanes: LaneSpec[] = [
  { id: "a", model: "steady:8b", stream: true },
  { id: "b", model: "Steady:8B", stream: false },
  { id: "c", model: "thinker:14b", stream: true, think: "off", options: { temperature: 0.2 } },
];

const spec: ComparisonSpec = {
  base: { api: "chat", prompt: "hi", think: "unset", options: {} },
  lanes,
  repeats: 3,
  warmup: true,
  concurrent: false,
  unloadFirst: false,
};

function record(
  laneId: string,
  round: number,
  summary: RunSummary,
  extra: Partial<RunRecord> = {},
): RunRecord {
  return {
    laneId,
    round,
    warmup: round < 0,
    temperature: "warm",
    status: "done",
    summary,
    final: { promptEvalCount: 9, evalCount: 3 },
    run: exportRun(IDLE_SNAPSHOT, [], "http://fake"),
    ...extra,
  };
}

describe("summarizeLanes", () => {
  const records = [
    record("a", -1, { ttftMs: 900 }, { temperature: "cold" }),
    record("c", -1, { ttftMs: 50 }, { status: "error" }),
    record("a", 0, { ttftMs: 100 }),
    record("a", 1, { ttftMs: 120 }, { final: { evalCount: 3 } }),
    record("a", 2, { ttftMs: 140 }, { final: { promptEvalCount: 0 }, temperature: "unknown" }),
    record("b", 0, { ttftMs: 4800 }, { temperature: "cold" }),
    record("b", 1, { ttftMs: 10 }, { status: "error" }),
    record("b", 2, { ttftMs: 20 }, { status: "stopped" }),
  ];
  const [a, b, c] = summarizeLanes(spec, records);

  it("covers only finished measured runs: warm-ups, errors and stopped runs are left out", () => {
    expect(a?.measured.map((run) => run.round)).toEqual([0, 1, 2]);
    expect(a?.stats.ttftMs).toMatchObject({ n: 3, mean: 120, sd: 20, median: 120 });
    expect(b?.measured.map((run) => run.round)).toEqual([0]);
    expect(b?.stats.ttftMs).toMatchObject({ n: 1, mean: 4800, sd: undefined });
  });

  it("flags runs whose prompt_eval_count was 0 or absent as cached prompts", () => {
    expect(a?.cachedPromptRuns).toBe(2);
    expect(b?.cachedPromptRuns).toBe(0);
  });

  it("counts cold, warm and unknown measured runs, and the errors and stops of the lane", () => {
    expect(a).toMatchObject({ cold: 0, warm: 2, unknownTemperature: 1, errors: 0, stopped: 0 });
    expect(b).toMatchObject({ cold: 1, warm: 0, errors: 1, stopped: 1 });
    expect(c).toMatchObject({ measured: [], errors: 1, stopped: 0 });
    expect(c?.stats.ttftMs).toMatchObject({ n: 0, mean: undefined });
  });

  it("names lanes by model, telling apart lanes that run the same model", () => {
    expect([a?.label, b?.label, c?.label]).toEqual([
      "steady:8b (streaming)",
      "Steady:8B (blocking)",
      "thinker:14b",
    ]);
  });
});

describe("laneLabel", () => {
  it("adds what differs when two lanes run the same model", () => {
    const stream: LaneSpec = { id: "a", model: "steady:8b", stream: true };
    const block: LaneSpec = { id: "b", model: "steady:8b", stream: false };
    expect(laneLabel(stream, [stream, block])).toBe("steady:8b (streaming)");
    expect(laneLabel(block, [stream, block])).toBe("steady:8b (blocking)");
  });

  it("lists the lane's own settings, or its id when nothing differs", () => {
    const plain: LaneSpec = { id: "a", model: "m:1b", stream: true };
    const tuned: LaneSpec = {
      ...plain,
      id: "b",
      think: "off",
      options: { temperature: 0.2, seed: 7 },
    };
    const twin: LaneSpec = { ...plain, id: "c" };
    expect(laneLabel(tuned, [plain, tuned])).toBe("m:1b (think=off, temperature=0.2, seed=7)");
    expect(laneLabel(plain, [plain, twin])).toBe("m:1b (lane a)");
    expect(laneLabel(plain, [plain, { id: "d", model: "other", stream: true }])).toBe("m:1b");
  });
});
