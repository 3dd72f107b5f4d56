/** The fault models: what goes over the wire, byte for byte, and what the run records say. */
import { describe, expect, test } from "vitest";
import {
  BAD_UTF8_SEQUENCES,
  BIG_TOKEN_INDEX,
  BIG_TOKEN_LENGTH,
  LONG_WORD,
  PROXY_PAGE,
  TABLE_COLUMNS,
  TABLE_ROWS,
  XSS_PAYLOADS,
  XSS_SAFE_LINK,
} from "./fault-texts.ts";
import { answerText, scenarios } from "./scenarios.ts";
import {
  field,
  getJson,
  lastRunOf,
  parseLines,
  post,
  text,
  withSimulator,
  type RawResponse,
} from "./test-support.ts";

const chat = (model: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model,
  messages: [{ role: "user", content: "Hello there" }],
  ...extra,
});

/** Each line parsed as JSON, or `ok: false` when it is not JSON. */
function tryParse(response: RawResponse): ({ ok: true; value: unknown } | { ok: false })[] {
  return response.lines.map((line) => {
    try {
      const value: unknown = JSON.parse(line.text);
      return { ok: true, value };
    } catch {
      return { ok: false };
    }
  });
}

/** The answer text of chat or generate lines (done line included). */
const answerOf = (lines: readonly unknown[]): string =>
  lines
    .map((line) => text(field(field(line, "message"), "content")) + text(field(line, "response")))
    .join("");

const FAULT_MODELS = [
  "malformed:7b",
  "htmlbody:7b",
  "bigline:7b",
  "badutf8:7b",
  "reset:7b",
  "busy:7b",
  "xss:7b",
];

test("the fault models are listed in /api/tags", () =>
  withSimulator(async (own) => {
    const models = field(await getJson(own.url, "/api/tags"), "models");
    const names = Array.isArray(models) ? models.map((m: unknown) => field(m, "name")) : [];
    expect(names).toEqual(expect.arrayContaining(FAULT_MODELS));
  }));

describe.concurrent("malformed:7b", () => {
  test.concurrent("every 10th line is not JSON; the others carry the whole answer and done", () =>
    withSimulator(async (own) => {
      const response = await post(own.url, "/api/chat", chat("malformed:7b"));
      expect(response.status).toBe(200);
      // 120 token lines + the done line, with a garbage line in places 10, 20, … 130.
      expect(response.lines).toHaveLength(134);
      const parsed = tryParse(response);
      parsed.forEach((line, i) => expect(line.ok, `line ${i + 1}`).toBe((i + 1) % 10 !== 0));
      for (const line of response.lines.filter((_, i) => (i + 1) % 10 === 0)) {
        expect(line.text.trim()).not.toBe("");
      }
      expect(response.lines[9]?.text).toBe('{"model":"malformed:7b","created_at":"2026-');
      const good = parsed.flatMap((line) => (line.ok ? [line.value] : []));
      expect(answerOf(good)).toBe(answerText("malformed:7b"));
      expect(good.at(-1)).toMatchObject({ done: true, done_reason: "stop", eval_count: 121 });
      expect(lastRunOf(own, "malformed:7b")).toMatchObject({
        status: "done",
        tokensSent: 120,
        malformedLines: 13,
      });
      // The count is exposed over HTTP too.
      const runs = await getJson(own.url, "/__sim/runs");
      expect(Array.isArray(runs) ? field(runs.at(-1), "malformedLines") : undefined).toBe(13);
    }),
  );

  test.concurrent("generate with num_predict counts its own bad lines; stream:false is clean", () =>
    withSimulator(async (own) => {
      const response = await post(own.url, "/api/generate", {
        model: "malformed:7b",
        prompt: "hi",
        options: { num_predict: 25 },
      });
      // 25 token lines + done = 26 good lines; garbage in places 10, 20: 28 lines in all.
      expect(response.lines).toHaveLength(28);
      expect(tryParse(response).filter((line) => !line.ok)).toHaveLength(2);
      expect(lastRunOf(own, "malformed:7b").malformedLines).toBe(2);
      const blocking = await post(own.url, "/api/generate", {
        model: "malformed:7b",
        prompt: "hi",
        stream: false,
        options: { num_predict: 5 },
      });
      expect(field(JSON.parse(blocking.body), "done")).toBe(true);
    }),
  );
});

describe.concurrent("htmlbody:7b", () => {
  test.concurrent("a proxy's page: 200, text/html, at once, for chat and generate alike", () =>
    withSimulator(async (own) => {
      for (const [path, body] of [
        ["/api/chat", chat("htmlbody:7b")],
        ["/api/generate", { model: "htmlbody:7b", prompt: "hi", stream: false }],
      ] as const) {
        const response = await post(own.url, path, body);
        expect(response.status).toBe(200);
        expect(response.headers["content-type"]).toBe("text/html");
        expect(response.body).toBe(PROXY_PAGE);
        expect(response.headersAtMs - response.sentAtMs).toBeLessThan(100);
        expect(lastRunOf(own, "htmlbody:7b")).toMatchObject({ status: "error", httpStatus: 200 });
      }
      expect(own.state.residency.isLoaded("htmlbody:7b")).toBe(false);
    }),
  );
});

describe.concurrent("bigline:7b", () => {
  test.concurrent("one 1 MiB token in the middle of an ordinary stream", () =>
    withSimulator(async (own) => {
      const response = await post(own.url, "/api/generate", { model: "bigline:7b", prompt: "hi" });
      const lines = parseLines(response);
      expect(lines).toHaveLength(121);
      const big = response.lines[BIG_TOKEN_INDEX]?.text ?? "";
      expect(big.length).toBeGreaterThan(BIG_TOKEN_LENGTH);
      expect(text(lines[BIG_TOKEN_INDEX]?.response)).toHaveLength(BIG_TOKEN_LENGTH);
      expect(answerOf(lines)).toBe(answerText("bigline:7b"));
      expect(lines.at(-1)).toMatchObject({ done: true, eval_count: 121 });
    }),
  );
});

describe.concurrent("badutf8:7b", () => {
  test("each bad sequence decodes to exactly one U+FFFD, split anywhere or not", () => {
    for (const sequence of BAD_UTF8_SEQUENCES) {
      for (const after of ['"', " ", "v", "x"]) {
        const bytes = Uint8Array.from([...sequence, ...Buffer.from(after)]);
        expect(new TextDecoder().decode(bytes)).toBe(`\uFFFD${after}`);
        for (let cut = 0; cut <= bytes.length; cut++) {
          const decoder = new TextDecoder();
          const split =
            decoder.decode(bytes.subarray(0, cut), { stream: true }) +
            decoder.decode(bytes.subarray(cut));
          expect(split).toBe(`\uFFFD${after}`);
        }
      }
    }
    expect(answerText("badutf8:7b").split("\uFFFD")).toHaveLength(BAD_UTF8_SEQUENCES.length + 1);
  });

  test.concurrent("the stream carries raw invalid bytes; a lenient decoder shows the answer", () =>
    withSimulator(async (own) => {
      const response = await post(own.url, "/api/chat", chat("badutf8:7b"));
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(response.bytes)).toThrow();
      expect(response.bytes.includes(Buffer.from("\uFFFD"))).toBe(false);
      for (const sequence of BAD_UTF8_SEQUENCES) {
        expect(response.bytes.includes(Buffer.from(sequence))).toBe(true);
      }
      // A bad byte sits inside a JSON string, so every line is still JSON once decoded.
      expect(response.bytes.includes(Buffer.from([0xff, 0x22]))).toBe(true);
      const lines = parseLines(response);
      expect(lines).toHaveLength(121);
      expect(answerOf(lines)).toBe(answerText("badutf8:7b"));
    }),
  );

  test.concurrent("stream:false: the same bytes in the one JSON body", () =>
    withSimulator(async (own) => {
      const blocking = await post(own.url, "/api/chat", chat("badutf8:7b", { stream: false }));
      expect(blocking.bytes.includes(Buffer.from([0xff]))).toBe(true);
      expect(field(field(JSON.parse(blocking.body), "message"), "content")).toBe(
        answerText("badutf8:7b"),
      );
    }),
  );
});

describe.concurrent("reset:7b", () => {
  test.concurrent("15 tokens, then the connection is reset: no done, no clean end", () =>
    withSimulator(async (own) => {
      const response = await post(own.url, "/api/chat", chat("reset:7b"));
      expect(response.status).toBe(200);
      expect(response.broken).toBe(true);
      expect(response.errorCode).toBe("ECONNRESET");
      expect(response.lines).toHaveLength(15);
      expect(parseLines(response).every((line) => line.done === false)).toBe(true);
      expect(answerOf(parseLines(response))).toBe(
        scenarios["reset:7b"]?.answerTokens.slice(0, 15).join(""),
      );
      expect(lastRunOf(own, "reset:7b")).toMatchObject({
        status: "error",
        error: "connection reset",
        tokensSent: 15,
      });
      expect(own.state.stats().openStreams).toBe(0);
    }),
  );

  test.concurrent("stream:false: reset before any answer", () =>
    withSimulator(async (own) => {
      await expect(
        post(own.url, "/api/chat", chat("reset:7b", { stream: false })),
      ).rejects.toMatchObject({ code: "ECONNRESET" });
    }),
  );
});

describe.concurrent("busy:7b", () => {
  test.concurrent("503 with Ollama's exact text (two spaces), at once, never loaded", () =>
    withSimulator(async (own) => {
      for (const [path, body] of [
        ["/api/chat", chat("busy:7b")],
        ["/api/generate", { model: "busy:7b", prompt: "hi" }],
      ] as const) {
        const response = await post(own.url, path, body);
        expect(response.status).toBe(503);
        expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
        expect(response.body).toBe(
          '{"error":"server busy, please try again.  maximum pending requests exceeded"}',
        );
        expect(response.headersAtMs - response.sentAtMs).toBeLessThan(100);
        expect(lastRunOf(own, "busy:7b")).toMatchObject({ status: "error", httpStatus: 503 });
      }
      expect(own.state.residency.isLoaded("busy:7b")).toBe(false);
    }),
  );
});

describe.concurrent("xss:7b", () => {
  const answer = answerText("xss:7b");

  test("a long Markdown answer with every payload, a safe link, a wide table, a long word", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(25);
    for (const payload of XSS_PAYLOADS) expect(answer).toContain(payload);
    expect(answer).toContain(XSS_SAFE_LINK);
    expect(answer).toContain(` ${LONG_WORD}\n`.trimStart());
    const rows = answer.split("\n").filter((line) => /^\| r\d+c1 \|/.test(line));
    expect(rows).toHaveLength(TABLE_ROWS);
    for (const row of rows) expect(row.split(" | ")).toHaveLength(TABLE_COLUMNS);
    expect(scenarios["xss:7b"]?.tokensPerSecond).toBe(40);
    // "A few tokens" each: no payload arrives whole in one token.
    const tokens = scenarios["xss:7b"]?.answerTokens ?? [];
    for (const payload of XSS_PAYLOADS) {
      expect(tokens.some((token) => token.includes(payload))).toBe(false);
    }
  });

  test.concurrent(
    "on the wire, < > & are escaped as Go does (\\u003c), and the text is exact",
    () =>
      withSimulator(async (own) => {
        const response = await post(own.url, "/api/generate", {
          model: "xss:7b",
          prompt: "hi",
          options: { num_predict: 60 },
        });
        expect(response.body).not.toContain("<script>");
        expect(response.body).toContain("\\u003cscript");
        const lines = parseLines(response);
        expect(answerOf(lines)).toBe(scenarios["xss:7b"]?.answerTokens.slice(0, 60).join(""));
      }),
  );
});
