import type { OllamaClient } from "../ollama/types.ts";
import type { Clock, Scheduler } from "./clock.ts";
import { laneRequest, planRounds, type PlannedRun } from "./comparison-plan.ts";
import { prepareRuns } from "./comparison-prepare.ts";
import { failedSnapshot, toRecord } from "./comparison-record.ts";
import type {
  ComparisonController,
  ComparisonSnapshot,
  ComparisonSpec,
  RunRecord,
  Temperature,
} from "./comparison-types.ts";
import {
  createRunController,
  type RunController,
  type RunControllerOptions,
} from "./run-controller.ts";

export interface ComparisonControllerOptions {
  clock: Clock;
  scheduler: Scheduler;
  /** Passed on to every lane's run controller. */
  run?: Omit<RunControllerOptions, "clock" | "scheduler">;
}

const NO_LANES: ReadonlyMap<string, RunController> = new Map();

const IDLE: ComparisonSnapshot = {
  status: "idle",
  progress: { completed: 0, total: 0, current: [] },
  records: [],
};

interface Session {
  spec: ComparisonSpec;
  client: OllamaClient;
  lanes: Map<string, RunController>;
  /** Fired by stop(): cancels unload and /api/ps requests and plans nothing more. */
  abort: AbortController;
  snapshot: ComparisonSnapshot;
}

/**
 * Runs a comparison: every lane `spec.repeats` times (plus a warm-up round), round by round. In
 * sequential mode one run at a time in round-robin order (a, b, a, b …); in concurrent mode each
 * round starts all its lanes together and waits for all of them. Before each run it optionally
 * unloads the lane's model, then asks `/api/ps` whether the model is loaded (cold / warm).
 * Subscribers hear of every change of status, progress and records; a lane's live tokens come
 * through its own run controller ({@link ComparisonController.lanes}).
 */
export function createComparisonController(
  options: ComparisonControllerOptions,
): ComparisonController {
  const { clock, scheduler } = options;
  const listeners = new Set<() => void>();
  let session: Session | undefined;

  function update(current: Session, change: (snapshot: ComparisonSnapshot) => ComparisonSnapshot) {
    current.snapshot = change(current.snapshot);
    if (current === session) for (const listener of listeners) listener();
  }

  /** Moves runs in and out of `progress.current`; a finished run adds its record. */
  function track(
    current: Session,
    add: readonly PlannedRun[],
    remove: readonly PlannedRun[],
    record?: RunRecord,
  ) {
    update(current, ({ progress, records, ...rest }) => {
      const kept = progress.current.filter(
        (run) => !remove.some((gone) => gone.laneId === run.laneId && gone.round === run.round),
      );
      const added = add.map(({ laneId, round, warmup }) => ({ laneId, round, warmup }));
      return {
        ...rest,
        progress: {
          total: progress.total,
          completed: progress.completed + (record ? 1 : 0),
          current: [...kept, ...added],
        },
        records: record ? [...records, record] : records,
      };
    });
  }

  function laneController(current: Session, laneId: string): RunController {
    let controller = current.lanes.get(laneId);
    if (!controller) {
      controller = createRunController({ ...options.run, clock, scheduler });
      current.lanes.set(laneId, controller);
    }
    return controller;
  }

  async function runBatch(current: Session, runs: readonly PlannedRun[]): Promise<void> {
    track(current, runs, []);
    const { client, spec, abort } = current;
    const { failures, temperatures } = await prepareRuns(
      client,
      runs,
      spec.unloadFirst,
      abort.signal,
    );
    // Stopped before the requests went out: these runs never happened.
    if (current.abort.signal.aborted) return track(current, [], runs);
    const execute = async (run: PlannedRun, temperature: Temperature): Promise<void> => {
      const request = laneRequest(current.spec.base, run.lane);
      const failure = failures.get(run);
      if (failure) {
        const final = failedSnapshot(request, failure, clock.now());
        return track(current, [], [run], toRecord(run, temperature, final, [], client.baseUrl));
      }
      const controller = laneController(current, run.lane.id);
      const final = await controller.start(request, client, {
        idleTimeoutMs: current.spec.idleTimeoutMs,
      });
      const samples = controller.getSamples();
      track(current, [], [run], toRecord(run, temperature, final, samples, client.baseUrl));
    };
    await Promise.all(runs.map((run, index) => execute(run, temperatures[index] ?? "unknown")));
  }

  async function runAll(current: Session): Promise<ComparisonSnapshot> {
    const rounds = planRounds(current.spec);
    const batches = current.spec.concurrent ? rounds : rounds.flat().map((run) => [run]);
    for (const batch of batches) {
      if (current.abort.signal.aborted) break;
      await runBatch(current, batch);
    }
    const status = current.abort.signal.aborted ? "stopped" : "done";
    update(current, (snapshot) => ({ ...snapshot, status }));
    return current.snapshot;
  }

  function stop(): void {
    const current = session;
    if (!current || current.snapshot.status !== "running") return;
    current.abort.abort();
    for (const controller of current.lanes.values()) controller.stop();
    update(current, (snapshot) => ({ ...snapshot, status: "stopped" }));
  }

  return {
    lanes: () => session?.lanes ?? NO_LANES,
    start(spec, client) {
      stop();
      const previous = session;
      const total = planRounds(spec).flat().length;
      session = {
        spec,
        client,
        lanes: new Map(),
        abort: new AbortController(),
        snapshot: {
          status: "running",
          spec,
          progress: { completed: 0, total, current: [] },
          records: [],
        },
      };
      // One controller per lane, made now so the lane views exist before their first run.
      for (const lane of spec.lanes) laneController(session, lane.id);
      for (const controller of previous?.lanes.values() ?? []) controller.dispose();
      for (const listener of listeners) listener();
      return runAll(session);
    },
    stop,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => session?.snapshot ?? IDLE,
    dispose() {
      stop();
      for (const controller of session?.lanes.values() ?? []) controller.dispose();
      listeners.clear();
    },
  };
}
