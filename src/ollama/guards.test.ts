import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  isErrorLine,
  parseRunning,
  parseShow,
  parseTags,
  parseVersion,
  toStreamEvent,
} from "./guards.ts";

function fixtureLines(name: string): unknown[] {
  const text = readFileSync(new URL(`../test/fixtures/ollama/${name}`, import.meta.url), "utf8");
  return text.split("\n").map((line): unknown => JSON.parse(line));
}

const chatLines = fixtureLines("01-api-chat-stream-tail-phi3-2024-07.ndjson");
const generateLines = fixtureLines("02-api-generate-stream-tail-phi3-2024-07.ndjson");

describe("toStreamEvent", () => {
  it("turns a recorded chat line into a chunk", () => {
    expect(toStreamEvent("chat", chatLines[0])).toEqual({
      type: "chunk",
      content: " these",
      thinking: "",
      createdAt: "2024-07-02T11:45:16.216898458Z",
    });
  });

  it("turns a recorded generate line into a chunk", () => {
    expect(toStreamEvent("generate", generateLines[1])).toEqual({
      type: "chunk",
      content: "light",
      thinking: "",
      createdAt: "2024-07-02T12:22:37.048915655Z",
    });
  });

  it("reads thinking-only chunks of both APIs", () => {
    const chat = { model: "m", message: { role: "assistant", content: "", thinking: "Okay" } };
    const generate = { model: "m", response: "", thinking: "Okay" };
    for (const [api, line] of [
      ["chat", chat],
      ["generate", generate],
    ] as const) {
      expect(toStreamEvent(api, { ...line, done: false })).toEqual({
        type: "chunk",
        content: "",
        thinking: "Okay",
        createdAt: undefined,
      });
    }
  });

  it("keeps thinking and content that arrive in one chunk", () => {
    const line = {
      model: "m",
      created_at: "2025-07-30T20:13:53.535817Z",
      message: { role: "assistant", content: "The", thinking: " done." },
      done: false,
    };
    expect(toStreamEvent("chat", line)).toMatchObject({ content: "The", thinking: " done." });
    expect(
      toStreamEvent("generate", { model: "m", response: "The", thinking: " done.", done: false }),
    ).toMatchObject({ content: "The", thinking: " done." });
  });

  it("converts the recorded chat final line into a done event with every statistic", () => {
    expect(toStreamEvent("chat", chatLines[5])).toEqual({
      type: "done",
      content: "",
      thinking: "",
      createdAt: "2024-07-02T11:45:16.265598822Z",
      stats: {
        doneReason: "stop",
        totalDurationNs: 58123571935,
        loadDurationNs: 55561676662,
        promptEvalCount: 10,
        promptEvalDurationNs: 34847000,
        evalCount: 239,
        evalDurationNs: 2381751000,
      },
    });
  });

  it("converts the recorded generate final line (which carries `context`)", () => {
    const event = toStreamEvent("generate", generateLines[4]);
    expect(event?.type).toBe("done");
    expect(event).toHaveProperty("stats", {
      doneReason: "stop",
      totalDurationNs: 64697743903,
      loadDurationNs: 61368714283,
      promptEvalCount: 10,
      promptEvalDurationNs: 40919000,
      evalCount: 304,
      evalDurationNs: 3237325000,
    });
  });

  it("leaves omitted or mistyped statistics undefined, never 0", () => {
    // Cloud models send only these three; a string duration is not a duration.
    const cloudStyle = {
      model: "m",
      response: "",
      done: true,
      total_duration: 1200000000,
      prompt_eval_count: 12,
      eval_count: 40,
      eval_duration: "12",
    };
    const event = toStreamEvent("generate", cloudStyle);
    expect(event?.type).toBe("done");
    const stats = event?.type === "done" ? event.stats : undefined;
    expect(stats).toEqual({
      doneReason: undefined,
      totalDurationNs: 1200000000,
      loadDurationNs: undefined,
      promptEvalCount: 12,
      promptEvalDurationNs: undefined,
      evalCount: 40,
      evalDurationNs: undefined,
    });
    expect(stats?.loadDurationNs).not.toBe(0);
  });

  it("keeps text that arrives on the final line", () => {
    const line = { model: "m", message: { role: "assistant", content: "late text" }, done: true };
    expect(toStreamEvent("chat", line)).toMatchObject({ type: "done", content: "late text" });
  });

  it("rejects values that are not a line of the API asked for", () => {
    const chat = chatLines[0];
    const generate = generateLines[0];
    expect(toStreamEvent("generate", chat)).toBeUndefined();
    expect(toStreamEvent("chat", generate)).toBeUndefined();
    expect(toStreamEvent("chat", { error: "boom" })).toBeUndefined();
    expect(toStreamEvent("chat", { message: { content: "x" } })).toBeUndefined(); // no done
    expect(toStreamEvent("chat", { message: { content: 5 }, done: false })).toBeUndefined();
    expect(toStreamEvent("generate", { response: "x", thinking: 1, done: false })).toBeUndefined();
    expect(toStreamEvent("generate", [generate])).toBeUndefined();
    expect(toStreamEvent("generate", null)).toBeUndefined();
    expect(toStreamEvent("generate", "text")).toBeUndefined();
  });
});

describe("isErrorLine", () => {
  it("accepts Ollama's error line", () => {
    const line: unknown = JSON.parse(
      '{"error":"an error was encountered while running the model"}',
    );
    expect(isErrorLine(line)).toBe(true);
  });

  it("rejects chunks, non-string errors and non-objects", () => {
    expect(isErrorLine(chatLines[0])).toBe(false);
    expect(isErrorLine({ error: { message: "OpenAI shape" } })).toBe(false);
    expect(isErrorLine(null)).toBe(false);
    expect(isErrorLine(["error"])).toBe(false);
  });
});

describe("one-off answers", () => {
  it("reads the version", () => {
    expect(parseVersion({ version: "0.33.0-rc2" })).toEqual({ ok: true, value: "0.33.0-rc2" });
    expect(parseVersion({ v: 1 })).toEqual({
      ok: false,
      reason: "version: expected string, received undefined",
    });
  });

  it("tolerates odd optional fields in tags without losing the model", () => {
    const parsed = parseTags({
      models: [{ name: "m", model: "m", size: "big", details: { families: null, family: 7 } }],
    });
    expect(parsed).toEqual({
      ok: true,
      value: [
        {
          name: "m",
          parameterSize: undefined,
          quantizationLevel: undefined,
          family: undefined,
          sizeBytes: undefined,
          modifiedAt: undefined,
        },
      ],
    });
  });

  it("rejects tags and ps answers without a models array or a model name", () => {
    expect(parseTags({ models: null })).toEqual({
      ok: false,
      reason: "models: expected array, received null",
    });
    expect(parseRunning({ models: [{ model: "m" }] })).toEqual({
      ok: false,
      reason: "models[0].name: expected string, received undefined",
    });
  });

  it("takes the show context length from model_info, falling back to details", () => {
    const fromInfo = parseShow({
      model_info: { "general.architecture": "llama", "llama.context_length": 8192 },
      details: { context_length: 4096 },
    });
    expect(fromInfo).toMatchObject({ ok: true, value: { contextLength: 8192 } });
    const fromDetails = parseShow({ model_info: {}, details: { context_length: 4096 } });
    expect(fromDetails).toMatchObject({ ok: true, value: { contextLength: 4096 } });
    expect(parseShow({})).toMatchObject({ ok: true, value: { contextLength: undefined } });
  });
});
