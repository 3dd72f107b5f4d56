/// <reference lib="webworker" />
/**
 * Reads generation streams off the page's main thread. Each event is stamped with the time its bytes
 * were read, on the page's clock, so a busy page (rendering, layout) cannot make tokens look late:
 * time to first token and the token gaps measure the network and Ollama, not the dashboard.
 * Events read together are posted together, one message per network read.
 */
import { createOllamaClient } from "./client.ts";
import { isAbortError } from "./errors.ts";
import type { FromWorker, SerializedError, ToWorker } from "./worker-protocol.ts";
import type { StreamEvent } from "./types.ts";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const running = new Map<number, AbortController>();

function post(message: FromWorker): void {
  scope.postMessage(message);
}

function serialize(error: unknown): SerializedError {
  if (error instanceof Error || error instanceof DOMException) {
    const status = "status" in error && typeof error.status === "number" ? error.status : undefined;
    return { name: error.name, message: error.message, status };
  }
  return { name: "Error", message: String(error) };
}

async function run(message: Extract<ToWorker, { type: "start" }>): Promise<void> {
  const abort = new AbortController();
  running.set(message.id, abort);
  // The page's clock and ours count from different origins; both origins are epoch milliseconds.
  const offset = performance.timeOrigin - message.timeOriginMs;
  let pending: StreamEvent[] = [];
  let flushScheduled = false;
  const flush = (): void => {
    flushScheduled = false;
    if (pending.length === 0) return;
    post({ type: "events", id: message.id, events: pending });
    pending = [];
  };
  try {
    const client = createOllamaClient({ baseUrl: message.baseUrl });
    // The request leaves from here, so time to first token counts from here: a page busy
    // rendering, or this worker still starting, cannot pad it.
    const events = await client.generate(message.request, abort.signal, {
      onSent: () => post({ type: "sent", id: message.id, atMs: performance.now() + offset }),
    });
    post({ type: "headers", id: message.id });
    for await (const event of events) {
      pending.push({ ...event, atMs: performance.now() + offset });
      // Lines of one read arrive in the same macrotask; post them once the task's microtasks drain.
      if (!flushScheduled) {
        flushScheduled = true;
        setTimeout(flush, 0);
      }
    }
    flush();
    post({ type: "end", id: message.id });
  } catch (error: unknown) {
    flush();
    if (!isAbortError(error)) post({ type: "error", id: message.id, error: serialize(error) });
  } finally {
    running.delete(message.id);
  }
}

scope.addEventListener("message", (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "start":
      void run(message);
      break;
    case "abort":
      running.get(message.id)?.abort();
      break;
    case "warm":
      // Open this worker's connection to Ollama before the first run, as the page's own is open
      // already (it asked for the version and the models): otherwise the first run's time to first
      // token would include connection set-up that later runs do not pay.
      void createOllamaClient({ baseUrl: message.baseUrl })
        .version(AbortSignal.timeout(4000))
        .catch(() => undefined);
      break;
  }
});
