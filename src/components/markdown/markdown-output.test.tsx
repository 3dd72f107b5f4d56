import { render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MarkdownOutput } from "./markdown-output.tsx";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const output = (props: { text: string; live: boolean; runId?: number }) => (
  <MarkdownOutput label="Output" runId={props.runId ?? 1} text={props.text} live={props.live} />
);

describe("MarkdownOutput", () => {
  it("renders a finished answer at once, in the region named Output", () => {
    render(output({ text: "# Hi\n\n[Ollama](https://ollama.com) <b>raw</b>", live: false }));
    const region = screen.getByRole("region", { name: "Output" });
    expect(region.querySelector("h1")).toHaveTextContent("Hi");
    expect(screen.getByRole("link", { name: "Ollama" })).toHaveAttribute(
      "href",
      "https://ollama.com/",
    );
    expect(region.querySelector("b")).toBeNull();
    expect(region).toHaveTextContent("<b>raw</b>");
  });

  it("while live: renders at once, then at most every 250 ms, always ending on the newest text", () => {
    const { rerender } = render(output({ text: "One", live: true }));
    const region = screen.getByRole("region", { name: "Output" });
    expect(region).toHaveTextContent("One");
    rerender(output({ text: "One two", live: true }));
    rerender(output({ text: "One two three", live: true }));
    expect(region).toHaveTextContent(/^One$/);
    vi.advanceTimersByTime(249);
    expect(region).toHaveTextContent(/^One$/);
    vi.advanceTimersByTime(1);
    expect(region).toHaveTextContent("One two three");
    // Nothing new: the next change renders on the leading edge again once the pause is over.
    vi.advanceTimersByTime(250);
    rerender(output({ text: "One two three four", live: true }));
    expect(region).toHaveTextContent("One two three four");
  });

  it("renders the final text as soon as the run ends, without waiting for the timer", () => {
    const { rerender } = render(output({ text: "**bo", live: true }));
    const region = screen.getByRole("region", { name: "Output" });
    // While streaming, the unterminated bold is closed.
    expect(region.querySelector("strong")).toHaveTextContent("bo");
    rerender(output({ text: "**bold** and more", live: true }));
    rerender(output({ text: "**bold** and more, done", live: false }));
    expect(region).toHaveTextContent("bold and more, done");
    expect(vi.getTimerCount()).toBe(0);
  });
});
