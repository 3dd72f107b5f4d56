import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { MAX_DURATION_NS } from "./gotime.ts";
import { answerText, scenarios, thinkingText } from "./scenarios.ts";
import { startSimulator, type SimulatorHandle } from "./server.ts";
import type { RunRecord } from "./state.ts";
import {
  clientNowMs,
  field,
  getJson,
  keysOf,
  parseLines,
  post,
  RFC3339_LOCAL,
  send,
  text,
  withSimulator,
  lastRunOf,
} from "./test-support.ts";

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const lastRun = (): RunRecord => {
  const run = sim.state.runs().at(-1);
  if (!run) throw new Error("no run recorded");
  return run;
};
const chat = (model: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model,
  messages: [{ role: "user", content: "Hello there" }],
  ...extra,
});
const until = async (check: () => boolean, timeoutMs = 2000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
const psModels = async (): Promise<unknown[]> => {
  const models = field(await getJson(sim.url, "/api/ps"), "models");
  if (!Array.isArray(models)) throw new Error("no models array");
  const list: unknown[] = models;
  return list;
};

// Each of these has a simulator of its own, so they run side by side.
describe("thinking models", () => {
  test.concurrent(
    "thinker:14b chat, think omitted: thinking first, one switch line, then content",
    () =>
      withSimulator(async (own) => {
        const response = await post(own.url, "/api/chat", chat("thinker:14b"));
        const lines = parseLines(response);
        expect(lines).toHaveLength(100);
        const messages = lines.slice(0, -1).map((line) => line.message);
        for (const message of messages.slice(0, 39)) {
          expect(keysOf(message)).toEqual(["role", "content", "thinking"]);
          expect(field(message, "content")).toBe("");
        }
        expect(messages[39]).toEqual({
          role: "assistant",
          content: scenarios["thinker:14b"]?.answerTokens[0],
          thinking: scenarios["thinker:14b"]?.thinkingTokens?.[39],
        });
        for (const message of messages.slice(40))
          expect(keysOf(message)).toEqual(["role", "content"]);
        expect(messages.map((m) => text(field(m, "thinking"))).join("")).toBe(
          thinkingText("thinker:14b"),
        );
        expect(messages.map((m) => text(field(m, "content"))).join("")).toBe(
          answerText("thinker:14b"),
        );
        expect(lines.at(-1)).toMatchObject({ done: true, done_reason: "stop", eval_count: 100 });
        expect(lines.at(-1)?.message).toEqual({ role: "assistant", content: "" });
        expect(lastRunOf(own, "thinker:14b").tokensSent).toBe(99);
        const gaps = response.lines
          .slice(1, 99)
          .map((line, i) => line.atMs - (response.lines[i]?.atMs ?? 0));
        // The exact cadence is checked in stream.test.ts; here other streams share the event loop.
        expect(Math.abs(gaps.reduce((a, b) => a + b, 0) / gaps.length - 20)).toBeLessThan(2);
      }),
  );

  test.concurrent("generate: think level, think:false, and stream:false concatenation", () =>
    withSimulator(async (own) => {
      const response = await post(own.url, "/api/generate", {
        model: "thinker:14b",
        prompt: "Why?",
        think: "high",
        options: { num_predict: 42 },
      });
      const lines = parseLines(response);
      expect(lines).toHaveLength(43);
      expect(keysOf(lines[0])).toEqual(["model", "created_at", "response", "thinking", "done"]);
      expect(lines[0]?.response).toBe("");
      expect(lines[39]).toMatchObject({
        response: scenarios["thinker:14b"]?.answerTokens[0],
        thinking: scenarios["thinker:14b"]?.thinkingTokens?.[39],
      });
      expect(keysOf(lines[40])).toEqual(["model", "created_at", "response", "done"]);
      expect(lines.at(-1)).toMatchObject({ done_reason: "length", eval_count: 42, response: "" });
      expect(keysOf(lines.at(-1))).not.toContain("thinking");

      const off = await post(
        own.url,
        "/api/chat",
        chat("thinker:14b", { think: false, options: { num_predict: 5 } }),
      );
      expect(
        parseLines(off)
          .map((line) => line.message)
          .slice(0, -1),
      ).toEqual(
        (scenarios["thinker:14b"]?.answerTokens ?? [])
          .slice(0, 5)
          .map((content) => ({ role: "assistant", content })),
      );

      const blocking = await post(own.url, "/api/generate", {
        model: "thinker:14b",
        prompt: "Why?",
        stream: false,
        options: { num_predict: 45 },
      });
      const body: unknown = JSON.parse(blocking.body);
      expect(keysOf(body).slice(0, 6)).toEqual([
        "model",
        "created_at",
        "response",
        "thinking",
        "done",
        "done_reason",
      ]);
      expect(field(body, "thinking")).toBe(thinkingText("thinker:14b"));
      expect(field(body, "response")).toBe(
        scenarios["thinker:14b"]?.answerTokens.slice(0, 6).join(""),
      );
    }),
  );

  test.concurrent(
    "oldthinker:7b: inline <think> tags as their own tokens; think:true is a 400",
    () =>
      withSimulator(async (own) => {
        const response = await post(own.url, "/api/generate", {
          model: "oldthinker:7b",
          prompt: "Why?",
        });
        const lines = parseLines(response);
        expect(lines).toHaveLength(53);
        expect(lines[0]?.response).toBe("<think>");
        expect(response.lines[0]?.text).toContain('"response":"\\u003cthink\\u003e"');
        expect(lines[21]?.response).toBe("</think>");
        expect(lines.every((line) => !("thinking" in line))).toBe(true);
        expect(
          lines
            .slice(0, -1)
            .map((line) => text(line.response))
            .join(""),
        ).toBe(answerText("oldthinker:7b"));
        for (const think of [true, "high"]) {
          const refused = await post(own.url, "/api/chat", chat("oldthinker:7b", { think }));
          expect([refused.status, refused.body]).toEqual([
            400,
            '{"error":"\\"oldthinker:7b\\" does not support thinking"}',
          ]);
        }
        const accepted = await post(
          own.url,
          "/api/chat",
          chat("oldthinker:7b", { think: false, options: { num_predict: 2 } }),
        );
        expect(accepted.status).toBe(200);
        expect(field(parseLines(accepted)[0]?.message, "content")).toBe("<think>");
      }),
  );
});

describe("failures", () => {
  test.concurrent("flaky:7b: 20 tokens, an error line, no done, closed", () =>
    withSimulator(async (own) => {
      const response = await post(own.url, "/api/chat", chat("flaky:7b"));
      expect(response.status).toBe(200);
      expect(response.broken).toBe(false);
      expect(response.lines).toHaveLength(21);
      expect(response.lines.at(-1)?.text).toBe(
        '{"error":"an error was encountered while running the model"}',
      );
      expect(response.body.endsWith("}\n")).toBe(true);
      expect(parseLines(response).some((line) => line.done === true)).toBe(false);
      expect(lastRunOf(own, "flaky:7b")).toMatchObject({ status: "error", tokensSent: 20 });
      const blocking = await post(own.url, "/api/chat", chat("flaky:7b", { stream: false }));
      expect([blocking.status, blocking.body]).toEqual([
        500,
        '{"error":"an error was encountered while running the model"}',
      ]);
    }),
  );

  test.concurrent("cutoff:7b: 15 tokens, then a clean end with no done line", () =>
    withSimulator(async (own) => {
      const response = await post(own.url, "/api/generate", { model: "cutoff:7b", prompt: "hi" });
      expect(response.broken).toBe(false);
      expect(response.lines).toHaveLength(15);
      expect(response.tail).toBe("");
      expect(parseLines(response).every((line) => line.done === false)).toBe(true);
      expect(lastRunOf(own, "cutoff:7b")).toMatchObject({ status: "error", tokensSent: 15 });
    }),
  );

  test.concurrent("broken:7b: HTTP 500 after its load time, and it stays unloaded", () =>
    withSimulator(async (own) => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await post(own.url, "/api/chat", chat("broken:7b"));
        expect(response.status).toBe(500);
        expect(response.body).toBe(
          '{"error":"model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for details"}',
        );
        expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
        expect(response.headersAtMs - response.sentAtMs).toBeGreaterThan(395);
      }
      expect(own.state.residency.isLoaded("broken:7b")).toBe(false);
    }),
  );

  test.concurrent("stall:7b: 10 tokens then silence until the client leaves", () =>
    withSimulator(async (own) => {
      const response = await send(own.url, {
        path: "/api/generate",
        body: JSON.stringify({ model: "stall:7b", prompt: "hi" }),
        abortAfterMs: 300 + 120 + 10 * 25 + 600,
      });
      expect(response.broken).toBe(true);
      expect(response.lines).toHaveLength(10);
      const stalledFor = clientNowMs() - (response.lines.at(-1)?.atMs ?? 0);
      expect(stalledFor).toBeGreaterThan(400);
      await until(() => lastRunOf(own, "stall:7b").status === "aborted");
      expect(own.state.stats().openStreams).toBe(0);
    }),
  );
});

describe("aborts, streams and close()", () => {
  test("a client abort stops the run at once; the model stays loaded and warm", async () => {
    const response = await send(sim.url, {
      path: "/api/chat",
      body: JSON.stringify(chat("steady:8b")),
      abortAfterLines: 5,
    });
    expect(response.broken).toBe(true);
    await until(() => lastRun().status === "aborted", 200);
    const run = lastRun();
    expect(run.tokensSent).toBeLessThan(8);
    expect(run.final).toBeUndefined();
    expect(sim.state.stats().openStreams).toBe(0);
    expect(sim.state.residency.isLoaded("steady:8b")).toBe(true);
    const next = await post(
      sim.url,
      "/api/chat",
      chat("steady:8b", { options: { num_predict: 2 } }),
    );
    expect(next.headersAtMs - next.sentAtMs).toBeLessThan(250);
  });

  test("/__sim/stats counts open streams; /__sim/reset clears runs and the maximum", async () => {
    await post(sim.url, "/__sim/reset", "");
    const both = await Promise.all([
      post(sim.url, "/api/chat", chat("fast:1b", { options: { num_predict: 200 } })),
      post(sim.url, "/api/generate", {
        model: "steady:8b",
        prompt: "x",
        options: { num_predict: 3 },
      }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(await getJson(sim.url, "/__sim/stats")).toEqual({ openStreams: 0, maxOpenStreams: 2 });
    const runs = await getJson(sim.url, "/__sim/runs");
    if (!Array.isArray(runs)) throw new Error("runs is not an array");
    expect(runs).toHaveLength(2);
    expect(keysOf(runs[0]).slice(0, 6)).toEqual([
      "id",
      "model",
      "api",
      "stream",
      "status",
      "tokensSent",
    ]);
    const reset = await post(sim.url, "/__sim/reset", "");
    expect(reset.status).toBe(200);
    expect(await getJson(sim.url, "/__sim/runs")).toEqual([]);
    expect(await getJson(sim.url, "/__sim/stats")).toEqual({ openStreams: 0, maxOpenStreams: 0 });
    expect(await psModels()).toEqual([]);
  });

  test("close() ends open streams and resolves fast", async () => {
    const other = await startSimulator({ port: 0 });
    const pending = send(other.url, {
      path: "/api/generate",
      body: JSON.stringify({ model: "stall:7b", prompt: "hi" }),
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    const started = clientNowMs();
    await other.close();
    expect(clientNowMs() - started).toBeLessThan(200);
    const response = await pending;
    expect(response.broken).toBe(true);
    expect(other.state.runs().at(-1)?.status).toBe("aborted");
  });
});

describe("loading, keep_alive and /api/ps", () => {
  beforeEach(async () => {
    await post(sim.url, "/__sim/reset", "");
  });

  test("empty prompt loads (one JSON object even with stream true); keep_alive 0 unloads", async () => {
    expect(await getJson(sim.url, "/api/ps")).toEqual({ models: [] });
    const load = await post(sim.url, "/api/generate", {
      model: "steady:8b",
      prompt: "",
      stream: true,
    });
    expect(load.headersAtMs - load.sentAtMs).toBeGreaterThan(595);
    expect(load.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(load.body.endsWith("\n")).toBe(false);
    const body: unknown = JSON.parse(load.body);
    expect(keysOf(body)).toEqual(["model", "created_at", "response", "done", "done_reason"]);
    expect(body).toMatchObject({
      model: "steady:8b",
      response: "",
      done: true,
      done_reason: "load",
    });

    const models = await psModels();
    expect(models).toHaveLength(1);
    const entry = models[0];
    expect(keysOf(entry)).toEqual([
      "name",
      "model",
      "size",
      "digest",
      "details",
      "expires_at",
      "size_vram",
      "context_length",
    ]);
    expect(entry).toMatchObject({ name: "steady:8b", size_vram: 0, context_length: 4096 });
    const expires = String(field(entry, "expires_at"));
    expect(expires).toMatch(RFC3339_LOCAL);
    expect(Math.abs(Date.parse(expires) - (Date.now() + 300_000))).toBeLessThan(2000);

    const chatLoad = await post(sim.url, "/api/chat", { model: "steady:8b", messages: [] });
    expect(JSON.parse(chatLoad.body)).toMatchObject({
      message: { role: "assistant", content: "" },
      done: true,
      done_reason: "load",
    });
    expect(chatLoad.headersAtMs - chatLoad.sentAtMs).toBeLessThan(100);

    const unload = await post(sim.url, "/api/chat", { model: "steady:8b", keep_alive: 0 });
    expect(JSON.parse(unload.body)).toMatchObject({ done: true, done_reason: "unload" });
    expect(await psModels()).toEqual([]);
  });

  test("keep_alive: seconds, Go durations, negative = forever, 0 with a prompt unloads after", async () => {
    const expiresIn = async (keepAlive: unknown): Promise<number> => {
      await post(sim.url, "/api/generate", { model: "fast:1b", prompt: "", keep_alive: keepAlive });
      const entry = (await psModels()).find((m) => field(m, "name") === "fast:1b");
      return Date.parse(String(field(entry, "expires_at"))) - Date.now();
    };
    expect(Math.abs((await expiresIn(120)) - 120_000)).toBeLessThan(1500);
    expect(Math.abs((await expiresIn("30s")) - 30_000)).toBeLessThan(1500);
    expect(Math.abs((await expiresIn("1h30m")) - 5_400_000)).toBeLessThan(1500);
    const forever = await expiresIn(-1);
    expect(Math.abs(forever - Number(MAX_DURATION_NS / 1_000_000n))).toBeLessThan(5000);
    expect(Math.abs((await expiresIn("-5m")) - forever)).toBeLessThan(5000);

    await post(sim.url, "/api/generate", {
      model: "fast:1b",
      prompt: "hi",
      keep_alive: 0,
      options: { num_predict: 2 },
    });
    expect(sim.state.residency.isLoaded("fast:1b")).toBe(false);

    const short = await post(sim.url, "/api/generate", {
      model: "fast:1b",
      prompt: "",
      keep_alive: "300ms",
    });
    expect(short.status).toBe(200);
    await until(() => !sim.state.residency.isLoaded("fast:1b"), 1500);

    const models = [
      await post(sim.url, "/api/generate", { model: "fast:1b", prompt: "", keep_alive: "1m" }),
      await post(sim.url, "/api/generate", { model: "steady:8b", prompt: "", keep_alive: "10m" }),
    ];
    expect(models.map((m) => m.status)).toEqual([200, 200]);
    expect((await psModels()).map((m) => field(m, "name"))).toEqual(["steady:8b", "fast:1b"]);
  });

  test("num_ctx sets context_length; requests during a load share it", async () => {
    const [first, second] = await Promise.all([
      post(sim.url, "/api/generate", {
        model: "steady:8b",
        prompt: "",
        options: { num_ctx: 8192 },
      }),
      post(sim.url, "/api/generate", { model: "steady:8b", prompt: "" }),
    ]);
    expect(first?.status).toBe(200);
    expect(Math.abs((first?.headersAtMs ?? 0) - (second?.headersAtMs ?? 0))).toBeLessThan(50);
    expect(await psModels()).toMatchObject([{ name: "steady:8b", context_length: 8192 }]);
  });
});
