import { describe, expect, test } from "vitest";
import { corsConfig, decideCors, decideHost, originAllowed } from "./cors.ts";
import { decodeFirstValue } from "./go-decode.ts";
import { formatLocal, formatUtc, MAX_DURATION_NS, parseGoDuration } from "./gotime.ts";
import { goJson } from "./json.ts";
import { finalObject } from "./lines.ts";
import { makePlan } from "./plan.ts";
import { parseGenerationRequest } from "./request.ts";
import { answerText, scenarios, thinkingText } from "./scenarios.ts";

describe("Go-style JSON", () => {
  test("escapes <, >, &, U+2028 and U+2029 and replaces lone surrogates", () => {
    expect(goJson({ response: "<think>&</think>" })).toBe(
      '{"response":"\\u003cthink\\u003e\\u0026\\u003c/think\\u003e"}',
    );
    expect(goJson("a\u2028b\u2029c")).toBe('"a\\u2028b\\u2029c"');
    expect(goJson("x\ud800y")).toBe('"x\\ufffdy"');
    expect(goJson("\\ud800")).toBe('"\\\\ud800"');
    expect(goJson({ t: "é—" })).toBe('{"t":"é—"}');
  });
});

describe("Go decoder messages", () => {
  const message = (text: string): string => {
    const result = decodeFirstValue(text);
    return result.ok ? "ok" : result.message;
  };
  test.each([
    ["", "EOF"],
    ["  \n", "EOF"],
    ["x", "invalid character 'x' looking for beginning of value"],
    ["{", "unexpected EOF"],
    ['{"model":"m"', "unexpected EOF"],
    ["{model:1}", "invalid character 'm' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ['{"a":[1 2]}', "invalid character '2' after array element"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{"a":01}', "invalid character '1' after object key:value pair"],
    ['{"a":-x}', "invalid character 'x' in numeric literal"],
    ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a":"\\q"}', "invalid character 'q' in string escape code"],
    ['{"a":"\n"}', "invalid character '\\n' in string literal"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['{"a":1} trailing garbage', "ok"],
  ])("%j → %s", (text, expected) => {
    expect(message(text)).toBe(expected);
  });
});

describe("request binding", () => {
  const error = (api: "chat" | "generate", body: string): string => {
    const result = parseGenerationRequest(api, body);
    return result.ok ? "ok" : `${result.status} ${result.error}`;
  };
  test("type mismatches name the Go struct field", () => {
    expect(error("chat", '{"model":"m","messages":"hi"}')).toBe(
      "400 json: cannot unmarshal string into Go struct field ChatRequest.messages of type []api.Message",
    );
    expect(error("generate", '{"model":5}')).toBe(
      "400 json: cannot unmarshal number into Go struct field GenerateRequest.model of type string",
    );
    expect(error("generate", '{"model":"m","stream":"yes"}')).toBe(
      "400 json: cannot unmarshal string into Go struct field GenerateRequest.stream of type bool",
    );
    expect(error("chat", '{"model":"m","messages":[{"role":"user","content":1}]}')).toBe(
      "400 json: cannot unmarshal number into Go struct field ChatRequest.messages.content of type string",
    );
    expect(error("generate", "[1]")).toBe(
      "400 json: cannot unmarshal array into Go value of type api.GenerateRequest",
    );
    expect(error("generate", '{"model":"m","options":"x"}')).toBe(
      "400 json: cannot unmarshal string into Go struct field GenerateRequest.options of type map[string]interface {}",
    );
  });
  test("think and keep_alive use Ollama's unmarshallers", () => {
    expect(error("chat", '{"model":"m","think":"x"}')).toBe(
      '400 invalid think value: "x" (must be "high", "medium", "low", "max", true, or false)',
    );
    expect(error("chat", '{"model":"m","think":1}')).toBe(
      '400 think must be a boolean or string ("high", "medium", "low", "max", true, or false)',
    );
    expect(error("chat", '{"model":"m","keep_alive":"300"}')).toBe(
      '400 time: missing unit in duration "300"',
    );
    expect(error("chat", '{"model":"m","keep_alive":true}')).toBe("400 Unsupported type: 'bool'");
    const parsed = parseGenerationRequest(
      "generate",
      '{"model":"m","keep_alive":1.9,"think":null}',
    );
    expect(parsed.ok && parsed.value.keepAliveNs).toBe(1_000_000_000n);
    expect(parsed.ok && parsed.value.think).toBe(undefined);
    expect(parsed.ok && parsed.value.stream).toBe(true);
  });
});

describe("Go durations and times", () => {
  test.each([
    ["5m", 300_000_000_000n],
    ["30s", 30_000_000_000n],
    ["1h30m", 5_400_000_000_000n],
    ["300ms", 300_000_000n],
    ["1.5h", 5_400_000_000_000n],
    ["0", 0n],
    ["-1s", -1_000_000_000n],
    ["2µs", 2_000n],
  ])("ParseDuration(%j)", (text, ns) => {
    expect(parseGoDuration(text)).toEqual({ ok: true, ns });
  });
  test.each([
    ["300", 'time: missing unit in duration "300"'],
    ["", 'time: invalid duration ""'],
    ["abc", 'time: invalid duration "abc"'],
    ["5x", 'time: unknown unit "x" in duration "5x"'],
    [".s", 'time: invalid duration ".s"'],
  ])("ParseDuration(%j) fails", (text, error) => {
    expect(parseGoDuration(text)).toEqual({ ok: false, error });
  });
  test("RFC 3339 with trimmed nanoseconds", () => {
    expect(formatUtc(1_719_920_716_216_898_458n)).toBe("2024-07-02T11:45:16.216898458Z");
    expect(formatUtc(1_719_920_716_220_000_000n)).toBe("2024-07-02T11:45:16.22Z");
    expect(formatUtc(1_719_920_716_000_000_000n)).toBe("2024-07-02T11:45:16Z");
    expect(formatLocal(1_719_920_716_216_898_458n)).toMatch(
      /^2024-07-0\dT\d{2}:\d{2}:16\.216898458(Z|[+-]\d{2}:\d{2})$/,
    );
    const forever = formatLocal(1_795_600_000_000_000_000n + MAX_DURATION_NS);
    // 2^63-1 ns is 292.3 years: "2318" in captures from 2025, 2319 from late 2026 on.
    expect(forever.slice(0, 4)).toBe("2319");
  });
});

describe("CORS decisions", () => {
  const defaults = corsConfig(undefined);
  test("default origins", () => {
    for (const origin of [
      "http://localhost",
      "http://localhost:5173",
      "https://127.0.0.1:8443",
      "http://0.0.0.0:3000",
      "app://anything",
      "tauri://localhost",
      "vscode-webview://abc",
      "vscode-file://vscode-app",
      "file://",
    ]) {
      expect(originAllowed(defaults, origin), origin).toBe(true);
    }
    for (const origin of [
      "null",
      "http://[::1]:5173",
      "http://192.168.1.20:5173",
      "http://example.com",
      "http://app.localhost:5173",
      "chrome-extension://abc",
      "http://LOCALHOST:5173",
    ]) {
      expect(originAllowed(defaults, origin), origin).toBe(false);
    }
  });
  test("OLLAMA_ORIGINS extends the defaults; * allows all; bad entries fail at startup", () => {
    const extended = corsConfig("http://192.168.1.20:*,chrome-extension://abc");
    expect(originAllowed(extended, "http://192.168.1.20:5173")).toBe(true);
    expect(originAllowed(extended, "chrome-extension://abc")).toBe(true);
    expect(originAllowed(extended, "http://localhost:1")).toBe(true);
    const all = corsConfig("*");
    expect(decideCors(all, "GET", "http://x.test", "localhost")).toEqual({
      kind: "continue",
      headers: [["Access-Control-Allow-Origin", "*"]],
    });
    expect(() => corsConfig("null")).toThrow(/bad origin/);
    expect(() => corsConfig("http://a, http://b")).toThrow(/bad origin/);
    expect(() => corsConfig("http://*.x:*")).toThrow(/only one \*/);
  });
  test("Host check", () => {
    expect(decideHost("localhost:11434", "GET", true)).toBe("continue");
    expect(decideHost("127.0.0.1:11434", "GET", true)).toBe("continue");
    expect(decideHost("[::1]:11434", "GET", true)).toBe("continue");
    expect(decideHost("192.168.1.5", "GET", true)).toBe("continue");
    expect(decideHost("app.localhost", "GET", true)).toBe("continue");
    expect(decideHost("printer.local:80", "GET", true)).toBe("continue");
    expect(decideHost("evil.example.com", "GET", true)).toBe("forbidden");
    expect(decideHost("evil.example.com", "GET", false)).toBe("continue");
    expect(decideHost("localhost", "OPTIONS", true)).toBe("options-no-content");
    expect(decideHost("127.0.0.1", "OPTIONS", true)).toBe("continue");
  });
});

describe("scenarios and plans", () => {
  test("texts are deterministic, escape-worthy and multibyte where promised", () => {
    const steady = answerText("steady:8b");
    expect(scenarios["steady:8b"]?.answerTokens).toHaveLength(120);
    for (const char of ["<", ">", "&", "é", "—"]) expect(steady).toContain(char);
    expect(steady).toContain("\n");
    expect(scenarios["fast:1b"]?.answerTokens).toHaveLength(60_000);
    expect(thinkingText("thinker:14b").length).toBeGreaterThan(0);
    expect(scenarios["thinker:14b"]?.thinkingTokens).toHaveLength(40);
    const old = scenarios["oldthinker:7b"]?.answerTokens ?? [];
    expect(old[0]).toBe("<think>");
    expect(old.indexOf("</think>")).toBe(21);
    expect(old).toHaveLength(52);
    expect(thinkingText("steady:8b")).toBe("");
    expect(() => answerText("nope")).toThrow();
  });
  test("thinking: one switch piece carries both; num_predict and behaviours cut the plan", () => {
    const thinker = scenarios["thinker:14b"];
    if (!thinker) throw new Error("missing");
    const full = makePlan(thinker, true, -1);
    expect(full.pieces).toHaveLength(99);
    expect(full.pieces[39]).toEqual({
      thinking: thinker.thinkingTokens?.[39],
      content: thinker.answerTokens[0],
    });
    expect(full.evalCount).toBe(100);
    expect(full.ending).toEqual({ kind: "stop" });
    expect(makePlan(thinker, false, -1).pieces).toHaveLength(60);
    const limited = makePlan(thinker, true, 32);
    expect(limited).toMatchObject({ ending: { kind: "length" }, evalCount: 32, endSlot: 31 });
    const flaky = scenarios["flaky:7b"];
    if (!flaky) throw new Error("missing");
    expect(makePlan(flaky, false, -1)).toMatchObject({ ending: { kind: "error" }, endSlot: 20 });
    expect(makePlan(flaky, false, 10)).toMatchObject({ ending: { kind: "length" } });
  });
});

describe("final objects", () => {
  test("zero statistics are omitted; keys in Go order", () => {
    const chat = finalObject("chat", "m", "t", { content: "", thinking: "" }, "stop", {
      total_duration: 5,
      load_duration: 0,
      prompt_eval_count: 3,
      prompt_eval_duration: 0,
      eval_count: 2,
      eval_duration: 1,
    });
    expect(Object.keys(chat)).toEqual([
      "model",
      "created_at",
      "message",
      "done",
      "done_reason",
      "total_duration",
      "prompt_eval_count",
      "eval_count",
      "eval_duration",
    ]);
    const generate = finalObject(
      "generate",
      "m",
      "t",
      { content: "a", thinking: "b" },
      "length",
      {},
      [1],
    );
    expect(generate).toEqual({
      model: "m",
      created_at: "t",
      response: "a",
      thinking: "b",
      done: true,
      done_reason: "length",
      context: [1],
    });
    expect(Object.keys(generate)).toEqual([
      "model",
      "created_at",
      "response",
      "thinking",
      "done",
      "done_reason",
      "context",
    ]);
  });
});
