import { describe, expect, it } from "vitest";
import {
  mean,
  median,
  minMax,
  percentile,
  percentileOfSorted,
  standardDeviation,
} from "./stats.ts";

describe("mean", () => {
  it("averages", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([-3])).toBe(-3);
  });

  it("is undefined for no values", () => {
    expect(mean([])).toBeUndefined();
  });
});

describe("standardDeviation", () => {
  it("is the sample deviation (n - 1)", () => {
    // squares around 2.5: 2.25 + 0.25 + 0.25 + 2.25 = 5; sqrt(5 / 3)
    expect(standardDeviation([1, 2, 3, 4])).toBeCloseTo(1.2909944, 7);
    expect(standardDeviation([5, 5, 5])).toBe(0);
  });

  it("is undefined below two values", () => {
    expect(standardDeviation([])).toBeUndefined();
    expect(standardDeviation([7])).toBeUndefined();
  });

  it("keeps precision on large offsets (epoch milliseconds)", () => {
    const base = 1.72e12;
    expect(standardDeviation([base + 1, base + 2, base + 3, base + 4])).toBeCloseTo(1.2909944, 4);
  });
});

describe("median", () => {
  it("takes the middle value or the mean of the two middle values", () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4])).toBe(4);
    expect(median([])).toBeUndefined();
  });
});

describe("percentile", () => {
  // Expected values as numpy.percentile(xs, p) computes them (method="linear"); by hand:
  // rank = (n - 1) * p / 100, then interpolate between the neighbours of that rank.
  const xs = [15, 20, 35, 40, 50];

  it("interpolates between the closest ranks", () => {
    expect(percentile(xs, 40)).toBeCloseTo(29, 10); // rank 1.6: 20 + 0.6 * (35 - 20)
    expect(percentile(xs, 95)).toBeCloseTo(48, 10); // rank 3.8: 40 + 0.8 * (50 - 40)
    expect(percentile(xs, 50)).toBe(35);
    expect(percentile([1, 2, 3, 4], 25)).toBeCloseTo(1.75, 10); // rank 0.75
  });

  it("returns the extremes at 0 and 100", () => {
    expect(percentile(xs, 0)).toBe(15);
    expect(percentile(xs, 100)).toBe(50);
  });

  it("sorts a copy and leaves the input alone", () => {
    const shuffled = [50, 15, 40, 20, 35];
    expect(percentile(shuffled, 40)).toBeCloseTo(29, 10);
    expect(shuffled).toEqual([50, 15, 40, 20, 35]);
  });

  it("handles a single value and no values", () => {
    expect(percentile([7], 0)).toBe(7);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it("rejects p outside 0..100", () => {
    expect(() => percentile(xs, -1)).toThrow(RangeError);
    expect(() => percentile(xs, 101)).toThrow(RangeError);
    expect(() => percentile(xs, Number.NaN)).toThrow(RangeError);
  });

  it("works on pre-sorted typed arrays", () => {
    expect(percentileOfSorted(Float64Array.of(15, 20, 35, 40, 50), 95)).toBeCloseTo(48, 10);
  });
});

describe("minMax", () => {
  it("finds both ends in one pass", () => {
    expect(minMax([3, -1, 8, 2])).toEqual({ min: -1, max: 8 });
    expect(minMax([4])).toEqual({ min: 4, max: 4 });
    expect(minMax([])).toBeUndefined();
  });

  it("copes with arrays too long to spread into Math.min", () => {
    const long = Array.from({ length: 300_000 }, (_, index) => index);
    expect(minMax(long)).toEqual({ min: 0, max: 299_999 });
  });
});
