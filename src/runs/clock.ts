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

/**
 * One timer per period, running every callback registered for that period together: the lanes of
 * a comparison sample their charts at the same moments, so the overlay chart redraws once per
 * period, not once per lane.
 */
export function createSharedIntervals(
  start: (run: () => void, periodMs: number) => () => void,
): (periodMs: number, callback: () => void) => () => void {
  const timers = new Map<number, { callbacks: Set<() => void>; stop: () => void }>();
  return (periodMs, callback) => {
    let timer = timers.get(periodMs);
    if (!timer) {
      const callbacks = new Set<() => void>();
      const stop = start(() => {
        for (const run of [...callbacks]) run();
      }, periodMs);
      timer = { callbacks, stop };
      timers.set(periodMs, timer);
    }
    const entry = (): void => callback();
    const { callbacks } = timer;
    callbacks.add(entry);
    return () => {
      callbacks.delete(entry);
      const current = timers.get(periodMs);
      if (current && current.callbacks.size === 0) {
        current.stop();
        timers.delete(periodMs);
      }
    };
  };
}

export const browserScheduler: Scheduler = {
  frame: nextFrame,
  every: createSharedIntervals((run, periodMs) => {
    const id = setInterval(run, periodMs);
    return () => clearInterval(id);
  }),
};
