/**
 * Turns a request body into a typed chat/generate/show request the way Ollama's Go handlers bind it:
 * Go decoder errors, Go type-mismatch messages, the think and keep_alive unmarshallers.
 */
import { decodeFirstValue } from "./go-decode.ts";
import { MAX_DURATION_NS, parseGoDuration } from "./gotime.ts";

export type Think = boolean | "low" | "medium" | "high" | "max";

export interface BadRequest {
  ok: false;
  status: number;
  error: string;
}

export type Parsed<T> = { ok: true; value: T } | BadRequest;

const bad = (status: number, error: string): BadRequest => ({ ok: false, status, error });

export interface ChatMessage {
  role: string;
  content: string;
}

export interface GenerationRequest {
  api: "chat" | "generate";
  /** As sent: responses and error messages echo it. */
  model: string;
  stream: boolean;
  think?: Think;
  /** Nanoseconds; undefined when absent (the default 5m applies). */
  keepAliveNs?: bigint;
  options: Record<string, unknown>;
  /** generate: the prompt; chat: undefined. */
  prompt?: string;
  system?: string;
  suffix?: string;
  raw: boolean;
  template?: string;
  context?: number[];
  messages: ChatMessage[];
  hasTools: boolean;
  /** The body as received. */
  body: Record<string, unknown>;
}

export interface ShowRequest {
  model: string;
}

type FieldKind =
  "string" | "bool" | "int" | "ints" | "map" | "any" | "think" | "duration" | "messages" | "images";
type Fields = Record<string, FieldKind>;

const COMMON: Fields = {
  model: "string",
  stream: "bool",
  format: "any",
  keep_alive: "duration",
  options: "map",
  think: "think",
  truncate: "bool",
  shift: "bool",
  logprobs: "bool",
  top_logprobs: "int",
};
const GENERATE_FIELDS: Fields = {
  ...COMMON,
  prompt: "string",
  suffix: "string",
  system: "string",
  template: "string",
  context: "ints",
  raw: "bool",
  images: "images",
};
const CHAT_FIELDS: Fields = { ...COMMON, messages: "messages", tools: "any" };
const SHOW_FIELDS: Fields = {
  model: "string",
  name: "string",
  system: "string",
  template: "string",
  verbose: "bool",
  options: "map",
};
const MESSAGE_FIELDS: Fields = {
  role: "string",
  content: "string",
  thinking: "string",
  images: "images",
  tool_name: "string",
  tool_call_id: "string",
  tool_calls: "any",
};
const GO_TYPES: Record<FieldKind, string> = {
  string: "string",
  bool: "bool",
  int: "int",
  ints: "int",
  map: "map[string]interface {}",
  any: "",
  think: "",
  duration: "",
  messages: "[]api.Message",
  images: "api.ImageData",
};

const isThinkLevel = (value: string): value is "low" | "medium" | "high" | "max" =>
  value === "high" || value === "medium" || value === "low" || value === "max";
const THINK_VALUES = '"high", "medium", "low", "max", true, or false';

class BindError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The JSON kind Go names in an UnmarshalTypeError. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}

/** Go's %q for the think error: a Go string literal. */
const goQuote = (text: string): string => JSON.stringify(text);

function typeError(value: unknown, struct: string, path: string, goType: string): BindError {
  const kind =
    typeof value === "number" && !Number.isInteger(value) && goType === "int"
      ? `number ${String(value)}`
      : jsonKind(value);
  return new BindError(
    `json: cannot unmarshal ${kind} into Go struct field ${struct}.${path} of type ${goType}`,
  );
}

function decodeThink(value: unknown): Think {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    if (isThinkLevel(value)) return value;
    throw new BindError(`invalid think value: ${goQuote(value)} (must be ${THINK_VALUES})`);
  }
  throw new BindError(`think must be a boolean or string (${THINK_VALUES})`);
}

const GO_REFLECT_TYPES: Record<string, string> = {
  boolean: "bool",
  object: "map[string]interface {}",
  array: "[]interface {}",
};

/** api.Duration.UnmarshalJSON: seconds as a number, a Go duration string, negative = forever. */
function decodeKeepAlive(value: unknown): bigint {
  if (typeof value === "number") {
    if (value < 0) return MAX_DURATION_NS;
    return BigInt(Math.trunc(value)) * 1_000_000_000n;
  }
  if (typeof value === "string") {
    const parsed = parseGoDuration(value);
    if (!parsed.ok) throw new BindError(parsed.error);
    return parsed.ns < 0n ? MAX_DURATION_NS : parsed.ns;
  }
  const kind = Array.isArray(value) ? "array" : typeof value;
  throw new BindError(`Unsupported type: '${GO_REFLECT_TYPES[kind] ?? kind}'`);
}

/** Checks one field against its Go type; the first mismatch in document order wins. */
function checkField(kind: FieldKind, value: unknown, struct: string, path: string): void {
  if (value === null) return; // null leaves a Go field at its zero value
  const goType = GO_TYPES[kind];
  switch (kind) {
    case "string":
    case "bool":
    case "int":
      if (
        (kind === "string" && typeof value !== "string") ||
        (kind === "bool" && typeof value !== "boolean") ||
        (kind === "int" && (typeof value !== "number" || !Number.isInteger(value)))
      )
        throw typeError(value, struct, path, goType);
      return;
    case "ints":
    case "images":
      if (!Array.isArray(value))
        throw typeError(value, struct, path, kind === "ints" ? "[]int" : "[]api.ImageData");
      for (const item of value) {
        if (item === null) continue;
        const ok =
          kind === "ints"
            ? typeof item === "number" && Number.isInteger(item)
            : typeof item === "string";
        if (!ok) throw typeError(item, struct, path, goType);
      }
      return;
    case "map":
      if (!isRecord(value)) throw typeError(value, struct, path, goType);
      return;
    case "messages":
      if (!Array.isArray(value)) throw typeError(value, struct, path, goType);
      for (const item of value) {
        if (item === null) continue;
        if (!isRecord(item)) throw typeError(item, struct, path, "api.Message");
        checkFields(item, MESSAGE_FIELDS, struct, `${path}.`);
      }
      return;
    case "think":
      decodeThink(value);
      return;
    case "duration":
      decodeKeepAlive(value);
      return;
    case "any":
      return;
  }
}

function checkFields(
  body: Record<string, unknown>,
  fields: Fields,
  struct: string,
  prefix = "",
): void {
  for (const [key, value] of Object.entries(body)) {
    const kind = fields[key];
    if (kind !== undefined) checkField(kind, value, struct, `${prefix}${key}`);
  }
}

/** ShouldBindJSON: the body as the named Go struct, or the 400 Go would answer. */
function bind(text: string, struct: string, fields: Fields): Parsed<Record<string, unknown>> {
  const decoded = decodeFirstValue(text);
  if (!decoded.ok) {
    return bad(400, decoded.kind === "eof" ? "missing request body" : decoded.message);
  }
  if (decoded.value === null) return { ok: true, value: {} };
  if (!isRecord(decoded.value)) {
    return bad(
      400,
      `json: cannot unmarshal ${jsonKind(decoded.value)} into Go value of type api.${struct}`,
    );
  }
  try {
    checkFields(decoded.value, fields, struct);
  } catch (error: unknown) {
    if (error instanceof BindError) return bad(400, error.message);
    throw error;
  }
  return { ok: true, value: decoded.value };
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");
const optionalStr = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;

function toMessages(value: unknown): ChatMessage[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: unknown) =>
    isRecord(item)
      ? { role: str(item.role).toLowerCase(), content: str(item.content) }
      : { role: "", content: "" },
  );
}

/** Parses a /api/chat or /api/generate body. */
export function parseGenerationRequest(
  api: "chat" | "generate",
  text: string,
): Parsed<GenerationRequest> {
  const bound =
    api === "chat"
      ? bind(text, "ChatRequest", CHAT_FIELDS)
      : bind(text, "GenerateRequest", GENERATE_FIELDS);
  if (!bound.ok) return bound;
  const body = bound.value;
  const request: GenerationRequest = {
    api,
    model: str(body.model),
    stream: typeof body.stream === "boolean" ? body.stream : true,
    options: isRecord(body.options) ? body.options : {},
    raw: body.raw === true,
    messages: api === "chat" ? toMessages(body.messages) : [],
    hasTools: Array.isArray(body.tools) && body.tools.length > 0,
    body,
  };
  if (body.think !== undefined && body.think !== null) request.think = decodeThink(body.think);
  if (body.keep_alive !== undefined && body.keep_alive !== null) {
    request.keepAliveNs = decodeKeepAlive(body.keep_alive);
  }
  if (api === "generate") {
    request.prompt = str(body.prompt);
    const system = optionalStr(body.system);
    if (system !== undefined) request.system = system;
    const suffix = optionalStr(body.suffix);
    if (suffix !== undefined) request.suffix = suffix;
    const template = optionalStr(body.template);
    if (template !== undefined) request.template = template;
    if (Array.isArray(body.context))
      request.context = body.context.filter((n) => typeof n === "number");
  }
  return { ok: true, value: request };
}

/** Parses a /api/show body: `model`, or the older `name`. */
export function parseShowRequest(text: string): Parsed<ShowRequest> {
  const bound = bind(text, "ShowRequest", SHOW_FIELDS);
  if (!bound.ok) return bound;
  const model = str(bound.value.model) || str(bound.value.name);
  if (model === "") return bad(400, "model is required");
  return { ok: true, value: { model } };
}
