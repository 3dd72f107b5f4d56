import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAbortError, NetworkError } from "./errors.ts";
import { readNdjson, readNdjsonBatches, type NdjsonLine } from "./ndjson.ts";
import { prng } from "../test/prng.ts";
import { controlledStream, ndjsonBytes, streamOf, vcrResponseBody } from "../test/streams.ts";

const encoder = new TextEncoder();

async function collect(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): Promise<NdjsonLine[]> {
  const lines: NdjsonLine[] = [];
  for await (const line of readNdjson(body, signal)) lines.push(line);
  return lines;
}

async function values(chunks: (string | Uint8Array)[]): Promise<unknown[]> {
  return (await collect(streamOf(chunks))).map((line) => (line.ok ? line.value : line));
}

/** Cuts `bytes` at 1–12 random positions (possibly the same one twice: an empty read). */
function randomChunks(bytes: Uint8Array, random: () => number): Uint8Array[] {
  const cuts = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
    Math.floor(random() * (bytes.length + 1)),
  ).sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  return chunks;
}

// Multibyte text of every UTF-8 length: é (2 bytes), — and 中文 (3), 🦙 (4, a surrogate pair).
const objects = [
  { model: "m", message: { role: "assistant", content: "café" }, done: false },
  { model: "m", message: { role: "assistant", content: " — 中文 🦙" }, done: false },
  { model: "m", response: "<think>", done: false },
  { model: "m", message: { role: "assistant", content: "" }, done: true, eval_count: 3 },
];
const text = ndjsonBytes(objects);
const bytes = encoder.encode(text);

describe("readNdjson", () => {
  it("yields the same values whichever byte the input is split at", async () => {
    for (let at = 0; at <= bytes.length; at += 1) {
      expect(await values([bytes.subarray(0, at), bytes.subarray(at)]), `split at ${at}`).toEqual(
        objects,
      );
    }
  });

  it("reads one byte per read", async () => {
    const oneByteReads = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(await values(oneByteReads)).toEqual(objects);
  });

  it("joins a multibyte character cut across reads", async () => {
    const line = encoder.encode('{"t":"é🦙"}\n');
    const eAt = line.indexOf(0xc3); // é is C3 A9
    const llamaAt = line.indexOf(0xf0); // 🦙 is F0 9F A6 99
    const chunks = [
      line.subarray(0, eAt + 1),
      line.subarray(eAt + 1, llamaAt + 1),
      line.subarray(llamaAt + 1, llamaAt + 3),
      line.subarray(llamaAt + 3),
    ];
    expect(await values(chunks)).toEqual([{ t: "é🦙" }]);
  });

  it("splits several lines delivered in one read", async () => {
    expect(await values([text])).toEqual(objects);
  });

  it("yields a last line that has no trailing newline", async () => {
    expect(await values(['{"a":1}\n{"b":', "2}"])).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("accepts \\r\\n line endings, also when the \\r and \\n arrive in different reads", async () => {
    expect(await values(['{"a":1}\r\n{"b":2}\r', '\n{"c":3}\r\n'])).toEqual([
      { a: 1 },
      { b: 2 },
      { c: 3 },
    ]);
  });

  it("skips blank and whitespace-only lines", async () => {
    expect(await values(['\n{"a":1}\n\n  \n\r\n{"b":2}\n\n'])).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("yields a line that is not JSON as { ok: false } and goes on", async () => {
    const lines = await collect(streamOf(['{"a":1}\n{"b":\r\n{"c":3}\nnot json']));
    expect(lines).toEqual([
      { ok: true, value: { a: 1 } },
      { ok: false, line: '{"b":', reason: expect.any(String) as unknown },
      { ok: true, value: { c: 3 } },
      { ok: false, line: "not json", reason: expect.any(String) as unknown },
    ]);
    const reason = lines[1]?.ok === false ? lines[1].reason : "";
    expect(reason).toMatch(/JSON/);
  });

  it("yields nothing for an empty body and releases it", async () => {
    const body = streamOf([]);
    expect(await collect(body)).toEqual([]);
    expect(body.locked).toBe(false);
  });

  it("cancels the body and throws an AbortError when aborted while waiting for bytes", async () => {
    const source = controlledStream();
    const abort = new AbortController();
    const lines = readNdjson(source.stream, abort.signal);
    source.push('{"a":1}\n');
    expect(await lines.next()).toEqual({ done: false, value: { ok: true, value: { a: 1 } } });
    const pending = lines.next();
    abort.abort();
    const error: unknown = await pending.catch((thrown: unknown) => thrown);
    expect(isAbortError(error)).toBe(true);
    expect(source.isCancelled()).toBe(true);
    expect(source.stream.locked).toBe(false);
  });

  it("stops between lines of one read when aborted while the consumer works", async () => {
    const source = controlledStream();
    const abort = new AbortController();
    const seen: unknown[] = [];
    source.push('{"a":1}\n{"a":2}\n{"a":3}\n');
    const error: unknown = await (async () => {
      for await (const line of readNdjson(source.stream, abort.signal)) {
        seen.push(line.ok ? line.value : line);
        abort.abort(); // e.g. the user pressed Stop while this chunk was being rendered
      }
    })().catch((thrown: unknown) => thrown);
    expect(seen).toEqual([{ a: 1 }]);
    expect(isAbortError(error)).toBe(true);
    expect(source.isCancelled()).toBe(true);
  });

  it("throws an AbortError at once for a signal that already fired, and cancels the body", async () => {
    const source = controlledStream();
    const error: unknown = await collect(source.stream, AbortSignal.abort()).catch(
      (thrown: unknown) => thrown,
    );
    expect(isAbortError(error)).toBe(true);
    expect(source.isCancelled()).toBe(true);
  });

  it("throws an AbortError even when the signal's reason is not one", async () => {
    const abort = new AbortController();
    abort.abort("user pressed stop");
    const error: unknown = await collect(streamOf(['{"a":1}\n']), abort.signal).catch(
      (thrown: unknown) => thrown,
    );
    expect(isAbortError(error)).toBe(true);
  });

  it("keeps a TimeoutError from AbortSignal.timeout as it is", async () => {
    const source = controlledStream();
    const error: unknown = await collect(source.stream, AbortSignal.timeout(1)).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toHaveProperty("name", "TimeoutError");
    expect(source.isCancelled()).toBe(true);
  });

  it("cancels and releases the body when the consumer breaks out early", async () => {
    const source = controlledStream();
    source.push('{"a":1}\n{"a":2}\n');
    for await (const line of readNdjson(source.stream)) {
      expect(line).toEqual({ ok: true, value: { a: 1 } });
      break;
    }
    expect(source.isCancelled()).toBe(true);
    expect(source.stream.locked).toBe(false);
  });

  it("does not cancel a body it read to the end", async () => {
    const source = controlledStream();
    source.push('{"a":1}\n');
    source.close();
    expect(await collect(source.stream)).toHaveLength(1);
    expect(source.isCancelled()).toBe(false);
  });

  it("turns a failed read into a NetworkError that keeps the cause", async () => {
    const source = controlledStream();
    const lines = readNdjson(source.stream);
    source.push('{"a":1}\n{"a":');
    await lines.next();
    const dropped = new TypeError("terminated", { cause: new Error("other side closed") });
    source.fail(dropped);
    const error: unknown = await lines.next().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toHaveProperty(
      "message",
      "The connection broke while reading the answer: terminated (other side closed)",
    );
    expect(error).toHaveProperty("cause", dropped);
  });

  describe("real recordings, re-chunked at random", () => {
    const fixture = (name: string): string =>
      readFileSync(new URL(`../test/fixtures/ollama/${name}`, import.meta.url), "utf8");
    const recordings = {
      "01 chat stream (no trailing newline)": fixture(
        "01-api-chat-stream-tail-phi3-2024-07.ndjson",
      ),
      "02 generate stream": fixture("02-api-generate-stream-tail-phi3-2024-07.ndjson"),
      "03 chat stream:false body": vcrResponseBody(
        fixture("03-api-chat-nonstream-llama3-2025-06.vcr.yml"),
      ),
    };

    for (const [name, recording] of Object.entries(recordings)) {
      it(`parses ${name} identically over 200 seeded splits`, async () => {
        const expected = recording.split("\n").map((line): unknown => JSON.parse(line));
        expect(expected.length).toBeGreaterThan(0);
        const recordingBytes = encoder.encode(recording);
        for (let seed = 1; seed <= 200; seed += 1) {
          const chunks = randomChunks(recordingBytes, prng(seed));
          expect(await values(chunks), `seed ${seed}`).toEqual(expected);
        }
      });
    }
  });
});

describe("readNdjsonBatches", () => {
  it("yields the complete lines of each read as one array, and nothing for a read that completes none", async () => {
    const reads = ['{"a":1}\n{"b":2}\n{"c"', ":3", "}\n", '{"d":4}'];
    const batches: unknown[][] = [];
    for await (const lines of readNdjsonBatches(streamOf(reads)))
      batches.push(lines.map((line) => (line.ok ? line.value : line.line)));
    expect(batches).toEqual([[{ a: 1 }, { b: 2 }], [{ c: 3 }], [{ d: 4 }]]);
  });

  it("throws an AbortError when aborted while the consumer holds a batch", async () => {
    const abort = new AbortController();
    const seen: unknown[] = [];
    const error = await (async () => {
      try {
        for await (const lines of readNdjsonBatches(
          streamOf(['{"a":1}\n', '{"b":2}\n']),
          abort.signal,
        )) {
          seen.push(lines.length);
          abort.abort();
        }
      } catch (caught: unknown) {
        return caught;
      }
      return undefined;
    })();
    expect(seen).toEqual([1]);
    expect(isAbortError(error)).toBe(true);
  });
});
