import { describe, expect, it } from "vitest";
import { InlineThinkSplitter } from "./inline-think.ts";

function splitAll(pieces: string[]) {
  const splitter = new InlineThinkSplitter();
  let answer = "";
  let thinking = "";
  for (const piece of pieces) {
    const out = splitter.push(piece);
    answer += out.answer;
    thinking += out.thinking;
  }
  const rest = splitter.flush();
  return { answer: answer + rest.answer, thinking: thinking + rest.thinking };
}

describe("InlineThinkSplitter", () => {
  const text = "<think>\nLet me see. 2 < 3.\n</think>\n\nThe answer is 4.";

  it("moves an inline think block out of the answer", () => {
    expect(
      splitAll(["<think>", "\nLet me see.", " 2 < 3.\n", "</think>", "\n\nThe answer", " is 4."]),
    ).toEqual({
      thinking: "\nLet me see. 2 < 3.\n",
      answer: "\n\nThe answer is 4.",
    });
  });

  it("gives the same result however the text is cut, including inside the tags", () => {
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j += 3) {
        expect(splitAll([text.slice(0, i), text.slice(i, j), text.slice(j)])).toEqual({
          thinking: "\nLet me see. 2 < 3.\n",
          answer: "\n\nThe answer is 4.",
        });
      }
    }
  });

  it("leaves text without a leading think tag alone, even if it mentions one later", () => {
    expect(splitAll(["Use ", "<think>", " tags"])).toEqual({
      answer: "Use <think> tags",
      thinking: "",
    });
    expect(splitAll(["<", "b>bold"])).toEqual({ answer: "<b>bold", thinking: "" });
  });

  it("releases an unterminated think block as thinking at the end", () => {
    expect(splitAll(["<think>", "still going </thi"])).toEqual({
      answer: "",
      thinking: "still going </thi",
    });
  });
});
