/**
 * The simulated models, keyed by name. Each one's text is deterministic, so tests can compare what a
 * client shows with `answerText(model)` / `thinkingText(model)`.
 */
import { createHash } from "node:crypto";
import {
  BAD_UTF8_SEQUENCES,
  badUtf8Tokens,
  bigLineTokens,
  PROXY_PAGE,
  xssTokens,
} from "./fault-texts.ts";
import { tokenText } from "./words.ts";

export type Capability = "completion" | "tools" | "insert" | "vision" | "embedding" | "thinking";

export interface ModelDetails {
  parent_model: string;
  format: "gguf";
  family: string;
  families: string[];
  parameter_size: string;
  quantization_level: string;
}

export interface Scenario {
  name: string;
  details: ModelDetails;
  /** On-disk size in bytes (/api/tags). */
  sizeBytes: number;
  /** Memory footprint once loaded (/api/ps `size`). */
  loadedSizeBytes: number;
  digest: string;
  /** Go-style local modification time, as epoch nanoseconds. */
  modifiedAtNs: bigint;
  capabilities: Capability[];
  /** `general.architecture` in /api/show. */
  architecture: string;
  parameterCount: number;
  /** The context length the model was trained with (`<arch>.context_length`). */
  trainedContextLength: number;
  embeddingLength: number;
  blockCount: number;
  template: string;
  parameters: string;
  tokensPerSecond: number;
  answerTokens: readonly string[];
  thinkingTokens?: readonly string[];
  /** Applies only when the model is not loaded. */
  loadMs: number;
  promptEvalMs: number;
  /** Writes `{"error": errorMessage}` after this many tokens and closes (no done line). */
  errorAfterTokens?: number;
  errorMessage?: string;
  /** Sends nothing more after this many tokens until the client goes away (or 10 minutes). */
  stallAfterTokens?: number;
  /** Ends the response cleanly after this many tokens, with no done line. */
  cutoffAfterTokens?: number;
  /** Fails to load: HTTP 500 with `loadError` after loadMs. */
  loadError?: string;
  /** Resets the connection (TCP RST, no end of the body) after this many tokens. */
  resetAfterTokens?: number;
  /**
   * In a stream, every `malformedEvery`-th line is garbage that is not JSON. These lines come in
   * addition to the token lines, so the text of the good lines is still the whole answer.
   */
  malformedEvery?: number;
  /**
   * Raw bytes that are not valid UTF-8: the i-th U+FFFD of the answer goes out as the i-th of these
   * sequences, each of which a UTF-8 decoder (WHATWG, replacement mode) turns back into one U+FFFD.
   */
  invalidUtf8?: readonly (readonly number[])[];
  /** Chat/generate answer at once (no load) with this status and Ollama error body. */
  rejectWith?: { status: number; error: string };
  /** Chat/generate answer at once with 200, `Content-Type: text/html` and this page (a proxy). */
  htmlPage?: string;
}

const digestOf = (name: string): string => createHash("sha256").update(`sim:${name}`).digest("hex");
const DAY_NS = 86_400_000_000_000n;
/** 2026-11-21T09:14:07.123456789Z, the newest modification time; older models step back from it. */
const NEWEST_NS = 1_795_252_447_123_456_789n;

const LLAMA_TEMPLATE =
  "<|start_header_id|>system<|end_header_id|>\n\n{{ .System }}<|eot_id|>" +
  "<|start_header_id|>user<|end_header_id|>\n\n{{ .Prompt }}<|eot_id|>" +
  "<|start_header_id|>assistant<|end_header_id|>\n\n{{ .Response }}<|eot_id|>";
const QWEN_TEMPLATE =
  "{{- if .System }}<|im_start|>system\n{{ .System }}<|im_end|>\n{{ end }}" +
  "<|im_start|>user\n{{ .Prompt }}<|im_end|>\n<|im_start|>assistant\n{{ .Response }}<|im_end|>";

/** /api/show `parameters`: Go's `%-30s %s` lines. */
function parameterText(entries: [string, string][]): string {
  return entries.map(([key, value]) => `${key.padEnd(30)} ${value}`).join("\n");
}
const LLAMA_PARAMETERS = parameterText([
  ["stop", '"<|start_header_id|>"'],
  ["stop", '"<|end_header_id|>"'],
  ["stop", '"<|eot_id|>"'],
]);
const QWEN_PARAMETERS = parameterText([
  ["repeat_penalty", "1"],
  ["stop", '"<|im_start|>"'],
  ["stop", '"<|im_end|>"'],
  ["temperature", "0.6"],
  ["top_k", "20"],
  ["top_p", "0.95"],
]);

interface Family {
  details: Omit<ModelDetails, "parameter_size" | "quantization_level">;
  architecture: string;
  template: string;
  parameters: string;
  trainedContextLength: number;
}
const LLAMA: Family = {
  details: { parent_model: "", format: "gguf", family: "llama", families: ["llama"] },
  architecture: "llama",
  template: LLAMA_TEMPLATE,
  parameters: LLAMA_PARAMETERS,
  trainedContextLength: 131072,
};
const QWEN3: Family = {
  details: { parent_model: "", format: "gguf", family: "qwen3", families: ["qwen3"] },
  architecture: "qwen3",
  template: QWEN_TEMPLATE,
  parameters: QWEN_PARAMETERS,
  trainedContextLength: 40960,
};
const QWEN2: Family = {
  details: { parent_model: "", format: "gguf", family: "qwen2", families: ["qwen2"] },
  architecture: "qwen2",
  template: QWEN_TEMPLATE,
  parameters: QWEN_PARAMETERS,
  trainedContextLength: 131072,
};

interface Spec {
  name: string;
  family: Family;
  parameterSize: string;
  quantization: string;
  parameterCount: number;
  sizeBytes: number;
  embeddingLength: number;
  blockCount: number;
  ageDays: number;
  capabilities?: Capability[];
  tokensPerSecond: number;
  answerTokens: readonly string[];
  thinkingTokens?: readonly string[];
  loadMs: number;
  promptEvalMs: number;
  extra?: Partial<Scenario>;
}

function scenario(spec: Spec): Scenario {
  const result: Scenario = {
    name: spec.name,
    details: {
      ...spec.family.details,
      families: [...spec.family.details.families],
      parameter_size: spec.parameterSize,
      quantization_level: spec.quantization,
    },
    sizeBytes: spec.sizeBytes,
    loadedSizeBytes: Math.round(spec.sizeBytes * 1.18) + 268_435_456,
    digest: digestOf(spec.name),
    // A few hours and some nanoseconds apart, so the order and the fractions are realistic.
    modifiedAtNs:
      NEWEST_NS - BigInt(spec.ageDays) * DAY_NS - BigInt(spec.ageDays * 3_607_000_123_457),
    capabilities: spec.capabilities ?? ["completion"],
    architecture: spec.family.architecture,
    parameterCount: spec.parameterCount,
    trainedContextLength: spec.family.trainedContextLength,
    embeddingLength: spec.embeddingLength,
    blockCount: spec.blockCount,
    template: spec.family.template,
    parameters: spec.family.parameters,
    tokensPerSecond: spec.tokensPerSecond,
    answerTokens: spec.answerTokens,
    loadMs: spec.loadMs,
    promptEvalMs: spec.promptEvalMs,
    ...spec.extra,
  };
  if (spec.thinkingTokens) result.thinkingTokens = spec.thinkingTokens;
  return result;
}

/** The steady model's text carries characters Go escapes (`<`, `>`, `&`) and multibyte ones. */
const STEADY_LEAD = [
  "Streaming",
  " text",
  " with",
  " <b>",
  "tags",
  "</b>",
  ",",
  " a",
  " café",
  " &",
  " a",
  " dash",
  " —",
  " all",
  " escaped",
  ".",
];
const STEADY_SPECIALS = [" x < y", " &", " naïve", " y > z", "…", " <tag>", " —"];
const SEVEN_B = {
  family: LLAMA,
  parameterSize: "7.2B",
  quantization: "Q4_0",
  parameterCount: 7_241_732_096,
  sizeBytes: 4_113_301_824,
  embeddingLength: 4096,
  blockCount: 32,
  tokensPerSecond: 40,
  promptEvalMs: 120,
} as const;
const sevenBText = (seed: number): string[] => tokenText({ seed, count: 120 });

const OLD_THINKER_TOKENS = [
  "<think>",
  ...tokenText({ seed: 707, count: 20, lead: ["\n", "Okay", ",", " the", " user", " wants"] }),
  "</think>",
  ...tokenText({ seed: 708, count: 30, lead: ["\n\n", "Sure", ","] }),
];

const specs: Spec[] = [
  {
    name: "steady:8b",
    family: LLAMA,
    parameterSize: "8.0B",
    quantization: "Q4_K_M",
    parameterCount: 8_030_261_248,
    sizeBytes: 4_920_753_328,
    embeddingLength: 4096,
    blockCount: 32,
    ageDays: 0,
    tokensPerSecond: 40,
    answerTokens: tokenText({ seed: 8, count: 120, lead: STEADY_LEAD, specials: STEADY_SPECIALS }),
    loadMs: 600,
    promptEvalMs: 150,
  },
  {
    name: "fast:1b",
    family: LLAMA,
    parameterSize: "1.2B",
    quantization: "Q8_0",
    parameterCount: 1_235_814_432,
    sizeBytes: 1_321_098_329,
    embeddingLength: 2048,
    blockCount: 16,
    ageDays: 1,
    tokensPerSecond: 2000,
    answerTokens: tokenText({ seed: 1, count: 60_000, specials: [" &", " <", " >", " é"] }),
    loadMs: 200,
    promptEvalMs: 20,
  },
  {
    name: "thinker:14b",
    family: QWEN3,
    parameterSize: "14.8B",
    quantization: "Q4_K_M",
    parameterCount: 14_768_307_200,
    sizeBytes: 9_276_198_565,
    embeddingLength: 5120,
    blockCount: 40,
    ageDays: 2,
    capabilities: ["completion", "thinking"],
    tokensPerSecond: 50,
    thinkingTokens: tokenText({ seed: 14, count: 40, lead: ["Okay", ",", " the", " user"] }),
    answerTokens: tokenText({ seed: 15, count: 60, lead: ["The", " answer"] }),
    loadMs: 1200,
    promptEvalMs: 200,
  },
  {
    name: "oldthinker:7b",
    family: QWEN2,
    parameterSize: "7.6B",
    quantization: "Q4_K_M",
    parameterCount: 7_615_616_512,
    sizeBytes: 4_683_075_271,
    embeddingLength: 3584,
    blockCount: 28,
    ageDays: 3,
    tokensPerSecond: 40,
    answerTokens: OLD_THINKER_TOKENS,
    loadMs: 800,
    promptEvalMs: 120,
  },
  {
    name: "slowload:13b",
    family: LLAMA,
    parameterSize: "13.0B",
    quantization: "Q4_0",
    parameterCount: 13_015_864_320,
    sizeBytes: 7_365_960_935,
    embeddingLength: 5120,
    blockCount: 40,
    ageDays: 4,
    tokensPerSecond: 40,
    answerTokens: tokenText({ seed: 13, count: 120 }),
    loadMs: 3000,
    promptEvalMs: 150,
  },
  {
    ...SEVEN_B,
    name: "flaky:7b",
    ageDays: 5,
    answerTokens: sevenBText(71),
    loadMs: 500,
    extra: {
      errorAfterTokens: 20,
      errorMessage: "an error was encountered while running the model",
    },
  },
  {
    ...SEVEN_B,
    name: "broken:7b",
    ageDays: 6,
    answerTokens: sevenBText(72),
    loadMs: 400,
    extra: {
      loadError:
        "model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for details",
    },
  },
  {
    ...SEVEN_B,
    name: "stall:7b",
    ageDays: 7,
    answerTokens: sevenBText(73),
    loadMs: 300,
    extra: { stallAfterTokens: 10 },
  },
  {
    ...SEVEN_B,
    name: "cutoff:7b",
    ageDays: 8,
    answerTokens: sevenBText(74),
    loadMs: 300,
    extra: { cutoffAfterTokens: 15 },
  },
  {
    ...SEVEN_B,
    name: "malformed:7b",
    ageDays: 9,
    answerTokens: sevenBText(75),
    loadMs: 300,
    extra: { malformedEvery: 10 },
  },
  {
    ...SEVEN_B,
    name: "htmlbody:7b",
    ageDays: 10,
    answerTokens: sevenBText(76),
    loadMs: 300,
    extra: { htmlPage: PROXY_PAGE },
  },
  {
    ...SEVEN_B,
    name: "bigline:7b",
    ageDays: 11,
    answerTokens: bigLineTokens(),
    loadMs: 300,
  },
  {
    ...SEVEN_B,
    name: "badutf8:7b",
    ageDays: 12,
    answerTokens: badUtf8Tokens(),
    loadMs: 300,
    extra: { invalidUtf8: BAD_UTF8_SEQUENCES },
  },
  {
    ...SEVEN_B,
    name: "reset:7b",
    ageDays: 13,
    answerTokens: sevenBText(79),
    loadMs: 300,
    extra: { resetAfterTokens: 15 },
  },
  {
    ...SEVEN_B,
    name: "busy:7b",
    ageDays: 14,
    answerTokens: sevenBText(80),
    loadMs: 300,
    extra: {
      rejectWith: {
        status: 503,
        error: "server busy, please try again.  maximum pending requests exceeded",
      },
    },
  },
  {
    ...SEVEN_B,
    name: "xss:7b",
    ageDays: 15,
    answerTokens: xssTokens(),
    loadMs: 300,
  },
];

export const scenarios: Record<string, Scenario> = Object.fromEntries(
  specs.map((spec) => [spec.name, scenario(spec)]),
);

function lookup(model: string): Scenario {
  const found = scenarios[model];
  if (!found) throw new Error(`no simulated model named ${model}`);
  return found;
}

/** The whole answer a complete, default-options run of `model` produces (inline tags included). */
export function answerText(model: string): string {
  return lookup(model).answerTokens.join("");
}

/** The whole thinking text of a complete run with thinking on ("" for models that do not think). */
export function thinkingText(model: string): string {
  return (lookup(model).thinkingTokens ?? []).join("");
}
