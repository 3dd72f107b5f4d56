/**
 * The objects Ollama writes for chat and generate, with keys in Go struct order: non-final chunks,
 * the final `done` object (zero statistics omitted), and the load/unload answers.
 */

export type Api = "chat" | "generate";

export interface Piece {
  content: string;
  thinking: string;
}

/** The six statistics in nanoseconds / tokens. Zero means "omit" (omitempty). */
export interface Stats {
  total_duration: number;
  load_duration: number;
  prompt_eval_count: number;
  prompt_eval_duration: number;
  eval_count: number;
  eval_duration: number;
}

export type DoneReason = "stop" | "length" | "load" | "unload";

type Json = Record<string, unknown>;

function message(piece: Piece): Json {
  const result: Json = { role: "assistant", content: piece.content };
  if (piece.thinking !== "") result.thinking = piece.thinking;
  return result;
}

/** `{"model","created_at","message"|"response"(+thinking),"done":false}` */
export function chunkObject(api: Api, model: string, createdAt: string, piece: Piece): Json {
  if (api === "chat") {
    return { model, created_at: createdAt, message: message(piece), done: false };
  }
  const result: Json = { model, created_at: createdAt, response: piece.content };
  if (piece.thinking !== "") result.thinking = piece.thinking;
  result.done = false;
  return result;
}

function nonZeroStats(stats: Partial<Stats>): Json {
  const result: Json = {};
  const keys: (keyof Stats)[] = [
    "total_duration",
    "load_duration",
    "prompt_eval_count",
    "prompt_eval_duration",
    "eval_count",
    "eval_duration",
  ];
  for (const key of keys) {
    const value = stats[key];
    if (value !== undefined && value !== 0) result[key] = Math.round(value);
  }
  return result;
}

/** The `done:true` object: the text pieces (usually empty), done_reason, context, statistics. */
export function finalObject(
  api: Api,
  model: string,
  createdAt: string,
  piece: Piece,
  doneReason: DoneReason,
  stats: Partial<Stats>,
  context?: number[],
): Json {
  if (api === "chat") {
    return {
      model,
      created_at: createdAt,
      message: message(piece),
      done: true,
      done_reason: doneReason,
      ...nonZeroStats(stats),
    };
  }
  const result: Json = { model, created_at: createdAt, response: piece.content };
  if (piece.thinking !== "") result.thinking = piece.thinking;
  result.done = true;
  result.done_reason = doneReason;
  if (context && context.length > 0) result.context = context;
  return { ...result, ...nonZeroStats(stats) };
}

/** FNV-1a, folded into a plausible vocabulary id. */
function tokenId(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 100 + (hash % 31900);
}

const WORD = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

/** A deterministic prompt-token estimate: words and punctuation marks. */
export function countTokens(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

const MAX_CONTEXT = 256;

/** generate's `context`: template markers, the prompt's tokens, then the answer's, kept short. */
export function contextIds(prompt: string, answer: readonly Piece[]): number[] {
  const ids = [128000, 128006, 882, 128007, 271];
  for (const word of prompt.match(WORD) ?? []) ids.push(tokenId(word));
  ids.push(128009, 128006, 78191, 128007, 271);
  for (const piece of answer) {
    if (ids.length >= MAX_CONTEXT) break;
    if (piece.content !== "") ids.push(tokenId(piece.content));
  }
  return ids.slice(0, MAX_CONTEXT);
}
