import { act, render } from "@testing-library/react";
import { useLayoutEffect, useRef } from "react";
import { describe, expect, it } from "vitest";
import { useFollowEnd } from "./follow-end.ts";

/** jsdom lays nothing out: sizes are set by hand, and reads of scrollHeight are counted. */
function sized(box: HTMLElement, heights: { client: number; scroll: number }, reads: number[]) {
  Object.defineProperty(box, "clientHeight", { configurable: true, get: () => heights.client });
  Object.defineProperty(box, "scrollHeight", {
    configurable: true,
    get: () => {
      reads.push(1);
      return heights.scroll;
    },
  });
}

function Box(props: { id: string; text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const contentChanged = useFollowEnd(ref);
  useLayoutEffect(() => {
    if (ref.current) ref.current.textContent = props.text;
    contentChanged();
  }, [props.text, contentChanged]);
  return <div ref={ref} data-testid={props.id} />;
}

const flushMicrotasks = () => act(async () => await Promise.resolve());

describe("useFollowEnd", () => {
  it("scrolls every following box to its end once the frame's writes are done, reading no size while writing", async () => {
    const view = render(
      <>
        <Box id="a" text="1" />
        <Box id="b" text="1" />
      </>,
    );
    await flushMicrotasks();
    const reads: number[] = [];
    const heights = { client: 100, scroll: 500 };
    const a = view.getByTestId("a");
    const b = view.getByTestId("b");
    sized(a, heights, reads);
    sized(b, heights, reads);
    view.rerender(
      <>
        <Box id="a" text="12" />
        <Box id="b" text="12" />
      </>,
    );
    const readsDuringWrites = reads.length;
    await flushMicrotasks();
    expect(readsDuringWrites).toBe(0);
    expect(a.scrollTop).toBe(500);
    expect(b.scrollTop).toBe(500);
  });

  it("leaves a reader who scrolled up where they are, and follows again once they are back at the end", async () => {
    const view = render(<Box id="a" text="1" />);
    await flushMicrotasks();
    const a = view.getByTestId("a");
    const heights = { client: 100, scroll: 500 };
    sized(a, heights, []);
    a.scrollTop = 100;
    a.dispatchEvent(new Event("scroll"));
    view.rerender(<Box id="a" text="12" />);
    await flushMicrotasks();
    expect(a.scrollTop).toBe(100);
    a.scrollTop = 390;
    a.dispatchEvent(new Event("scroll"));
    heights.scroll = 700;
    view.rerender(<Box id="a" text="123" />);
    await flushMicrotasks();
    expect(a.scrollTop).toBe(700);
  });
});
