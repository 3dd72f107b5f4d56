import { useEffect, useState, useSyncExternalStore } from "react";
import { browserScheduler, performanceClock } from "../runs/clock.ts";
import { createRunController, type RunController } from "../runs/run-controller.ts";
import type { RunSnapshot } from "../runs/run-state.ts";

/**
 * A run controller for the component's lifetime and its latest snapshot. The controller notifies at
 * most once per animation frame, so this hook re-renders at most once per frame however fast tokens
 * come.
 */
export function useRunController(): { controller: RunController; snapshot: RunSnapshot } {
  const [controller] = useState(() =>
    createRunController({ clock: performanceClock, scheduler: browserScheduler }),
  );
  useEffect(() => () => controller.dispose(), [controller]);
  const snapshot = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  return { controller, snapshot };
}
