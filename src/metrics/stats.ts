/**
 * Descriptive statistics over plain arrays of finite numbers.
 * Every function returns `undefined` when the input is too short to give an answer, never NaN.
 * None of them mutates its input.
 */

/** Arithmetic mean. `undefined` for an empty array. */
export function mean(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/**
 * Sample standard deviation (divides by n - 1, like numpy's `std(ddof=1)` or Excel's `STDEV.S`).
 * `undefined` for fewer than 2 values, where it is not defined.
 */
export function standardDeviation(xs: readonly number[]): number | undefined {
  const average = mean(xs);
  if (average === undefined || xs.length < 2) return undefined;
  // Two passes: subtracting the mean first avoids the cancellation of the sum-of-squares formula.
  let squares = 0;
  for (const x of xs) squares += (x - average) ** 2;
  return Math.sqrt(squares / (xs.length - 1));
}

/**
 * The p-th percentile, `p` in 0..100, interpolating linearly between the closest ranks
 * (numpy's default `linear` method, Excel's `PERCENTILE.INC`). Sorts a copy.
 * `undefined` for an empty array. Throws a RangeError when `p` is outside 0..100: that is a bug in
 * the caller, not a property of the data.
 */
export function percentile(xs: readonly number[], p: number): number | undefined {
  // A Float64Array sorts numerically without a comparator, and fast (gaps can be 100k long).
  return percentileOfSorted(Float64Array.from(xs).sort(), p);
}

/**
 * {@link percentile} for input that is already sorted ascending, so that several percentiles of one
 * array need one sort. The input is not checked for order.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in 0..100, got ${p}`);
  const rank = ((sorted.length - 1) * p) / 100;
  const lowerIndex = Math.floor(rank);
  const lower = sorted[lowerIndex];
  if (lower === undefined) return undefined;
  const upper = sorted[lowerIndex + 1];
  const fraction = rank - lowerIndex;
  if (upper === undefined || fraction === 0) return lower;
  return lower + fraction * (upper - lower);
}

/** The 50th percentile (the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number | undefined {
  return percentile(xs, 50);
}

/**
 * Smallest and largest value in one pass. `undefined` for an empty array.
 * (A loop, not `Math.min(...xs)`, which overflows the call stack on very long arrays.)
 */
export function minMax(xs: readonly number[]): { min: number; max: number } | undefined {
  const first = xs[0];
  if (first === undefined) return undefined;
  let min = first;
  let max = first;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}
