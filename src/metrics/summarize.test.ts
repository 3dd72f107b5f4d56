import { describe, expect, it } from "vitest";
import { emptyTally, summarize, tallySample } from "./summarize.ts";
import type { FinalStats, RunSummary, RunTimes, TokenKind, TokenSample } from "./types.ts";

function sample(atMs: number, kind: TokenKind, createdAt?: string): TokenSample {
  return { atMs, kind, chars: 4, ...(createdAt === undefined ? {} : { createdAt }) };
}

// Request at 1000. Thinking at 1200..1275, the switch chunk (both) at 1300, answer 1325..1400:
// one chunk every 25 ms, 9 chunks. Ollama stamps them 10 ms apart with 1 to 9 fraction digits.
const thinkingRun: TokenSample[] = [
  sample(1200, "thinking", "2024-07-02T11:45:16.1Z"),
  sample(1225, "thinking", "2024-07-02T11:45:16.11Z"),
  sample(1250, "thinking", "2024-07-02T11:45:16.120Z"),
  sample(1275, "thinking", "2024-07-02T11:45:16.13Z"),
  sample(1300, "both", "2024-07-02T11:45:16.140000Z"),
  sample(1325, "answer", "2024-07-02T11:45:16.15Z"),
  sample(1350, "answer", "2024-07-02T11:45:16.160000000Z"),
  sample(1375, "answer", "2024-07-02T11:45:16.17Z"),
  sample(1400, "answer", "2024-07-02T11:45:16.18Z"),
];

const fullStats: FinalStats = {
  doneReason: "stop",
  totalDurationNs: 450_000_000,
  loadDurationNs: 12_345_678,
  promptEvalCount: 20,
  promptEvalDurationNs: 50_000_000,
  evalCount: 10,
  evalDurationNs: 250_000_000,
};

const streamDone: RunTimes = { mode: "stream", startMs: 1000, endMs: 1450 };

function expectNoNaNOrInfinity(summary: RunSummary): void {
  for (const value of Object.values(summary)) {
    if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
  }
}

describe("summarize, streaming", () => {
  it("fills every field for a finished run with thinking", () => {
    const summary = summarize(streamDone, thinkingRun, fullStats, 99_999);
    expect(summary.ttftMs).toBe(200);
    expect(summary.ttfaMs).toBe(300); // the "both" chunk carries the first answer text
    expect(summary.tokens).toBe(9);
    expect(summary.thinkingTokens).toBe(4);
    expect(summary.answerTokens).toBe(5); // "both" counts once, as answer
    expect(summary.totalMs).toBe(450); // endMs wins over nowMs
    expect(summary.clientTps).toBe(40); // 8 intervals over 0.2 s
    expect(summary.ollamaTps).toBe(40); // 10 / 0.25 s
    expect(summary.ollamaPromptTps).toBe(400); // 20 / 0.05 s
    expect(summary.promptTokens).toBe(20);
    expect(summary.evalCount).toBe(10);
    expect(summary.loadMs).toBeCloseTo(12.345678, 9);
    expect(summary.ollamaTotalMs).toBe(450);
    expect(summary.gaps).toEqual({ p50Ms: 25, p95Ms: 25, maxMs: 25, count: 8 });
    expect(summary.serverGaps?.count).toBe(8);
    expect(summary.serverGaps?.p50Ms).toBeCloseTo(10, 3);
    expect(summary.serverGaps?.maxMs).toBeCloseTo(10, 3);
    expectNoNaNOrInfinity(summary);
  });

  it("measures totalMs to now while running and has no Ollama figures yet", () => {
    const running: RunTimes = { mode: "stream", startMs: 1000 };
    const { serverGaps, ...rest } = summarize(running, thinkingRun.slice(0, 3), undefined, 1260);
    expect(rest).toEqual({
      ttftMs: 200,
      ttfaMs: undefined, // still thinking
      tokens: 3,
      thinkingTokens: 3,
      answerTokens: 0,
      totalMs: 260,
      clientTps: 40, // 2 intervals over 50 ms
      gaps: { p50Ms: 25, p95Ms: 25, maxMs: 25, count: 2 },
    });
    expect(serverGaps?.count).toBe(2);
  });

  it("knows only the elapsed time before the first token", () => {
    const summary = summarize({ mode: "stream", startMs: 1000 }, [], undefined, 1100);
    expect(summary).toEqual({ tokens: 0, thinkingTokens: 0, answerTokens: 0, totalMs: 100 });
  });

  it("leaves one-token figures undefined rather than 0", () => {
    const summary = summarize(streamDone, [sample(1200, "answer")], undefined, 2000);
    expect(summary.ttftMs).toBe(200);
    expect(summary.ttfaMs).toBe(200);
    expect(summary.clientTps).toBeUndefined();
    expect(summary.gaps).toBeUndefined();
    expect(summary.serverGaps).toBeUndefined();
  });

  it("skips gaps when asked (the per-frame path)", () => {
    const summary = summarize(streamDone, thinkingRun, fullStats, 2000, { gaps: false });
    expect(summary.gaps).toBeUndefined();
    expect(summary.serverGaps).toBeUndefined();
    expect(summary.tokens).toBe(9);
    expect(summarize(streamDone, thinkingRun, fullStats, 2000, { gaps: true }).gaps).toBeDefined();
  });

  it("computes server gaps only from created_at stamps that parse, and needs two", () => {
    const mixed = [
      sample(1200, "answer", "2024-07-02T11:45:16.1Z"),
      sample(1225, "answer"), // no created_at
      sample(1250, "answer", "yesterday"),
      sample(1275, "answer", "2024-07-02T11:45:16.1305Z"),
    ];
    const summary = summarize(streamDone, mixed, undefined, 2000);
    expect(summary.serverGaps?.count).toBe(1);
    expect(summary.serverGaps?.maxMs).toBeCloseTo(30.5, 3);
    expect(summary.gaps?.count).toBe(3);
    expect(summarize(streamDone, mixed.slice(0, 3), undefined, 2000).serverGaps).toBeUndefined();
  });

  it("never returns NaN, even for a clock that returned NaN", () => {
    const summary = summarize(
      { mode: "stream", startMs: 1000 },
      thinkingRun,
      undefined,
      Number.NaN,
    );
    expect(summary.totalMs).toBeUndefined();
    expectNoNaNOrInfinity(summary);
  });
});

describe("summarize, Ollama figures", () => {
  it("leaves out what a cloud model does not send", () => {
    // Cloud style: only total_duration, prompt_eval_count and eval_count.
    const cloud: FinalStats = {
      totalDurationNs: 2_000_000_000,
      promptEvalCount: 13,
      evalCount: 33,
    };
    const summary = summarize(streamDone, thinkingRun, cloud, 2000);
    expect(summary.ollamaTps).toBeUndefined();
    expect(summary.ollamaPromptTps).toBeUndefined();
    expect(summary.loadMs).toBeUndefined();
    expect(summary.ollamaTotalMs).toBe(2000);
    expect(summary.promptTokens).toBe(13);
    expect(summary.evalCount).toBe(33);
  });

  it("turns zero durations into undefined rates, not Infinity", () => {
    const zero: FinalStats = { ...fullStats, evalDurationNs: 0, promptEvalDurationNs: 0 };
    const summary = summarize(streamDone, thinkingRun, zero, 2000);
    expect(summary.ollamaTps).toBeUndefined();
    expect(summary.ollamaPromptTps).toBeUndefined();
    expectNoNaNOrInfinity(summary);
  });

  it("has no Ollama figures when the final line never came (stopped or failed)", () => {
    const summary = summarize(streamDone, thinkingRun, undefined, 2000);
    for (const key of [
      "ollamaTps",
      "ollamaPromptTps",
      "promptTokens",
      "evalCount",
      "loadMs",
      "ollamaTotalMs",
    ] as const) {
      expect(summary[key]).toBeUndefined();
    }
  });
});

describe("summarize, blocking", () => {
  const blocking: RunTimes = { mode: "blocking", startMs: 1000, endMs: 5200 };

  it("times the single arrival and leaves per-token figures undefined", () => {
    const summary = summarize(blocking, [sample(5200, "both")], fullStats, 9000);
    expect(summary).toEqual({
      ttftMs: 4200,
      ttfaMs: 4200,
      totalMs: 4200,
      ollamaTps: 40,
      ollamaPromptTps: 400,
      promptTokens: 20,
      evalCount: 10,
      loadMs: 12.345678,
      ollamaTotalMs: 450,
    });
    expect(summary.tokens).toBeUndefined();
    expect(summary.clientTps).toBeUndefined();
    expect(summary.gaps).toBeUndefined();
  });

  it("has no TTFA when the whole answer was thinking", () => {
    const summary = summarize(blocking, [sample(5200, "thinking")], undefined, 9000);
    expect(summary.ttftMs).toBe(4200);
    expect(summary.ttfaMs).toBeUndefined();
  });

  it("shows only the elapsed time while waiting", () => {
    const waiting: RunTimes = { mode: "blocking", startMs: 1000 };
    expect(summarize(waiting, [], undefined, 3000)).toEqual({ totalMs: 2000 });
  });
});

describe("summarize with a running tally", () => {
  it("gives the same figures as counting the samples, at every step of a run", () => {
    const tally = emptyTally();
    const running: TokenSample[] = [];
    for (const next of thinkingRun) {
      running.push(next);
      tallySample(tally, next);
      const times: RunTimes = { mode: "stream", startMs: 1000 };
      expect(summarize(times, running, undefined, 1500, { tally })).toEqual(
        summarize(times, running, undefined, 1500),
      );
    }
    expect(tally).toEqual({ tokens: 9, answerTokens: 5, firstAnswerAtMs: 1300 });
  });

  it("uses the tally instead of scanning: its counts are what is reported", () => {
    const tally = { tokens: 40_000, answerTokens: 39_000, firstAnswerAtMs: 1300 };
    const summary = summarize(streamDone, thinkingRun, fullStats, 1500, { gaps: false, tally });
    expect(summary.tokens).toBe(40_000);
    expect(summary.thinkingTokens).toBe(1_000);
    expect(summary.ttfaMs).toBe(300);
  });
});
