import { describe, expect, it } from "vitest";
import { createFrameBatcher, createSharedIntervals } from "./clock.ts";

function fakeFrames() {
  const requests: (() => void)[] = [];
  const frame = createFrameBatcher((run) => requests.push(run));
  const paint = (): void => {
    const due = requests.splice(0);
    for (const run of due) run();
  };
  return { frame, requests, paint };
}

describe("createFrameBatcher", () => {
  it("asks for one animation frame however many callbacks want the next paint, and runs them all in it", () => {
    const { frame, requests, paint } = fakeFrames();
    const ran: string[] = [];
    frame(() => ran.push("lane a"));
    frame(() => ran.push("lane b"));
    frame(() => ran.push("lane c"));
    expect(requests).toHaveLength(1);
    paint();
    expect(ran).toEqual(["lane a", "lane b", "lane c"]);
  });

  it("a cancelled callback does not run; the others still do", () => {
    const { frame, paint } = fakeFrames();
    const ran: string[] = [];
    const cancel = frame(() => ran.push("cancelled"));
    frame(() => ran.push("kept"));
    cancel();
    paint();
    expect(ran).toEqual(["kept"]);
  });

  it("a callback asking for a frame while the frame runs gets the next one", () => {
    const { frame, requests, paint } = fakeFrames();
    const ran: string[] = [];
    frame(() => {
      ran.push("first");
      frame(() => ran.push("second"));
    });
    paint();
    expect(ran).toEqual(["first"]);
    expect(requests).toHaveLength(1);
    paint();
    expect(ran).toEqual(["first", "second"]);
  });
});

describe("createSharedIntervals", () => {
  function fakeTimers() {
    const timers = new Map<number, { period: number; run: () => void }>();
    let next = 1;
    const every = createSharedIntervals((run, period) => {
      const id = next++;
      timers.set(id, { period, run });
      return () => timers.delete(id);
    });
    const fire = (period: number): void => {
      for (const timer of [...timers.values()]) if (timer.period === period) timer.run();
    };
    return { every, timers, fire };
  }

  it("runs every callback of one period from one timer, at the same moment", () => {
    const { every, timers, fire } = fakeTimers();
    const ran: string[] = [];
    every(250, () => ran.push("lane a"));
    every(250, () => ran.push("lane b"));
    every(1000, () => ran.push("slow"));
    expect(timers.size).toBe(2);
    fire(250);
    expect(ran).toEqual(["lane a", "lane b"]);
  });

  it("stops the timer when its last callback is cancelled, and starts a new one when needed", () => {
    const { every, timers, fire } = fakeTimers();
    const ran: string[] = [];
    const cancelA = every(250, () => ran.push("a"));
    const cancelB = every(250, () => ran.push("b"));
    cancelA();
    fire(250);
    expect(ran).toEqual(["b"]);
    cancelB();
    expect(timers.size).toBe(0);
    every(250, () => ran.push("c"));
    expect(timers.size).toBe(1);
    fire(250);
    expect(ran).toEqual(["b", "c"]);
  });
});
