import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TokenOutput } from "./token-output.tsx";

describe("TokenOutput", () => {
  it("appends only the new text to the same node, and starts over for a new run", () => {
    const { rerender } = render(<TokenOutput label="Output" text="Hello" runId={1} />);
    const region = screen.getByRole("region", { name: "Output" });
    const node = region.querySelector("pre")?.firstChild?.firstChild;
    expect(node?.textContent).toBe("Hello");
    rerender(<TokenOutput label="Output" text="Hello, world" runId={1} />);
    expect(region.querySelector("pre")?.firstChild?.firstChild).toBe(node);
    expect(region.querySelector("pre")?.textContent).toBe("Hello, world");
    rerender(<TokenOutput label="Output" text="New" runId={2} />);
    expect(region.querySelector("pre")?.textContent).toBe("New");
  });

  it("shows markup as text, never as HTML", () => {
    render(
      <TokenOutput label="Output" text={'<img src=x onerror="alert(1)"><b>bold</b>'} runId={1} />,
    );
    const region = screen.getByRole("region", { name: "Output" });
    expect(region.querySelector("img")).toBeNull();
    expect(region.querySelector("b")).toBeNull();
    expect(region).toHaveTextContent('<img src=x onerror="alert(1)"><b>bold</b>');
  });

  it("cuts a long answer into blocks after line breaks, keeping the text exact", () => {
    const line = `${"word ".repeat(100)}\n`;
    const text = line.repeat(30);
    const { rerender } = render(<TokenOutput label="Output" text="" runId={1} />);
    for (let end = 0; end <= text.length; end += 997) {
      rerender(<TokenOutput label="Output" text={text.slice(0, end)} runId={1} />);
    }
    rerender(<TokenOutput label="Output" text={text} runId={1} />);
    const pre = screen.getByRole("region", { name: "Output" }).querySelector("pre");
    expect(pre?.textContent).toBe(text);
    const blocks = [...(pre?.children ?? [])];
    expect(blocks.length).toBeGreaterThan(4);
    for (const block of blocks.slice(0, -1)) {
      expect(block.textContent?.endsWith("\n")).toBe(true);
      expect(block.textContent?.length).toBeLessThan(2048 + line.length + 997);
    }
  });
});
