import { describe, expect, it } from "vitest";
import { countSamplesUntil } from "./count-samples-until.ts";
import { clientRate, ollamaRate, rollingRate } from "./throughput.ts";
import type { TokenSample } from "./types.ts";

/** `count` answer tokens, the first at `firstMs`, then one every `everyMs`. */
function steady(count: number, firstMs: number, everyMs: number): TokenSample[] {
  return Array.from({ length: count }, (_, index) => ({
    atMs: firstMs + index * everyMs,
    kind: "answer" as const,
    chars: 3,
  }));
}

// Request sent at 1000; first token at 1200, then every 25 ms (40 tok/s): the last (41st) at 2200.
const run = steady(41, 1200, 25);

describe("ollamaRate", () => {
  it("divides a count by nanoseconds", () => {
    expect(ollamaRate(239, 2_381_751_000)).toBeCloseTo(100.3463, 3); // fixture 01
    expect(ollamaRate(50, 500_000_000)).toBe(100);
    expect(ollamaRate(0, 1e9)).toBe(0);
  });

  it("is undefined for a missing figure or a non-positive duration, never Infinity", () => {
    expect(ollamaRate(undefined, 1e9)).toBeUndefined();
    expect(ollamaRate(10, undefined)).toBeUndefined();
    expect(ollamaRate()).toBeUndefined();
    expect(ollamaRate(10, 0)).toBeUndefined();
    expect(ollamaRate(10, -5)).toBeUndefined();
    expect(ollamaRate(Number.NaN, 1e9)).toBeUndefined();
  });
});

describe("clientRate", () => {
  it("is (n - 1) over the span from first to last arrival", () => {
    expect(clientRate(run)).toBe(40); // 40 intervals over exactly 1 s
    expect(clientRate(steady(2, 0, 250))).toBe(4);
  });

  it("is undefined below two samples or with a zero span", () => {
    expect(clientRate([])).toBeUndefined();
    expect(clientRate(steady(1, 1200, 25))).toBeUndefined();
    expect(clientRate(steady(3, 1200, 0))).toBeUndefined();
  });
});

describe("countSamplesUntil", () => {
  it("counts samples at or before a time", () => {
    expect(countSamplesUntil(run, 0)).toBe(0);
    expect(countSamplesUntil(run, 1200)).toBe(1);
    expect(countSamplesUntil(run, 1224.9)).toBe(1);
    expect(countSamplesUntil(run, 1225)).toBe(2);
    expect(countSamplesUntil(run, 9999)).toBe(41);
    expect(countSamplesUntil([], 5)).toBe(0);
  });

  it("counts samples sharing one timestamp together", () => {
    const tied = [...steady(3, 100, 0), ...steady(2, 200, 10)];
    expect(countSamplesUntil(tied, 99)).toBe(0);
    expect(countSamplesUntil(tied, 100)).toBe(3);
  });
});

describe("rollingRate", () => {
  const windowMs = 1000;

  it("is undefined with no samples and before 100 ms since the first token", () => {
    expect(rollingRate([], 5000, windowMs)).toBeUndefined();
    expect(rollingRate(run, 1100, windowMs)).toBeUndefined(); // before the first token
    expect(rollingRate(run, 1250, windowMs)).toBeUndefined(); // 3 tokens in 50 ms: no 40→ spike
    expect(rollingRate(steady(1, 1200, 25), 1900, windowMs)).toBeUndefined(); // one token only
  });

  it("while younger than the window: (arrived - 1) over the time since the first token", () => {
    expect(rollingRate(run, 1300, windowMs)).toBe(40); // 5 arrived by 1300: 4 / 0.1 s
    expect(rollingRate(run, 1700, windowMs)).toBe(40); // 21 arrived: 20 / 0.5 s
    expect(rollingRate(run, 1310, windowMs)).toBeCloseTo(4 / 0.11, 10); // between two tokens
  });

  it("ignores samples after now", () => {
    expect(rollingRate(run, 1700, windowMs)).toBe(rollingRate(run.slice(0, 21), 1700, windowMs));
  });

  it("once the window is full: samples in (now - window, now] over the window", () => {
    // at 2200 the window (1200, 2200] holds tokens 2..41: 40 tokens / 1 s. The young formula
    // would also give (41 - 1) / 1 s, so the curve does not jump at the switch.
    expect(rollingRate(run, 2200, windowMs)).toBe(40);
    // just before: the young formula, 40 arrived (the 41st comes at 2200) over 0.9999 s
    expect(rollingRate(run, 2199.9, windowMs)).toBeCloseTo(39 / 0.9999, 10);
  });

  it("falls when the stream stalls and reaches 0 after a full window of silence", () => {
    expect(rollingRate(run, 2700, windowMs)).toBe(20); // (1700, 2700] holds 1725..2200: 20 tokens
    expect(rollingRate(run, 3200, windowMs)).toBe(0);
    expect(rollingRate(run, 9000, windowMs)).toBe(0);
  });

  it("tracks a change of pace within one window", () => {
    // 40 tok/s until 2200, then 100 tok/s (every 10 ms) from 2210 to 4200
    const faster = [...run, ...steady(200, 2210, 10)];
    expect(rollingRate(faster, 4200, windowMs)).toBe(100);
    expect(rollingRate(faster, 2700, windowMs)).toBe(20 + 50); // 1725..2200 and 2210..2700
  });

  it("rejects a non-positive window", () => {
    expect(() => rollingRate(run, 2000, 0)).toThrow(RangeError);
  });
});
