/**
 * The simulator against the official client (ollama-js) and against real recordings of Ollama
 * (src/test/fixtures/ollama/). Key order is ignored: the recordings predate v0.12, which moved
 * `done` before `done_reason`; the simulator writes the current order.
 */
import { readFileSync } from "node:fs";
import { Ollama } from "ollama";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { answerText, scenarios } from "./scenarios.ts";
import { startSimulator, type SimulatorHandle } from "./server.ts";
import {
  field,
  keysOf,
  parseLines,
  post,
  RFC3339_LOCAL,
  RFC3339_UTC,
  withSimulator,
} from "./test-support.ts";

let sim: SimulatorHandle;
let client: Ollama;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  client = new Ollama({ host: sim.url });
});
afterAll(async () => {
  await sim.close();
});

const fixture = (name: string): string =>
  readFileSync(new URL(`../src/test/fixtures/ollama/${name}`, import.meta.url), "utf8");

const ndjsonFixture = (name: string): Record<string, unknown>[] =>
  fixture(name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const value: unknown = JSON.parse(line);
      return Object.fromEntries(Object.entries(value ?? {}));
    });

/**
 * The response part of a VCR cassette: its headers and body string (a single-quoted YAML scalar,
 * possibly folded over several lines). Indentation-agnostic, so a reformatted copy still reads.
 */
function cassette(name: string): { headers: Record<string, string>; raw: string; body: unknown } {
  const text = fixture(name);
  const response = text.slice(text.search(/\n\s*response:/));
  const headers: Record<string, string> = {};
  for (const match of response.matchAll(/\n\s+([A-Za-z-]+):\n\s+- (.*)/g)) {
    headers[match[1] ?? ""] = (match[2] ?? "").trim().replace(/^(['"])(.*)\1$/, "$2");
  }
  const quoted = /\n\s*string:\s*'([\s\S]*?)'\n\s*recorded_at:/.exec(response)?.[1] ?? "";
  // YAML folding: a line break plus indentation inside a flow scalar is one space; '' is '.
  const raw = quoted.replace(/\n\s+/g, " ").replace(/''/g, "'");
  const body: unknown = JSON.parse(raw);
  return { headers, raw, body };
}

const sortedKeys = (value: unknown): string[] => keysOf(value).sort();

/** The JSON type of every field, recursively: what "same shape" means here. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, shape(item)]),
    );
  }
  return typeof value;
}

const STATS = [
  "total_duration",
  "load_duration",
  "prompt_eval_count",
  "prompt_eval_duration",
  "eval_count",
  "eval_duration",
];
function expectPositiveIntegerStats(final: unknown): void {
  for (const key of STATS) {
    const value = field(final, key);
    expect(Number.isInteger(value), key).toBe(true);
    expect(Number(value), key).toBeGreaterThan(0);
  }
}

describe("the official ollama client", () => {
  test("version, list", async () => {
    expect(await client.version()).toEqual({ version: "0.13.5" });
    const list = await client.list();
    expect(list.models.map((m) => m.name).sort()).toEqual(Object.keys(scenarios).sort());
    expect(list.models[0]?.details.family).toBe("llama");
  });

  test.concurrent("chat stream: the whole answer, then done", () =>
    withSimulator(async (own) => {
      const stream = await new Ollama({ host: own.url }).chat({
        model: "steady:8b",
        messages: [{ role: "user", content: "Tell me about streams." }],
        stream: true,
      });
      let text = "";
      let parts = 0;
      let last: unknown;
      for await (const part of stream) {
        text += part.message.content;
        parts++;
        last = part;
      }
      expect(text).toBe(answerText("steady:8b"));
      expect(parts).toBe(121);
      expect(last).toMatchObject({ done: true, done_reason: "stop", eval_count: 121 });
    }),
  );

  test.concurrent("generate stream with thinking", () =>
    withSimulator(async (own) => {
      const stream = await new Ollama({ host: own.url }).generate({
        model: "thinker:14b",
        prompt: "Why?",
        stream: true,
        think: true,
        options: { num_predict: 45 },
      });
      let thinking = "";
      let response = "";
      for await (const part of stream) {
        thinking += part.thinking ?? "";
        response += part.response;
      }
      expect(thinking).toBe(scenarios["thinker:14b"]?.thinkingTokens?.join(""));
      expect(response).toBe(scenarios["thinker:14b"]?.answerTokens.slice(0, 6).join(""));
    }),
  );

  test("chat without streaming, ps and show", async () => {
    const reply = await client.chat({
      model: "steady:8b",
      messages: [{ role: "user", content: "Hi" }],
      options: { num_predict: 12 },
    });
    expect(reply.message.content).toBe(scenarios["steady:8b"]?.answerTokens.slice(0, 12).join(""));
    expect(reply.done_reason).toBe("length");
    const ps = await client.ps();
    expect(ps.models.map((m) => m.name)).toContain("steady:8b");
    expect(ps.models[0]?.size_vram).toBe(0);
    const show = await client.show({ model: "thinker:14b" });
    expect(show.capabilities).toEqual(["completion", "thinking"]);
    expect(show.details.parameter_size).toBe("14.8B");
    expect(field(show.model_info, "general.architecture")).toBe("qwen3");
  });

  test.concurrent("errors the way ollama-js reports them", () =>
    withSimulator(async (own) => {
      const client = new Ollama({ host: own.url });
      await expect(client.chat({ model: "nope", messages: [] })).rejects.toMatchObject({
        error: "model 'nope' not found",
        status_code: 404,
      });
      const flaky = await client.chat({
        model: "flaky:7b",
        messages: [{ role: "user", content: "Hi" }],
        stream: true,
      });
      await expect(async () => {
        for await (const part of flaky) void part;
      }).rejects.toThrow("an error was encountered while running the model");
      const cutoff = await client.generate({ model: "cutoff:7b", prompt: "Hi", stream: true });
      await expect(async () => {
        for await (const part of cutoff) void part;
      }).rejects.toThrow("Did not receive done or success response in stream.");
    }),
  );
});

describe("field by field against the real recordings", () => {
  test.concurrent(
    "chat stream (fixture 01): the same keys and types on token and final lines",
    () =>
      withSimulator(async (sim) => {
        const real = ndjsonFixture("01-api-chat-stream-tail-phi3-2024-07.ndjson");
        const response = await post(sim.url, "/api/chat", {
          model: "steady:8b",
          messages: [{ role: "user", content: "Hi" }],
          options: { num_predict: 20 },
        });
        const ours = parseLines(response);
        const realFinal = real.at(-1);
        const ourFinal = ours.at(-1);
        expect(shape(ours[0])).toEqual(shape(real[0]));
        expect(sortedKeys(ours[0]?.message)).toEqual(sortedKeys(real[0]?.message));
        expect(shape(ourFinal)).toEqual(shape(realFinal));
        // Only the order differs: the recording is pre-v0.12 (done_reason first).
        expect(keysOf(realFinal).indexOf("done_reason")).toBeLessThan(
          keysOf(realFinal).indexOf("done"),
        );
        expect(keysOf(ourFinal).indexOf("done")).toBeLessThan(
          keysOf(ourFinal).indexOf("done_reason"),
        );
        for (const line of [...real, ...ours]) expect(line.created_at).toMatch(RFC3339_UTC);
        expectPositiveIntegerStats(realFinal);
        expectPositiveIntegerStats(ourFinal);
      }),
  );

  test.concurrent("generate stream (fixture 02): the same keys, context an int array", () =>
    withSimulator(async (sim) => {
      const real = ndjsonFixture("02-api-generate-stream-tail-phi3-2024-07.ndjson");
      const response = await post(sim.url, "/api/generate", {
        model: "steady:8b",
        prompt: "Why is the sky blue?",
        options: { num_predict: 20 },
      });
      const ours = parseLines(response);
      expect(shape(ours[0])).toEqual(shape(real[0]));
      expect(shape(ours.at(-1))).toEqual(shape(real.at(-1)));
      expect(sortedKeys(ours.at(-1))).toContain("context");
      for (const final of [real.at(-1), ours.at(-1)]) {
        const context = field(final, "context");
        expect(Array.isArray(context) && context.length > 0).toBe(true);
        expect(Array.isArray(context) && context.every((id) => Number.isInteger(id))).toBe(true);
        expectPositiveIntegerStats(final);
      }
      for (const line of ours) expect(line.created_at).toMatch(RFC3339_UTC);
    }),
  );

  test("chat without streaming (fixture 03): headers and body shape", async () => {
    const real = cassette("03-api-chat-nonstream-llama3-2025-06.vcr.yml");
    expect(real.headers["Content-Type"]).toBe("application/json; charset=utf-8");
    const response = await post(sim.url, "/api/chat", {
      model: "steady:8b",
      messages: [{ role: "user", content: "What is the PH of honey?" }],
      stream: false,
      options: { temperature: 0.0, num_predict: 60 },
    });
    expect(response.headers["content-type"]).toBe(real.headers["Content-Type"]);
    expect(response.headers["content-length"]).toBe(String(Buffer.byteLength(response.body)));
    expect(real.headers["Content-Length"]).toBe(String(Buffer.byteLength(real.raw)));
    expect(response.body.endsWith("\n")).toBe(false);
    const ours: unknown = JSON.parse(response.body);
    expect(shape(ours)).toEqual(shape(real.body));
    expect(field(ours, "created_at")).toMatch(RFC3339_UTC);
    expect(field(real.body, "created_at")).toMatch(RFC3339_UTC);
    expectPositiveIntegerStats(ours);
    expectPositiveIntegerStats(real.body);
  });

  test("/api/ps entry (fixture 04), plus context_length from newer servers", async () => {
    const real = cassette("04-api-ps-llama3-2025-02.vcr.yml");
    await post(sim.url, "/api/generate", { model: "steady:8b", prompt: "" });
    const response = await post(sim.url, "/api/ps", "");
    expect(response.status).toBe(405);
    const ps = await fetch(new URL("/api/ps", sim.url));
    expect(ps.headers.get("content-type")).toBe(real.headers["Content-Type"]);
    const ours: unknown = await ps.json();
    const realModels = field(real.body, "models");
    const realEntry: unknown = Array.isArray(realModels) ? realModels[0] : undefined;
    const models = field(ours, "models");
    const ourEntry: unknown = Array.isArray(models) ? models[0] : undefined;
    expect(sortedKeys(ourEntry)).toEqual([...sortedKeys(realEntry), "context_length"].sort());
    const { context_length: contextLength, ...rest } = Object.fromEntries(
      Object.entries(ourEntry ?? {}),
    );
    expect(typeof contextLength).toBe("number");
    expect(shape(rest)).toEqual(shape(realEntry));
    expect(field(ourEntry, "size_vram")).toBe(field(realEntry, "size_vram"));
    expect(field(realEntry, "expires_at")).toMatch(RFC3339_LOCAL);
    expect(field(ourEntry, "expires_at")).toMatch(RFC3339_LOCAL);
    expect(field(ourEntry, "digest")).toMatch(/^[0-9a-f]{64}$/);
    expect(field(realEntry, "digest")).toMatch(/^[0-9a-f]{64}$/);
  });
});
