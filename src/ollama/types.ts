/**
 * Domain types the rest of the app uses (camelCase). Only the client converts between these and
 * the wire types in protocol.ts.
 */

export type Api = "chat" | "generate";

/** Callbacks from inside {@link OllamaClient.generate}. */
export interface GenerateHooks {
  /**
   * Called as the request is handed to `fetch`: the moment time to first token counts from.
   * `atMs` is that moment on the page's clock when the client knows it (the stream worker stamps
   * it); undefined means "now", for the caller to read its own clock.
   */
  onSent?: (atMs?: number) => void;
}

/** "unset" sends no `think` field at all; the others send false / true / a level. */
export type ThinkSetting = "unset" | "off" | "on" | "low" | "medium" | "high";

/** Passed straight through as Ollama's `options` object; undefined keys are not sent. */
export interface GenerationOptions {
  temperature?: number;
  seed?: number;
  num_predict?: number;
  num_ctx?: number;
  top_k?: number;
  top_p?: number;
}

export interface GenerationRequest {
  api: Api;
  model: string;
  prompt: string;
  /** Sent as a system message (chat) or the `system` field (generate) when non-empty. */
  system?: string;
  stream: boolean;
  think: ThinkSetting;
  options: GenerationOptions;
  /** A number is seconds; a string is a Go duration such as "5m". Undefined: not sent. */
  keepAlive?: string | number;
}

/** Ollama's final statistics. A field Ollama did not send stays undefined (never 0). */
export interface FinalStats {
  doneReason?: string;
  totalDurationNs?: number;
  loadDurationNs?: number;
  promptEvalCount?: number;
  promptEvalDurationNs?: number;
  evalCount?: number;
  evalDurationNs?: number;
}

/**
 * What a generation yields, in order: zero or more `chunk`s, then exactly one `done`.
 * A blocking (`stream: false`) request yields a single `done` carrying the whole text.
 * `malformed` reports a line that was not JSON or not a chunk; it is skipped, the run goes on.
 */
export type StreamEvent =
  | { type: "chunk"; content: string; thinking: string; createdAt: string | undefined }
  | {
      type: "done";
      content: string;
      thinking: string;
      createdAt: string | undefined;
      stats: FinalStats;
    }
  | { type: "malformed"; line: string; reason: string };

/** The events of one network read (never empty), in order. */
export interface EventBatch {
  readonly events: readonly StreamEvent[];
  /**
   * Client clock (ms, the page's performance.now() base) when these bytes were read. Set by
   * transports that read off the main thread, so rendering cannot delay the stamp; absent
   * otherwise, and the consumer stamps the batch when it handles it.
   */
  readonly atMs?: number;
}

export interface ModelSummary {
  name: string;
  parameterSize?: string;
  quantizationLevel?: string;
  family?: string;
  sizeBytes?: number;
  modifiedAt?: string;
}

export interface RunningModel {
  name: string;
  sizeBytes?: number;
  sizeVramBytes?: number;
  expiresAt?: string;
  contextLength?: number;
}

export interface ModelDetails {
  capabilities?: string[];
  contextLength?: number;
  parameterSize?: string;
  quantizationLevel?: string;
  family?: string;
}

export interface OllamaClient {
  readonly baseUrl: string;
  version(signal?: AbortSignal): Promise<string>;
  listModels(signal?: AbortSignal): Promise<ModelSummary[]>;
  listRunning(signal?: AbortSignal): Promise<RunningModel[]>;
  showModel(model: string, signal?: AbortSignal): Promise<ModelDetails>;
  /**
   * Sends the request. Resolves when the response headers arrive (Ollama holds them until the
   * first token, or the whole answer when blocking) with the events to iterate, one batch per
   * network read: batches keep the per-token cost down at thousands of tokens a second.
   * Rejects with OllamaHttpError (non-2xx), NetworkError (fetch failed) or an AbortError.
   * Iterating throws OllamaStreamError on an `{"error"}` line, IncompleteStreamError when the
   * body ends without `done`, NetworkError when the connection breaks, or an AbortError.
   */
  generate(
    request: GenerationRequest,
    signal: AbortSignal,
    hooks?: GenerateHooks,
  ): Promise<AsyncIterable<EventBatch>>;
  /**
   * Asks Ollama to unload `model` now (`POST /api/generate` with an empty prompt and
   * `keep_alive: 0`). Resolves when Ollama has accepted the request; Ollama frees the memory
   * moments later, so `/api/ps` may still list the model briefly. A model that is not loaded is
   * not an error. Rejects with OllamaHttpError (non-2xx, e.g. 404 for a model that is not
   * installed), NetworkError, an AbortError, or an Error when the answer is not an unload answer.
   */
  unload(model: string, signal?: AbortSignal): Promise<void>;
}
