/// <reference lib="webworker" />
/**
 * Reads generation streams off the page's main thread. Each event is stamped with the time its bytes
 * were read, on the page's clock, so a busy page (rendering, layout) cannot make tokens look late:
 * time to first token and the token gaps measure the network and Ollama, not the dashboard.
 * Events read together are posted together, one message per network read, with one stamp.
 */
import { createOllamaClient } from "./client.ts";
import { isAbortError } from "./errors.ts";
import type { FromWorker, SerializedError, ToWorker } from "./worker-protocol.ts";

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
  try {
    const client = createOllamaClient({ baseUrl: message.baseUrl });
    // The request leaves from here, so time to first token counts from here: a page busy
    // rendering, or this worker still starting, cannot pad it.
    const events = await client.generate(message.request, abort.signal, {
      onSent: () => post({ type: "sent", id: message.id, atMs: performance.now() + offset }),
    });
    post({ type: "headers", id: message.id });
    for await (const batch of events) {
      // The events of one read arrived together: one stamp, taken as soon as they were parsed.
      const atMs = performance.now() + offset;
      post({ type: "events", id: message.id, batch: { events: batch.events, atMs } });
    }
    post({ type: "end", id: message.id });
  } catch (error: unknown) {
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
