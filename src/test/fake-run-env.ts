import type {
  EventBatch,
  GenerateHooks,
  GenerationRequest,
  OllamaClient,
  RunningModel,
  StreamEvent,
} from "../ollama/types.ts";
import type { Clock, Scheduler } from "../runs/clock.ts";

/** A clock that moves only when told. */
export function fakeClock(
  start = 1000,
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
  };
}

/** A scheduler whose frames and ticks run only when the test flushes them. */
export function manualScheduler(): Scheduler & {
  flushFrames(): number;
  tick(): void;
  pendingFrames(): number;
} {
  let frames: (() => void)[] = [];
  const tickers = new Set<() => void>();
  return {
    frame(callback) {
      frames.push(callback);
      return () => {
        frames = frames.filter((frame) => frame !== callback);
      };
    },
    every(_periodMs, callback) {
      tickers.add(callback);
      return () => tickers.delete(callback);
    },
    flushFrames() {
      const due = frames;
      frames = [];
      for (const frame of due) frame();
      return due.length;
    },
    tick() {
      for (const ticker of [...tickers]) ticker();
    },
    pendingFrames: () => frames.length,
  };
}

type Step = { batch: EventBatch } | { error: unknown } | { end: true };

/**
 * A fake Ollama client: each `generate` call gets a script the test feeds event by event, so the
 * controller's behaviour between events can be observed. Honours the abort signal like fetch does.
 *
 * `unloads` records every unload request; `log` records generate, unload and /api/ps calls in
 * order ("generate <model>", "unload <model>", "ps"). `setRunning` sets what `listRunning`
 * answers (model names, or an error to reject with); `setUnload` sets how `unload` answers.
 */
export function scriptedClient() {
  const calls: {
    request: GenerationRequest;
    signal: AbortSignal;
    hooks: GenerateHooks | undefined;
    feed: Feed;
  }[] = [];
  const unloads: { model: string; signal: AbortSignal | undefined }[] = [];
  const log: string[] = [];
  let running: () => Promise<RunningModel[]> = () => Promise.resolve([]);
  let unloadReply: (model: string, signal?: AbortSignal) => Promise<void> = () => Promise.resolve();
  const client: OllamaClient = {
    baseUrl: "http://fake",
    version: () => Promise.resolve("0.0.0-test"),
    listModels: () => Promise.resolve([]),
    listRunning: () => {
      log.push("ps");
      return running();
    },
    showModel: () => Promise.resolve({}),
    generate(request, signal, hooks) {
      const feed = new Feed(signal);
      calls.push({ request, signal, hooks, feed });
      log.push(`generate ${request.model}`);
      return feed.headers.then(() => feed.events());
    },
    unload(model, signal) {
      unloads.push({ model, signal });
      log.push(`unload ${model}`);
      return unloadReply(model, signal);
    },
  };
  const setRunning = (answer: readonly string[] | Error): void => {
    running = () =>
      answer instanceof Error
        ? Promise.reject(answer)
        : Promise.resolve(answer.map((name) => ({ name })));
  };
  const setUnload = (reply: (model: string, signal?: AbortSignal) => Promise<void>): void => {
    unloadReply = reply;
  };
  return { client, calls, unloads, log, setRunning, setUnload };
}

class Feed {
  private steps: Step[] = [];
  private wake: (() => void) | undefined;
  private resolveHeaders!: () => void;
  private rejectHeaders!: (error: unknown) => void;
  readonly headers: Promise<void>;

  constructor(private readonly signal: AbortSignal) {
    this.headers = new Promise((resolve, reject) => {
      this.resolveHeaders = resolve;
      this.rejectHeaders = reject;
    });
    signal.addEventListener("abort", () => {
      this.rejectHeaders(signal.reason);
      this.wake?.();
    });
  }

  sendHeaders(): void {
    this.resolveHeaders();
  }
  failHeaders(error: unknown): void {
    this.rejectHeaders(error);
  }
  /** One event read on its own; `atMs` is the transport's arrival stamp, if it has one. */
  push(event: StreamEvent, atMs?: number): void {
    this.pushBatch([event], atMs);
  }
  /** Events read together, in one network read. */
  pushBatch(events: readonly StreamEvent[], atMs?: number): void {
    this.steps.push({ batch: atMs === undefined ? { events } : { events, atMs } });
    this.wake?.();
  }
  fail(error: unknown): void {
    this.steps.push({ error });
    this.wake?.();
  }
  end(): void {
    this.steps.push({ end: true });
    this.wake?.();
  }

  async *events(): AsyncGenerator<EventBatch> {
    for (;;) {
      this.signal.throwIfAborted();
      const step = this.steps.shift();
      if (!step) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if ("batch" in step) yield step.batch;
      else if ("error" in step) throw step.error;
      else return;
    }
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
