import { describe, expect, it } from "vitest";
import { prng } from "../test/prng.ts";
import { GapTracker, gapStats, parseCreatedAtMs } from "./gaps.ts";
import { percentileOfSorted } from "./stats.ts";
import type { GapStats } from "./types.ts";

/** The definition, written the obvious way: sort every gap. The oracle for the selection. */
function sortedGapStats(timesMs: readonly number[]): GapStats | undefined {
  const gaps = timesMs.slice(1).map((time, index) => time - (timesMs[index] ?? 0));
  gaps.sort((a, b) => a - b);
  const p50Ms = percentileOfSorted(gaps, 50);
  const p95Ms = percentileOfSorted(gaps, 95);
  const maxMs = gaps.at(-1);
  if (p50Ms === undefined || p95Ms === undefined || maxMs === undefined) return undefined;
  return { p50Ms, p95Ms, maxMs, count: gaps.length };
}

describe("gapStats", () => {
  it("summarises consecutive differences", () => {
    // gaps: 10, 20, 30, 40 → sorted the same; p50 rank 1.5 = 25; p95 rank 2.85 = 38.5
    expect(gapStats([0, 10, 30, 60, 100])).toEqual({ p50Ms: 25, p95Ms: 38.5, maxMs: 40, count: 4 });
  });

  it("uses the order given, not sorted times", () => {
    // gaps 25, 5, 100 (a stall at the end)
    const stats = gapStats([1000, 1025, 1030, 1130]);
    expect(stats?.maxMs).toBe(100);
    expect(stats?.p50Ms).toBe(25);
    expect(stats?.count).toBe(3);
  });

  it("handles exactly two times", () => {
    expect(gapStats([5, 12.5])).toEqual({ p50Ms: 7.5, p95Ms: 7.5, maxMs: 7.5, count: 1 });
  });

  it("is undefined with fewer than two times", () => {
    expect(gapStats([])).toBeUndefined();
    expect(gapStats([42])).toBeUndefined();
  });

  it("does not modify its input", () => {
    const times = [0, 50, 60];
    gapStats(times);
    expect(times).toEqual([0, 50, 60]);
  });
});

describe("parseCreatedAtMs", () => {
  const secondMs = Date.UTC(2024, 6, 2, 11, 45, 16); // 2024-07-02T11:45:16Z

  it("keeps Linux nanoseconds below the millisecond", () => {
    const a = parseCreatedAtMs("2024-07-02T11:45:16.216898458Z");
    const b = parseCreatedAtMs("2024-07-02T11:45:16.22693076Z"); // Go trimmed a trailing zero
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect((a ?? 0) - secondMs).toBeCloseTo(216.898458, 3);
    // Date.parse would give 216 and 226 ms: a 10 ms gap. The true gap is 10.032302 ms.
    expect((b ?? 0) - (a ?? 0)).toBeCloseTo(10.032302, 3);
  });

  it("parses macOS microseconds and Windows 100 ns ticks", () => {
    expect((parseCreatedAtMs("2024-07-02T11:45:16.216898Z") ?? 0) - secondMs).toBeCloseTo(
      216.898,
      3,
    );
    const windows = parseCreatedAtMs("2024-10-01T16:15:20.4965315Z");
    expect((windows ?? 0) - Date.UTC(2024, 9, 1, 16, 15, 20)).toBeCloseTo(496.5315, 3);
  });

  it("treats trimmed and untrimmed zeros alike, and accepts no fraction at all", () => {
    expect(parseCreatedAtMs("2024-07-02T11:45:16.5Z")).toBe(secondMs + 500);
    expect(parseCreatedAtMs("2024-07-02T11:45:16.500000000Z")).toBe(secondMs + 500);
    expect(parseCreatedAtMs("2024-07-02T11:45:16Z")).toBe(secondMs);
    expect(parseCreatedAtMs("2024-07-02t11:45:16z")).toBe(secondMs);
  });

  it("applies ±hh:mm offsets", () => {
    // 10:20:30.5 at UTC-5 is 15:20:30.5 UTC; 21:15:16 at UTC+9:30 is 11:45:16 UTC.
    expect(parseCreatedAtMs("2025-02-07T10:20:30.5-05:00")).toBe(
      Date.UTC(2025, 1, 7, 15, 20, 30, 500),
    );
    expect(parseCreatedAtMs("2024-07-02T21:15:16+09:30")).toBe(secondMs);
    expect(parseCreatedAtMs("2024-07-02T11:45:16-00:00")).toBe(secondMs);
  });

  it("accepts a real leap day and early years", () => {
    expect(parseCreatedAtMs("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
    expect(parseCreatedAtMs("0050-01-01T00:00:00Z")).toBe(Date.parse("0050-01-01T00:00:00Z"));
  });

  it.each([
    "",
    "not a date",
    "2024-07-02",
    "2024-07-02T11:45:16", // no zone
    "2024-07-02 11:45:16Z", // space separator (Go never sends it)
    " 2024-07-02T11:45:16Z",
    "2024-07-02T11:45:16.Z", // dot without digits
    "2024-07-02T11:45:16.1234567891Z", // 10 digits
    "2024-07-02T11:45:16+05", // incomplete offset
    "2024-07-02T11:45:16+0530",
    "2024-07-02T11:45:16+05:3x",
    "2024-07-02T11:45:16.123Zjunk",
    "2024-7-02T11:45:16Z",
    "2024-07-02T11:45:1xZ",
    "-024-07-02T11:45:16Z",
    "2024-07-02T11:45:16+24:00",
    "2024-13-01T00:00:00Z",
    "2024-00-10T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-04-31T00:00:00Z",
    "2024-07-02T24:00:00Z",
    "2024-07-02T11:60:00Z",
    "2024-07-02T11:45:60Z",
  ])("rejects %j", (text) => {
    expect(parseCreatedAtMs(text)).toBeUndefined();
  });
});

describe("GapTracker", () => {
  it("equals sorting every gap, at every length, on random, tied and sorted data", () => {
    const random = prng(7);
    const series: number[][] = [
      Array.from({ length: 300 }, () => random() * 1000),
      Array.from({ length: 300 }, (_, i) => Math.floor(i / 3) * 10),
      Array.from({ length: 300 }, (_, i) => i * i),
      Array.from({ length: 300 }, () => Math.round(random() * 5)),
    ];
    for (const raw of series) {
      // Times are cumulative so gaps can be negative only when the clock goes back: keep that case.
      const times = raw.map((value, index) => (index % 50 === 49 ? value - 3 : value));
      const tracker = new GapTracker();
      times.forEach((time, index) => {
        tracker.add(time);
        const expected = sortedGapStats(times.slice(0, index + 1));
        const actual = tracker.stats();
        if (expected === undefined) expect(actual).toBeUndefined();
        else {
          expect(actual?.count).toBe(expected.count);
          expect(actual?.maxMs).toBe(expected.maxMs);
          expect(actual?.p50Ms).toBeCloseTo(expected.p50Ms, 9);
          expect(actual?.p95Ms).toBeCloseTo(expected.p95Ms, 9);
        }
      });
    }
  });
});
