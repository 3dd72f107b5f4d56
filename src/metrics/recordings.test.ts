/**
 * The metrics against real Ollama recordings (src/test/fixtures/ollama, see SOURCES.md).
 * Sample times come from Ollama's own `created_at` stamps, so the client figures here are what a
 * client with zero network delay would measure. The start is the final line's stamp minus
 * `total_duration`, which is when Ollama received the request.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatMs, formatRate } from "./format.ts";
import { parseCreatedAtMs } from "./gaps.ts";
import { summarize } from "./summarize.ts";
import type { FinalStats, RunSummary, RunTimes, TokenKind, TokenSample } from "./types.ts";

const FIXTURES = "../test/fixtures/ollama/";

function readFixture(name: string): string {
  return readFileSync(new URL(FIXTURES + name, import.meta.url), "utf8");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringAt(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === "string" ? value : "";
}

function numberAt(record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  return typeof value === "number" ? value : undefined;
}

interface Line {
  text: string;
  thinking: string;
  createdAt: string;
  done: boolean;
  stats: FinalStats;
}

/** One /api/chat or /api/generate object, read without casts. */
function readLine(json: string): Line {
  const parsed: unknown = JSON.parse(json);
  if (!isRecord(parsed)) throw new Error(`not an object: ${json}`);
  const message = isRecord(parsed.message) ? parsed.message : undefined;
  return {
    text: message === undefined ? stringAt(parsed, "response") : stringAt(message, "content"),
    thinking: stringAt(message ?? parsed, "thinking"),
    createdAt: stringAt(parsed, "created_at"),
    done: parsed.done === true,
    stats: {
      doneReason: typeof parsed.done_reason === "string" ? parsed.done_reason : undefined,
      totalDurationNs: numberAt(parsed, "total_duration"),
      loadDurationNs: numberAt(parsed, "load_duration"),
      promptEvalCount: numberAt(parsed, "prompt_eval_count"),
      promptEvalDurationNs: numberAt(parsed, "prompt_eval_duration"),
      evalCount: numberAt(parsed, "eval_count"),
      evalDurationNs: numberAt(parsed, "eval_duration"),
    },
  };
}

function kindOf(line: Line): TokenKind | undefined {
  if (line.thinking !== "" && line.text !== "") return "both";
  if (line.thinking !== "") return "thinking";
  return line.text !== "" ? "answer" : undefined;
}

function timeOf(line: Line): number {
  const ms = parseCreatedAtMs(line.createdAt);
  if (ms === undefined) throw new Error(`bad created_at ${line.createdAt}`);
  return ms;
}

function toSample(line: Line): TokenSample[] {
  const kind = kindOf(line);
  if (kind === undefined) return [];
  const chars = line.text.length + line.thinking.length;
  return [{ atMs: timeOf(line), kind, chars, createdAt: line.createdAt }];
}

/** Replays a recording as a finished run on Ollama's clock. */
function replay(lines: readonly Line[], mode: RunTimes["mode"]): RunSummary {
  const final = lines.find((line) => line.done);
  if (final === undefined) throw new Error("the recording has no done line");
  const endMs = timeOf(final);
  const times: RunTimes = {
    mode,
    startMs: endMs - (final.stats.totalDurationNs ?? 0) / 1e6,
    endMs,
  };
  return summarize(times, lines.flatMap(toSample), final.stats, endMs);
}

function replayNdjson(name: string): RunSummary {
  const lines = readFixture(name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map(readLine);
  return replay(lines, "stream");
}

/**
 * The value of a YAML single-quoted scalar: line folding (a line break and the indentation around
 * it become one space; each further empty line becomes "\n"), then '' becomes '.
 */
function unfoldSingleQuoted(raw: string): string {
  return raw
    .replace(/[ \t]*\n(?:[ \t]*\n)*[ \t]*/g, (fold) => {
      const breaks = fold.split("\n").length - 1;
      return breaks === 1 ? " " : "\n".repeat(breaks - 1);
    })
    .replaceAll("''", "'");
}

/** The response body of a VCR cassette: the single-quoted `string:` after `response:`. */
function responseBody(cassette: string): string {
  const match = /\n {2}response:[\s\S]*?\n\s+string: '((?:[^']|'')*)'/.exec(cassette);
  if (match?.[1] === undefined) throw new Error("no response body in the cassette");
  return unfoldSingleQuoted(match[1]);
}

describe("YAML cassette helpers", () => {
  it("unfold single-quoted scalars", () => {
    expect(unfoldSingleQuoted("a\n        b")).toBe("a b");
    expect(unfoldSingleQuoted("a  \n  b\n  c")).toBe("a b c");
    expect(unfoldSingleQuoted("a\n\n  b")).toBe("a\nb");
    expect(unfoldSingleQuoted("a\n  \n\n  b")).toBe("a\n\nb");
    expect(unfoldSingleQuoted("It''s")).toBe("It's");
  });

  it("extract the response body, not the request body", () => {
    const cassette = [
      "- request:",
      "    body:",
      "      string: '{\"ask\":1}'",
      "  response:",
      "    body:",
      "      encoding: UTF-8",
      '      string: \'{"a":"x',
      "        y''s\"}'",
      "  recorded_at: now",
    ].join("\n");
    expect(responseBody(cassette)).toBe('{"a":"x y\'s"}');
  });
});

describe("fixture 01: /api/chat stream tail, phi3 on Linux", () => {
  const summary = replayNdjson("01-api-chat-stream-tail-phi3-2024-07.ndjson");

  it("counts the chunks that carried text (the final line's content is empty)", () => {
    expect(summary.tokens).toBe(5);
    expect(summary.answerTokens).toBe(5);
    expect(summary.thinkingTokens).toBe(0);
  });

  it("takes Ollama's figures from the final line", () => {
    expect(summary.ollamaTps).toBeCloseTo((239 / 2_381_751_000) * 1e9, 9);
    expect(summary.ollamaTps).toBeCloseTo(100.3463, 4);
    expect(summary.ollamaPromptTps).toBeCloseTo(10 / 0.034847, 9); // 286.97
    expect(summary.promptTokens).toBe(10);
    expect(summary.evalCount).toBe(239);
    expect(summary.loadMs).toBeCloseTo(55_561.676662, 6);
    expect(summary.ollamaTotalMs).toBeCloseTo(58_123.571935, 6);
    expect(formatRate(summary.ollamaTps)).toBe("100");
    expect(formatMs(summary.loadMs)).toBe("55.56 s");
  });

  it("measures gaps between created_at stamps to below a microsecond", () => {
    // gaps 10.032302, 9.640087, 9.968098, 9.572015 ms (Date.parse would say 10, 10, 10, 10)
    expect(summary.serverGaps?.count).toBe(4);
    expect(summary.serverGaps?.p50Ms).toBeCloseTo(9.8040925, 3);
    expect(summary.serverGaps?.p95Ms).toBeCloseTo(10.0226714, 3);
    expect(summary.serverGaps?.maxMs).toBeCloseTo(10.032302, 3);
    expect(summary.gaps?.p50Ms).toBeCloseTo(9.8040925, 3); // arrival = stamp in this replay
  });

  it("measures the client rate and times on the replayed clock", () => {
    // 4 intervals between 16.216898458 and 16.25611096: 4 / 39.212502 ms
    expect(summary.clientTps).toBeCloseTo(102.008283, 3);
    // close to Ollama's own 100.35 tok/s: one chunk per token
    expect(Math.abs((summary.clientTps ?? 0) / (summary.ollamaTps ?? 1) - 1)).toBeLessThan(0.03);
    expect(summary.totalMs).toBeCloseTo(58_123.571935, 3);
    // the recording is a tail: this is the first *recorded* chunk, 48.700364 ms before the end
    expect(summary.ttftMs).toBeCloseTo(58_074.871571, 3);
  });
});

describe("fixture 02: /api/generate stream tail, phi3", () => {
  const summary = replayNdjson("02-api-generate-stream-tail-phi3-2024-07.ndjson");

  it("reads response chunks and the final statistics", () => {
    expect(summary.tokens).toBe(4);
    expect(summary.ollamaTps).toBeCloseTo((304 / 3_237_325_000) * 1e9, 9); // 93.90
    expect(summary.ollamaPromptTps).toBeCloseTo(10 / 0.040919, 9); // 244.39
    expect(summary.loadMs).toBeCloseTo(61_368.714283, 6);
    expect(summary.evalCount).toBe(304);
  });

  it("computes server gaps and the client rate from the stamps", () => {
    // gaps 12.645465, 12.053064, 11.421684 ms
    expect(summary.serverGaps?.count).toBe(3);
    expect(summary.serverGaps?.p50Ms).toBeCloseTo(12.053064, 3);
    expect(summary.serverGaps?.p95Ms).toBeCloseTo(12.5862249, 3);
    expect(summary.serverGaps?.maxMs).toBeCloseTo(12.645465, 3);
    expect(summary.clientTps).toBeCloseTo(3 / 0.036120213, 3); // 83.06
  });
});

describe("fixture 03: /api/chat with stream:false, llama3:8b (a blocking run)", () => {
  const cassette = readFixture("03-api-chat-nonstream-llama3-2025-06.vcr.yml");
  const body = responseBody(cassette);

  it("unfolds the cassette's body back to the bytes that were sent", () => {
    const contentLength = /Content-Length:\n\s+- '(\d+)'/.exec(cassette)?.[1];
    expect(contentLength).toBe("1682");
    expect(new TextEncoder().encode(body).length).toBe(1682);
    expect(readLine(body).text.startsWith("A sweet question!\n\nThe pH of honey")).toBe(true);
  });

  it("summarises the single arrival as a blocking run", () => {
    const summary = replay([readLine(body)], "blocking");
    expect(summary.ttftMs).toBeCloseTo(579_168.209073, 3); // the whole wall time
    expect(summary.ttfaMs).toBe(summary.ttftMs);
    expect(summary.totalMs).toBeCloseTo(579_168.209073, 3);
    expect(formatMs(summary.ttftMs)).toBe("9 min 39 s");
    expect(summary.tokens).toBeUndefined();
    expect(summary.answerTokens).toBeUndefined();
    expect(summary.clientTps).toBeUndefined();
    expect(summary.gaps).toBeUndefined();
    expect(summary.serverGaps).toBeUndefined();
    expect(summary.ollamaTps).toBeCloseTo((358 / 552_034_145_799) * 1e9, 9); // 0.649 on CPU
    expect(summary.ollamaPromptTps).toBeCloseTo((17 / 21_730_375_963) * 1e9, 9);
    expect(summary.loadMs).toBeCloseTo(5_401.885674, 6);
    expect(summary.promptTokens).toBe(17);
    expect(summary.evalCount).toBe(358);
    expect(formatRate(summary.ollamaTps)).toBe("0.649");
  });
});
