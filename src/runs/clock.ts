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

export const browserScheduler: Scheduler = {
  frame(callback) {
    if (typeof requestAnimationFrame === "function") {
      const id = requestAnimationFrame(() => callback());
      return () => cancelAnimationFrame(id);
    }
    const id = setTimeout(callback, 16);
    return () => clearTimeout(id);
  },
  every(periodMs, callback) {
    const id = setInterval(callback, periodMs);
    return () => clearInterval(id);
  },
};
