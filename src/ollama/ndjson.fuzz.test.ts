/**
 * Re-chunking fuzz for readNdjson: real Ollama recordings and the simulator's raw streams (thinking,
 * inline tags, garbage lines, invalid UTF-8), cut at random into 1–64-byte reads, 1,000 seeds each.
 * Whatever the cuts, the lines yielded must be exactly those of the unchunked parse.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { scenarios } from "../../sim/scenarios.ts";
import { startSimulator, type SimulatorHandle } from "../../sim/server.ts";
import { streamOf, vcrResponseBody } from "../test/streams.ts";
import { readNdjson, type NdjsonLine } from "./ndjson.ts";
import { prng } from "../test/prng.ts";

const SEEDS = 1000;
const MAX_CHUNK = 64;

const isContinuation = (byte: number | undefined): boolean =>
  byte !== undefined && (byte & 0xc0) === 0x80;

/**
 * Cuts `bytes` into reads of 1–64 bytes. A third of the cuts are moved, when one is near, to just
 * before a UTF-8 continuation byte, so multibyte characters are split often. Returns the reads and
 * how many cuts fell inside a character.
 */
function rechunk(bytes: Uint8Array, random: () => number): { reads: Uint8Array[]; splits: number } {
  const reads: Uint8Array[] = [];
  let splits = 0;
  let from = 0;
  while (from < bytes.length) {
    let to = Math.min(bytes.length, from + 1 + Math.floor(random() * MAX_CHUNK));
    if (random() < 1 / 3) {
      let inside = to;
      while (inside < bytes.length && inside - from < MAX_CHUNK && !isContinuation(bytes[inside]))
        inside += 1;
      if (inside < bytes.length && inside - from < MAX_CHUNK) to = inside;
    }
    if (isContinuation(bytes[to])) splits += 1;
    reads.push(bytes.subarray(from, to));
    from = to;
  }
  return { reads, splits };
}

async function parse(reads: readonly Uint8Array[]): Promise<NdjsonLine[]> {
  const lines: NdjsonLine[] = [];
  for await (const line of readNdjson(streamOf(reads))) lines.push(line);
  return lines;
}

const encoder = new TextEncoder();
const fixture = (name: string): string =>
  readFileSync(new URL(`../test/fixtures/ollama/${name}`, import.meta.url), "utf8");

const recordings: [string, Uint8Array][] = [
  ["01 chat stream (phi3)", fixture("01-api-chat-stream-tail-phi3-2024-07.ndjson")],
  ["02 generate stream (phi3)", fixture("02-api-generate-stream-tail-phi3-2024-07.ndjson")],
  [
    "03 chat stream:false body",
    vcrResponseBody(fixture("03-api-chat-nonstream-llama3-2025-06.vcr.yml")),
  ],
  ["04 /api/ps body", vcrResponseBody(fixture("04-api-ps-llama3-2025-02.vcr.yml"))],
].map(([name, text]) => [name ?? "", encoder.encode(text)]);

/** The streams to capture: model, endpoint, and the body sent. */
const captures: [string, string, Record<string, unknown>][] = [
  ["steady:8b", "/api/chat", { messages: [{ role: "user", content: "Hi" }] }],
  ["thinker:14b", "/api/chat", { messages: [{ role: "user", content: "Hi" }] }],
  ["thinker:14b", "/api/generate", { prompt: "Hi", think: "high" }],
  ["oldthinker:7b", "/api/generate", { prompt: "Hi" }],
  ["malformed:7b", "/api/chat", { messages: [{ role: "user", content: "Hi" }] }],
  ["badutf8:7b", "/api/generate", { prompt: "Hi" }],
];

let sim: SimulatorHandle;
const simStreams: [string, Uint8Array][] = [];

beforeAll(async () => {
  // The same models with no load time and a high rate: the same bytes, captured in milliseconds.
  const quick = Object.fromEntries(
    Object.entries(scenarios).map(([name, s]) => [
      name,
      { ...s, loadMs: 0, promptEvalMs: 0, tokensPerSecond: 20_000 },
    ]),
  );
  sim = await startSimulator({ port: 0, scenarios: quick });
  for (const [model, path, body] of captures) {
    const response = await fetch(`${sim.url}${path}`, {
      method: "POST",
      body: JSON.stringify({ model, ...body }),
    });
    expect(response.status).toBe(200);
    simStreams.push([`${model} ${path}`, new Uint8Array(await response.arrayBuffer())]);
  }
});
afterAll(async () => {
  await sim.close();
});

describe("readNdjson under random re-chunking (1,000 seeds per stream)", () => {
  const check = async (bytes: Uint8Array): Promise<{ lines: NdjsonLine[]; splits: number }> => {
    const expected = await parse([bytes]);
    const expectedJson = JSON.stringify(expected);
    let splits = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const chunked = rechunk(bytes, prng(seed));
      splits += chunked.splits;
      const actual = await parse(chunked.reads);
      // A string compare is fast; on a mismatch the deep comparison shows the difference.
      if (JSON.stringify(actual) !== expectedJson) {
        expect(actual, `seed ${seed}`).toEqual(expected);
      }
    }
    return { lines: expected, splits };
  };

  test.each(recordings)("recording %s", async (_name, bytes) => {
    const { lines } = await check(bytes);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.ok)).toBe(true);
  });

  test("the captured simulator streams are what they should be", () => {
    expect(simStreams.map(([name]) => name)).toEqual(captures.map(([m, p]) => `${m} ${p}`));
  });

  test.each(captures.map(([model, path], i) => [`${model} ${path}`, i] as const))(
    "simulator %s",
    async (_name, index) => {
      const bytes = simStreams[index]?.[1];
      if (!bytes) throw new Error("not captured");
      const { lines, splits } = await check(bytes);
      expect(lines.at(-1)).toMatchObject({ ok: true, value: { done: true } });
      const model = captures[index]?.[0] ?? "";
      if (model === "malformed:7b") {
        expect(lines.filter((line) => !line.ok)).toHaveLength(13);
      } else {
        expect(lines.every((line) => line.ok)).toBe(true);
      }
      if (model === "badutf8:7b") {
        expect(JSON.stringify(lines).split("\uFFFD")).toHaveLength(6);
      }
      // Multibyte characters (é, —, …, U+FFFD, invalid sequences) really were cut in half.
      if (bytes.some((byte) => byte >= 0x80)) expect(splits).toBeGreaterThan(SEEDS / 2);
    },
  );
});
