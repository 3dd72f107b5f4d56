import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import type { OllamaClient } from "../ollama/types.ts";
import { browserScheduler, performanceClock } from "../runs/clock.ts";
import { createRunController, type RunController } from "../runs/run-controller.ts";
import type { RunSnapshot } from "../runs/run-state.ts";

/**
 * A run controller for the component's lifetime and its latest snapshot. The controller notifies at
 * most once per animation frame, so this hook re-renders at most once per frame however fast tokens
 * come. The client may change with the URL field; each run uses the one current at its start.
 */
export function useRunController(client: OllamaClient): {
  controller: RunController;
  snapshot: RunSnapshot;
} {
  const clientRef = useRef(client);
  useLayoutEffect(() => {
    clientRef.current = client;
  }, [client]);
  const [controller] = useState(() =>
    createRunController({
      getClient: () => clientRef.current,
      clock: performanceClock,
      scheduler: browserScheduler,
    }),
  );
  useEffect(() => () => controller.dispose(), [controller]);
  const snapshot = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  return { controller, snapshot };
}
