/**
 * Test helpers for byte streams and a scripted `fetch`. No vitest imports, so any test
 * environment (node, jsdom) and the simulated server's tests can use them.
 */

const encoder = new TextEncoder();

function toBytes(chunk: string | Uint8Array): Uint8Array<ArrayBuffer> {
  // A copy, so a test that reuses its array cannot change what was already "sent".
  return typeof chunk === "string" ? encoder.encode(chunk) : new Uint8Array(chunk);
}

/**
 * A stream that delivers exactly one of `chunks` per read, in order, then closes.
 * Strings are UTF-8 encoded; use `Uint8Array`s to cut inside a multibyte character.
 */
export function streamOf(chunks: readonly (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next];
      next += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(toBytes(chunk));
    },
  });
}

/** Each value as compact JSON followed by `\n`, as Ollama streams it. */
export function ndjsonBytes(objects: readonly unknown[]): string {
  return objects.map((object) => `${JSON.stringify(object)}\n`).join("");
}

export interface ControlledStream {
  stream: ReadableStream<Uint8Array>;
  /** Makes `chunk` available to the next read. */
  push(chunk: string | Uint8Array): void;
  /** Ends the body normally. */
  close(): void;
  /** Makes the pending and later reads reject with `error` (e.g. a TypeError for a dropped connection). */
  fail(error: unknown): void;
  /** Whether the reader cancelled the stream. */
  isCancelled(): boolean;
  /** Settles with the cancel reason when the reader cancels. */
  cancelled: Promise<unknown>;
}

/** A stream the test feeds by hand, one step at a time (vercel/ai's TestResponseController). */
export function controlledStream(): ControlledStream {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let wasCancelled = false;
  let onCancel: (reason: unknown) => void = () => {};
  const cancelled = new Promise<unknown>((resolve) => {
    onCancel = resolve;
  });
  const stream = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    cancel(reason: unknown) {
      wasCancelled = true;
      onCancel(reason);
    },
  });
  const ready = (): ReadableStreamDefaultController<Uint8Array> => {
    if (controller === undefined) throw new Error("The stream has not started.");
    return controller;
  };
  return {
    stream,
    push: (chunk) => ready().enqueue(toBytes(chunk)),
    close: () => ready().close(),
    fail: (error) => ready().error(error),
    isCancelled: () => wasCancelled,
    cancelled,
  };
}

/** One request as the fake fetch saw it. */
export interface RecordedRequest {
  url: string;
  method: string;
  /** The `headers` init exactly as passed (undefined when none was given). */
  headers: RequestInit["headers"];
  /** The body when it was a string (our client only sends strings). */
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/**
 * What one call answers: a `Response`, a function making one (it may wait, to hold the headers
 * back like Ollama does until the first token), or a value to reject with (e.g. a TypeError).
 */
export type FakeReply =
  Response | ((request: RecordedRequest) => Response | Promise<Response>) | { reject: unknown };

export interface FakeFetch {
  fetch: typeof fetch;
  /** Every call, in order. */
  requests: RecordedRequest[];
}

/**
 * A scripted `fetch`: the n-th call gets the n-th reply; a call with no reply left rejects, so an
 * unexpected request fails the test. Like a real fetch, it rejects with the signal's reason when
 * the signal fires before the headers, and errors the response body when it fires later.
 */
export function fakeFetch(...replies: FakeReply[]): FakeFetch {
  const requests: RecordedRequest[] = [];
  const fetchFake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request: RecordedRequest = {
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? "GET",
      headers: init?.headers,
      body: typeof init?.body === "string" ? init.body : undefined,
      signal: init?.signal ?? undefined,
    };
    requests.push(request);
    const reply = replies[requests.length - 1];
    if (reply === undefined)
      throw new Error(`Unexpected request: ${request.method} ${request.url}`);
    const signal = request.signal;
    signal?.throwIfAborted();
    const response = await untilAborted(answer(reply, request), signal);
    return signal === undefined ? response : abortable(response, signal);
  };
  return { fetch: fetchFake, requests };
}

async function answer(reply: FakeReply, request: RecordedRequest): Promise<Response> {
  if (reply instanceof Response) return reply;
  if (typeof reply === "function") return reply(request);
  throw reply.reject;
}

/** Settles like `promise`, unless `signal` fires first: then throws its reason, as fetch does. */
async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  let onAbort = (): void => {};
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const outcome = await Promise.race([promise.then((value) => ({ value })), aborted]);
    signal.throwIfAborted();
    if (outcome === undefined) throw new Error("Unreachable: aborted without a reason.");
    return outcome.value;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** A copy of `response` whose body errors with the signal's reason on abort, as fetch's does. */
function abortable(response: Response, signal: AbortSignal): Response {
  const source = response.body;
  if (source === null) return response;
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal.addEventListener(
        "abort",
        () => {
          controller.error(reasonOf(signal));
          reader.cancel(reasonOf(signal)).catch(() => {});
        },
        { once: true },
      );
    },
    async pull(controller) {
      const result = await reader.read();
      if (signal.aborted) return;
      if (result.done) controller.close();
      else controller.enqueue(result.value);
    },
    cancel(reason: unknown) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** What fetch rejects with, and errors its body with, on abort: the signal's reason as given. */
function reasonOf(signal: AbortSignal): unknown {
  return signal.reason;
}

/**
 * The `response.body.string` of a VCR cassette (YAML) such as fixture 03: the single-quoted
 * scalar unfolded (a line break plus indentation is one space, an empty line is `\n`) and `''`
 * turned back into `'`. Enough for cassettes written by Ruby's VCR, not a YAML parser.
 */
export function vcrResponseBody(yaml: string): string {
  const marker = "\n    body:\n      encoding: UTF-8\n      string: '";
  const start = yaml.indexOf(marker, yaml.indexOf("\n  response:\n"));
  if (start === -1) throw new Error("No single-quoted response body in this cassette.");
  let end = start + marker.length;
  for (;;) {
    end = yaml.indexOf("'", end);
    if (end === -1) throw new Error("Unterminated response body in this cassette.");
    if (yaml[end + 1] !== "'") break;
    end += 2;
  }
  const lines = yaml.slice(start + marker.length, end).split("\n");
  let text = lines[0]?.trimEnd() ?? "";
  let emptyLines = 0;
  for (const line of lines.slice(1)) {
    const content = line.trim();
    if (content === "") {
      emptyLines += 1;
      continue;
    }
    text += emptyLines === 0 ? ` ${content}` : `${"\n".repeat(emptyLines)}${content}`;
    emptyLines = 0;
  }
  return text.replaceAll("''", "'");
}
