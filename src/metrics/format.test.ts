import { describe, expect, it } from "vitest";
import { MISSING, formatBytes, formatCount, formatMs, formatRate } from "./format.ts";

const unknowns = [undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe.each([
  ["formatMs", formatMs],
  ["formatRate", formatRate],
  ["formatCount", formatCount],
  ["formatBytes", formatBytes],
] as const)("%s with an unknown value", (_name, format) => {
  it.each(unknowns)("shows %s as the missing mark", (value) => {
    expect(format(value)).toBe(MISSING);
  });

  it("has a no-argument form", () => {
    expect(format()).toBe("—");
  });
});

describe("formatMs", () => {
  it("uses one decimal below 100 ms", () => {
    expect(formatMs(0)).toBe("0.0 ms");
    expect(formatMs(12.44)).toBe("12.4 ms");
    expect(formatMs(12.45)).toBe("12.5 ms");
    expect(formatMs(99.94)).toBe("99.9 ms");
  });

  it("uses whole milliseconds from 100 ms", () => {
    expect(formatMs(99.96)).toBe("100 ms"); // rounds into the next unit, not "100.0 ms"
    expect(formatMs(850)).toBe("850 ms");
    expect(formatMs(999.4)).toBe("999 ms");
  });

  it("uses seconds with two decimals from 1 s", () => {
    expect(formatMs(999.6)).toBe("1.00 s");
    expect(formatMs(4812)).toBe("4.81 s");
    expect(formatMs(59_994)).toBe("59.99 s");
  });

  it("uses minutes and zero-padded seconds from 1 min", () => {
    expect(formatMs(59_996)).toBe("1 min 00 s");
    expect(formatMs(65_000)).toBe("1 min 05 s");
    expect(formatMs(579_168.209073)).toBe("9 min 39 s"); // fixture 03's total_duration
    expect(formatMs(119_600)).toBe("2 min 00 s");
    expect(formatMs(75 * 60_000)).toBe("75 min 00 s");
  });

  it("keeps a sign for negative durations but never prints -0.0", () => {
    expect(formatMs(-12.3)).toBe("-12.3 ms");
    expect(formatMs(-4812)).toBe("-4.81 s");
    expect(formatMs(-0.01)).toBe("0.0 ms");
  });
});

describe("formatRate", () => {
  it("uses 3 significant digits below 100", () => {
    expect(formatRate(38.94)).toBe("38.9");
    expect(formatRate(100.3463 / 10)).toBe("10.0");
    expect(formatRate(5.4)).toBe("5.40");
    expect(formatRate(0.6485)).toBe("0.649");
    expect(formatRate(0)).toBe("0.00"); // a real stall, not a missing value
  });

  it("uses whole numbers with separators from 100", () => {
    expect(formatRate(99.96)).toBe("100"); // rounds into the next form, not "100.0"
    expect(formatRate(100.3463)).toBe("100");
    expect(formatRate(1998.4)).toBe("1,998");
    expect(formatRate(12_345.6)).toBe("12,346");
  });
});

describe("formatCount", () => {
  it("groups thousands", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(239)).toBe("239");
    expect(formatCount(100_000)).toBe("100,000");
    expect(formatCount(1_234_567)).toBe("1,234,567");
  });

  it("rounds to a whole number", () => {
    expect(formatCount(2.6)).toBe("3");
  });
});

describe("formatBytes", () => {
  it("uses decimal GB, MB and kB with one decimal", () => {
    expect(formatBytes(4_661_224_676)).toBe("4.7 GB");
    expect(formatBytes(1_200_000_000_000)).toBe("1,200.0 GB");
    expect(formatBytes(512_000_000)).toBe("512.0 MB");
    expect(formatBytes(3_200)).toBe("3.2 kB");
  });

  it("moves to the bigger unit when rounding reaches it", () => {
    expect(formatBytes(999_960_000)).toBe("1.0 GB");
    expect(formatBytes(999_940_000)).toBe("999.9 MB");
    expect(formatBytes(999_960)).toBe("1.0 MB");
    expect(formatBytes(999.6)).toBe("1.0 kB");
  });

  it("uses whole bytes below 1 kB", () => {
    expect(formatBytes(0)).toBe("0 B"); // e.g. size_vram 0 on a CPU-only host
    expect(formatBytes(512)).toBe("512 B");
  });
});
