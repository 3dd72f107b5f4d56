/** A non-2xx answer. `message` is Ollama's `error` text, or the body text when it was not JSON. */
export class OllamaHttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "OllamaHttpError";
    this.status = status;
  }
}

/** An `{"error": "…"}` line inside a 200 stream: the server failed after it started answering. */
export class OllamaStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OllamaStreamError";
  }
}

/** The body ended with neither a `done: true` line nor an error line (e.g. the server died). */
export class IncompleteStreamError extends Error {
  constructor(message = "The stream ended before Ollama said it was done.") {
    super(message);
    this.name = "IncompleteStreamError";
  }
}

/** fetch itself failed (nothing listening, CORS refusal, connection reset): no status to show. */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NetworkError";
  }
}

/** True for the errors fetch and stream readers throw when an AbortSignal fires. */
export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof DOMException || error instanceof Error) &&
    (error.name === "AbortError" || error.name === "TimeoutError")
  );
}
