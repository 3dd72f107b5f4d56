import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TokenOutput } from "./token-output.tsx";

describe("TokenOutput", () => {
  it("appends only the new text to one text node, and starts over for a new run", () => {
    const { rerender } = render(<TokenOutput label="Output" text="Hello" runId={1} />);
    const region = screen.getByRole("region", { name: "Output" });
    const node = region.querySelector("pre")?.firstChild;
    expect(node?.textContent).toBe("Hello");
    rerender(<TokenOutput label="Output" text="Hello, world" runId={1} />);
    expect(region.querySelector("pre")?.firstChild).toBe(node);
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
});
