import { describe, expect, it } from "vitest";
import { appendSeriesPoint, seriesPointAt } from "./series.ts";
import { median } from "./stats.ts";
import type { SeriesPoint, TokenSample } from "./types.ts";

function point(tMs: number): SeriesPoint {
  return { tMs, tps: 40, tokens: Math.floor(tMs / 25) };
}

/** Feeds points at the given times and checks the invariants after every append. */
function simulate(timesMs: readonly number[], maxPoints: number): SeriesPoint[] {
  let series: SeriesPoint[] = [];
  for (const tMs of timesMs) {
    const newest = point(tMs);
    series = appendSeriesPoint(series, newest, maxPoints);
    expect(series.length).toBeLessThanOrEqual(maxPoints);
    expect(series[0]?.tMs).toBe(timesMs[0]);
    expect(series[series.length - 1]).toBe(newest);
  }
  return series;
}

function gapsOf(series: readonly SeriesPoint[]): number[] {
  return series.slice(1).map((current, index) => current.tMs - (series[index]?.tMs ?? 0));
}

describe("appendSeriesPoint", () => {
  it("appends without touching the input while there is room", () => {
    const before = [point(0), point(250)];
    const after = appendSeriesPoint(before, point(500), 10);
    expect(after.map((p) => p.tMs)).toEqual([0, 250, 500]);
    expect(before).toHaveLength(2);
    expect(after).not.toBe(before);
  });

  it("keeps a 10-minute run at 4 Hz bounded, evenly spread over the whole run", () => {
    const maxPoints = 120;
    const ticks = Array.from({ length: 10 * 60 * 4 + 1 }, (_, index) => index * 250);
    const series = simulate(ticks, maxPoints);
    const gaps = gapsOf(series);
    expect(gaps.every((gap) => gap > 0)).toBe(true); // strictly increasing times
    expect(series[series.length - 1]?.tMs).toBe(600_000);
    expect(series.length).toBeGreaterThanOrEqual(maxPoints / 2);
    // Even spacing over the whole run: every gap but the provisional last one is within ±50 % of
    // the median (~8 s here: stride 8192 ms), and the first quarter keeps about a quarter of the
    // points. Halving only the oldest part would leave a dense tail and a sparse start.
    const settled = gaps.slice(0, -1);
    const typical = median(settled) ?? 0;
    expect(typical).toBeGreaterThan(7000);
    expect(settled.every((gap) => gap >= typical * 0.5 && gap <= typical * 1.5)).toBe(true);
    const firstQuarter = series.filter((p) => p.tMs < 150_000).length;
    expect(firstQuarter / series.length).toBeGreaterThan(0.2);
  });

  it("keeps every point while the stride is below the sampling interval", () => {
    // span 1250 ms / 18 buckets → stride 128 ms < 250 ms: one point per bucket
    const series = simulate([0, 250, 500, 750, 1000, 1250], 20);
    expect(series.map((p) => p.tMs)).toEqual([0, 250, 500, 750, 1000, 1250]);
  });

  it("stays bounded and ordered on a jittery clock", () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; // a fixed LCG: repeatable
      return seed / 2_147_483_648;
    };
    const ticks: number[] = [0];
    for (let index = 0; index < 3000; index++)
      ticks.push((ticks[index] ?? 0) + 200 + random() * 100);
    const series = simulate(ticks, 50);
    expect(gapsOf(series).every((gap) => gap > 0)).toBe(true);
  });

  it("keeps just the first and the newest point when maxPoints is 2", () => {
    const series = simulate([0, 250, 500, 750, 1000], 2);
    expect(series.map((p) => p.tMs)).toEqual([0, 1000]);
  });

  it("copes with points that share one instant", () => {
    const same = [point(0), point(0), point(0)];
    const newest = point(0);
    expect(appendSeriesPoint(same, newest, 3)).toEqual([same[0], newest]);
    expect(simulate([0, 0, 0, 0, 0], 3).length).toBeLessThanOrEqual(3);
  });

  it("rejects a maxPoints that cannot hold the first and the newest point", () => {
    expect(() => appendSeriesPoint([], point(0), 1)).toThrow(RangeError);
    expect(() => appendSeriesPoint([], point(0), 2.5)).toThrow(RangeError);
  });
});

describe("seriesPointAt", () => {
  // request at 1000; a token every 25 ms from 1200 to 2200 (40 tok/s)
  const samples: TokenSample[] = Array.from({ length: 41 }, (_, index) => ({
    atMs: 1200 + index * 25,
    kind: "answer",
    chars: 2,
  }));

  it("reports time since the request, the rolling rate and the tokens so far", () => {
    const times = { mode: "stream", startMs: 1000 } as const;
    expect(seriesPointAt(times, samples, 1100, 1000)).toEqual({ tMs: 100, tokens: 0 });
    expect(seriesPointAt(times, samples, 1700, 1000)).toEqual({ tMs: 700, tps: 40, tokens: 21 });
    expect(seriesPointAt(times, samples, 2700, 1000)).toEqual({ tMs: 1700, tps: 20, tokens: 41 });
  });

  it("gives blocking runs no rate", () => {
    const times = { mode: "blocking", startMs: 1000, endMs: 5000 } as const;
    const single: TokenSample[] = [{ atMs: 5000, kind: "answer", chars: 900 }];
    expect(seriesPointAt(times, single, 7000, 1000)).toEqual({ tMs: 6000, tokens: 1 });
  });
});
