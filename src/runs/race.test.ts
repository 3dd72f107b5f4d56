import { describe, expect, it } from "vitest";
import { describeRace } from "./race.ts";

describe("describeRace", () => {
  it("compares first words and the whole answer of both sides", () => {
    expect(describeRace({ ttftMs: 210, totalMs: 4700 }, { ttftMs: 4800, totalMs: 4800 })).toBe(
      "First words after 210 ms streaming vs 4.80 s blocking; whole answer 4.70 s vs 4.80 s.",
    );
  });

  it("names a side that failed or was stopped and uses only the other side's figures", () => {
    expect(
      describeRace({ ttftMs: 210, totalMs: 4700 }, { totalMs: 400 }, { blocking: "error" }),
    ).toBe(
      "The blocking run failed. First words after 210 ms streaming; whole answer after 4.70 s streaming.",
    );
    expect(
      describeRace(
        { ttftMs: 210, totalMs: 900 },
        { ttftMs: 4800, totalMs: 4800 },
        {
          streaming: "stopped",
          blocking: "done",
        },
      ),
    ).toBe(
      "The streaming run was stopped. First words after 4.80 s blocking; whole answer after 4.80 s blocking.",
    );
  });

  it("says when both sides have no usable figures", () => {
    expect(describeRace({}, {}, { streaming: "error", blocking: "streaming" })).toBe(
      "The streaming run failed and the blocking run has not finished.",
    );
    expect(describeRace({}, {})).toBe("No figures for either run yet.");
  });

  it("leaves out a missing figure instead of showing 0", () => {
    // An empty answer: the streaming run ended without a token.
    expect(describeRace({ totalMs: 350 }, { ttftMs: 4800, totalMs: 4800 })).toBe(
      "First words after 4.80 s blocking (no figure for streaming); whole answer 350 ms vs 4.80 s.",
    );
  });
});
