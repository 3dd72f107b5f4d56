import { describe, expect, it } from "vitest";
import { LANE_METRICS, laneStats, metricStats } from "./lane-stats.ts";

describe("metricStats", () => {
  it("gives mean, sample sd, median, min and max (hand-computed)", () => {
    // mean 120; deviations -20, 0, 20 → squares 800 / (3 - 1) = 400 → sd 20.
    expect(metricStats([100, 120, 140])).toEqual({
      n: 3,
      mean: 120,
      sd: 20,
      median: 120,
      min: 100,
      max: 140,
    });
  });

  it("takes the middle pair's mean as the median of an even count, in any order", () => {
    // mean 5; squares 9 + 1 + 1 + 9 = 20 / 3 → sd √(20/3).
    const stats = metricStats([8, 2, 6, 4]);
    expect(stats).toMatchObject({ n: 4, mean: 5, median: 5, min: 2, max: 8 });
    expect(stats.sd).toBeCloseTo(Math.sqrt(20 / 3), 12);
  });

  it("skips missing and non-finite values, and n counts only the known ones", () => {
    expect(metricStats([undefined, 100, Number.NaN, 140, Infinity])).toEqual({
      n: 2,
      mean: 120,
      sd: Math.sqrt(800),
      median: 120,
      min: 100,
      max: 140,
    });
  });

  it("has no sd for a single value", () => {
    expect(metricStats([undefined, 42])).toEqual({
      n: 1,
      mean: 42,
      sd: undefined,
      median: 42,
      min: 42,
      max: 42,
    });
  });

  it("is all undefined (never 0) when no value is known", () => {
    expect(metricStats([undefined, undefined])).toEqual({
      n: 0,
      mean: undefined,
      sd: undefined,
      median: undefined,
      min: undefined,
      max: undefined,
    });
  });
});

describe("laneStats", () => {
  it("aggregates every metric of the runs, each over the runs that have it", () => {
    const stats = laneStats([
      { ttftMs: 100, totalMs: 1000, tokens: 10, clientTps: 40, ollamaTps: 41, loadMs: 600 },
      { ttftMs: 120, totalMs: 1100, tokens: 12, clientTps: 42, ollamaTps: 43 },
      // A blocking run: no client token figures.
      { ttftMs: 140, totalMs: 1200, ollamaTps: 45, ollamaPromptTps: 900 },
    ]);
    expect(Object.keys(stats)).toEqual([...LANE_METRICS]);
    expect(stats.ttftMs).toMatchObject({ n: 3, mean: 120, sd: 20, median: 120 });
    expect(stats.totalMs).toMatchObject({ n: 3, mean: 1100, sd: 100, min: 1000, max: 1200 });
    expect(stats.tokens).toMatchObject({ n: 2, mean: 11, median: 11, min: 10, max: 12 });
    expect(stats.clientTps).toMatchObject({ n: 2, mean: 41 });
    expect(stats.ollamaTps).toMatchObject({ n: 3, mean: 43, sd: 2 });
    expect(stats.loadMs).toEqual({
      n: 1,
      mean: 600,
      sd: undefined,
      median: 600,
      min: 600,
      max: 600,
    });
    expect(stats.ollamaPromptTps).toMatchObject({ n: 1, mean: 900 });
  });

  it("has n = 0 for every metric of an empty lane", () => {
    const stats = laneStats([]);
    for (const metric of LANE_METRICS) {
      expect(stats[metric]).toMatchObject({ n: 0, mean: undefined, median: undefined });
    }
  });
});
