const OPEN = "<think>";
const CLOSE = "</think>";

export interface SplitText {
  answer: string;
  thinking: string;
}

/**
 * Splits answer text that carries inline `<think>…</think>` tags (older thinking models, or servers
 * before v0.12.4) into thinking and answer parts, chunk by chunk. A tag may be cut across chunks, so
 * a trailing fragment that could start a tag is held back until the next chunk decides it.
 * Only a `<think>` at the very start of the answer (after whitespace) opens thinking, as models emit it.
 */
export class InlineThinkSplitter {
  private state: "start" | "thinking" | "answer" = "start";
  private pending = "";

  push(text: string): SplitText {
    if (this.state === "answer" && this.pending === "") return { answer: text, thinking: "" };
    let input = this.pending + text;
    this.pending = "";
    const out: SplitText = { answer: "", thinking: "" };
    if (this.state === "start") {
      const trimmed = input.trimStart();
      if (trimmed.startsWith(OPEN)) {
        this.state = "thinking";
        input = trimmed.slice(OPEN.length);
      } else if (OPEN.startsWith(trimmed)) {
        this.pending = input; // could still become "<think>"
        return out;
      } else {
        this.state = "answer";
        out.answer = input;
        return out;
      }
    }
    if (this.state === "thinking") {
      const close = input.indexOf(CLOSE);
      if (close >= 0) {
        out.thinking = input.slice(0, close);
        this.state = "answer";
        out.answer = input.slice(close + CLOSE.length);
        return out;
      }
      const keep = partialSuffix(input, CLOSE);
      out.thinking = input.slice(0, input.length - keep);
      this.pending = input.slice(input.length - keep);
      return out;
    }
    out.answer = input;
    return out;
  }

  /** Whatever is held back, released at the end of the stream. */
  flush(): SplitText {
    const rest = this.pending;
    this.pending = "";
    return this.state === "thinking"
      ? { answer: "", thinking: rest }
      : { answer: rest, thinking: "" };
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}
