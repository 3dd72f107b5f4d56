import { z } from "zod";
import type { ErrorLine } from "./protocol.ts";
import type {
  Api,
  FinalStats,
  ModelDetails,
  ModelSummary,
  RunningModel,
  StreamEvent,
} from "./types.ts";

// ─── Streaming lines: hand-written guards, called once per chunk (thousands per second) ───

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for Ollama's `{"error": "…"}` line or body. */
export function isErrorLine(value: unknown): value is ErrorLine {
  return isObject(value) && typeof value.error === "string";
}

/**
 * Turns one parsed `/api/chat` or `/api/generate` line into a `chunk` event, or a `done` event
 * when it has `done: true` (the final line, or a whole `stream: false` answer).
 *
 * Text comes from `message.content` / `message.thinking` (chat) or `response` / `thinking`
 * (generate); an absent text field is `""`. Returns undefined when the value is not such a line:
 * `done` is not a boolean, chat has no `message` object, generate has no string `response`, or
 * a text field is not a string. An error line is not a chunk either (check {@link isErrorLine}).
 */
export function toStreamEvent(api: Api, value: unknown): StreamEvent | undefined {
  if (!isObject(value) || typeof value.done !== "boolean") return undefined;
  let content: unknown;
  let thinking: unknown;
  if (api === "chat") {
    const message = value.message;
    if (!isObject(message)) return undefined;
    content = message.content;
    thinking = message.thinking;
  } else {
    content = value.response;
    if (typeof content !== "string") return undefined;
    thinking = value.thinking;
  }
  if (content === undefined) content = "";
  if (thinking === undefined) thinking = "";
  if (typeof content !== "string" || typeof thinking !== "string") return undefined;
  const createdAt = typeof value.created_at === "string" ? value.created_at : undefined;
  if (!value.done) return { type: "chunk", content, thinking, createdAt };
  return { type: "done", content, thinking, createdAt, stats: toFinalStats(value) };
}

/**
 * Reads the statistics of a final line. Durations stay nanoseconds. Ollama omits zero values
 * (`omitempty`), so an absent field stays undefined, never 0; a value of the wrong type (or a
 * non-finite number) counts as absent.
 */
export function toFinalStats(line: Readonly<JsonObject>): FinalStats {
  return {
    doneReason: typeof line.done_reason === "string" ? line.done_reason : undefined,
    totalDurationNs: finiteOrUndefined(line.total_duration),
    loadDurationNs: finiteOrUndefined(line.load_duration),
    promptEvalCount: finiteOrUndefined(line.prompt_eval_count),
    promptEvalDurationNs: finiteOrUndefined(line.prompt_eval_duration),
    evalCount: finiteOrUndefined(line.eval_count),
    evalDurationNs: finiteOrUndefined(line.eval_duration),
  };
}

function finiteOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

// ─── One-off answers: zod schemas, lenient (see ollama-protocol.md §1.1–1.4, §7) ───

/** A parsed one-off answer, or why it did not look like Ollama's. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

// A field we only display must not sink the whole answer when a version sends it differently.
// The page's Content-Security-Policy forbids eval; tell zod not to try its compiled fast path.
z.config({ jitless: true });

const optionalString = z.string().optional().catch(undefined);
const optionalNumber = z.number().optional().catch(undefined);

const detailsSchema = z
  .object({
    family: optionalString,
    families: z.array(z.string()).nullish().catch(undefined), // null for some models
    parameter_size: optionalString,
    quantization_level: optionalString,
    context_length: optionalNumber, // v0.30+
  })
  .optional()
  .catch(undefined);

const versionSchema = z.object({ version: z.string() });

const tagsSchema = z.object({
  models: z.array(
    z.object({
      name: z.string(),
      modified_at: optionalString,
      size: optionalNumber,
      details: detailsSchema,
    }),
  ),
});

const psSchema = z.object({
  models: z.array(
    z.object({
      name: z.string(),
      size: optionalNumber,
      size_vram: optionalNumber,
      expires_at: optionalString,
      context_length: optionalNumber, // v0.9.7+
    }),
  ),
});

const showSchema = z.object({
  details: detailsSchema,
  capabilities: z.array(z.string()).optional().catch(undefined), // v0.6.4+
  model_info: z.record(z.string(), z.unknown()).optional().catch(undefined),
});

function parseWith<S extends z.ZodType, T>(
  schema: S,
  body: unknown,
  convert: (wire: z.output<S>) => T,
): Parsed<T> {
  const result = schema.safeParse(body);
  if (!result.success) return { ok: false, reason: describeIssues(result.error.issues) };
  return { ok: true, value: convert(result.data) };
}

/** One line for an error message, e.g. `models[0].name: expected string, received undefined`. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path
        .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
        .join("")
        .replace(/^\./, "");
      const message = issue.message.replace(/^Invalid input: /, "");
      return path === "" ? message : `${path}: ${message}`;
    })
    .join("; ");
}

/** `GET /api/version` → the bare version string, e.g. `"0.13.5"` or `"0.33.0-rc2"`. */
export function parseVersion(body: unknown): Parsed<string> {
  return parseWith(versionSchema, body, (wire) => wire.version);
}

/** `GET /api/tags` → installed models, in Ollama's order (newest first). `size` is bytes on disk. */
export function parseTags(body: unknown): Parsed<ModelSummary[]> {
  return parseWith(tagsSchema, body, (wire) =>
    wire.models.map((model) => ({
      name: model.name,
      parameterSize: model.details?.parameter_size,
      quantizationLevel: model.details?.quantization_level,
      family: model.details?.family,
      sizeBytes: model.size,
      modifiedAt: model.modified_at,
    })),
  );
}

/**
 * `GET /api/ps` → loaded models. `sizeBytes` is the RAM+VRAM footprint, `sizeVramBytes` the GPU
 * part (0 on CPU-only hosts), `expiresAt` local time with an offset, `contextLength` in tokens.
 */
export function parseRunning(body: unknown): Parsed<RunningModel[]> {
  return parseWith(psSchema, body, (wire) =>
    wire.models.map((model) => ({
      name: model.name,
      sizeBytes: model.size,
      sizeVramBytes: model.size_vram,
      expiresAt: model.expires_at,
      contextLength: model.context_length,
    })),
  );
}

/**
 * `POST /api/show` → details. `contextLength` (tokens the model was trained for) comes from
 * `model_info["<architecture>.context_length"]`, else from `details.context_length` (v0.30+).
 */
export function parseShow(body: unknown): Parsed<ModelDetails> {
  return parseWith(showSchema, body, (wire) => ({
    capabilities: wire.capabilities,
    contextLength: contextLengthOf(wire.model_info) ?? wire.details?.context_length,
    parameterSize: wire.details?.parameter_size,
    quantizationLevel: wire.details?.quantization_level,
    family: wire.details?.family,
  }));
}

function contextLengthOf(modelInfo: Record<string, unknown> | undefined): number | undefined {
  if (modelInfo === undefined) return undefined;
  const architecture = modelInfo["general.architecture"];
  if (typeof architecture !== "string") return undefined;
  return finiteOrUndefined(modelInfo[`${architecture}.context_length`]);
}
