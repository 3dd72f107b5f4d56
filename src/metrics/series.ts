import { countSamplesUntil } from "./count-samples-until.ts";
import { rollingRate } from "./throughput.ts";
import type { RunTimes, SeriesPoint, TokenSample } from "./types.ts";

/**
 * The chart point at `nowMs` (client clock, ms): time since the request, the rolling rate over
 * `windowMs` (see {@link rollingRate}) and the tokens that had arrived by then (binary search, so
 * it is cheap every frame). Blocking runs get no rate: they have no per-token arrivals.
 */
export function seriesPointAt(
  times: RunTimes,
  samples: readonly TokenSample[],
  nowMs: number,
  windowMs: number,
): SeriesPoint {
  return {
    tMs: nowMs - times.startMs,
    tps: times.mode === "stream" ? rollingRate(samples, nowMs, windowMs) : undefined,
    tokens: countSamplesUntil(samples, nowMs),
  };
}

/**
 * Appends `point` (newer than every point in `series`) and returns a new array; `series` is not
 * modified, so React sees a new reference. The result never has more than `maxPoints` points and
 * always keeps the first point and the newest one.
 *
 * How: time since the first point is cut into buckets of a power-of-two number of ms (the
 * "stride"), the smallest stride that gives at most `maxPoints - 2` buckets. Each bucket keeps its
 * earliest point, and the newest point is kept as well. As the run grows the stride doubles, which
 * halves the resolution by dropping every other point; because strides double, the buckets nest,
 * so the result is always "the first point of every bucket", evenly spaced over the whole run.
 * A 10-minute run sampled at 4 Hz with `maxPoints` 300 ends with a point every ~2 s (stride
 * 2048 ms) from 0 to 10 min, not a detailed last minute and a sparse start. While the stride is below the sampling interval every
 * point is kept. O(series.length) per call, like the copy itself.
 *
 * Throws a RangeError unless `maxPoints` is an integer ≥ 2 (room for the first and the newest).
 */
export function appendSeriesPoint(
  series: readonly SeriesPoint[],
  point: SeriesPoint,
  maxPoints: number,
): SeriesPoint[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new RangeError(`maxPoints must be an integer >= 2, got ${maxPoints}`);
  }
  const first = series[0];
  if (first === undefined) return [point];
  const spanMs = point.tMs - first.tMs;
  if (maxPoints === 2 || !(spanMs > 0)) return [first, point];
  const strideMs = strideFor(spanMs, maxPoints - 2);
  const newestBucket = Math.floor(spanMs / strideMs);
  const kept = [first];
  let lastBucket = 0;
  for (const candidate of series) {
    const bucket = Math.floor((candidate.tMs - first.tMs) / strideMs);
    // `<= newestBucket` only matters if times went backwards; it keeps the bound regardless.
    if (bucket > lastBucket && bucket <= newestBucket) {
      kept.push(candidate);
      lastBucket = bucket;
    }
  }
  // At most one point per bucket 0..newestBucket (≤ maxPoints - 1 buckets), plus the newest, which
  // opens a bucket or rides along as the provisional end of the line until the next append.
  kept.push(point);
  return kept;
}

/** The smallest power of two (ms, may be fractional) with spanMs / stride ≤ buckets. */
function strideFor(spanMs: number, buckets: number): number {
  const stride = 2 ** Math.ceil(Math.log2(spanMs / buckets));
  return spanMs / stride > buckets ? stride * 2 : stride; // guard against log2 rounding
}
