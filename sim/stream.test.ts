import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { answerText, scenarios, type Scenario } from "./scenarios.ts";
import { startSimulator, type SimulatorHandle } from "./server.ts";
import type { RunRecord } from "./state.ts";
import { field, parseLines, post, RFC3339_UTC, keysOf, type RawResponse } from "./test-support.ts";

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const lastRun = (handle: SimulatorHandle): RunRecord => {
  const run = handle.state.runs().at(-1);
  if (!run) throw new Error("no run recorded");
  return run;
};

/** Tokens per second seen by the client: lines after the first over the time they took. */
function clientRate(response: RawResponse, tokenLines: number): number {
  const first = response.lines[0];
  const last = response.lines[tokenLines - 1];
  if (!first || !last) throw new Error("too few lines");
  return (tokenLines - 1) / ((last.atMs - first.atMs) / 1000);
}

const FINAL_GENERATE_KEYS = [
  "model",
  "created_at",
  "response",
  "done",
  "done_reason",
  "context",
  "total_duration",
  "load_duration",
  "prompt_eval_count",
  "prompt_eval_duration",
  "eval_count",
  "eval_duration",
];
const STAT_KEYS = FINAL_GENERATE_KEYS.slice(6);

describe("a complete steady:8b stream (cold)", () => {
  let response: RawResponse;
  let run: RunRecord;
  beforeAll(async () => {
    response = await post(sim.url, "/api/generate", {
      model: "steady:8b",
      prompt: "Why is the sky blue?",
    });
    run = lastRun(sim);
  });

  test("headers are held until the first token: load + prompt eval", () => {
    const waited = response.headersAtMs - response.sentAtMs;
    expect(waited).toBeGreaterThan(600 + 150 - 5);
    expect(waited).toBeLessThan(600 + 150 + 120);
    const firstLine = response.lines[0];
    expect(firstLine && firstLine.atMs - response.headersAtMs).toBeLessThan(10);
    expect(run.headersAtMs).toBeDefined();
    expect((run.headersAtMs ?? 0) - run.receivedAtMs).toBeGreaterThan(745);
    expect((run.firstTokenAtMs ?? 0) - (run.headersAtMs ?? 0)).toBeLessThan(2);
  });

  test("NDJSON: 200, chunked, one line per token, exact text", () => {
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/x-ndjson");
    expect(response.headers["transfer-encoding"]).toBe("chunked");
    expect(response.headers["content-length"]).toBeUndefined();
    expect(response.tail).toBe("");
    const lines = parseLines(response);
    expect(lines).toHaveLength(121);
    const tokens = lines.slice(0, -1);
    expect(tokens.map((line) => line.response)).toEqual(scenarios["steady:8b"]?.answerTokens);
    expect(tokens.map((line) => String(line.response)).join("")).toBe(answerText("steady:8b"));
    for (const line of tokens) {
      expect(Object.keys(line)).toEqual(["model", "created_at", "response", "done"]);
      expect(line.model).toBe("steady:8b");
      expect(line.done).toBe(false);
      expect(line.created_at).toMatch(RFC3339_UTC);
    }
    expect(run).toMatchObject({ status: "done", tokensSent: 120, api: "generate", stream: true });
  });

  test("the final line: done, stop, context and six positive integer statistics", () => {
    const final = parseLines(response).at(-1) ?? {};
    expect(Object.keys(final)).toEqual(FINAL_GENERATE_KEYS);
    expect(final).toMatchObject({ response: "", done: true, done_reason: "stop", eval_count: 121 });
    for (const key of STAT_KEYS) {
      expect(Number.isInteger(final[key]), key).toBe(true);
      expect(Number(final[key]), key).toBeGreaterThan(0);
    }
    const context = final.context;
    expect(Array.isArray(context) && context.every((id) => Number.isInteger(id))).toBe(true);
    const ms = (key: string): number => Number(final[key]) / 1e6;
    expect(ms("load_duration")).toBeGreaterThan(595);
    expect(ms("load_duration")).toBeLessThan(700);
    expect(ms("prompt_eval_duration")).toBeGreaterThan(149);
    expect(ms("prompt_eval_duration")).toBeLessThan(200);
    // 120 tokens then the EOS slot, 25 ms apart.
    expect(ms("eval_duration")).toBeGreaterThan(2999);
    expect(ms("eval_duration")).toBeLessThan(3080);
    expect(ms("total_duration")).toBeGreaterThan(
      ms("load_duration") + ms("prompt_eval_duration") + ms("eval_duration") - 1,
    );
    expect(final.prompt_eval_count).toBe(8 + 6);
    expect(run.final).toEqual(final);
  });

  test("lines are 25 ms apart on average and created_at follows the schedule", () => {
    const rate = clientRate(response, 120);
    expect(Math.abs(rate - 40) / 40).toBeLessThan(0.02);
    const stamps = parseLines(response).map((line) => String(line.created_at));
    const ns = (stamp: string): number => {
      const [, fraction = ""] = /\.(\d+)Z$/.exec(stamp) ?? [];
      return Date.parse(stamp.replace(/\.\d+Z$/, "Z")) * 1e6 + Number(fraction.padEnd(9, "0"));
    };
    const gaps = stamps.slice(1, 120).map((stamp, i) => ns(stamp) - ns(stamps[i] ?? ""));
    for (const gap of gaps) expect(Math.abs(gap - 25e6)).toBeLessThan(2000);
  });

  test("Go escaping on the wire: no raw <, > or & in the bytes", () => {
    expect(response.body).toContain("\\u003cb\\u003e");
    expect(response.body).toContain("\\u0026");
    expect(response.body).not.toMatch(/[<>&]/);
    expect(response.body).toContain("café");
  });

  test("warm: headers after prompt eval plus a few ms", async () => {
    const warm = await post(sim.url, "/api/generate", {
      model: "steady:8b",
      prompt: "again",
      options: { num_predict: 3 },
    });
    const waited = warm.headersAtMs - warm.sentAtMs;
    expect(waited).toBeGreaterThan(150 + 3 - 1);
    expect(waited).toBeLessThan(150 + 8 + 60);
    const final = parseLines(warm).at(-1) ?? {};
    expect(Number(final.load_duration) / 1e6).toBeGreaterThan(2.9);
    expect(Number(final.load_duration) / 1e6).toBeLessThan(40);
  });
});

describe("rates", () => {
  test("2,000 tok/s for 2 s: the client measures the rate within 2%", async () => {
    const response = await post(sim.url, "/api/chat", {
      model: "fast:1b",
      messages: [{ role: "user", content: "count" }],
      options: { num_predict: 4000 },
    });
    const lines = parseLines(response);
    expect(lines).toHaveLength(4001);
    expect(
      lines
        .slice(0, -1)
        .map((l) => String(field(l.message, "content")))
        .join(""),
    ).toBe(scenarios["fast:1b"]?.answerTokens.slice(0, 4000).join(""));
    expect(Math.abs(clientRate(response, 4000) - 2000) / 2000).toBeLessThan(0.02);
    const final = lines.at(-1) ?? {};
    expect(final).toMatchObject({ done_reason: "length", eval_count: 4000 });
    const serverRate = 3999 / (Number(final.eval_duration) / 1e9);
    expect(Math.abs(serverRate - 2000) / 2000).toBeLessThan(0.01);
  });

  test("10,000 tok/s for 1.5 s without drift", async () => {
    const fast = scenarios["fast:1b"];
    if (!fast) throw new Error("missing");
    const blitz: Scenario = { ...fast, name: "blitz:1b", tokensPerSecond: 10_000, loadMs: 20 };
    const turbo = await startSimulator({ port: 0, scenarios: { "blitz:1b": blitz } });
    try {
      const response = await post(turbo.url, "/api/generate", {
        model: "blitz:1b",
        prompt: "go",
        options: { num_predict: 15_000 },
      });
      expect(response.lines).toHaveLength(15_001);
      expect(Math.abs(clientRate(response, 15_000) - 10_000) / 10_000).toBeLessThan(0.02);
      const run = lastRun(turbo);
      const span = (run.lastTokenAtMs ?? 0) - (run.firstTokenAtMs ?? 0);
      expect(Math.abs(span - 1499.9)).toBeLessThan(15);
    } finally {
      await turbo.close();
    }
  });
});

describe("stream:false and num_predict", () => {
  test("one JSON body: Content-Length, no trailing newline, texts concatenated", async () => {
    const response = await post(sim.url, "/api/chat", {
      model: "steady:8b",
      messages: [{ role: "user", content: "hi" }],
      stream: false,
      options: { num_predict: 20 },
    });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers["content-length"]).toBe(String(Buffer.byteLength(response.body)));
    expect(response.body.endsWith("\n")).toBe(false);
    const body: unknown = JSON.parse(response.body);
    expect(keysOf(body)).toEqual([
      "model",
      "created_at",
      "message",
      "done",
      "done_reason",
      ...STAT_KEYS,
    ]);
    expect(field(body, "message")).toEqual({
      role: "assistant",
      content: scenarios["steady:8b"]?.answerTokens.slice(0, 20).join(""),
    });
    expect(field(body, "done_reason")).toBe("length");
    expect(field(body, "eval_count")).toBe(20);
    // Nothing until the end: headers come after the whole generation (19 gaps of 25 ms).
    expect(response.headersAtMs - response.sentAtMs).toBeGreaterThan(150 + 19 * 25 - 5);
    const run = lastRun(sim);
    expect(run).toMatchObject({ stream: false, status: "done", tokensSent: 20 });
    expect(run.final).toEqual(body);
  });

  test("a body over 2048 bytes is chunked, as Go's net/http sends it", async () => {
    const response = await post(sim.url, "/api/generate", {
      model: "fast:1b",
      prompt: "hi",
      stream: false,
      options: { num_predict: 1000 },
    });
    expect(response.headers["content-length"]).toBeUndefined();
    expect(response.headers["transfer-encoding"]).toBe("chunked");
    const body: unknown = JSON.parse(response.body);
    expect(field(body, "response")).toBe(
      scenarios["fast:1b"]?.answerTokens.slice(0, 1000).join(""),
    );
    expect(response.body.endsWith("\n")).toBe(false);
  });

  test("num_predict ends with done_reason length and eval_count = lines", async () => {
    const response = await post(sim.url, "/api/generate", {
      model: "steady:8b",
      prompt: "hi",
      options: { num_predict: 7, temperature: 0.2, top_k: 20, top_p: 0.9, seed: 1, num_ctx: 8192 },
    });
    const lines = parseLines(response);
    expect(lines).toHaveLength(8);
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: "length", eval_count: 7 });
  });
});
