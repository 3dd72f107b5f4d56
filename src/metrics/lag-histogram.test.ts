import { describe, expect, it } from "vitest";
import { LagHistogram } from "./lag-histogram.ts";

describe("LagHistogram", () => {
  it("gives percentiles to within one 0.5 ms bucket, never below the truth", () => {
    const histogram = new LagHistogram();
    for (let lag = 1; lag <= 100; lag++) histogram.record(lag);
    expect(histogram.count).toBe(100);
    expect(histogram.percentile(50)).toBe(50.5);
    expect(histogram.percentile(95)).toBe(95.5);
    expect(histogram.percentile(100)).toBe(100);
    expect(histogram.maxMs).toBe(100);
  });

  it("is empty until something is recorded, and keeps huge lags in max", () => {
    const histogram = new LagHistogram();
    expect(histogram.percentile(95)).toBeUndefined();
    histogram.record(5000);
    histogram.record(-1);
    expect(histogram.maxMs).toBe(5000);
    expect(histogram.percentile(100)).toBe(5000);
    expect(histogram.percentile(50)).toBe(0.5);
  });
});
