import { describe, expect, it } from "vitest";
import { IncompleteStreamError, OllamaHttpError, OllamaStreamError } from "../ollama/errors.ts";
import type { GenerationRequest, StreamEvent } from "../ollama/types.ts";
import { fakeClock, manualScheduler, scriptedClient, settle } from "../test/fake-run-env.ts";
import { createRunController } from "./run-controller.ts";

const request: GenerationRequest = {
  api: "chat",
  model: "steady:8b",
  prompt: "hi",
  stream: true,
  think: "unset",
  options: {},
};

const chunk = (content: string, thinking = "", createdAt?: string): StreamEvent => ({
  type: "chunk",
  content,
  thinking,
  createdAt,
});

const done = (content = ""): StreamEvent => ({
  type: "done",
  content,
  thinking: "",
  createdAt: undefined,
  stats: { evalCount: 5, evalDurationNs: 100_000_000, promptEvalCount: 10, doneReason: "stop" },
});

function setup() {
  const clock = fakeClock(1000);
  const scheduler = manualScheduler();
  const { client, calls } = scriptedClient();
  const controller = createRunController({ clock, scheduler });
  const feed = () => {
    const call = calls.at(-1);
    if (!call) throw new Error("no generate call yet");
    return call.feed;
  };
  const start = (r: GenerationRequest): void => void controller.start(r, client);
  const startAndWait = (r: GenerationRequest) => controller.start(r, client);
  return { clock, scheduler, controller, calls, feed, start, startAndWait, client };
}

describe("run controller", () => {
  it("stamps each chunk with the clock and computes the figures from them", async () => {
    const { clock, scheduler, controller, feed, start } = setup();
    start(request);
    expect(controller.getSnapshot().status).toBe("waiting");
    clock.set(1200);
    feed().sendHeaders();
    await settle();
    for (const [at, text] of [
      [1200, "The"],
      [1225, " sky"],
      [1250, " is"],
      [1275, " blue"],
    ] as const) {
      clock.set(at);
      feed().push(chunk(text));
      await settle();
    }
    scheduler.flushFrames();
    const live = controller.getSnapshot();
    expect(live.status).toBe("streaming");
    expect(live.answer).toBe("The sky is blue");
    expect(live.summary.ttftMs).toBe(200);
    expect(live.summary.tokens).toBe(4);
    clock.set(1300);
    feed().push(done("."));
    feed().end();
    await settle();
    const final = controller.getSnapshot();
    expect(final.status).toBe("done");
    expect(final.answer).toBe("The sky is blue.");
    expect(final.summary.tokens).toBe(5);
    expect(final.summary.clientTps).toBeCloseTo(4 / 0.1, 6);
    expect(final.summary.ollamaTps).toBeCloseTo(50, 6);
    expect(final.summary.totalMs).toBe(300);
    expect(final.final?.evalCount).toBe(5);
  });

  it("renders at most once per frame however many chunks arrive", async () => {
    const { clock, scheduler, controller, feed, start } = setup();
    let notifications = 0;
    controller.subscribe(() => notifications++);
    start(request);
    notifications = 0;
    feed().sendHeaders();
    await settle();
    for (let i = 0; i < 500; i++) {
      clock.advance(0.5);
      feed().push(chunk(`t${i} `));
    }
    await settle();
    expect(scheduler.pendingFrames()).toBe(1);
    expect(notifications).toBe(0);
    scheduler.flushFrames();
    expect(notifications).toBe(1);
    expect(controller.getSnapshot().summary.tokens).toBe(500);
  });

  it("samples the chart on its clock with bounded points", async () => {
    const { clock, scheduler, controller, feed, start } = setup();
    start(request);
    feed().sendHeaders();
    await settle();
    for (let tick = 0; tick < 2000; tick++) {
      clock.advance(250);
      feed().push(chunk("x"));
      await settle();
      scheduler.tick();
    }
    scheduler.flushFrames();
    const series = controller.getSnapshot().series;
    expect(series.length).toBeLessThanOrEqual(240);
    expect(series[0]?.tMs).toBe(0);
    expect(series.at(-1)?.tMs).toBe(2000 * 250);
    expect(series.at(-1)?.tokens).toBe(2000);
  });

  it("Stop keeps the partial text and metrics, and a new run starts at once", async () => {
    const { clock, scheduler, controller, feed, calls, start } = setup();
    start(request);
    feed().sendHeaders();
    await settle();
    clock.set(1100);
    feed().push(chunk("partial"));
    clock.set(1150);
    feed().push(chunk(" text"));
    await settle();
    clock.set(1400);
    controller.stop();
    const stopped = controller.getSnapshot();
    expect(stopped.status).toBe("stopped");
    expect(stopped.answer).toBe("partial text");
    expect(stopped.summary.tokens).toBe(2);
    expect(stopped.summary.totalMs).toBe(400);
    expect(calls[0]?.signal.aborted).toBe(true);
    // Late events from the stopped run change nothing.
    feed().push(chunk(" late"));
    await settle();
    scheduler.flushFrames();
    expect(controller.getSnapshot().answer).toBe("partial text");

    start(request);
    expect(calls).toHaveLength(2);
    expect(controller.getSnapshot().status).toBe("waiting");
    expect(controller.getSnapshot().answer).toBe("");
  });

  it("Stop while waiting for headers ends the run as stopped", async () => {
    const { controller, start } = setup();
    start(request);
    controller.stop();
    await settle();
    expect(controller.getSnapshot().status).toBe("stopped");
    expect(controller.getSnapshot().error).toBeUndefined();
  });

  it.each([
    [
      new OllamaHttpError(500, "model runner has unexpectedly stopped"),
      "http",
      /HTTP 500: model runner/,
    ],
    [
      new OllamaStreamError("an error was encountered"),
      "stream",
      /mid-stream: an error was encountered/,
    ],
    [new IncompleteStreamError(), "incomplete", /before Ollama said it was done/],
  ])("an error keeps what arrived and says what happened (%s)", async (error, kind, message) => {
    const { controller, feed, start } = setup();
    start(request);
    feed().sendHeaders();
    await settle();
    feed().push(chunk("kept"));
    feed().fail(error);
    await settle();
    const snapshot = controller.getSnapshot();
    expect(snapshot.status).toBe("error");
    expect(snapshot.error?.kind).toBe(kind);
    expect(snapshot.error?.message).toMatch(message);
    expect(snapshot.answer).toBe("kept");
    expect(snapshot.summary.tokens).toBe(1);
  });

  it("sorts thinking from the answer, native and inline, and counts both", async () => {
    const { controller, feed, scheduler, start } = setup();
    start(request);
    feed().sendHeaders();
    await settle();
    feed().push(chunk("", "Hmm"));
    feed().push(chunk("Yes", " ok"));
    feed().push(chunk("!"));
    feed().push(done());
    feed().end();
    await settle();
    scheduler.flushFrames();
    let snapshot = controller.getSnapshot();
    expect(snapshot.thinking).toBe("Hmm ok");
    expect(snapshot.answer).toBe("Yes!");
    expect(snapshot.summary.tokens).toBe(3);

    start(request);
    feed().sendHeaders();
    await settle();
    for (const piece of ["<think>", "plan", "</think>", "Answer"]) feed().push(chunk(piece));
    feed().push(done());
    feed().end();
    await settle();
    snapshot = controller.getSnapshot();
    expect(snapshot.thinking).toBe("plan");
    expect(snapshot.answer).toBe("Answer");
    expect(snapshot.summary.tokens).toBe(4);
  });

  it("a blocking run has one arrival: time to first token equals total time", async () => {
    const { clock, controller, feed, start } = setup();
    start({ ...request, stream: false });
    clock.set(5800);
    feed().sendHeaders();
    feed().push(done("The whole answer at once."));
    feed().end();
    await settle();
    const snapshot = controller.getSnapshot();
    expect(snapshot.status).toBe("done");
    expect(snapshot.answer).toBe("The whole answer at once.");
    expect(snapshot.summary.ttftMs).toBe(4800);
    expect(snapshot.summary.totalMs).toBe(4800);
    expect(snapshot.summary.tokens).toBeUndefined();
    expect(snapshot.summary.ollamaTps).toBeCloseTo(50, 6);
  });

  it("counts malformed lines and carries on", async () => {
    const { controller, feed, start } = setup();
    start(request);
    feed().sendHeaders();
    await settle();
    feed().push({ type: "malformed", line: "<html>", reason: "not JSON" });
    feed().push(chunk("still here"));
    feed().push(done());
    feed().end();
    await settle();
    expect(controller.getSnapshot().malformedLines).toBe(1);
    expect(controller.getSnapshot().answer).toBe("still here");
    expect(controller.getSnapshot().status).toBe("done");
  });
});

describe("run controller with a transport that stamps arrivals", () => {
  it("uses the transport's arrival stamps, not the time it got round to the events", async () => {
    const { clock, controller, feed, start } = setup();
    start(request);
    feed().sendHeaders();
    await settle();
    // The page was busy: the events are handled at 2000 though they arrived at 1150 and 1175.
    clock.set(2000);
    feed().push(chunk("a"), 1150);
    feed().push(chunk("b"), 1175);
    feed().push(done(), 1200);
    feed().end();
    await settle();
    const snapshot = controller.getSnapshot();
    expect(snapshot.summary.ttftMs).toBe(150);
    expect(snapshot.summary.clientTps).toBeCloseTo(40, 6);
    expect(snapshot.summary.totalMs).toBe(200);
    expect(snapshot.endMs).toBe(1200);
  });
});

describe("run controller and the moment the request left", () => {
  it("counts time to first token from when the transport sent the request, not from Run", async () => {
    const { clock, controller, calls, feed, start } = setup();
    start(request);
    // The stream worker was still starting: the request left 60 ms after Run.
    calls[0]?.hooks?.onSent?.(1060);
    clock.set(1100);
    feed().sendHeaders();
    await settle();
    feed().push(chunk("a"), 1160);
    feed().push(done(), 1200);
    feed().end();
    await settle();
    const snapshot = controller.getSnapshot();
    expect(snapshot.startMs).toBe(1060);
    expect(snapshot.summary.ttftMs).toBe(100);
    expect(snapshot.summary.totalMs).toBe(140);
  });

  it("reads its own clock when the transport does not stamp the moment", async () => {
    const { clock, controller, calls, feed, start } = setup();
    start(request);
    clock.set(1030);
    calls[0]?.hooks?.onSent?.();
    clock.set(1080);
    feed().sendHeaders();
    feed().push(chunk("a"));
    feed().push(done());
    feed().end();
    await settle();
    expect(controller.getSnapshot().summary.ttftMs).toBe(50);
  });
});

describe("run controller promises", () => {
  it("start resolves with the final snapshot when the run ends, also when stopped", async () => {
    const { controller, feed, startAndWait } = setup();
    const first = startAndWait(request);
    feed().sendHeaders();
    await settle();
    feed().push(chunk("one"));
    feed().push(done());
    feed().end();
    const finalSnapshot = await first;
    expect(finalSnapshot.status).toBe("done");
    expect(finalSnapshot.answer).toBe("one");

    const second = startAndWait(request);
    controller.stop();
    expect((await second).status).toBe("stopped");
  });
});

describe("run controller idle timeout", () => {
  it("says how long nothing has arrived, and ends the run with that reason at the limit", async () => {
    const { clock, scheduler, controller, feed, calls, client } = setup();
    void controller.start(request, client, { idleTimeoutMs: 12_000 });
    feed().sendHeaders();
    await settle();
    feed().push(chunk("kept"), 1100);
    await settle();
    clock.set(1100 + 5000);
    scheduler.tick();
    scheduler.flushFrames();
    expect(controller.getSnapshot().status).toBe("streaming");
    expect(controller.getSnapshot().idleMs).toBe(5000);
    clock.set(1100 + 12_000);
    scheduler.tick();
    const snapshot = controller.getSnapshot();
    expect(snapshot.status).toBe("error");
    expect(snapshot.error?.kind).toBe("idle");
    expect(snapshot.error?.message).toMatch(/Nothing arrived for 12 s/);
    expect(snapshot.answer).toBe("kept");
    expect(snapshot.summary.tokens).toBe(1);
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it("waits for ever without a limit", () => {
    const { clock, scheduler, controller, client } = setup();
    void controller.start(request, client);
    clock.set(1_000_000);
    scheduler.tick();
    expect(controller.getSnapshot().status).toBe("waiting");
  });
});

describe("run controller display lag", () => {
  it("measures arrival → the frame that painted each token", async () => {
    const { clock, scheduler, controller, feed, start } = setup();
    start(request);
    feed().sendHeaders();
    await settle();
    // Ten tokens arrive 1 ms apart; the frame that shows them runs at 1020.
    for (let i = 0; i < 10; i++) feed().push(chunk("x"), 1000 + i);
    await settle();
    clock.set(1020);
    scheduler.flushFrames();
    const lag = controller.getSnapshot().displayLag;
    expect(lag?.count).toBe(10);
    expect(lag?.maxMs).toBe(20);
    // Lags are 11..20 ms; the histogram answers to within one 0.5 ms bucket, never below.
    expect(lag?.p50Ms).toBeGreaterThanOrEqual(15);
    expect(lag?.p50Ms).toBeLessThanOrEqual(15.5);
    expect(lag?.p95Ms).toBe(20);
    // Tokens already painted are not counted again by the next frame.
    clock.set(1036);
    scheduler.tick();
    scheduler.flushFrames();
    expect(controller.getSnapshot().displayLag?.count).toBe(10);
  });
});
