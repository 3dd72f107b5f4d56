import { isAbortError } from "../ollama/errors.ts";
import type { FinalStats, GenerationRequest, OllamaClient, StreamEvent } from "../ollama/types.ts";
import { LagHistogram } from "../metrics/lag-histogram.ts";
import { appendSeriesPoint, seriesPointAt } from "../metrics/series.ts";
import { SampleGaps } from "../metrics/gaps.ts";
import { emptyTally, summarize, tallySample, type TokenTally } from "../metrics/summarize.ts";
import type { GapStats, RunTimes, SeriesPoint, TokenKind, TokenSample } from "../metrics/types.ts";
import type { Clock, Scheduler } from "./clock.ts";
import { describeError } from "./describe-error.ts";
import { InlineThinkSplitter } from "./inline-think.ts";
import { IDLE_SNAPSHOT, type RunError, type RunSnapshot, type RunStatus } from "./run-state.ts";

export interface RunControllerOptions {
  clock: Clock;
  scheduler: Scheduler;
  /** Period of the chart's sampling clock. */
  sampleEveryMs?: number;
  /** Rolling window of the live tokens/s figure. */
  rateWindowMs?: number;
  /** Upper bound on chart points; older points are thinned, never the whole run dropped. */
  maxSeriesPoints?: number;
  /** How often the (sorting) gap percentiles are refreshed while a run streams. */
  gapsEveryMs?: number;
}

export interface RunStartOptions {
  /**
   * End the run with an "idle" error when nothing has arrived for this long (ms): no headers, no
   * line. Undefined or 0: wait for ever (Stop still works).
   */
  idleTimeoutMs?: number;
}

export interface RunController {
  /**
   * Starts a run against `client` (passed per run, so the controller outlives a change of Ollama
   * URL). A run still going is stopped first and keeps what it had. Resolves with the final
   * snapshot when the run ends (done, stopped or error); never rejects.
   */
  start: (
    request: GenerationRequest,
    client: OllamaClient,
    options?: RunStartOptions,
  ) => Promise<RunSnapshot>;
  /** Stops the current run; its text and metrics are kept and the status becomes "stopped". */
  stop: () => void;
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => RunSnapshot;
  /** Every sample of the current run, in arrival order (for export). */
  getSamples: () => readonly TokenSample[];
  /** Stops timers and the run; the controller is not used afterwards. */
  dispose: () => void;
}

/** Mutable state of one run. Only the controller touches it; views get snapshots. */
interface LiveRun {
  id: number;
  request: GenerationRequest;
  abort: AbortController;
  times: RunTimes;
  status: RunStatus;
  headersMs?: number;
  answer: string;
  thinking: string;
  samples: TokenSample[];
  /** Counts of `samples`, kept as they come: the per-frame summary does not scan them. */
  tally: TokenTally;
  final?: FinalStats;
  error?: RunError;
  series: SeriesPoint[];
  malformedLines: number;
  /** When the `done` event's bytes arrived. */
  doneAtMs?: number;
  /** When anything last arrived (the request counts as the start). */
  lastActivityMs: number;
  /** Samples already handed to a frame, and how late each was. */
  paintedSamples: number;
  displayLag: LagHistogram;
  idleTimeoutMs?: number;
  gaps?: GapStats;
  serverGaps?: GapStats;
  gapsAtMs: number;
  /** Client arrival and Ollama `created_at` gaps, fed with `samples` on the gaps clock. */
  sampleGaps: SampleGaps;
  splitter: InlineThinkSplitter;
  settle: (snapshot: RunSnapshot) => void;
}

/**
 * Runs one generation at a time and turns its events into snapshots. Every chunk is stamped with the
 * clock the moment it is read; the view is notified at most once per animation frame, and the chart
 * is sampled on its own clock with a bounded number of points, so per-token work stays tiny.
 */
export function createRunController(options: RunControllerOptions): RunController {
  const { clock, scheduler } = options;
  const sampleEveryMs = options.sampleEveryMs ?? 250;
  const rateWindowMs = options.rateWindowMs ?? 1000;
  const maxSeriesPoints = options.maxSeriesPoints ?? 240;
  const gapsEveryMs = options.gapsEveryMs ?? 500;

  const listeners = new Set<() => void>();
  let snapshot: RunSnapshot = IDLE_SNAPSHOT;
  let run: LiveRun | undefined;
  let nextId = 1;
  let cancelFrame: (() => void) | undefined;
  let cancelTicker: (() => void) | undefined;

  function makeSnapshot(current: LiveRun): RunSnapshot {
    const now = clock.now();
    const ended = current.times.endMs !== undefined;
    // Gap percentiles look at every gap (O(n)): refresh them on a slow clock while streaming, and
    // at the end. The trackers are fed here, not per token.
    if (ended || now - current.gapsAtMs >= gapsEveryMs) {
      refreshGaps(current);
      current.gapsAtMs = now;
    }
    const summary = summarize(current.times, current.samples, current.final, now, {
      gaps: false,
      tally: current.tally,
    });
    return {
      runId: current.id,
      status: current.status,
      request: current.request,
      startMs: current.times.startMs,
      headersMs: current.headersMs,
      endMs: current.times.endMs,
      answer: current.answer,
      thinking: current.thinking,
      final: current.final,
      error: current.error,
      summary: { ...summary, gaps: current.gaps, serverGaps: current.serverGaps },
      // appendSeriesPoint returns a new array, so the chart re-renders only when a point is added.
      series: current.series,
      malformedLines: current.malformedLines,
      idleMs: ended ? undefined : now - current.lastActivityMs,
      displayLag:
        current.displayLag.count === 0
          ? undefined
          : {
              p50Ms: current.displayLag.percentile(50) ?? 0,
              p95Ms: current.displayLag.percentile(95) ?? 0,
              maxMs: current.displayLag.maxMs,
              count: current.displayLag.count,
            },
      atMs: now,
    };
  }

  /** Feeds the samples that came since the last refresh to the run's gaps, and reads them. */
  function refreshGaps(current: LiveRun): void {
    if (current.times.mode !== "stream") return;
    current.sampleGaps.feed(current.samples);
    const { gaps, serverGaps } = current.sampleGaps.stats();
    current.gaps = gaps;
    current.serverGaps = serverGaps;
  }

  function publish(): void {
    cancelFrame = undefined;
    if (run) {
      recordDisplayLag(run);
      snapshot = makeSnapshot(run);
    }
    for (const listener of listeners) listener();
  }

  /**
   * Every sample that arrived since the last publish is painted by the frame this publish feeds:
   * its display lag is that frame's time minus its arrival (stamped off the main thread).
   */
  function recordDisplayLag(current: LiveRun): void {
    const samples = current.samples;
    if (current.paintedSamples >= samples.length) return;
    const now = clock.now();
    for (let index = current.paintedSamples; index < samples.length; index++) {
      const sample = samples[index];
      if (sample) current.displayLag.record(now - sample.atMs);
    }
    current.paintedSamples = samples.length;
  }

  /** Coalesces any number of changes into one notification before the next paint. */
  function invalidate(): void {
    cancelFrame ??= scheduler.frame(publish);
  }

  function publishNow(): void {
    cancelFrame?.();
    publish();
  }

  function sample(current: LiveRun): void {
    const point = seriesPointAt(current.times, current.samples, clock.now(), rateWindowMs);
    current.series = appendSeriesPoint(current.series, point, maxSeriesPoints);
  }

  function record(
    current: LiveRun,
    content: string,
    rawThinking: string,
    createdAt: string | undefined,
    atMs: number,
  ): void {
    if (content === "" && rawThinking === "") return;
    const split = content === "" ? { answer: "", thinking: "" } : current.splitter.push(content);
    const thinking = rawThinking + split.thinking;
    current.answer += split.answer;
    current.thinking += thinking;
    // A chunk that was only an inline tag is still a generated token: count it as thinking.
    const kind: TokenKind = split.answer === "" ? "thinking" : thinking === "" ? "answer" : "both";
    const entry: TokenSample = { atMs, kind, chars: content.length + rawThinking.length };
    if (createdAt !== undefined) entry.createdAt = createdAt;
    current.samples.push(entry);
    tallySample(current.tally, entry);
  }

  function handle(current: LiveRun, event: StreamEvent, atMs: number): void {
    switch (event.type) {
      case "chunk":
        record(current, event.content, event.thinking, event.createdAt, atMs);
        break;
      case "done": {
        current.doneAtMs = atMs;
        record(current, event.content, event.thinking, event.createdAt, atMs);
        const rest = current.splitter.flush();
        current.answer += rest.answer;
        current.thinking += rest.thinking;
        current.final = event.stats;
        break;
      }
      case "malformed":
        current.malformedLines += 1;
        break;
      default: {
        const never: never = event;
        throw new Error(`Unknown event ${String(never)}`);
      }
    }
  }

  /** `endMs`: when the run ended; a finished stream ends when its final line arrived. */
  function finish(
    current: LiveRun,
    status: RunStatus,
    error?: RunError,
    endMs = clock.now(),
  ): void {
    if (current.times.endMs !== undefined) return;
    current.times = { ...current.times, endMs };
    current.status = status;
    current.error = error;
    const rest = current.splitter.flush();
    current.answer += rest.answer;
    current.thinking += rest.thinking;
    if (current.samples.length > 0 || status !== "error") sample(current);
    cancelTicker?.();
    cancelTicker = undefined;
    publishNow();
    current.settle(snapshot);
  }

  async function execute(current: LiveRun, client: OllamaClient): Promise<void> {
    const isCurrent = (): boolean => run === current && current.times.endMs === undefined;
    try {
      const events = await client.generate(current.request, current.abort.signal, {
        onSent: (atMs) => {
          if (isCurrent() && current.headersMs === undefined) requestSent(current, atMs);
        },
      });
      if (!isCurrent()) return;
      current.headersMs = clock.now();
      current.lastActivityMs = current.headersMs;
      for await (const batch of events) {
        if (!isCurrent()) return;
        // Prefer the transport's stamp (taken off the main thread, when the bytes were read).
        const atMs = batch.atMs ?? clock.now();
        current.lastActivityMs = atMs;
        for (const event of batch.events) handle(current, event, atMs);
        if (current.status === "waiting" && current.samples.length > 0)
          current.status = "streaming";
        invalidate();
      }
      if (isCurrent()) finish(current, "done", undefined, current.doneAtMs);
    } catch (error: unknown) {
      if (!isCurrent()) return;
      if (isAbortError(error) || current.abort.signal.aborted) finish(current, "stopped");
      else finish(current, "error", describeError(error));
    }
  }

  /**
   * Moves the run's start to when the request actually left (the stream worker may start it a
   * little after Run was pressed): time to first token counts from there.
   */
  function requestSent(current: LiveRun, atMs = clock.now()): void {
    if (atMs <= current.times.startMs) return;
    current.times = { ...current.times, startMs: atMs };
    current.gapsAtMs = atMs;
    current.lastActivityMs = atMs;
  }

  function isIdleTooLong(current: LiveRun): boolean {
    const limit = current.idleTimeoutMs;
    return limit !== undefined && limit > 0 && clock.now() - current.lastActivityMs >= limit;
  }

  function stop(): void {
    const current = run;
    if (!current || current.times.endMs !== undefined) return;
    finish(current, "stopped");
    current.abort.abort();
  }

  return {
    start: (request, client, startOptions) => {
      stop();
      const startMs = clock.now();
      let settle: (snapshot: RunSnapshot) => void = () => undefined;
      const ended = new Promise<RunSnapshot>((resolve) => (settle = resolve));
      const current: LiveRun = {
        id: nextId++,
        request,
        abort: new AbortController(),
        times: { mode: request.stream ? "stream" : "blocking", startMs },
        status: "waiting",
        answer: "",
        thinking: "",
        samples: [],
        tally: emptyTally(),
        series: [{ tMs: 0, tokens: 0 }],
        malformedLines: 0,
        gapsAtMs: startMs,
        sampleGaps: new SampleGaps(),
        splitter: new InlineThinkSplitter(),
        settle,
        lastActivityMs: startMs,
        paintedSamples: 0,
        displayLag: new LagHistogram(),
        idleTimeoutMs: startOptions?.idleTimeoutMs,
      };
      run = current;
      cancelTicker = scheduler.every(sampleEveryMs, () => {
        if (run !== current) return;
        if (isIdleTooLong(current)) {
          const seconds = Math.round((current.idleTimeoutMs ?? 0) / 1000);
          finish(current, "error", {
            kind: "idle",
            message: `Nothing arrived for ${seconds} s, so the run was ended (idle timeout). What arrived is kept.`,
          });
          current.abort.abort();
          return;
        }
        sample(current);
        invalidate();
      });
      publishNow();
      void execute(current, client);
      return ended;
    },
    stop,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    getSamples: () => run?.samples ?? [],
    dispose: () => {
      stop();
      cancelFrame?.();
      cancelTicker?.();
      listeners.clear();
    },
  };
}
