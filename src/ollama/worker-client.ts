import { createOllamaClient, type OllamaClientOptions } from "./client.ts";
import {
  IncompleteStreamError,
  NetworkError,
  OllamaHttpError,
  OllamaStreamError,
} from "./errors.ts";
import type { EventBatch, GenerateHooks, GenerationRequest, OllamaClient } from "./types.ts";
import type { FromWorker, SerializedError, ToWorker } from "./worker-protocol.ts";

type Listener = (message: FromWorker) => void;

let shared: { worker: Worker; listeners: Map<number, Listener>; nextId: number } | undefined;

function connection() {
  if (!shared) {
    const worker = new Worker(new URL("./stream.worker.ts", import.meta.url), { type: "module" });
    const listeners = new Map<number, Listener>();
    worker.addEventListener("message", (event: MessageEvent<FromWorker>) => {
      listeners.get(event.data.id)?.(event.data);
    });
    shared = { worker, listeners, nextId: 1 };
  }
  return shared;
}

function rebuild(error: SerializedError): Error {
  switch (error.name) {
    case "OllamaHttpError":
      return new OllamaHttpError(error.status ?? 0, error.message);
    case "OllamaStreamError":
      return new OllamaStreamError(error.message);
    case "IncompleteStreamError":
      return new IncompleteStreamError(error.message);
    case "NetworkError":
      return new NetworkError(error.message);
    default:
      return new Error(error.message);
  }
}

/**
 * Like {@link createOllamaClient}, but `generate` reads the stream in a Web Worker that stamps each
 * event with its arrival time (see stream.worker.ts). Falls back to the plain client where there
 * are no workers.
 */
export function createBrowserClient(options: OllamaClientOptions): OllamaClient {
  const direct = createOllamaClient(options);
  if (typeof Worker === "undefined" || options.fetch) return direct;
  // Start the worker now, so it is loaded long before the first Run.
  const { worker } = connection();
  let warmed = false;
  return {
    ...direct,
    // Once Ollama has answered the page, the worker sends its own first request too, so its fetch
    // path is warm for the first run; never before: no request goes to an address that may be
    // wrong, blocked (mixed content) or refusing this origin.
    version: async (signal) => {
      const version = await direct.version(signal);
      if (!warmed) {
        warmed = true;
        worker.postMessage({ type: "warm", baseUrl: direct.baseUrl } satisfies ToWorker);
      }
      return version;
    },
    generate: (request, signal, hooks) => generateInWorker(direct.baseUrl, request, signal, hooks),
  };
}

function generateInWorker(
  baseUrl: string,
  request: GenerationRequest,
  signal: AbortSignal,
  hooks: GenerateHooks | undefined,
): Promise<AsyncIterable<EventBatch>> {
  const { worker, listeners } = connection();
  const id = shared ? shared.nextId++ : 0;
  // A queue read by index: Array.shift is O(n) and thousands of batches may wait here.
  let queue: EventBatch[] = [];
  let head = 0;
  let finished: { error?: Error } | undefined;
  let wake: (() => void) | undefined;
  let headers: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const headersArrived = new Promise<void>((resolve, reject) => (headers = { resolve, reject }));

  const close = (): void => {
    listeners.delete(id);
    signal.removeEventListener("abort", onAbort);
  };
  const onAbort = (): void => {
    worker.postMessage({ type: "abort", id } satisfies ToWorker);
    close();
    headers?.reject(signal.reason);
    wake?.();
  };
  listeners.set(id, (message) => {
    switch (message.type) {
      case "sent":
        hooks?.onSent?.(message.atMs);
        return;
      case "headers":
        headers?.resolve();
        return;
      case "events":
        queue.push(message.batch);
        break;
      case "end":
        finished = {};
        close();
        break;
      case "error":
        finished = { error: rebuild(message.error) };
        close();
        headers?.reject(finished.error);
        break;
    }
    wake?.();
  });
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  worker.postMessage({
    type: "start",
    id,
    baseUrl,
    request,
    timeOriginMs: performance.timeOrigin,
  } satisfies ToWorker);

  async function* events(): AsyncGenerator<EventBatch> {
    try {
      for (;;) {
        signal.throwIfAborted();
        const batch = queue[head];
        if (batch) {
          head += 1;
          if (head === queue.length) {
            queue = [];
            head = 0;
          }
          yield batch;
          continue;
        }
        if (finished) {
          if (finished.error) throw finished.error;
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      if (!finished && !signal.aborted)
        worker.postMessage({ type: "abort", id } satisfies ToWorker);
      close();
    }
  }
  return headersArrived.then(() => events());
}
