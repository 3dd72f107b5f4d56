import type { TokenSample } from "./types.ts";

/**
 * How many samples arrived at or before `tMs` (ms, the samples' clock), i.e. the index of the first
 * sample after it. `samples` must be sorted by `atMs`, which holds because they are appended in
 * arrival order. Binary search: O(log n), no allocation, safe to call every frame on 100k samples.
 */
export function countSamplesUntil(samples: readonly TokenSample[], tMs: number): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const sample = samples[middle];
    if (sample !== undefined && sample.atMs <= tMs) low = middle + 1;
    else high = middle;
  }
  return low;
}
