import type { OllamaClient } from "../ollama/types.ts";
import { temperatureOf, type PlannedRun } from "./comparison-plan.ts";
import type { Temperature } from "./comparison-types.ts";
import { describeError } from "./describe-error.ts";
import type { RunError } from "./run-state.ts";

export interface PreparedRuns {
  /** Runs whose unload failed, with the error their record carries; they are not sent. */
  failures: ReadonlyMap<PlannedRun, RunError>;
  /** One per run, in order: what `/api/ps` said just before the batch ("unknown" if it failed). */
  temperatures: readonly Temperature[];
}

/**
 * What happens before a batch of runs goes out: with `unloadFirst`, each run's model is unloaded
 * in turn (a failure marks that run only); then `/api/ps` is asked once for the whole batch, so
 * concurrent lanes are labelled from the same moment. Stops early when `signal` fires.
 */
export async function prepareRuns(
  client: OllamaClient,
  runs: readonly PlannedRun[],
  unloadFirst: boolean,
  signal: AbortSignal,
): Promise<PreparedRuns> {
  const failures = new Map<PlannedRun, RunError>();
  for (const run of unloadFirst ? runs : []) {
    if (signal.aborted) break;
    try {
      await client.unload(run.lane.model, signal);
    } catch (error: unknown) {
      const { kind, status, message } = describeError(error);
      const why = `Could not unload ${run.lane.model} before the run: ${message}`;
      failures.set(
        run,
        status === undefined ? { kind, message: why } : { kind, status, message: why },
      );
    }
  }
  let temperatures: Temperature[];
  if (signal.aborted) return { failures, temperatures: runs.map(() => "unknown") };
  try {
    const running = await client.listRunning(signal);
    temperatures = runs.map((run) => temperatureOf(run.lane.model, running));
  } catch {
    temperatures = runs.map(() => "unknown");
  }
  return { failures, temperatures };
}
