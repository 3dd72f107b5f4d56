import { describe, expect, it } from "vitest";
import { OllamaHttpError } from "../ollama/errors.ts";
import type { FinalStats, StreamEvent } from "../ollama/types.ts";
import { fakeClock, manualScheduler, scriptedClient, settle } from "../test/fake-run-env.ts";
import { createComparisonController } from "./comparison.ts";
import type { ComparisonSnapshot, ComparisonSpec, LaneSpec } from "./comparison-types.ts";

const chunk = (content: string): StreamEvent => ({
  type: "chunk",
  content,
  thinking: "",
  createdAt: undefined,
});
const done = (stats: FinalStats = { evalCount: 3, promptEvalCount: 9 }): StreamEvent => ({
  type: "done",
  content: "",
  thinking: "",
  createdAt: undefined,
  stats,
});

const A: LaneSpec = { id: "a", model: "steady:8b", stream: true };
const B: LaneSpec = { id: "b", model: "thinker:14b", stream: true };

function spec(overrides: Partial<ComparisonSpec> = {}): ComparisonSpec {
  return {
    base: { api: "chat", prompt: "hi", think: "unset", options: {} },
    lanes: [A, B],
    repeats: 2,
    warmup: false,
    concurrent: false,
    unloadFirst: false,
    ...overrides,
  };
}

function setup() {
  const clock = fakeClock(1000);
  const fake = scriptedClient();
  const comparison = createComparisonController({ clock, scheduler: manualScheduler() });
  /** Generate calls whose stream has not ended yet. */
  const open = () => fake.calls.filter((call) => !ended.has(call.feed));
  const ended = new Set<unknown>();
  /** Answers generate call `index`: first token after `ttftMs`, two more 10 ms apart, then done. */
  async function answer(index: number, ttftMs = 100): Promise<void> {
    const call = fake.calls[index];
    if (!call) throw new Error(`no generate call ${index} (only ${fake.calls.length})`);
    clock.advance(ttftMs);
    call.feed.sendHeaders();
    call.feed.push(chunk("one"));
    await settle();
    for (const text of [" two", " three"]) {
      clock.advance(10);
      call.feed.push(chunk(text));
      await settle();
    }
    ended.add(call.feed);
    call.feed.push(done());
    call.feed.end();
    await settle();
  }
  return { clock, comparison, ...fake, open, answer };
}

const order = (calls: { request: { model: string } }[]) => calls.map((call) => call.request.model);

describe("comparison controller: order", () => {
  it("runs one at a time, round-robin across lanes, and resolves with the final snapshot", async () => {
    const env = setup();
    const finished = env.comparison.start(spec(), env.client);
    expect(env.comparison.getSnapshot()).toMatchObject({
      status: "running",
      progress: { completed: 0, total: 4 },
    });
    for (let index = 0; index < 4; index++) {
      await settle();
      expect(env.open()).toHaveLength(1);
      expect(env.comparison.getSnapshot().progress.current).toEqual([
        { laneId: index % 2 === 0 ? "a" : "b", round: Math.floor(index / 2), warmup: false },
      ]);
      await env.answer(index);
    }
    const final = await finished;
    expect(order(env.calls)).toEqual(["steady:8b", "thinker:14b", "steady:8b", "thinker:14b"]);
    expect(final).toBe(env.comparison.getSnapshot());
    expect(final.status).toBe("done");
    expect(final.progress).toEqual({ completed: 4, total: 4, current: [] });
    expect(final.records.map((r) => [r.laneId, r.round, r.warmup, r.status])).toEqual([
      ["a", 0, false, "done"],
      ["b", 0, false, "done"],
      ["a", 1, false, "done"],
      ["b", 1, false, "done"],
    ]);
    expect(final.records[0]?.summary).toMatchObject({ ttftMs: 100, tokens: 3, totalMs: 120 });
    expect(final.records[0]?.final).toEqual({ evalCount: 3, promptEvalCount: 9 });
    expect(final.records[0]?.run).toMatchObject({
      format: "tokenscope-run/1",
      baseUrl: "http://fake",
      answer: "one two three",
      timeline: [{ atMs: 100 }, { atMs: 110 }, { atMs: 120 }],
    });
  });

  it("runs the warm-ups of every lane first, then the measured rounds", async () => {
    const env = setup();
    const finished = env.comparison.start(spec({ warmup: true, lanes: [B, A] }), env.client);
    expect(env.comparison.getSnapshot().progress.total).toBe(6);
    for (let index = 0; index < 6; index++) {
      await settle();
      await env.answer(index);
    }
    const final = await finished;
    expect(order(env.calls)).toEqual([
      "thinker:14b",
      "steady:8b",
      "thinker:14b",
      "steady:8b",
      "thinker:14b",
      "steady:8b",
    ]);
    expect(final.records.map((r) => `${r.laneId}${r.round}${r.warmup ? "w" : ""}`)).toEqual([
      "b-1w",
      "a-1w",
      "b0",
      "a0",
      "b1",
      "a1",
    ]);
  });

  it("in concurrent mode opens a whole round before any run finishes, and waits for all", async () => {
    const env = setup();
    const finished = env.comparison.start(spec({ concurrent: true }), env.client);
    await settle();
    expect(order(env.open())).toEqual(["steady:8b", "thinker:14b"]);
    expect(env.comparison.getSnapshot().progress.current.map((run) => run.laneId)).toEqual([
      "a",
      "b",
    ]);
    await env.answer(1);
    await settle();
    // Lane a still runs: round 1 has not started.
    expect(env.calls).toHaveLength(2);
    expect(env.comparison.getSnapshot().progress).toMatchObject({ completed: 1 });
    await env.answer(0);
    await settle();
    expect(env.open()).toHaveLength(2);
    await env.answer(2);
    await env.answer(3);
    const final = await finished;
    // Records are in the order the runs finished.
    expect(final.records.map((r) => `${r.laneId}${r.round}`)).toEqual(["b0", "a0", "a1", "b1"]);
  });
});

describe("comparison controller: requests", () => {
  it("merges each lane's settings over the shared ones; set lane values win", async () => {
    const env = setup();
    const lanes: LaneSpec[] = [
      A,
      {
        id: "b",
        model: "steady:8b",
        stream: false,
        think: "off",
        options: { temperature: 0.2, top_k: undefined },
      },
    ];
    const base = { ...spec().base, think: "on" as const, options: { temperature: 0.7, top_k: 40 } };
    void env.comparison.start(spec({ lanes, base, repeats: 1 }), env.client);
    await settle();
    await env.answer(0);
    expect(env.calls[0]?.request).toEqual({
      api: "chat",
      prompt: "hi",
      model: "steady:8b",
      stream: true,
      think: "on",
      options: { temperature: 0.7, top_k: 40 },
    });
    expect(env.calls[1]?.request).toEqual({
      api: "chat",
      prompt: "hi",
      model: "steady:8b",
      stream: false,
      think: "off",
      options: { temperature: 0.2, top_k: 40 },
    });
  });

  it("with unloadFirst unloads the lane's model before each run and records it cold", async () => {
    const env = setup();
    const finished = env.comparison.start(spec({ unloadFirst: true, repeats: 1 }), env.client);
    await settle();
    await env.answer(0);
    await env.answer(1);
    const final = await finished;
    expect(env.log).toEqual([
      "unload steady:8b",
      "ps",
      "generate steady:8b",
      "unload thinker:14b",
      "ps",
      "generate thinker:14b",
    ]);
    expect(final.records.map((record) => record.temperature)).toEqual(["cold", "cold"]);
  });

  it("in concurrent mode unloads every lane's model, asks /api/ps once, then sends all", async () => {
    const env = setup();
    void env.comparison.start(spec({ unloadFirst: true, concurrent: true }), env.client);
    await settle();
    expect(env.log).toEqual([
      "unload steady:8b",
      "unload thinker:14b",
      "ps",
      "generate steady:8b",
      "generate thinker:14b",
    ]);
  });

  it("labels runs from /api/ps, matching x to x:latest; unknown when /api/ps fails", async () => {
    const env = setup();
    const lanes: LaneSpec[] = [
      { id: "a", model: "steady", stream: true },
      { id: "b", model: "thinker:14b", stream: true },
      { id: "c", model: "fast:1b", stream: true },
    ];
    env.setRunning(["steady:latest", "fast:1b"]);
    const finished = env.comparison.start(spec({ lanes, repeats: 1 }), env.client);
    await settle();
    await env.answer(0);
    // Lane c's /api/ps question goes out when lane b's run ends.
    env.setRunning(new Error("connection refused"));
    await env.answer(1);
    await env.answer(2);
    const final = await finished;
    expect(final.records.map((r) => [r.laneId, r.temperature])).toEqual([
      ["a", "warm"],
      ["b", "cold"],
      ["c", "unknown"],
    ]);
  });

  it("records a failed unload as that run's error and goes on with the others", async () => {
    const env = setup();
    env.setUnload((model) =>
      model === "thinker:14b"
        ? Promise.reject(new OllamaHttpError(404, "model 'thinker:14b' not found"))
        : Promise.resolve(),
    );
    const finished = env.comparison.start(spec({ unloadFirst: true, repeats: 2 }), env.client);
    await settle();
    await env.answer(0);
    await settle();
    await env.answer(1);
    const final = await finished;
    expect(order(env.calls)).toEqual(["steady:8b", "steady:8b"]);
    expect(final.status).toBe("done");
    expect(final.progress).toMatchObject({ completed: 4, total: 4 });
    const failed = final.records.filter((record) => record.laneId === "b");
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({
      status: "error",
      summary: {},
      error: {
        kind: "http",
        status: 404,
        message:
          "Could not unload thinker:14b before the run: Ollama answered HTTP 404: model 'thinker:14b' not found",
      },
      run: { format: "tokenscope-run/1", status: "error", request: { model: "thinker:14b" } },
    });
  });
});

describe("comparison controller: lanes and stop", () => {
  it("has one run controller per lane from the start, reused for the lane's repeats", async () => {
    const env = setup();
    expect(env.comparison.lanes().size).toBe(0);
    void env.comparison.start(spec(), env.client);
    const lanes = env.comparison.lanes();
    expect([...lanes.keys()]).toEqual(["a", "b"]);
    const laneA = lanes.get("a");
    expect(laneA?.getSnapshot().status).toBe("idle");
    await settle();
    expect(laneA?.getSnapshot().status).toBe("waiting");
    expect(lanes.get("b")?.getSnapshot().status).toBe("idle");
    await env.answer(0);
    await env.answer(1);
    await settle();
    expect(env.comparison.lanes().get("a")).toBe(laneA);
    expect(laneA?.getSnapshot()).toMatchObject({ status: "waiting", runId: 2 });
  });

  it("notifies subscribers of every change with a new snapshot", async () => {
    const env = setup();
    const seen: ComparisonSnapshot[] = [];
    env.comparison.subscribe(() => seen.push(env.comparison.getSnapshot()));
    const finished = env.comparison.start(spec({ repeats: 1 }), env.client);
    expect(seen[0]).toMatchObject({ status: "running", progress: { completed: 0, total: 2 } });
    await settle();
    await env.answer(0);
    await env.answer(1);
    await finished;
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map((snapshot) => snapshot.records.length)).toContain(1);
    expect(seen.map((snapshot) => snapshot.progress.current.map((run) => run.laneId))).toEqual(
      expect.arrayContaining([["a"], ["b"], []]),
    );
    expect(seen.at(-1)).toMatchObject({ status: "done", progress: { completed: 2 } });
    // Old snapshots are never changed afterwards.
    expect(seen[0]?.records).toHaveLength(0);
  });

  it("Stop keeps the partial run, records it as stopped, plans nothing more, resolves", async () => {
    const env = setup();
    const finished = env.comparison.start(spec(), env.client);
    await settle();
    await env.answer(0);
    await settle();
    const second = env.calls[1];
    env.clock.advance(50);
    second?.feed.sendHeaders();
    second?.feed.push(chunk("partial"));
    await settle();
    env.comparison.stop();
    expect(env.comparison.getSnapshot().status).toBe("stopped");
    expect(second?.signal.aborted).toBe(true);
    const final = await finished;
    await settle();
    expect(env.calls).toHaveLength(2);
    expect(final.status).toBe("stopped");
    expect(final.progress).toEqual({ completed: 2, total: 4, current: [] });
    expect(final.records.map((r) => [r.laneId, r.status])).toEqual([
      ["a", "done"],
      ["b", "stopped"],
    ]);
    expect(final.records[1]?.summary).toMatchObject({ ttftMs: 50, tokens: 1 });
    expect(final.records[1]?.run.answer).toBe("partial");
    expect(env.comparison.lanes().get("b")?.getSnapshot()).toMatchObject({
      status: "stopped",
      answer: "partial",
    });
  });

  it("a new start stops the comparison going on and gives the new one fresh lanes", async () => {
    const env = setup();
    const first = env.comparison.start(spec(), env.client);
    await settle();
    const oldLane = env.comparison.lanes().get("a");
    const second = env.comparison.start(spec({ lanes: [B, A], repeats: 1 }), env.client);
    expect(await first).toMatchObject({ status: "stopped", records: [{ status: "stopped" }] });
    expect(env.comparison.getSnapshot()).toMatchObject({ status: "running", records: [] });
    expect(env.comparison.lanes().get("a")).not.toBe(oldLane);
    await settle();
    await env.answer(1);
    await env.answer(2);
    expect((await second).records.map((record) => record.laneId)).toEqual(["b", "a"]);
    expect(order(env.calls)).toEqual(["steady:8b", "thinker:14b", "steady:8b"]);
  });

  it("Stop during an unload sends nothing more and records nothing", async () => {
    const env = setup();
    env.setUnload(
      (_model, signal) =>
        new Promise((_resolve, reject) =>
          signal?.addEventListener("abort", () =>
            reject(new DOMException("stopped", "AbortError")),
          ),
        ),
    );
    const finished = env.comparison.start(spec({ unloadFirst: true }), env.client);
    await settle();
    env.comparison.stop();
    const final = await finished;
    expect(env.log).toEqual(["unload steady:8b"]);
    expect(env.calls).toHaveLength(0);
    expect(final).toMatchObject({
      status: "stopped",
      records: [],
      progress: { completed: 0, current: [] },
    });
  });
});

describe("comparison idle timeout", () => {
  it("ends a lane's run that has gone silent for the idle timeout, keeps its reason, and goes on", async () => {
    const clock = fakeClock(1000);
    const scheduler = manualScheduler();
    const fake = scriptedClient();
    const comparison = createComparisonController({ clock, scheduler });
    const finished = comparison.start(
      spec({ repeats: 1, idleTimeoutMs: 5_000, lanes: [A] }),
      fake.client,
    );
    await settle();
    const call = fake.calls[0];
    if (!call) throw new Error("no generate call");
    call.feed.sendHeaders();
    call.feed.push(chunk("partial"));
    await settle();
    clock.advance(4_000);
    scheduler.tick();
    await settle();
    expect(comparison.getSnapshot().records).toHaveLength(0);
    clock.advance(1_000);
    scheduler.tick();
    const snapshot = await finished;
    expect(snapshot.status).toBe("done");
    expect(snapshot.records).toHaveLength(1);
    expect(snapshot.records[0]?.status).toBe("error");
    expect(snapshot.records[0]?.error?.kind).toBe("idle");
    expect(snapshot.records[0]?.summary.tokens).toBe(1);
  });
});
