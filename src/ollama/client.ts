import {
  IncompleteStreamError,
  isAbortError,
  NetworkError,
  OllamaHttpError,
  OllamaStreamError,
} from "./errors.ts";
import {
  isErrorLine,
  parseRunning,
  parseShow,
  parseTags,
  parseVersion,
  toStreamEvent,
  type Parsed,
} from "./guards.ts";
import { abortErrorOf, messageOf, readNdjsonBatches, toReadError } from "./ndjson.ts";
import type { ChatRequest, GenerateRequest, WireOptions, WireThink } from "./protocol.ts";
import type {
  Api,
  EventBatch,
  GenerationOptions,
  GenerationRequest,
  OllamaClient,
  StreamEvent,
  ThinkSetting,
} from "./types.ts";

export interface OllamaClientOptions {
  /** E.g. `http://localhost:11434`. Surrounding spaces and trailing slashes are dropped. */
  baseUrl: string;
  /** Defaults to `globalThis.fetch`, looked up on every call. */
  fetch?: typeof fetch;
}

/** Longest part of a non-JSON error body put into an error message, in characters. */
const MAX_ERROR_TEXT = 300;
/** Longest part of an unexpected answer quoted in an error message, in characters. */
const MAX_SNIPPET = 120;

/**
 * Creates a client for Ollama's native API at `options.baseUrl`. No request is sent until a
 * method is called. See {@link OllamaClient} for what each method resolves to and throws.
 *
 * `generate` leaves the body unread until its events are iterated: iterate to the end, `break`,
 * or abort the signal, otherwise the connection stays open (and Ollama keeps generating).
 * Any non-Ollama answer to the one-off calls (HTML from another server, JSON of another shape)
 * throws a plain Error saying so, naming the URL.
 */
export function createOllamaClient(options: OllamaClientOptions): OllamaClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl);

  async function send(
    path: string,
    body: string | undefined,
    signal?: AbortSignal,
    onSent?: () => void,
  ) {
    // Resolved per call so a fetch patched later (tests, devtools) is used; called as a plain
    // function because browsers throw "Illegal invocation" when fetch's `this` is not window.
    const fetchImpl = options.fetch ?? globalThis.fetch;
    // No headers at all: a string body without Content-Type keeps this a CORS "simple" request,
    // so no preflight round trip pads the time to first token; Ollama parses JSON whatever the type.
    const init: RequestInit =
      body === undefined ? { method: "GET", signal } : { method: "POST", body, signal };
    let response: Response;
    try {
      onSent?.();
      response = await fetchImpl(`${baseUrl}${path}`, init);
    } catch (error: unknown) {
      if (isAbortError(error)) throw error;
      if (signal?.aborted === true) throw abortErrorOf(signal);
      throw new NetworkError(`Could not reach Ollama at ${baseUrl}: ${messageOf(error)}`, {
        cause: error,
      });
    }
    if (!response.ok) throw await toHttpError(response, signal);
    return response;
  }

  async function requestJson<T>(
    path: string,
    parse: (body: unknown) => Parsed<T>,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const response = await send(path, body, signal);
    const text = await readText(response, signal);
    const notOllama = (why: string) =>
      new Error(`The server at ${baseUrl}${path} answered, but not like Ollama: ${why}`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw notOllama(snippet(text));
    }
    const parsed = parse(value);
    if (!parsed.ok) throw notOllama(parsed.reason);
    return parsed.value;
  }

  return {
    baseUrl,
    version: (signal) => requestJson("/api/version", parseVersion, undefined, signal),
    listModels: (signal) => requestJson("/api/tags", parseTags, undefined, signal),
    listRunning: (signal) => requestJson("/api/ps", parseRunning, undefined, signal),
    showModel: (model, signal) =>
      requestJson("/api/show", parseShow, JSON.stringify({ model }), signal),
    unload: (model, signal) =>
      requestJson(
        "/api/generate",
        parseUnload,
        JSON.stringify({ model, prompt: "", keep_alive: 0 }),
        signal,
      ),
    async generate(request, signal, hooks) {
      const path = request.api === "chat" ? "/api/chat" : "/api/generate";
      const body = JSON.stringify(toWireRequest(request));
      const response = await send(path, body, signal, () => hooks?.onSent?.());
      await refuseHtml(response, signal);
      return request.stream
        ? streamedEvents(request.api, response, signal)
        : blockingEvents(request.api, response, signal);
    },
  };
}

/**
 * Checks an unload answer loosely: one JSON object, `done_reason: "unload"` when the field is there
 * (servers before v0.1.35 leave it out). An `{"error"}` body throws OllamaStreamError.
 */
function parseUnload(value: unknown): Parsed<void> {
  if (isErrorLine(value)) throw new OllamaStreamError(value.error);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, reason: "expected a JSON object" };
  const reason: unknown = "done_reason" in value ? value.done_reason : undefined;
  if (reason !== undefined && reason !== "unload")
    return { ok: false, reason: `done_reason was ${JSON.stringify(reason)}, not "unload"` };
  return { ok: true, value: undefined };
}

/** Trims and drops trailing slashes, so paths can be appended with a single `/`. */
function normaliseBaseUrl(baseUrl: string): string {
  let url = baseUrl.trim();
  while (url.endsWith("/")) url = url.slice(0, -1);
  return url;
}

/** Builds the JSON body for `/api/chat` or `/api/generate`; absent settings are not sent. */
export function toWireRequest(request: GenerationRequest): ChatRequest | GenerateRequest {
  const system = request.system === "" ? undefined : request.system;
  const wire: ChatRequest | GenerateRequest =
    request.api === "chat"
      ? {
          model: request.model,
          messages: [
            ...(system === undefined ? [] : [{ role: "system" as const, content: system }]),
            { role: "user", content: request.prompt },
          ],
          stream: request.stream,
        }
      : {
          model: request.model,
          prompt: request.prompt,
          ...(system === undefined ? {} : { system }),
          stream: request.stream,
        };
  const think = toWireThink(request.think);
  if (think !== undefined) wire.think = think;
  const options = toWireOptions(request.options);
  if (options !== undefined) wire.options = options;
  if (request.keepAlive !== undefined) wire.keep_alive = request.keepAlive;
  return wire;
}

function toWireThink(think: ThinkSetting): WireThink | undefined {
  switch (think) {
    case "unset":
      return undefined;
    case "off":
      return false;
    case "on":
      return true;
    case "low":
    case "medium":
    case "high":
      return think;
    default: {
      const unknownSetting: never = think;
      throw new Error(`Unknown think setting: ${String(unknownSetting)}`);
    }
  }
}

const OPTION_KEYS = [
  "temperature",
  "seed",
  "num_predict",
  "num_ctx",
  "top_k",
  "top_p",
] as const satisfies readonly (keyof GenerationOptions & keyof WireOptions)[];

/** Copies the defined options; undefined when none is set, so no empty object is sent. */
function toWireOptions(options: GenerationOptions): WireOptions | undefined {
  let wire: WireOptions | undefined;
  for (const key of OPTION_KEYS) {
    const value = options[key];
    if (value !== undefined) (wire ??= {})[key] = value;
  }
  return wire;
}

/**
 * The events of each network read, together. The events before an `{"error"}` line are yielded
 * before its OllamaStreamError is thrown; nothing after `done` is read.
 */
async function* streamedEvents(
  api: Api,
  response: Response,
  signal: AbortSignal,
): AsyncGenerator<EventBatch> {
  if (response.body === null) throw new IncompleteStreamError("Ollama answered with no body.");
  for await (const lines of readNdjsonBatches(response.body, signal)) {
    const events: StreamEvent[] = [];
    for (const line of lines) {
      if (!line.ok) {
        events.push({ type: "malformed", line: line.line, reason: line.reason });
        continue;
      }
      if (isErrorLine(line.value)) {
        if (events.length > 0) yield { events };
        throw new OllamaStreamError(line.value.error);
      }
      const event = toStreamEvent(api, line.value);
      if (event === undefined) {
        events.push({ type: "malformed", line: JSON.stringify(line.value), reason: notALine(api) });
        continue;
      }
      events.push(event);
      if (event.type === "done") {
        yield { events };
        // Leaving the loop cancels the body: nothing after `done` is read.
        return;
      }
    }
    if (events.length > 0) yield { events };
  }
  throw new IncompleteStreamError();
}

async function* blockingEvents(
  api: Api,
  response: Response,
  signal: AbortSignal,
): AsyncGenerator<EventBatch> {
  const text = await readText(response, signal);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`Ollama's answer was not JSON: ${snippet(text)}`);
  }
  if (isErrorLine(value)) throw new OllamaStreamError(value.error);
  const event = toStreamEvent(api, value);
  if (event === undefined) throw new Error(`${notALine(api)}: ${snippet(text)}`);
  if (event.type !== "done") throw new IncompleteStreamError("Ollama's answer was not final.");
  yield { events: [event] };
}

function notALine(api: Api): string {
  return api === "chat" ? "Not an /api/chat answer" : "Not an /api/generate answer";
}

async function readText(response: Response, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await response.text();
  } catch (error: unknown) {
    throw toReadError(error, signal);
  }
}

/**
 * Ollama's own message for a non-2xx answer: `error` from a JSON body, else the body text (gin's
 * `404 page not found`), else the status text.
 */
async function toHttpError(response: Response, signal: AbortSignal | undefined): Promise<Error> {
  let text = "";
  try {
    text = (await response.text()).trim();
  } catch (error: unknown) {
    // Losing the body must not hide the status; only an abort outranks it.
    const readError = toReadError(error, signal);
    if (isAbortError(readError)) throw readError;
  }
  let message = text;
  try {
    const value: unknown = JSON.parse(text);
    if (isErrorLine(value)) message = value.error;
  } catch {
    // Not JSON: the text itself is the message.
  }
  if (message.length > MAX_ERROR_TEXT) message = `${message.slice(0, MAX_ERROR_TEXT)}…`;
  if (message === "") message = response.statusText || `HTTP ${response.status}`;
  return new OllamaHttpError(response.status, message);
}

function snippet(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return "(empty body)";
  return trimmed.length > MAX_SNIPPET ? `${trimmed.slice(0, MAX_SNIPPET)}…` : trimmed;
}

/**
 * A 200 with an HTML page is not Ollama (a proxy's or captive portal's error page, another server):
 * say so at once instead of reading it as a stream of unreadable lines.
 */
async function refuseHtml(response: Response, signal: AbortSignal): Promise<void> {
  const type = response.headers.get("content-type") ?? "";
  if (!/text\/html/i.test(type)) return;
  const text = await readText(response, signal);
  throw new Error(
    `The server answered with an HTML page instead of Ollama's answer (a proxy or another server?): ${snippet(text)}`,
  );
}
