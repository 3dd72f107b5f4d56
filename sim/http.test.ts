import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ALLOW_HEADERS } from "./cors.ts";
import { scenarios } from "./scenarios.ts";
import { startSimulator, type SimulatorHandle } from "./server.ts";
import { field, post, RFC3339_LOCAL, send, keysOf, type RawResponse } from "./test-support.ts";

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const header = (response: RawResponse, name: string): string[] =>
  response.rawHeaders.filter(([key]) => key.toLowerCase() === name.toLowerCase()).map(([, v]) => v);

describe("basics", () => {
  test("GET and HEAD / answer 'Ollama is running'", async () => {
    const get = await send(sim.url, { path: "/" });
    expect(get.status).toBe(200);
    expect(get.body).toBe("Ollama is running");
    expect(get.headers["content-type"]).toBe("text/plain; charset=utf-8");
    const head = await send(sim.url, { path: "/", method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers["content-length"]).toBe("17");
  });

  test("/api/version", async () => {
    const response = await send(sim.url, { path: "/api/version" });
    expect(response.body).toBe('{"version":"0.13.5"}');
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers["content-length"]).toBe("20");
  });

  test("unknown path 404 and wrong method 405, gin's text/plain bodies", async () => {
    const missing = await send(sim.url, { path: "/api/nope" });
    expect([missing.status, missing.body, missing.headers["content-type"]]).toEqual([
      404,
      "404 page not found",
      "text/plain",
    ]);
    const wrong = await send(sim.url, { path: "/api/chat", method: "GET" });
    expect([wrong.status, wrong.body, wrong.headers["content-type"]]).toEqual([
      405,
      "405 method not allowed",
      "text/plain",
    ]);
    expect((await send(sim.url, { path: "/api/ps", method: "HEAD" })).status).toBe(405);
    expect((await send(sim.url, { path: "/api/tags", method: "DELETE" })).status).toBe(405);
  });

  test("/api/tags lists every model, newest first, with Go-shaped fields", async () => {
    const response = await send(sim.url, { path: "/api/tags" });
    const models = field(JSON.parse(response.body), "models");
    if (!Array.isArray(models)) throw new Error("no models");
    expect(models.map((m) => field(m, "name")).sort()).toEqual(Object.keys(scenarios).sort());
    const times = models.map((m) => String(field(m, "modified_at")));
    for (const time of times) expect(time).toMatch(RFC3339_LOCAL);
    const epochs = times.map((t) => Date.parse(t));
    expect([...epochs].sort((a, b) => b - a)).toEqual(epochs);
    const first: unknown = models[0];
    expect(keysOf(first)).toEqual(["name", "model", "modified_at", "size", "digest", "details"]);
    expect(field(first, "digest")).toMatch(/^[0-9a-f]{64}$/);
    expect(field(first, "details")).toEqual({
      parent_model: "",
      format: "gguf",
      family: "llama",
      families: ["llama"],
      parameter_size: "8.0B",
      quantization_level: "Q4_K_M",
    });
    // Larger than net/http's 2048-byte buffer: chunked, no Content-Length, as Go sends it.
    expect(response.headers["content-length"]).toBeUndefined();
    expect(response.headers["transfer-encoding"]).toBe("chunked");
  });

  test("/api/show: details, capabilities, model_info, parameters text; errors", async () => {
    const response = await post(sim.url, "/api/show", { model: "thinker:14b" });
    const body: unknown = JSON.parse(response.body);
    expect(field(body, "capabilities")).toEqual(["completion", "thinking"]);
    const info = field(body, "model_info");
    expect(field(info, "general.architecture")).toBe("qwen3");
    expect(field(info, "qwen3.context_length")).toBe(40960);
    const keys = keysOf(info);
    expect([...keys].sort()).toEqual(keys);
    expect(String(field(body, "parameters"))).toContain(`stop${" ".repeat(27)}"<|im_start|>"`);
    expect(response.body).toContain("\\u003c|im_start|\\u003e");
    expect(field(body, "modified_at")).toMatch(RFC3339_LOCAL);
    expect(field(body, "details")).toMatchObject({ family: "qwen3", parameter_size: "14.8B" });
    const byName = await post(sim.url, "/api/show", { name: "steady:8b" });
    expect(byName.status).toBe(200);

    const cases: [string, number, string][] = [
      ["", 400, '{"error":"missing request body"}'],
      ["{}", 400, '{"error":"model is required"}'],
      ['{"model":"nope"}', 404, `{"error":"model 'nope:latest' not found"}`],
      ['{"model":"steady"}', 404, `{"error":"model 'steady:latest' not found"}`],
      ['{"model":"nope:7b"}', 404, `{"error":"model 'nope:7b' not found"}`],
      ['{"model":"bad name"}', 400, '{"error":"invalid model name"}'],
    ];
    for (const [body, status, text] of cases) {
      const error = await post(sim.url, "/api/show", body);
      expect([error.status, error.body], body).toEqual([status, text]);
    }
  });
});

describe("§3.1 request errors", () => {
  const cases: [string, "chat" | "generate", string, number, string][] = [
    ["empty body", "chat", "", 400, "missing request body"],
    [
      "malformed JSON",
      "generate",
      "{x",
      400,
      "invalid character 'x' looking for beginning of object key string",
    ],
    ["truncated JSON", "chat", '{"model":"steady:8b"', 400, "unexpected EOF"],
    [
      "wrong field type",
      "chat",
      '{"model":"steady:8b","messages":"hi"}',
      400,
      "json: cannot unmarshal string into Go struct field ChatRequest.messages of type []api.Message",
    ],
    [
      "bad think string",
      "chat",
      '{"model":"thinker:14b","think":"x","messages":[{"role":"user","content":"hi"}]}',
      400,
      'invalid think value: "x" (must be "high", "medium", "low", "max", true, or false)',
    ],
    ["generate without model", "generate", '{"prompt":"hi"}', 404, "model '' not found"],
    [
      "generate with empty model",
      "generate",
      '{"model":"","prompt":"hi"}',
      404,
      "model '' not found",
    ],
    ["chat without model", "chat", '{"messages":[]}', 400, "model is required"],
    [
      "unknown model (generate)",
      "generate",
      '{"model":"nope","prompt":"hi"}',
      404,
      "model 'nope' not found",
    ],
    ["unknown model (chat)", "chat", '{"model":"nope"}', 404, "model 'nope' not found"],
    [
      "think on a non-thinking model",
      "chat",
      '{"model":"steady:8b","think":true,"messages":[{"role":"user","content":"hi"}]}',
      400,
      '"steady:8b" does not support thinking',
    ],
    [
      "a think level on a non-thinking model",
      "generate",
      '{"model":"oldthinker:7b","think":"low","prompt":"hi"}',
      400,
      '"oldthinker:7b" does not support thinking',
    ],
    [
      "wrong option type (float32)",
      "generate",
      '{"model":"steady:8b","prompt":"hi","options":{"temperature":"0.5"}}',
      500,
      'option "temperature" must be of type float32',
    ],
    [
      "wrong option type (integer)",
      "chat",
      '{"model":"steady:8b","messages":[{"role":"user","content":"hi"}],"options":{"num_ctx":"8k"}}',
      500,
      'option "num_ctx" must be of type integer',
    ],
    [
      "keep_alive without a unit",
      "generate",
      '{"model":"steady:8b","prompt":"hi","keep_alive":"300"}',
      400,
      'time: missing unit in duration "300"',
    ],
    [
      "raw with system",
      "generate",
      '{"model":"steady:8b","prompt":"hi","raw":true,"system":"s"}',
      400,
      "raw mode does not support template, system, or context",
    ],
    [
      "suffix without insert",
      "generate",
      '{"model":"steady:8b","prompt":"hi","suffix":"x"}',
      400,
      "registry.ollama.ai/library/steady:8b does not support insert",
    ],
    [
      "tools without the capability",
      "chat",
      '{"model":"steady:8b","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function"}]}',
      400,
      "registry.ollama.ai/library/steady:8b does not support tools",
    ],
  ];
  test.each(cases)("%s", async (_name, api, body, status, error) => {
    const response = await post(sim.url, `/api/${api}`, body, { "Content-Type": "text/plain" });
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body)).toEqual({ error });
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.body.endsWith("\n")).toBe(false);
  });
});

describe("CORS (§4)", () => {
  const app = "http://localhost:5173";
  test("allowed origin: echoed with Vary: Origin on JSON, streams and errors", async () => {
    const version = await send(sim.url, { path: "/api/version", headers: { Origin: app } });
    expect(header(version, "Access-Control-Allow-Origin")).toEqual([app]);
    expect(header(version, "Vary")).toEqual(["Origin"]);
    expect(header(version, "Access-Control-Allow-Credentials")).toEqual([]);
    const error = await post(sim.url, "/api/chat", "{}", { Origin: "https://127.0.0.1:3000" });
    expect(error.status).toBe(400);
    expect(header(error, "Access-Control-Allow-Origin")).toEqual(["https://127.0.0.1:3000"]);
    const stream = await post(
      sim.url,
      "/api/generate",
      { model: "fast:1b", prompt: "hi", options: { num_predict: 3 } },
      { Origin: "tauri://localhost" },
    );
    expect(stream.headers["content-type"]).toBe("application/x-ndjson");
    expect(header(stream, "Access-Control-Allow-Origin")).toEqual(["tauri://localhost"]);
    expect(header(stream, "Vary")).toEqual(["Origin"]);
  });

  test("preflight from an allowed origin: 204 with exactly the fixed headers", async () => {
    const response = await send(sim.url, {
      path: "/api/chat",
      method: "OPTIONS",
      headers: {
        Origin: app,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-client-id",
      },
    });
    expect(response.status).toBe(204);
    expect(response.body).toBe("");
    const cors = response.rawHeaders.filter(
      ([key]) => key.toLowerCase().startsWith("access-control-") || key.toLowerCase() === "vary",
    );
    expect(cors).toEqual([
      ["Access-Control-Allow-Methods", "GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS"],
      ["Access-Control-Allow-Headers", ALLOW_HEADERS],
      ["Access-Control-Max-Age", "43200"],
      ["Vary", "Origin"],
      ["Vary", "Access-Control-Request-Method"],
      ["Vary", "Access-Control-Request-Headers"],
      ["Access-Control-Allow-Origin", app],
    ]);
    expect(ALLOW_HEADERS).toBe(
      "Authorization,Content-Type,User-Agent,Accept,X-Requested-With,Openai-Beta,X-Stainless-Arch,X-Stainless-Async,X-Stainless-Custom-Poll-Interval,X-Stainless-Helper-Method,X-Stainless-Lang,X-Stainless-Os,X-Stainless-Package-Version,X-Stainless-Poll-Helper,X-Stainless-Retry-Count,X-Stainless-Runtime,X-Stainless-Runtime-Version,X-Stainless-Timeout",
    );
  });

  test.each(["http://192.168.1.20:5173", "null", "http://[::1]:5173", "https://example.com"])(
    "disallowed origin %s: 403, empty body, no CORS headers (preflight and actual)",
    async (origin) => {
      for (const method of ["OPTIONS", "GET", "POST"]) {
        const response = await send(sim.url, {
          path: method === "GET" ? "/api/tags" : "/api/chat",
          method,
          headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
          body: method === "POST" ? '{"model":"steady:8b"}' : undefined,
        });
        expect(response.status, method).toBe(403);
        expect(response.body).toBe("");
        expect(response.headers["content-type"]).toBeUndefined();
        expect(
          response.rawHeaders.some(([key]) => key.toLowerCase().startsWith("access-control-")),
        ).toBe(false);
      }
    },
  );

  test("same-origin Origin passes without CORS headers; no Origin is not CORS", async () => {
    const host = new URL(sim.url).host;
    const same = await send(sim.url, {
      path: "/api/version",
      headers: { Origin: `http://${host}` },
    });
    expect(same.status).toBe(200);
    expect(header(same, "Access-Control-Allow-Origin")).toEqual([]);
    expect(header(same, "Vary")).toEqual([]);
    const plain = await send(sim.url, { path: "/api/version" });
    expect(header(plain, "Access-Control-Allow-Origin")).toEqual([]);
  });

  test("a text/plain POST (no preflight) is parsed as JSON and echoed", async () => {
    const response = await post(sim.url, "/api/generate", '{"model":"steady:8b","prompt":""}', {
      Origin: app,
      "Content-Type": "text/plain;charset=UTF-8",
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ done: true, done_reason: "load" });
    expect(header(response, "Access-Control-Allow-Origin")).toEqual([app]);
  });

  test("OLLAMA_ORIGINS extends the list", async () => {
    const extended = await startSimulator({ port: 0, origins: "http://192.168.1.20:*" });
    try {
      const lan = await send(extended.url, {
        path: "/api/version",
        headers: { Origin: "http://192.168.1.20:5173" },
      });
      expect(header(lan, "Access-Control-Allow-Origin")).toEqual(["http://192.168.1.20:5173"]);
      const local = await send(extended.url, {
        path: "/api/version",
        headers: { Origin: "http://localhost:1" },
      });
      expect(local.status).toBe(200);
    } finally {
      await extended.close();
    }
  });
});

describe("Host check (§4.3)", () => {
  test.each([
    ["localhost:11434", 200],
    ["127.0.0.1:11434", 200],
    ["[::1]:11434", 200],
    ["10.1.2.3", 200],
    ["dashboard.localhost", 200],
    ["nas.local:8080", 200],
    ["db.internal", 200],
    ["evil.example.com", 403],
    ["evil.example.com:11434", 403],
    ["1.2.3.4", 403],
  ])("Host %s → %i", async (host, status) => {
    const response = await send(sim.url, { path: "/api/version", headers: { Host: host } });
    expect(response.status).toBe(status);
    if (status === 403) expect(response.body).toBe("");
  });

  test("non-CORS OPTIONS: 204 for a name, the router (405) for an IP", async () => {
    const byName = await send(sim.url, {
      path: "/api/chat",
      method: "OPTIONS",
      headers: { Host: "localhost" },
    });
    expect(byName.status).toBe(204);
    const byIp = await send(sim.url, {
      path: "/api/chat",
      method: "OPTIONS",
      headers: { Host: "127.0.0.1" },
    });
    expect([byIp.status, byIp.body]).toEqual([405, "405 method not allowed"]);
  });

  test("an allowed Origin naming a rebinding host still fails the Host check", async () => {
    const response = await send(sim.url, {
      path: "/api/version",
      headers: { Host: "evil.example.com", Origin: "http://evil.example.com" },
    });
    expect(response.status).toBe(403);
  });
});
