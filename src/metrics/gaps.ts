import type { GapStats, TokenSample } from "./types.ts";

/**
 * Statistics of the differences between consecutive times, in the order given (ms in, ms out).
 * `undefined` with fewer than 2 times. `p50Ms` / `p95Ms` are `percentileOfSorted` (stats.ts) of the
 * gaps (linear interpolation); `maxMs` is the longest stall. O(n): see {@link GapTracker}.
 */
export function gapStats(timesMs: readonly number[]): GapStats | undefined {
  const tracker = new GapTracker();
  for (const time of timesMs) tracker.add(time);
  return tracker.stats();
}

/**
 * Ollama's `created_at` (RFC 3339, 0–9 fractional digits, `Z` or `±hh:mm`) → epoch milliseconds as
 * a float that keeps the sub-millisecond part. `Date.parse` alone truncates to whole milliseconds,
 * which makes 10 ms token gaps jitter by up to 1 ms; so the fraction is parsed here.
 * Resolution: a double near 1.7e12 ms keeps about 0.25 µs, so nanoseconds are rounded, not lost
 * wholesale. Go trims trailing zeros, so stamps have 1–9 digits (Linux ns, macOS µs, Windows 100 ns).
 * Returns `undefined` for anything else, including out-of-range fields (month 13, Feb 30, 24:00).
 * Leap seconds (:60) are rejected; Go never emits them.
 *
 * Parsed by character positions rather than a regular expression: gap statistics parse every stamp
 * of a run (100k of them on a long one) twice a second, and this is several times faster.
 */
export function parseCreatedAtMs(text: string): number | undefined {
  // YYYY-MM-DDTHH:MM:SS is fixed width; the fraction and the zone follow.
  if (text.length < 20 || !separatorsAt(text)) return undefined;
  const y = digitsAt(text, 0, 4);
  const mo = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  const h = digitsAt(text, 11, 2);
  const mi = digitsAt(text, 14, 2);
  const s = digitsAt(text, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return undefined;
  let position = 19;
  let fractionNs = 0;
  if (text[position] === ".") {
    const start = position + 1;
    position = start;
    while (position < text.length && position - start < 10 && isDigit(text, position)) position++;
    const count = position - start;
    if (count < 1 || count > 9) return undefined;
    // At most 9 digits: exact as an integer number of nanoseconds.
    fractionNs = digitsAt(text, start, count) * 10 ** (9 - count);
  }
  const offsetMinutes = zoneOffsetMinutes(text, position);
  if (offsetMinutes === undefined) return undefined;
  const wholeMs = (daysFromCivil(y, mo, d) * 86_400 + (h * 60 + mi) * 60 + s) * 1000;
  return wholeMs - offsetMinutes * 60_000 + fractionNs / 1e6;
}

function separatorsAt(text: string): boolean {
  const t = text[10];
  return (
    text[4] === "-" &&
    text[7] === "-" &&
    (t === "T" || t === "t") &&
    text[13] === ":" &&
    text[16] === ":"
  );
}

function isDigit(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57;
}

/** The decimal number in text[start, start + count), or -1 if any character is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    if (!isDigit(text, index)) return -1;
    value = value * 10 + text.charCodeAt(index) - 48;
  }
  return value;
}

/** `Z` or `±hh:mm` from `position` to the end of the text, in minutes east of UTC. */
function zoneOffsetMinutes(text: string, position: number): number | undefined {
  const zone = text[position];
  if (zone === "Z" || zone === "z") return position + 1 === text.length ? 0 : undefined;
  if ((zone !== "+" && zone !== "-") || position + 6 !== text.length) return undefined;
  if (text[position + 3] !== ":") return undefined;
  const hours = digitsAt(text, position + 1, 2);
  const minutes = digitsAt(text, position + 4, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
  return (zone === "-" ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`): plain
 * arithmetic, no Date object per stamp, and years 0–99 are not mapped to 1900–1999 as Date.UTC does.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The gaps between consecutive times, collected as the times come (O(1) each, amortised).
 * {@link GapTracker.stats} is O(n), not O(n log n): the two order statistics each percentile needs
 * are selected, not sorted for. The live run refreshes its gap figures twice a second while the
 * answer grows, feeding only the new times.
 */
export class GapTracker {
  private gaps = new Float64Array(1024);
  private scratch = new Float64Array(0);
  private count = 0;
  private last: number | undefined;
  private maxMs = 0;

  add(timeMs: number): void {
    if (this.last !== undefined) {
      if (this.count === this.gaps.length) {
        const grown = new Float64Array(this.gaps.length * 2);
        grown.set(this.gaps);
        this.gaps = grown;
      }
      const gap = timeMs - this.last;
      this.gaps[this.count++] = gap;
      if (this.count === 1 || gap > this.maxMs) this.maxMs = gap;
    }
    this.last = timeMs;
  }

  stats(): GapStats | undefined {
    const count = this.count;
    if (count < 1) return undefined;
    if (this.scratch.length < count) this.scratch = new Float64Array(this.gaps.length);
    const work = this.scratch.subarray(0, count);
    work.set(this.gaps.subarray(0, count));
    const p50Ms = selectPercentile(work, 50);
    const p95Ms = selectPercentile(work, 95);
    return { p50Ms, p95Ms, maxMs: this.maxMs, count };
  }
}

/**
 * `percentileOfSorted` (stats.ts) of `values` without sorting them: selects the one or two order
 * statistics it interpolates between. Reorders `values`.
 */
function selectPercentile(values: Float64Array, p: number): number {
  const rank = ((values.length - 1) * p) / 100;
  const lowerIndex = Math.floor(rank);
  const lower = select(values, lowerIndex);
  const fraction = rank - lowerIndex;
  if (fraction === 0 || lowerIndex + 1 >= values.length) return lower;
  // After selecting, everything right of lowerIndex is ≥ lower: the next order statistic is its minimum.
  let upper = Infinity;
  for (let i = lowerIndex + 1; i < values.length; i++) {
    const value = values[i] ?? Infinity;
    if (value < upper) upper = value;
  }
  return lower + fraction * (upper - lower);
}

/** The k-th smallest of `values` (0-based), by quickselect with median-of-three pivots. */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  const at = (i: number): number => values[i] ?? 0;
  const swap = (i: number, j: number): void => {
    const t = at(i);
    values[i] = at(j);
    values[j] = t;
  };
  while (right > left) {
    const middle = (left + right) >>> 1;
    if (at(middle) < at(left)) swap(middle, left);
    if (at(right) < at(left)) swap(right, left);
    if (at(right) < at(middle)) swap(right, middle);
    const pivot = at(middle);
    let i = left;
    let j = right;
    while (i <= j) {
      while (at(i) < pivot) i++;
      while (at(j) > pivot) j--;
      if (i <= j) {
        swap(i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return at(k);
  }
  return at(k);
}

/**
 * A run's gaps between client arrivals and between Ollama's `created_at` stamps (those that parse),
 * fed with the samples as they grow: each sample is read once, however often the figures are asked
 * for. `summarize` uses it once over all samples; the run controller keeps one per run.
 */
export class SampleGaps {
  private readonly client = new GapTracker();
  private readonly server = new GapTracker();
  private fed = 0;

  /** Reads the samples after the ones already fed (`samples` only ever grows). */
  feed(samples: readonly TokenSample[]): void {
    for (let index = this.fed; index < samples.length; index++) {
      const sample = samples[index];
      if (!sample) continue;
      this.client.add(sample.atMs);
      const stampMs =
        sample.createdAt === undefined ? undefined : parseCreatedAtMs(sample.createdAt);
      if (stampMs !== undefined) this.server.add(stampMs);
    }
    this.fed = samples.length;
  }

  /** Client gaps, and `created_at` gaps (undefined unless two stamps parsed). */
  stats(): { gaps: GapStats | undefined; serverGaps: GapStats | undefined } {
    return { gaps: this.client.stats(), serverGaps: this.server.stats() };
  }
}
