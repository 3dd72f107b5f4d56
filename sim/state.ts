/** What the simulator knows: loaded models, the recent runs, and how many streams are open. */
import { Residency } from "./residency.ts";

export type RunStatus = "running" | "done" | "error" | "aborted";

/** One /api/chat or /api/generate request, as GET /__sim/runs reports it. */
export interface RunRecord {
  id: number;
  model: string;
  api: "chat" | "generate";
  stream: boolean;
  status: RunStatus;
  /** Wall-clock ms since the epoch, sub-ms precision, one clock for all fields. */
  receivedAtMs: number;
  headersAtMs?: number;
  /** Streams: when the first/last token line was written. stream:false: when they were generated. */
  firstTokenAtMs?: number;
  lastTokenAtMs?: number;
  /** Token lines written (stream) or token pieces in the body (stream:false). */
  tokensSent: number;
  /** The exact final object sent (the done line, or the whole stream:false body). */
  final?: Record<string, unknown>;
  /** HTTP status of the response (200 for streams, even when they end in an error line). */
  httpStatus?: number;
  /** The error text sent, if any (status "error"). */
  error?: string;
  /** The request body as received (parsed JSON). */
  request?: unknown;
  /** Garbage lines written into the stream (malformed:7b); absent for other models. */
  malformedLines?: number;
}

const MAX_RUNS = 200;

export class SimulatorState {
  readonly residency = new Residency();
  private runList: RunRecord[] = [];
  private nextId = 1;
  openStreams = 0;
  maxOpenStreams = 0;
  /** Cancels each generation in flight (used by close()). */
  private readonly cancels = new Set<() => void>();

  /** Registers a generation in flight; returns the function that forgets it. */
  track(cancel: () => void): () => void {
    this.cancels.add(cancel);
    return () => this.cancels.delete(cancel);
  }

  /** Aborts every generation in flight: timers stop and their runs are recorded as aborted. */
  abortAll(): void {
    for (const cancel of [...this.cancels]) cancel();
  }

  startRun(run: Omit<RunRecord, "id" | "status" | "tokensSent">): RunRecord {
    const { model, api, stream, ...rest } = run;
    const record: RunRecord = {
      id: this.nextId++,
      model,
      api,
      stream,
      status: "running",
      tokensSent: 0,
      ...rest,
    };
    this.runList.push(record);
    if (this.runList.length > MAX_RUNS) this.runList.splice(0, this.runList.length - MAX_RUNS);
    return record;
  }

  /** The last 200 runs, oldest first. */
  runs(): readonly RunRecord[] {
    return this.runList;
  }

  streamOpened(): void {
    this.openStreams++;
    this.maxOpenStreams = Math.max(this.maxOpenStreams, this.openStreams);
  }

  streamClosed(): void {
    this.openStreams = Math.max(0, this.openStreams - 1);
  }

  stats(): { openStreams: number; maxOpenStreams: number } {
    return { openStreams: this.openStreams, maxOpenStreams: this.maxOpenStreams };
  }

  /** Unloads every model, forgets the runs, restarts maxOpenStreams from what is open now. */
  reset(): void {
    this.residency.unloadAll();
    this.runList = [];
    this.maxOpenStreams = this.openStreams;
  }

  dispose(): void {
    this.abortAll();
    this.residency.dispose();
  }
}
