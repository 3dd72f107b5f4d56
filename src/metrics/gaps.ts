import { percentileOfSorted } from "./stats.ts";
import type { GapStats } from "./types.ts";

/**
 * Statistics of the differences between consecutive times, in the order given (ms in, ms out).
 * `undefined` with fewer than 2 times. `p50Ms` / `p95Ms` use {@link percentileOfSorted} (linear
 * interpolation); `maxMs` is the longest stall. Sorts one copy of the gaps: O(n log n), so callers
 * on a per-frame path should call it at a lower rate.
 */
export function gapStats(timesMs: readonly number[]): GapStats | undefined {
  const count = timesMs.length - 1;
  if (count < 1) return undefined;
  const gaps = new Float64Array(count);
  let previous = timesMs[0] ?? 0;
  for (let index = 0; index < count; index++) {
    const current = timesMs[index + 1] ?? previous;
    gaps[index] = current - previous;
    previous = current;
  }
  gaps.sort(); // typed arrays sort numerically
  const p50Ms = percentileOfSorted(gaps, 50);
  const p95Ms = percentileOfSorted(gaps, 95);
  const maxMs = gaps[count - 1];
  if (p50Ms === undefined || p95Ms === undefined || maxMs === undefined) return undefined;
  return { p50Ms, p95Ms, maxMs, count };
}

// RFC 3339 date-time: 2024-07-02T11:45:16.22693076Z, 2025-02-07T10:20:30.5-05:00, ...
const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Ollama's `created_at` (RFC 3339, 0–9 fractional digits, `Z` or `±hh:mm`) → epoch milliseconds as
 * a float that keeps the sub-millisecond part. `Date.parse` alone truncates to whole milliseconds,
 * which makes 10 ms token gaps jitter by up to 1 ms; so the fraction is parsed here.
 * Resolution: a double near 1.7e12 ms keeps about 0.25 µs, so nanoseconds are rounded, not lost
 * wholesale. Go trims trailing zeros, so stamps have 1–9 digits (Linux ns, macOS µs, Windows 100 ns).
 * Returns `undefined` for anything else, including out-of-range fields (month 13, Feb 30, 24:00).
 * Leap seconds (:60) are rejected; Go never emits them.
 */
export function parseCreatedAtMs(text: string): number | undefined {
  const match = RFC_3339.exec(text);
  if (match === null) return undefined;
  const field = (index: number): string => match[index] ?? "";
  const y = Number(field(1));
  const mo = Number(field(2));
  const d = Number(field(3));
  const h = Number(field(4));
  const mi = Number(field(5));
  const s = Number(field(6));
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (field(8) === "") {
    const oh = Number(field(10));
    const om = Number(field(11));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (field(9) === "-" ? -1 : 1) * (oh * 60 + om);
  }
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const wholeMs = new Date(0).setUTCFullYear(y, mo - 1, d) + ((h * 60 + mi) * 60 + s) * 1000;
  // Up to 9 digits: as an integer count of nanoseconds it is exact, then one division.
  const fractionMs = Number(field(7).padEnd(9, "0")) / 1e6;
  return wholeMs - offsetMinutes * 60_000 + fractionMs;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
