import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createOllamaClient } from "./client.ts";
import {
  IncompleteStreamError,
  isAbortError,
  NetworkError,
  OllamaHttpError,
  OllamaStreamError,
} from "./errors.ts";
import type { EventBatch, GenerationRequest, StreamEvent } from "./types.ts";
import {
  controlledStream,
  fakeFetch,
  ndjsonBytes,
  streamOf,
  vcrResponseBody,
  type FakeReply,
} from "../test/streams.ts";

const BASE = "http://localhost:11434";

function fixture(name: string): string {
  return readFileSync(new URL(`../test/fixtures/ollama/${name}`, import.meta.url), "utf8");
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
}

function ndjson(body: string | ReadableStream<Uint8Array>): Response {
  const stream = typeof body === "string" ? streamOf([body]) : body;
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson" } });
}

function clientWith(...replies: FakeReply[]) {
  const fake = fakeFetch(...replies);
  return { client: createOllamaClient({ baseUrl: BASE, fetch: fake.fetch }), fake };
}

function request(overrides: Partial<GenerationRequest> = {}): GenerationRequest {
  return {
    api: "chat",
    model: "llama3:8b",
    prompt: "Why is the sky blue?",
    stream: true,
    think: "unset",
    options: {},
    ...overrides,
  };
}

/** Every event, batches flattened. */
async function events(iterable: AsyncIterable<EventBatch>): Promise<StreamEvent[]> {
  const seen: StreamEvent[] = [];
  for await (const batch of iterable) seen.push(...batch.events);
  return seen;
}

/** Runs `work` and returns what it threw (failing the test if it did not throw). */
async function thrown(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error: unknown) {
    return error;
  }
  throw new Error("Expected an error, but none was thrown.");
}

const chunk = (content: string) => ({
  model: "m",
  created_at: "2025-07-30T20:13:53.535817Z",
  message: { role: "assistant", content },
  done: false,
});
const final = {
  model: "m",
  created_at: "2025-07-30T20:13:54.1Z",
  message: { role: "assistant", content: "" },
  done: true,
  done_reason: "stop",
  eval_count: 2,
  eval_duration: 40000000,
};

describe("generate: the request", () => {
  async function sentBody(overrides: Partial<GenerationRequest>): Promise<unknown> {
    const { client, fake } = clientWith(ndjson(ndjsonBytes([final])));
    await client.generate(request(overrides), new AbortController().signal);
    const body = fake.requests[0]?.body;
    return body === undefined ? undefined : JSON.parse(body);
  }

  it("posts a chat with a system and a user message, and no unset fields", async () => {
    const { client, fake } = clientWith(ndjson(ndjsonBytes([final])));
    const signal = new AbortController().signal;
    await client.generate(request({ system: "Be brief." }), signal);
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent?.url).toBe(`${BASE}/api/chat`);
    expect(sent?.method).toBe("POST");
    expect(sent?.signal).toBe(signal);
    // No Content-Type or any other header: a string body alone is a CORS simple request.
    expect(sent?.headers).toBeUndefined();
    expect(sent?.body).toBe(
      '{"model":"llama3:8b","messages":[{"role":"system","content":"Be brief."},' +
        '{"role":"user","content":"Why is the sky blue?"}],"stream":true}',
    );
  });

  it("sends no system message when the system text is empty", async () => {
    expect(await sentBody({ system: "" })).toEqual({
      model: "llama3:8b",
      messages: [{ role: "user", content: "Why is the sky blue?" }],
      stream: true,
    });
  });

  it("posts a generate request with prompt, system, think, options and keep_alive", async () => {
    const { client, fake } = clientWith(json({ model: "m", response: "", done: true }));
    await client.generate(
      request({
        api: "generate",
        system: "Be brief.",
        stream: false,
        think: "off",
        options: { temperature: 0, num_ctx: 8192, seed: undefined },
        keepAlive: "5m",
      }),
      new AbortController().signal,
    );
    expect(fake.requests[0]?.url).toBe(`${BASE}/api/generate`);
    expect(fake.requests[0]?.headers).toBeUndefined();
    expect(JSON.parse(fake.requests[0]?.body ?? "")).toStrictEqual({
      model: "llama3:8b",
      prompt: "Why is the sky blue?",
      system: "Be brief.",
      stream: false,
      think: false,
      options: { temperature: 0, num_ctx: 8192 },
      keep_alive: "5m",
    });
  });

  it.each([
    ["unset", undefined],
    ["off", false],
    ["on", true],
    ["low", "low"],
    ["medium", "medium"],
    ["high", "high"],
  ] as const)("maps think %s to %s", async (think, wire) => {
    const body = await sentBody({ think });
    expect(body).toHaveProperty("stream", true);
    if (wire === undefined) expect(body).not.toHaveProperty("think");
    else expect(body).toHaveProperty("think", wire);
  });

  it("sends every option that is set, and keep_alive 0 (unload now)", async () => {
    const options = {
      temperature: 0.7,
      seed: 42,
      num_predict: -1,
      num_ctx: 4096,
      top_k: 40,
      top_p: 0.9,
    };
    const body = await sentBody({ options, keepAlive: 0 });
    expect(body).toHaveProperty("options", options);
    expect(body).toHaveProperty("keep_alive", 0);
  });

  it("omits options when none is set", async () => {
    expect(await sentBody({ options: { temperature: undefined } })).not.toHaveProperty("options");
  });

  it("normalises the base URL", async () => {
    const fake = fakeFetch(json({ version: "0.13.5" }));
    const client = createOllamaClient({
      baseUrl: "  http://127.0.0.1:11434//  ",
      fetch: fake.fetch,
    });
    expect(client.baseUrl).toBe("http://127.0.0.1:11434");
    await client.version();
    expect(fake.requests[0]?.url).toBe("http://127.0.0.1:11434/api/version");
    expect(fake.requests[0]?.method).toBe("GET");
    expect(fake.requests[0]?.headers).toBeUndefined();
  });
});

describe("fetch resolution", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("looks globalThis.fetch up at call time, not when the client is made", async () => {
    const client = createOllamaClient({ baseUrl: BASE });
    const fake = fakeFetch(json({ version: "0.13.5" }));
    vi.stubGlobal("fetch", fake.fetch);
    expect(await client.version()).toBe("0.13.5");
    expect(fake.requests).toHaveLength(1);
  });

  it("says when the generation request is handed to fetch, just before the call", async () => {
    const order: string[] = [];
    const fake = fakeFetch(ndjson(fixture("01-api-chat-stream-tail-phi3-2024-07.ndjson")));
    const client = createOllamaClient({
      baseUrl: BASE,
      fetch: (input, init) => {
        order.push("fetch");
        return fake.fetch(input, init);
      },
    });
    await client.generate(request(), new AbortController().signal, {
      onSent: (atMs) => order.push(`sent ${String(atMs)}`),
    });
    expect(order).toEqual(["sent undefined", "fetch"]);
  });

  it("calls an injected fetch without binding it to the options object", async () => {
    const fake = fakeFetch(json({ version: "0.13.5" }));
    // Browsers' fetch throws "Illegal invocation" when `this` is some other object.
    function browserLikeFetch(this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
      return fake.fetch(input, init);
    }
    const client = createOllamaClient({ baseUrl: BASE, fetch: browserLikeFetch });
    expect(await client.version()).toBe("0.13.5");
  });
});

describe("errors before the body", () => {
  // Bodies copied from ollama-protocol.md §3.1 (HEAD wording).
  it.each([
    [400, "model is required"],
    [404, "model 'nope' not found"],
    [500, 'option "num_ctx" must be of type integer'],
    [503, "server busy, please try again.  maximum pending requests exceeded"],
  ])("turns HTTP %i with Ollama's JSON error into OllamaHttpError", async (status, message) => {
    const { client } = clientWith(json({ error: message }, status));
    const error = await thrown(() => client.generate(request(), new AbortController().signal));
    expect(error).toBeInstanceOf(OllamaHttpError);
    expect(error).toMatchObject({ status, message });
  });

  it("uses gin's text/plain body for an unknown path", async () => {
    const { client } = clientWith(
      new Response("404 page not found", {
        status: 404,
        headers: { "Content-Type": "text/plain" },
      }),
    );
    const error = await thrown(() => client.listModels());
    expect(error).toBeInstanceOf(OllamaHttpError);
    expect(error).toMatchObject({ status: 404, message: "404 page not found" });
  });

  it("uses the status text for an empty body (a refused origin gets 403 with nothing)", async () => {
    const { client } = clientWith(new Response(null, { status: 403, statusText: "Forbidden" }));
    const error = await thrown(() => client.version());
    expect(error).toMatchObject({ status: 403, message: "Forbidden" });
  });

  it("caps a long non-JSON error body", async () => {
    const page = `<html><body>${"x".repeat(1000)}</body></html>`;
    const { client } = clientWith(new Response(page, { status: 502, statusText: "Bad Gateway" }));
    const error = await thrown(() => client.version());
    expect(error).toBeInstanceOf(OllamaHttpError);
    const message = error instanceof Error ? error.message : "";
    expect(message.startsWith("<html><body>xxx")).toBe(true);
    expect(message.length).toBeLessThanOrEqual(301);
  });

  it("turns a fetch TypeError into a NetworkError naming the URL", async () => {
    const refused = new TypeError("Failed to fetch");
    const { client } = clientWith({ reject: refused });
    const error = await thrown(() => client.generate(request(), new AbortController().signal));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toHaveProperty("message", `Could not reach Ollama at ${BASE}: Failed to fetch`);
    expect(error).toHaveProperty("cause", refused);
  });

  it("rethrows an abort while waiting for the headers untouched", async () => {
    let answered: (response: Response) => void = () => {};
    const { client, fake } = clientWith(
      () => new Promise<Response>((resolve) => (answered = resolve)),
    );
    const abort = new AbortController();
    const pending = client.generate(request(), abort.signal);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    const reason = new DOMException("Stopped by the user", "AbortError");
    abort.abort(reason);
    expect(await thrown(() => pending)).toBe(reason);
    answered(ndjson(ndjsonBytes([final]))); // too late: nobody reads it
  });

  it("rethrows an AbortError from the fetch itself (e.g. its own timeout) untouched", async () => {
    const timeout = new DOMException("The operation timed out.", "TimeoutError");
    const { client } = clientWith({ reject: timeout });
    expect(await thrown(() => client.generate(request(), new AbortController().signal))).toBe(
      timeout,
    );
  });

  it("reports an abort as an AbortError even if the fetch rejects with something else", async () => {
    const abort = new AbortController();
    const { client } = clientWith(() => {
      abort.abort();
      throw new TypeError("Failed to fetch");
    });
    const error = await thrown(() => client.generate(request(), abort.signal));
    expect(isAbortError(error)).toBe(true);
  });
});

describe("generate: streaming", () => {
  it("yields the chunks and the done event of a recorded chat stream", async () => {
    const { client } = clientWith(ndjson(fixture("01-api-chat-stream-tail-phi3-2024-07.ndjson")));
    const seen = await events(await client.generate(request(), new AbortController().signal));
    expect(seen.map((event) => event.type)).toEqual([
      "chunk",
      "chunk",
      "chunk",
      "chunk",
      "chunk",
      "done",
    ]);
    expect(seen.map((event) => (event.type === "malformed" ? "" : event.content)).join("")).toBe(
      " these times of day.",
    );
    expect(seen[5]).toMatchObject({ type: "done", stats: { evalCount: 239, doneReason: "stop" } });
  });

  it("reads a recorded generate stream", async () => {
    const { client } = clientWith(
      ndjson(fixture("02-api-generate-stream-tail-phi3-2024-07.ndjson")),
    );
    const seen = await events(
      await client.generate(request({ api: "generate" }), new AbortController().signal),
    );
    expect(seen).toHaveLength(5);
    expect(seen[4]).toMatchObject({ type: "done", stats: { evalDurationNs: 3237325000 } });
  });

  it("resolves when the headers arrive, before any line", async () => {
    const body = controlledStream();
    const { client } = clientWith(ndjson(body.stream));
    const iterable = await client.generate(request(), new AbortController().signal);
    const iterator = iterable[Symbol.asyncIterator]();
    const next = iterator.next();
    body.push(ndjsonBytes([chunk("Hel")]));
    expect(await next).toEqual({
      done: false,
      value: {
        events: [{ type: "chunk", content: "Hel", thinking: "", createdAt: chunk("").created_at }],
      },
    });
  });

  it("yields the events of one network read as one batch, in order", async () => {
    const body = controlledStream();
    const { client } = clientWith(ndjson(body.stream));
    const iterator = (await client.generate(request(), new AbortController().signal))[
      Symbol.asyncIterator
    ]();
    const nextBatch = async (): Promise<string[]> => {
      const next = await iterator.next();
      if (next.done === true) throw new Error("the stream ended early");
      return next.value.events.map((e) => (e.type === "chunk" ? e.content : e.type));
    };
    body.push(ndjsonBytes([chunk("A"), chunk("B"), chunk("C")]) + '{"mod');
    expect(await nextBatch()).toEqual(["A", "B", "C"]);
    // The rest of the split line and the final line: one more read, one more batch.
    body.push(ndjsonBytes([chunk("D"), final]).slice('{"mod'.length));
    expect(await nextBatch()).toEqual(["D", "done"]);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it("yields chunks, then throws OllamaStreamError on an error line", async () => {
    const text = ndjsonBytes([
      chunk("A"),
      chunk("B"),
      { error: "an error was encountered while running the model" },
    ]);
    const { client } = clientWith(ndjson(text));
    const seen: StreamEvent[] = [];
    const error = await thrown(async () => {
      for await (const batch of await client.generate(request(), new AbortController().signal)) {
        seen.push(...batch.events);
      }
    });
    expect(seen.map((event) => event.type)).toEqual(["chunk", "chunk"]);
    expect(error).toBeInstanceOf(OllamaStreamError);
    expect(error).toHaveProperty("message", "an error was encountered while running the model");
  });

  it("throws IncompleteStreamError when the body ends without done", async () => {
    const { client } = clientWith(ndjson(ndjsonBytes([chunk("A"), chunk("B")])));
    const seen: StreamEvent[] = [];
    const error = await thrown(async () => {
      for await (const batch of await client.generate(request(), new AbortController().signal)) {
        seen.push(...batch.events);
      }
    });
    expect(seen).toHaveLength(2);
    expect(error).toBeInstanceOf(IncompleteStreamError);
  });

  it("reports bad lines as malformed events and goes on", async () => {
    const text = `${ndjsonBytes([chunk("A")])}{"trunc\n{"status":"pulling manifest"}\n${ndjsonBytes([final])}`;
    const { client } = clientWith(ndjson(text));
    const seen = await events(await client.generate(request(), new AbortController().signal));
    expect(seen).toEqual([
      expect.objectContaining({ type: "chunk", content: "A" }),
      { type: "malformed", line: '{"trunc', reason: expect.any(String) as unknown },
      {
        type: "malformed",
        line: '{"status":"pulling manifest"}',
        reason: "Not an /api/chat answer",
      },
      expect.objectContaining({ type: "done" }),
    ]);
  });

  it("stops at done, ignores what follows and cancels the body", async () => {
    const body = controlledStream();
    body.push(ndjsonBytes([chunk("A"), final, chunk("after done")]));
    const { client } = clientWith(ndjson(body.stream));
    const seen = await events(await client.generate(request(), new AbortController().signal));
    expect(seen.map((event) => event.type)).toEqual(["chunk", "done"]);
    await expect(body.cancelled).resolves.toBeUndefined();
  });

  it("treats a single load answer without a trailing newline as the final line", async () => {
    const load =
      '{"model":"m","created_at":"2025-07-30T20:13:53Z","response":"","done":true,"done_reason":"load"}';
    const { client } = clientWith(json(JSON.parse(load)));
    const seen = await events(
      await client.generate(request({ api: "generate", prompt: "" }), new AbortController().signal),
    );
    expect(seen).toEqual([
      {
        type: "done",
        content: "",
        thinking: "",
        createdAt: "2025-07-30T20:13:53Z",
        stats: {
          doneReason: "load",
          totalDurationNs: undefined,
          loadDurationNs: undefined,
          promptEvalCount: undefined,
          promptEvalDurationNs: undefined,
          evalCount: undefined,
          evalDurationNs: undefined,
        },
      },
    ]);
  });

  it("cancels the body and throws an AbortError when aborted mid-stream", async () => {
    const body = controlledStream();
    const { client } = clientWith(ndjson(body.stream));
    const abort = new AbortController();
    const iterator = (await client.generate(request(), abort.signal))[Symbol.asyncIterator]();
    body.push(ndjsonBytes([chunk("A")]));
    expect(await iterator.next()).toMatchObject({
      value: { events: [{ type: "chunk", content: "A" }] },
    });
    const next = iterator.next();
    abort.abort();
    expect(isAbortError(await thrown(() => next))).toBe(true);
    expect(body.isCancelled()).toBe(true);
  });

  it("throws NetworkError when the connection drops mid-stream", async () => {
    const body = controlledStream();
    const { client } = clientWith(ndjson(body.stream));
    const iterator = (await client.generate(request(), new AbortController().signal))[
      Symbol.asyncIterator
    ]();
    body.push(ndjsonBytes([chunk("A")]));
    await iterator.next();
    body.fail(new TypeError("network error"));
    const error = await thrown(() => iterator.next());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toHaveProperty(
      "message",
      "The connection broke while reading the answer: network error",
    );
  });
});

describe("generate: stream false", () => {
  const recorded = vcrResponseBody(fixture("03-api-chat-nonstream-llama3-2025-06.vcr.yml"));

  it("yields one done event with the whole recorded answer", async () => {
    // The unfolded YAML string is byte-exact: its length matches the recorded Content-Length.
    expect(new TextEncoder().encode(recorded).length).toBe(1682);
    const { client } = clientWith(
      new Response(recorded, { headers: { "Content-Type": "application/json; charset=utf-8" } }),
    );
    const seen = await events(
      await client.generate(request({ stream: false }), new AbortController().signal),
    );
    expect(seen).toHaveLength(1);
    const [event] = seen;
    expect(event?.type).toBe("done");
    if (event?.type !== "done") return;
    expect(event.content.startsWith("A sweet question!\n\nThe pH of honey")).toBe(true);
    expect(event.content).toContain("It's worth noting");
    expect(event.content.endsWith("Journal of Apicultural Research, 52(1), 15-20.")).toBe(true);
    expect(event.createdAt).toBe("2025-06-28T04:14:24.642830704Z");
    expect(event.stats).toEqual({
      doneReason: "stop",
      totalDurationNs: 579168209073,
      loadDurationNs: 5401885674,
      promptEvalCount: 17,
      promptEvalDurationNs: 21730375963,
      evalCount: 358,
      evalDurationNs: 552034145799,
    });
  });

  it("carries the full thinking text of a blocking answer", async () => {
    const { client } = clientWith(
      json({ model: "m", response: "42", thinking: "Let me think.", done: true }),
    );
    const seen = await events(
      await client.generate(
        request({ api: "generate", stream: false }),
        new AbortController().signal,
      ),
    );
    expect(seen).toMatchObject([{ type: "done", content: "42", thinking: "Let me think." }]);
  });

  it("throws OllamaStreamError for a 200 whose body is an error object", async () => {
    const { client } = clientWith(json({ error: "model runner has unexpectedly stopped" }));
    const iterable = await client.generate(
      request({ stream: false }),
      new AbortController().signal,
    );
    const error = await thrown(() => events(iterable));
    expect(error).toBeInstanceOf(OllamaStreamError);
    expect(error).toHaveProperty("message", "model runner has unexpectedly stopped");
  });

  it("says clearly when the answer is not JSON", async () => {
    const { client } = clientWith(new Response("<!doctype html><title>Proxy</title>"));
    const iterable = await client.generate(
      request({ stream: false }),
      new AbortController().signal,
    );
    const error = await thrown(() => events(iterable));
    expect(error).toHaveProperty(
      "message",
      "Ollama's answer was not JSON: <!doctype html><title>Proxy</title>",
    );
  });

  it("throws an AbortError when aborted while the answer is read", async () => {
    const body = controlledStream();
    const { client } = clientWith(new Response(body.stream));
    const abort = new AbortController();
    const iterable = await client.generate(request({ stream: false }), abort.signal);
    body.push('{"model":"m","message":');
    const pending = events(iterable);
    abort.abort();
    expect(isAbortError(await thrown(() => pending))).toBe(true);
  });
});

describe("one-off answers", () => {
  const llama = {
    name: "llama3:8b",
    model: "llama3:8b",
    modified_at: "2025-02-03T13:21:07.370797119-08:00",
    size: 4661224676,
    digest: "365c0bd3c000a25d28ddbf732fe1c6add414de7275464c4e4d1c3b5fcb5d8ad1",
    details: {
      parent_model: "",
      format: "gguf",
      family: "llama",
      families: ["llama"],
      parameter_size: "8.0B",
      quantization_level: "Q4_0",
    },
  };

  it("lists installed models, tolerating families: null and unknown fields", async () => {
    const cloud = {
      name: "gpt-oss:120b-cloud",
      model: "gpt-oss:120b-cloud",
      remote_model: "gpt-oss:120b",
      remote_host: "https://ollama.com:443",
      capabilities: ["completion", "thinking"],
      details: { family: "gptoss", families: null, parameter_size: "116.8B" },
    };
    const { client, fake } = clientWith(json({ models: [llama, cloud] }));
    expect(await client.listModels()).toEqual([
      {
        name: "llama3:8b",
        parameterSize: "8.0B",
        quantizationLevel: "Q4_0",
        family: "llama",
        sizeBytes: 4661224676,
        modifiedAt: "2025-02-03T13:21:07.370797119-08:00",
      },
      {
        name: "gpt-oss:120b-cloud",
        parameterSize: "116.8B",
        quantizationLevel: undefined,
        family: "gptoss",
        sizeBytes: undefined,
        modifiedAt: undefined,
      },
    ]);
    expect(fake.requests[0]).toMatchObject({ url: `${BASE}/api/tags`, method: "GET" });
  });

  it("lists no models for an empty install", async () => {
    const { client } = clientWith(json({ models: [] }));
    expect(await client.listModels()).toEqual([]);
  });

  it("reads the recorded /api/ps answer (CPU only, before context_length existed)", async () => {
    const recorded = vcrResponseBody(fixture("04-api-ps-llama3-2025-02.vcr.yml"));
    const { client, fake } = clientWith(new Response(recorded));
    expect(await client.listRunning()).toEqual([
      {
        name: "llama3:8b",
        sizeBytes: 6175090688,
        sizeVramBytes: 0,
        expiresAt: "2025-02-07T14:57:13.613751814-08:00",
        contextLength: undefined,
      },
    ]);
    expect(fake.requests[0]?.url).toBe(`${BASE}/api/ps`);
  });

  it("reads context_length from a newer /api/ps", async () => {
    const loaded = { ...llama, size_vram: 21579390080, context_length: 4096 };
    const { client } = clientWith(json({ models: [loaded] }));
    expect(await client.listRunning()).toMatchObject([{ contextLength: 4096 }]);
  });

  it("posts /api/show without headers and reads details, capabilities and context length", async () => {
    const { client, fake } = clientWith(
      json({
        license: "…",
        parameters: 'stop "<|eot_id|>"',
        details: { ...llama.details, families: null },
        model_info: { "general.architecture": "llama", "llama.context_length": 8192 },
        capabilities: ["completion", "tools"],
        tensors: [{ name: "token_embd.weight", type: "Q4_0", shape: [4096, 128256] }],
      }),
    );
    expect(await client.showModel("llama3:8b")).toEqual({
      capabilities: ["completion", "tools"],
      contextLength: 8192,
      parameterSize: "8.0B",
      quantizationLevel: "Q4_0",
      family: "llama",
    });
    expect(fake.requests[0]).toMatchObject({
      url: `${BASE}/api/show`,
      method: "POST",
      body: '{"model":"llama3:8b"}',
      headers: undefined,
    });
  });

  it("leaves capabilities undefined for a server older than v0.6.4", async () => {
    const { client } = clientWith(json({ details: llama.details }));
    expect(await client.showModel("llama3:8b")).toMatchObject({
      capabilities: undefined,
      contextLength: undefined,
      family: "llama",
    });
  });

  it("throws OllamaHttpError for an unknown model", async () => {
    const { client } = clientWith(json({ error: "model 'x:latest' not found" }, 404));
    expect(await thrown(() => client.showModel("x"))).toMatchObject({
      name: "OllamaHttpError",
      status: 404,
      message: "model 'x:latest' not found",
    });
  });

  it("reads the version", async () => {
    const { client } = clientWith(json({ version: "0.13.5" }));
    expect(await client.version()).toBe("0.13.5");
  });

  it("says when something other than Ollama answers with HTML", async () => {
    const { client } = clientWith(
      new Response("<!doctype html><html><head><title>Vite</title></head></html>", {
        headers: { "Content-Type": "text/html" },
      }),
    );
    expect(await thrown(() => client.version())).toHaveProperty(
      "message",
      `The server at ${BASE}/api/version answered, but not like Ollama: <!doctype html><html><head><title>Vite</title></head></html>`,
    );
  });

  it("says when the JSON is not Ollama's", async () => {
    const { client } = clientWith(json({ data: [] }));
    expect(await thrown(() => client.listModels())).toHaveProperty(
      "message",
      `The server at ${BASE}/api/tags answered, but not like Ollama: models: expected array, received undefined`,
    );
  });
});

describe("unload", () => {
  const unloaded = {
    model: "llama3:8b",
    created_at: "2025-07-30T20:13:54.1Z",
    response: "",
    done: true,
    done_reason: "unload",
  };

  it("posts an empty prompt with keep_alive 0 to /api/generate, without headers", async () => {
    const { client, fake } = clientWith(json(unloaded));
    const signal = new AbortController().signal;
    await expect(client.unload("llama3:8b", signal)).resolves.toBeUndefined();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      url: `${BASE}/api/generate`,
      method: "POST",
      headers: undefined,
      signal,
    });
    expect(fake.requests[0]?.body).toBe('{"model":"llama3:8b","prompt":"","keep_alive":0}');
  });

  it("accepts an answer without done_reason (servers before v0.1.35)", async () => {
    const { client } = clientWith(json({ model: "m", response: "", done: true }));
    await expect(client.unload("m")).resolves.toBeUndefined();
  });

  it("refuses an answer that says the model was loaded instead", async () => {
    const { client } = clientWith(json({ ...unloaded, done_reason: "load" }));
    expect(await thrown(() => client.unload("llama3:8b"))).toHaveProperty(
      "message",
      `The server at ${BASE}/api/generate answered, but not like Ollama: done_reason was "load", not "unload"`,
    );
  });

  it("refuses a body that is not a JSON object", async () => {
    const { client } = clientWith(json([1, 2]));
    expect(await thrown(() => client.unload("m"))).toHaveProperty(
      "message",
      `The server at ${BASE}/api/generate answered, but not like Ollama: expected a JSON object`,
    );
  });

  it("throws OllamaHttpError with Ollama's message for a model that is not installed", async () => {
    const { client } = clientWith(json({ error: "model 'nope:latest' not found" }, 404));
    const error = await thrown(() => client.unload("nope"));
    expect(error).toBeInstanceOf(OllamaHttpError);
    expect(error).toMatchObject({ status: 404, message: "model 'nope:latest' not found" });
  });

  it("throws OllamaStreamError for a 200 whose body is an error object", async () => {
    const { client } = clientWith(json({ error: "something broke" }));
    const error = await thrown(() => client.unload("m"));
    expect(error).toBeInstanceOf(OllamaStreamError);
    expect(error).toHaveProperty("message", "something broke");
  });

  it("throws NetworkError when Ollama cannot be reached", async () => {
    const { client } = clientWith({ reject: new TypeError("Failed to fetch") });
    expect(await thrown(() => client.unload("m"))).toBeInstanceOf(NetworkError);
  });

  it("rethrows an abort as an AbortError", async () => {
    const controller = new AbortController();
    const { client } = clientWith(() => new Promise<Response>(() => {}));
    const pending = thrown(() => client.unload("m", controller.signal));
    controller.abort();
    expect(isAbortError(await pending)).toBe(true);
  });
});

describe("createOllamaClient: a 200 that is an HTML page", () => {
  it("is refused with a clear message, not read as unreadable lines", async () => {
    const { fetch } = fakeFetch(
      new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
        status: 200,
        headers: { "Content-Type": "text/html; charset=utf-8" },
      }),
    );
    const client = createOllamaClient({ baseUrl: "http://ollama.test", fetch });
    await expect(
      client.generate(
        { api: "chat", model: "m", prompt: "hi", stream: true, think: "unset", options: {} },
        new AbortController().signal,
      ),
    ).rejects.toThrow(/answered with an HTML page instead of Ollama's answer.*502 Bad Gateway/);
  });
});
