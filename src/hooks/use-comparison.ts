import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { browserScheduler, performanceClock } from "../runs/clock.ts";
import { createComparisonController } from "../runs/comparison.ts";
import type { ComparisonController, ComparisonSnapshot } from "../runs/comparison-types.ts";
import type { RunController } from "../runs/run-controller.ts";
import { IDLE_SNAPSHOT, type RunSnapshot } from "../runs/run-state.ts";

/** A comparison controller for the component's lifetime, and its latest snapshot. */
export function useComparison(): {
  comparison: ComparisonController;
  snapshot: ComparisonSnapshot;
} {
  const [comparison] = useState(() =>
    createComparisonController({ clock: performanceClock, scheduler: browserScheduler }),
  );
  useEffect(() => () => comparison.dispose(), [comparison]);
  const snapshot = useSyncExternalStore(comparison.subscribe, comparison.getSnapshot);
  return { comparison, snapshot };
}

const noController = {
  subscribe: () => () => undefined,
  getSnapshot: () => IDLE_SNAPSHOT,
};

/** The live snapshot of one lane's run controller (idle when the lane has none yet). */
export function useLaneSnapshot(controller: RunController | undefined): RunSnapshot {
  const source = controller ?? noController;
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}

const wholeSnapshot = (snapshot: RunSnapshot): RunSnapshot => snapshot;
const seriesOf = (snapshot: RunSnapshot): RunSnapshot["series"] => snapshot.series;

/**
 * Live snapshots of several lanes at once; a new array only when one lane changed (up to once per
 * frame per lane). Pass a memoised `controllers` array.
 */
export function useLaneSnapshots(
  controllers: readonly (RunController | undefined)[],
): RunSnapshot[] {
  return useLaneSelection(controllers, wholeSnapshot);
}

/**
 * Each lane's chart series; a new array only when a lane's series gained a point (on the sampling
 * clock, 4 times a second), not on every frame: a chart fed by this re-renders that rarely.
 */
export function useLaneSeries(
  controllers: readonly (RunController | undefined)[],
): RunSnapshot["series"][] {
  return useLaneSelection(controllers, seriesOf);
}

function useLaneSelection<T>(
  controllers: readonly (RunController | undefined)[],
  select: (snapshot: RunSnapshot) => T,
): T[] {
  const store = useMemo(() => createLanesStore(controllers, select), [controllers, select]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

function createLanesStore<T>(
  controllers: readonly (RunController | undefined)[],
  select: (snapshot: RunSnapshot) => T,
) {
  let cache: T[] = [];
  return {
    subscribe: (listener: () => void) => {
      const unsubscribes = controllers.map((c) => c?.subscribe(listener));
      return () => unsubscribes.forEach((unsubscribe) => unsubscribe?.());
    },
    getSnapshot: (): T[] => {
      const next = controllers.map((c) => select(c?.getSnapshot() ?? IDLE_SNAPSHOT));
      const same = next.length === cache.length && next.every((s, i) => s === cache[i]);
      if (!same) cache = next;
      return cache;
    },
  };
}
