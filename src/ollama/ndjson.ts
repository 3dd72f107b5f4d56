import { isAbortError, NetworkError } from "./errors.ts";

/**
 * One line of an NDJSON body: the parsed value, or the raw text of a line that was not JSON.
 * `reason` is JSON.parse's message. Lines are yielded without their `\n` / `\r\n`.
 */
export type NdjsonLine = { ok: true; value: unknown } | { ok: false; line: string; reason: string };

const NEWLINE = "\n";
const CARRIAGE_RETURN = 13;

/**
 * Reads a newline-delimited JSON body as the bytes arrive, yielding the complete lines of each
 * network read together, as one array: one iteration step per read, not per line, which is what
 * keeps a stream of thousands of small lines a second cheap to read (see docs/benchmarks.md).
 *
 * - Lines may be split or merged across reads, and a multibyte UTF-8 character may straddle two
 *   reads: bytes are decoded in stream mode and a partial line is carried over to the next read.
 * - `\r\n` endings are accepted; blank (or whitespace-only) lines are skipped; a last line without
 *   a trailing newline is still yielded (Ollama's single-object answers have none). A read that
 *   completes no line yields nothing; no yielded array is empty.
 * - A line that is not JSON is yielded as `{ ok: false }` in its place; reading goes on.
 * - When `signal` aborts, the body is cancelled and an AbortError (see {@link abortErrorOf}) is
 *   thrown, also while the consumer was busy with the previous batch.
 * - A failed read (connection lost) throws {@link NetworkError}.
 * - The body is cancelled and its reader released however iteration ends, including an early
 *   `break` / `return` by the consumer.
 */
export async function* readNdjsonBatches(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<NdjsonLine[]> {
  if (signal?.aborted === true) {
    void body.cancel(signal.reason).catch(ignore);
    throw abortErrorOf(signal);
  }
  const reader = body.getReader();
  // Cancelling settles a pending read() at once, so an abort is noticed even while the server is silent.
  const onAbort = (): void => void reader.cancel(signal?.reason).catch(ignore);
  signal?.addEventListener("abort", onAbort, { once: true });
  const decoder = new TextDecoder("utf-8");
  let finished = false;
  let buffer = "";
  // The carried-over text holds no newline, so the search resumes where the new text starts.
  let searchFrom = 0;
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error: unknown) {
        throw toReadError(error, signal);
      }
      throwIfAborted(signal);
      // Flush the decoder at the end: a truncated multibyte character becomes U+FFFD, not lost.
      buffer += result.done ? decoder.decode() : decoder.decode(result.value, { stream: true });
      const lines: NdjsonLine[] = [];
      let start = 0;
      let newline = buffer.indexOf(NEWLINE, searchFrom);
      while (newline !== -1) {
        const line = parseLine(buffer, start, newline);
        if (line !== undefined) lines.push(line);
        start = newline + 1;
        newline = buffer.indexOf(NEWLINE, start);
      }
      if (result.done) {
        finished = true;
        const last = parseLine(buffer, start, buffer.length);
        if (last !== undefined) lines.push(last);
        if (lines.length > 0) yield lines;
        return;
      }
      if (start > 0) buffer = buffer.slice(start);
      searchFrom = buffer.length;
      if (lines.length > 0) {
        yield lines;
        throwIfAborted(signal);
      }
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // Not awaited: a source whose cancel never settles must not hang the consumer's `break`.
    if (!finished) void reader.cancel(signal?.reason).catch(ignore);
    reader.releaseLock();
  }
}

/**
 * {@link readNdjsonBatches} one line at a time, for callers that want lines, not reads. An abort is
 * also noticed between the lines of one read.
 */
export async function* readNdjson(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<NdjsonLine> {
  for await (const lines of readNdjsonBatches(body, signal)) {
    for (const line of lines) {
      yield line;
      throwIfAborted(signal);
    }
  }
}

/** Parses `text[start, end)`, minus a trailing `\r`. Undefined for a blank line. */
function parseLine(text: string, start: number, end: number): NdjsonLine | undefined {
  if (end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN) end -= 1;
  if (end === start) return undefined;
  const line = text.slice(start, end);
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch (error: unknown) {
    // Whitespace-only lines are checked only here, so the common path never scans a line twice.
    if (line.trim() === "") return undefined;
    return { ok: false, line, reason: messageOf(error) };
  }
}

/**
 * The error to throw for an aborted `signal`: its reason when that already is an AbortError or
 * TimeoutError (so {@link isAbortError} holds), otherwise a new `DOMException("…", "AbortError")`,
 * because a custom reason such as `abort("stop")` would otherwise look like a failure.
 */
export function abortErrorOf(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  return isAbortError(reason)
    ? reason
    : new DOMException("The operation was aborted.", "AbortError");
}

/** Like `signal.throwIfAborted()`, but the thrown value always satisfies `isAbortError`. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw abortErrorOf(signal);
}

/**
 * Classifies an error thrown while reading a response body: an abort (the error itself, or
 * `signal` having fired) stays an abort; anything else means the connection broke and becomes a
 * {@link NetworkError} with the original error as `cause`.
 */
export function toReadError(error: unknown, signal?: AbortSignal): unknown {
  if (isAbortError(error)) return error;
  if (signal?.aborted === true) return abortErrorOf(signal);
  return new NetworkError(`The connection broke while reading the answer: ${messageOf(error)}`, {
    cause: error,
  });
}

/** A readable message for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    // undici reports a dropped connection as TypeError("terminated") with the socket error as cause.
    const cause: unknown = error.cause;
    return cause instanceof Error && cause.message !== ""
      ? `${error.message} (${cause.message})`
      : error.message;
  }
  return String(error);
}

function ignore(): void {}
