import { countSamplesUntil } from "./count-samples-until.ts";
import type { TokenSample } from "./types.ts";

/** Below this age the young-run rate is too noisy to show (two tokens 5 ms apart = 200 tok/s). */
const MIN_RATE_SPAN_MS = 100;

/**
 * Ollama's own rate: `count` tokens over `durationNs` **nanoseconds**, in tokens/s
 * (`eval_count / eval_duration * 1e9`). `undefined` when either is missing (Ollama omits zero
 * fields) or when the duration is not positive, so a zero duration never becomes Infinity.
 */
export function ollamaRate(count?: number, durationNs?: number): number | undefined {
  if (count === undefined || durationNs === undefined) return undefined;
  if (!Number.isFinite(count) || !Number.isFinite(durationNs) || durationNs <= 0) return undefined;
  return count / (durationNs / 1e9);
}

/**
 * Average client-side rate over the whole run, tokens/s: `(n - 1) / (last.atMs - first.atMs)`.
 * n - 1 because n arrivals bound n - 1 intervals; the first token's wait is TTFT, not throughput.
 * `undefined` with fewer than 2 samples or when they all arrived at the same instant.
 */
export function clientRate(samples: readonly TokenSample[]): number | undefined {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined || samples.length < 2) return undefined;
  const spanMs = last.atMs - first.atMs;
  if (!(spanMs > 0)) return undefined;
  return (samples.length - 1) / (spanMs / 1000);
}

/**
 * Live tokens/s at `nowMs` over a trailing window of `windowMs` (both ms, the samples' clock).
 * `samples` must be sorted by `atMs` (they are appended in arrival order).
 *
 * - While the run is younger than the window (`now - first.atMs < windowMs`): the samples up to now,
 *   minus one, over the time since the first sample. Dividing by the window instead would start
 *   near 0 and ramp up for a whole window; counting from the request start would include TTFT.
 *   `undefined` until 100 ms have passed since the first sample (two quick tokens would otherwise
 *   show a spike of hundreds of tok/s) or while fewer than 2 samples have arrived.
 * - Afterwards: the samples with `atMs` in `(now - windowMs, now]`, divided by the window. It drops
 *   to 0 when the stream stalls and converges to the true rate for a steady stream. The two
 *   definitions agree at `now - first.atMs = windowMs`, so the curve has no jump.
 *
 * Two binary searches: O(log n), no allocation, so it can run every frame on 100k samples.
 * Throws a RangeError when `windowMs` is not positive (a caller bug, not a property of the data).
 */
export function rollingRate(
  samples: readonly TokenSample[],
  nowMs: number,
  windowMs: number,
): number | undefined {
  if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`);
  const first = samples[0];
  if (first === undefined || !Number.isFinite(nowMs)) return undefined;
  const ageMs = nowMs - first.atMs;
  const arrived = countSamplesUntil(samples, nowMs);
  if (ageMs < windowMs) {
    if (ageMs < MIN_RATE_SPAN_MS || arrived < 2) return undefined;
    return (arrived - 1) / (ageMs / 1000);
  }
  const inWindow = arrived - countSamplesUntil(samples, nowMs - windowMs);
  return inWindow / (windowMs / 1000);
}
