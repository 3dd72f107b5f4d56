import { describe, expect, it } from "vitest";
import { createFrameBatcher } from "./clock.ts";

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
