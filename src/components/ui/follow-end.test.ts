import { describe, expect, it } from "vitest";
import { followEnd } from "./follow-end.ts";

/** A scroll box whose sizes jsdom does not compute: set by hand. */
function box(scrollTop: number, clientHeight = 100, scrollHeight = 500) {
  const element = document.createElement("div");
  let height = scrollHeight;
  Object.defineProperty(element, "scrollHeight", { get: () => height });
  Object.defineProperty(element, "clientHeight", { get: () => clientHeight });
  element.scrollTop = scrollTop;
  return { element, grow: (by: number) => (height += by) };
}

describe("followEnd", () => {
  it("follows the end when the reader was at it (or within a line of it)", () => {
    for (const top of [400, 380]) {
      const { element, grow } = box(top);
      followEnd(element, () => grow(200));
      expect(element.scrollTop).toBe(700);
    }
  });

  it("leaves a reader who scrolled up where they are", () => {
    const { element, grow } = box(100);
    followEnd(element, () => grow(200));
    expect(element.scrollTop).toBe(100);
  });
});
