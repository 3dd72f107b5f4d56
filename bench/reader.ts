/**
 * a. Reader throughput: the same NDJSON bytes read by the project's `readNdjson`, by the simplest
 * correct loop, and by the official `ollama` npm client (driven through `new Ollama({ fetch })`,
 * because its `parseJSON` is not exported).
 */
import { Ollama } from "ollama/browser";
import { readNdjson, readNdjsonBatches } from "../src/ollama/ndjson.ts";
import { median, table } from "./table.ts";

const LINES = 200_000;
const CHUNK = 16 * 1024;
const ROUNDS = 7;

/** The simulator's chat lines: `LINES` token lines and a final `done` line. */
export function ndjsonBytes(lines = LINES): Uint8Array {
  const parts: string[] = [];
  const start = Date.parse("2025-01-01T00:00:00Z");
  for (let i = 0; i < lines; i++) {
    const createdAt = new Date(start + i).toISOString().replace("Z", "123456Z");
    const word = i % 97 === 0 ? " é—<&>" : ` word${i % 1000}`;
    parts.push(
      JSON.stringify({
        model: "m",
        created_at: createdAt,
        message: { role: "assistant", content: word },
        done: false,
      }),
    );
  }
  parts.push(
    JSON.stringify({
      model: "m",
      created_at: new Date(start + lines).toISOString(),
      message: { role: "assistant", content: "" },
      done: true,
      done_reason: "stop",
      total_duration: 1,
      eval_count: lines + 1,
      eval_duration: 1,
    }),
  );
  return new TextEncoder().encode(parts.join("\n") + "\n");
}

/** Fixed-size chunks. */
export function fixedChunks(bytes: Uint8Array, size = CHUNK): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

/** Chunks split at random places (1 B to 32 KiB, seeded), inside lines and inside characters. */
export function randomChunks(bytes: Uint8Array, seed = 42): Uint8Array[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const chunks: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    const size = 1 + Math.floor(next() ** 2 * 32 * 1024);
    chunks.push(bytes.subarray(i, i + size));
    i += size;
  }
  return chunks;
}

function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

type Reader = (body: ReadableStream<Uint8Array>) => Promise<number>;

/** What the app runs: one batch of lines per network read (client.ts, in the stream worker). */
const ours: Reader = async (body) => {
  let count = 0;
  for await (const lines of readNdjsonBatches(body)) for (const line of lines) if (line.ok) count++;
  return count;
};

/** The per-line adapter over it, one async-generator step per line. */
const oursPerLine: Reader = async (body) => {
  let count = 0;
  for await (const line of readNdjson(body)) if (line.ok) count++;
  return count;
};

/** The simplest correct loop: stream-mode TextDecoder, split on "\n", carry the rest, JSON.parse. */
const simplest: Reader = async (body) => {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = "";
  let count = 0;
  for (;;) {
    const { done, value } = await reader.read();
    rest += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = rest.split("\n");
    rest = done ? "" : (lines.pop() ?? "");
    for (const line of lines) {
      if (line.trim() === "") continue;
      const value: unknown = JSON.parse(line);
      if (value !== null) count++;
    }
    if (done) return count;
  }
};

/** The same loop as an async generator yielding each parsed line, the shape `readNdjson` has. */
async function* simplestLines(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = "";
  for (;;) {
    const { done, value } = await reader.read();
    rest += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = rest.split("\n");
    rest = done ? "" : (lines.pop() ?? "");
    for (const line of lines) if (line.trim() !== "") yield JSON.parse(line);
    if (done) return;
  }
}

const simplestGenerator: Reader = async (body) => {
  let count = 0;
  for await (const value of simplestLines(body)) if (value !== null) count++;
  return count;
};

/** The official client, end to end through its chat() stream with a fake fetch. */
const ollamaClient: Reader = async (body) => {
  const client = new Ollama({
    host: "http://bench.invalid",
    fetch: () =>
      Promise.resolve(
        new Response(body, { status: 200, headers: { "content-type": "application/x-ndjson" } }),
      ),
  });
  let count = 0;
  const stream = await client.chat({ model: "m", messages: [], stream: true });
  for await (const part of stream) if (typeof part.done === "boolean") count++;
  return count;
};

const READERS: readonly { name: string; read: Reader }[] = [
  { name: "readNdjsonBatches (ours, used by the app)", read: ours },
  { name: "simplest loop", read: simplest },
  { name: "ollama client chat()", read: ollamaClient },
  { name: "simplest loop as async generator", read: simplestGenerator },
  { name: "readNdjson (ours, one line per step)", read: oursPerLine },
];

export interface ReaderRow {
  chunking: string;
  reader: string;
  medianMs: number;
  linesPerSecond: number;
}

export interface ReaderResult {
  rows: ReaderRow[];
  lines: number;
  bytes: number;
  rounds: number;
  ratios: {
    chunking: string;
    oursVsSimplest: number;
    oursVsOllama: number;
    oursVsSimplestGenerator: number;
    perLineVsSimplest: number;
  }[];
}

export async function runReaderBench(rounds = ROUNDS): Promise<ReaderResult> {
  const bytes = ndjsonBytes();
  const lines = LINES + 1;
  const chunkings = [
    { name: "16 KiB chunks", chunks: fixedChunks(bytes) },
    { name: "random splits", chunks: randomChunks(bytes) },
  ];
  const rows: ReaderRow[] = [];
  const ratios: ReaderResult["ratios"] = [];
  for (const { name, chunks } of chunkings) {
    const times = new Map<string, number[]>(READERS.map((r) => [r.name, []]));
    // Warm up each reader once, then alternate: round r runs the readers in a rotated order.
    for (const r of READERS) await r.read(streamOf(chunks));
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < READERS.length; k++) {
        const r = READERS[(round + k) % READERS.length];
        if (r === undefined) continue;
        const t0 = performance.now();
        const count = await r.read(streamOf(chunks));
        const ms = performance.now() - t0;
        if (count !== lines) throw new Error(`${r.name} read ${count} lines, expected ${lines}`);
        times.get(r.name)?.push(ms);
      }
    }
    const medians = new Map<string, number>();
    for (const r of READERS) {
      const ms = median(times.get(r.name) ?? []);
      medians.set(r.name, ms);
      rows.push({
        chunking: name,
        reader: r.name,
        medianMs: ms,
        linesPerSecond: lines / (ms / 1000),
      });
    }
    const [o, s, c, g, l] = READERS.map((r) => medians.get(r.name) ?? NaN);
    ratios.push({
      chunking: name,
      oursVsSimplest: (o ?? NaN) / (s ?? NaN),
      oursVsOllama: (o ?? NaN) / (c ?? NaN),
      oursVsSimplestGenerator: (o ?? NaN) / (g ?? NaN),
      perLineVsSimplest: (l ?? NaN) / (s ?? NaN),
    });
  }
  return { rows, lines, bytes: bytes.length, rounds, ratios };
}

export function readerMarkdown(result: ReaderResult): string {
  const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
  const main = table(
    ["Chunking", "Reader", "Median time (ms)", "Lines/s"],
    result.rows.map((r) => [r.chunking, r.reader, r.medianMs.toFixed(1), fmt(r.linesPerSecond)]),
  );
  const ratios = table(
    [
      "Chunking",
      "ours / simplest (time)",
      "target",
      "ours / ollama (time)",
      "target",
      "per-line readNdjson / simplest",
    ],
    result.ratios.map((r) => [
      r.chunking,
      `${r.oursVsSimplest.toFixed(2)}×`,
      r.oursVsSimplest <= 1.25 ? "met (≤ 1.25×)" : "NOT met (≤ 1.25×)",
      `${r.oursVsOllama.toFixed(2)}×`,
      r.oursVsOllama < 1 ? "met (< 1×)" : "NOT met (< 1×)",
      `${r.perLineVsSimplest.toFixed(2)}×`,
    ]),
  );
  return [
    `${fmt(result.lines)} lines, ${fmt(result.bytes)} bytes; median of ${result.rounds} alternating rounds after one warm-up each. The ollama client is driven end to end (\`new Ollama({ fetch })\` + \`chat({ stream: true })\`; its \`parseJSON\` is not exported). "Simplest loop" counts lines inline; "as async generator" is the same loop yielding each line to a \`for await\` consumer, as the ollama client does. Ours is \`readNdjsonBatches\`, which the app uses: one async step per network read, yielding that read's lines as an array; \`readNdjson\` is the per-line adapter over it, shown to measure what one async step per line costs.`,
    "",
    main,
    "",
    ratios,
  ].join("\n");
}
