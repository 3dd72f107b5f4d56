/** A monotonic clock in milliseconds. Injected everywhere so tests can drive time by hand. */
export interface Clock {
  now(): number;
}

/** The browser's (and Node's) monotonic clock: immune to wall-clock jumps, sub-ms precision. */
export const performanceClock: Clock = { now: () => performance.now() };

/**
 * How the run controller schedules work. `frame` runs a callback before the next paint (at most one
 * render per frame); `every` runs a callback on a fixed period. Both return a cancel function.
 */
export interface Scheduler {
  frame(callback: () => void): () => void;
  every(periodMs: number, callback: () => void): () => void;
}

/**
 * Runs every callback asked for before the same paint from one `request` (one animation frame
 * callback), so the updates of several run controllers (the lanes of a comparison) land in one
 * React render instead of one render each. A callback that asks for a frame while the frame runs
 * gets the next one.
 */
export function createFrameBatcher(
  request: (run: () => void) => void,
): (callback: () => void) => () => void {
  let pending = new Set<() => void>();
  let requested = false;
  const run = (): void => {
    requested = false;
    const due = pending;
    pending = new Set();
    for (const callback of due) callback();
  };
  return (callback) => {
    // A wrapper per call, so the same function asked for twice runs twice and cancels separately.
    const entry = (): void => callback();
    pending.add(entry);
    if (!requested) {
      requested = true;
      request(run);
    }
    return () => {
      pending.delete(entry);
    };
  };
}

const nextFrame = createFrameBatcher((run) => {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => run());
  else setTimeout(run, 16);
});

export const browserScheduler: Scheduler = {
  frame: nextFrame,
  every(periodMs, callback) {
    const id = setInterval(callback, periodMs);
    return () => clearInterval(id);
  },
};
