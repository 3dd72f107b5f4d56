/**
 * One clock for the whole simulator: monotonic nanoseconds from process.hrtime, anchored once to the
 * wall clock so every timestamp (created_at, run records) is comparable with Date.now() in tests.
 */
import { performance } from "node:perf_hooks";

const anchorHr = process.hrtime.bigint();
const anchorEpochMs = performance.timeOrigin + performance.now();
const anchorEpochNs = BigInt(Math.round(anchorEpochMs * 1e6));

/** Monotonic nanoseconds since the simulator module was loaded. */
export function hrNow(): bigint {
  return process.hrtime.bigint() - anchorHr;
}

/** Wall-clock nanoseconds since the Unix epoch for a monotonic reading. */
export function epochNs(hr: bigint): bigint {
  return anchorEpochNs + hr;
}

/** Wall-clock milliseconds since the Unix epoch (sub-ms precision) for a monotonic reading. */
export function epochMs(hr: bigint): number {
  return anchorEpochMs + Number(hr) / 1e6;
}

/** Nanoseconds between two monotonic readings, as a number (exact below 2^53 ns, about 104 days). */
export function elapsedNs(from: bigint, to: bigint): number {
  return Number(to - from);
}

/**
 * Resolves true after `ms`, or false as soon as `signal` aborts (never rejects). The timer is cleared
 * on abort so nothing is left pending.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
