import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { GenerationRequest, StreamEvent } from "../ollama/types.ts";
import { createRunController } from "../runs/run-controller.ts";
import { fakeClock, manualScheduler, scriptedClient, settle } from "../test/fake-run-env.ts";
import { useLaneSeries, useLaneSnapshots } from "./use-comparison.ts";

const request: GenerationRequest = {
  api: "chat",
  model: "fast:1b",
  prompt: "hi",
  stream: true,
  think: "unset",
  options: {},
};
const chunk = (content: string): StreamEvent => ({
  type: "chunk",
  content,
  thinking: "",
  createdAt: undefined,
});

/** Two lanes streaming through real run controllers, on a fake clock and frame scheduler. */
function twoLanes() {
  const clock = fakeClock(1000);
  const scheduler = manualScheduler();
  const { client, calls } = scriptedClient();
  const controllers = [
    createRunController({ clock, scheduler }),
    createRunController({ clock, scheduler }),
  ] as const;
  for (const controller of controllers) void controller.start(request, client);
  for (const call of calls) call.feed.sendHeaders();
  return { clock, scheduler, calls, controllers };
}

describe("lane hooks", () => {
  it("useLaneSeries changes only when a lane's chart gains a point, not on every frame", async () => {
    const { clock, scheduler, calls, controllers } = twoLanes();
    let renders = 0;
    const { result } = renderHook(() => {
      renders += 1;
      return useLaneSeries(controllers);
    });
    const first = result.current;
    const rendersBefore = renders;
    // Twenty frames of tokens in both lanes: new snapshots each frame, the same series.
    for (let frame = 0; frame < 20; frame++) {
      clock.advance(16);
      for (const call of calls) call.feed.push(chunk("x"));
      await act(async () => {
        await settle();
        scheduler.flushFrames();
      });
    }
    expect(renders).toBe(rendersBefore);
    expect(result.current).toBe(first);
    // The sampling clock adds a point to each lane's series: now it changes.
    await act(async () => {
      scheduler.tick();
      scheduler.flushFrames();
      await settle();
    });
    expect(result.current).not.toBe(first);
    expect(result.current[0]?.at(-1)?.tokens).toBe(20);
    expect(result.current[1]?.at(-1)?.tokens).toBe(20);
  });

  it("useLaneSnapshots follows every published frame", async () => {
    const { clock, scheduler, calls, controllers } = twoLanes();
    const { result } = renderHook(() => useLaneSnapshots(controllers));
    clock.advance(16);
    calls[0]?.feed.push(chunk("hello"));
    await act(async () => {
      await settle();
      scheduler.flushFrames();
    });
    expect(result.current[0]?.answer).toBe("hello");
    expect(result.current[1]?.answer).toBe("");
  });
});
