import { describe, expect, it } from "vitest";
import { scenarios } from "../../../sim/scenarios.ts";
import { IncrementalMarkdown } from "./incremental-markdown.ts";
import { renderMarkdown } from "./render-markdown.ts";

const html = (text: string, streaming: boolean): string => {
  const box = document.createElement("div");
  box.appendChild(renderMarkdown(text, streaming));
  return box.innerHTML;
};

// Blocks that interact across blank lines and as text arrives: loose lists, setext headings, an
// open fence, a table growing row by row, a lazily continued quote.
const SAMPLE = `# Title

A paragraph with **bold** and a [link](https://ollama.com).

- one

- two (a loose list: one list across the blank line)

1. first
2. second

Setext heading
--------------

\`\`\`ts
const a = 1;

const b = 2;
\`\`\`

| a | b |
|---|---|
| 1 | 2 |
| 3 | 4 |

> quoted
lazily continued

The end.
`;

function stream(tokens: readonly string[], check: (box: HTMLElement, text: string) => void): void {
  const box = document.createElement("div");
  const incremental = new IncrementalMarkdown(box);
  let text = "";
  for (const token of tokens) {
    text += token;
    incremental.update(text);
    check(box, text);
  }
  incremental.finish(text);
  expect(box.innerHTML).toBe(html(text, false));
}

describe("IncrementalMarkdown", () => {
  it("shows what a full render shows, at every step, for the simulator's answers", () => {
    for (const model of ["steady:8b", "oldthinker:7b", "thinker:14b"]) {
      stream(scenarios[model]?.answerTokens ?? [], (box, text) => {
        expect(box.innerHTML).toBe(html(text, true));
      });
    }
  }, 30_000);

  it("settles blocks only once text after them cannot change them (7-character tokens)", () => {
    const tokens = SAMPLE.match(/[\s\S]{1,7}/g) ?? [];
    stream(tokens, (box, text) => {
      expect(box.innerHTML, JSON.stringify(text.slice(-40))).toBe(html(text, true));
    });
  });

  it("resolves a reference link defined in a later block when the answer is finished", () => {
    const box = document.createElement("div");
    const incremental = new IncrementalMarkdown(box);
    const text = "See [the docs][ref].\n\n[ref]: https://example.com/\n";
    incremental.update(text);
    expect(box.querySelector("a")).toBeNull();
    incremental.finish(text);
    expect(box.querySelector("a")?.getAttribute("href")).toBe("https://example.com/");
  });

  it("keeps settled blocks' nodes instead of rendering them again", () => {
    const box = document.createElement("div");
    const incremental = new IncrementalMarkdown(box);
    incremental.update("# Title\n\nFirst paragraph.\n\nSecond");
    const heading = box.querySelector("h1");
    incremental.update("# Title\n\nFirst paragraph.\n\nSecond paragraph, longer.");
    expect(box.querySelector("h1")).toBe(heading);
    expect(box.querySelectorAll("p")).toHaveLength(2);
  });

  it("starts over for a text that does not extend the last one, and after finish", () => {
    const box = document.createElement("div");
    const incremental = new IncrementalMarkdown(box);
    incremental.update("First answer.\n\nMore");
    incremental.update("Another");
    expect(box.innerHTML).toBe(html("Another", true));
    incremental.finish("Another answer");
    incremental.update("Another answer, and a new run");
    expect(box.innerHTML).toBe(html("Another answer, and a new run", true));
  });

  it("settles nothing new when marked's blocks do not add up to the text", () => {
    stream(["Line one\r\n\r\n", "- a\r\n", "- b\r\n"], (box, text) => {
      expect(box.innerHTML).toBe(html(text, true));
    });
    stream(["Intro.\n\n", "- a\n", "- ", "b\n", "- "], (box, text) => {
      expect(box.innerHTML).toBe(html(text, true));
    });
  });
});
