import type { FinalStats } from "../ollama/types.ts";

/** What one received chunk carried. Empty chunks (no text, no thinking) are not samples. */
export type TokenKind = "answer" | "thinking" | "both";

/** One chunk that carried text or thinking, stamped with the client's monotonic clock. */
export interface TokenSample {
  /** Client arrival time, ms, same clock as RunTimes.startMs. */
  atMs: number;
  kind: TokenKind;
  /** Characters of text plus thinking in this chunk. */
  chars: number;
  /** Ollama's `created_at`, verbatim, when the chunk had one. */
  createdAt?: string;
}

export interface RunTimes {
  mode: "stream" | "blocking";
  /** Client clock (ms) when the request was sent. */
  startMs: number;
  /** Client clock when the run ended (done, error or stop); undefined while it runs. */
  endMs?: number;
}

export interface GapStats {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Number of gaps (samples - 1). */
  count: number;
}

/**
 * Every figure the dashboard shows for one run. `undefined` means "not known / not sent" and is
 * rendered as "—", never as 0. Client figures come from the client's clock; `ollama*` figures come
 * from Ollama's final line.
 */
export interface RunSummary {
  /** Request sent → first chunk with text or thinking (client). Blocking: = total time. */
  ttftMs?: number;
  /** Request sent → first chunk with answer text (client). */
  ttfaMs?: number;
  /** Chunks with text or thinking (client). Undefined for blocking runs (no per-token arrivals). */
  tokens?: number;
  thinkingTokens?: number;
  answerTokens?: number;
  /** Request sent → end (or → now while running). */
  totalMs?: number;
  /** (tokens - 1) / (last arrival - first arrival). Undefined with fewer than 2 tokens. */
  clientTps?: number;
  /** eval_count / eval_duration (Ollama). */
  ollamaTps?: number;
  /** prompt_eval_count / prompt_eval_duration (Ollama). */
  ollamaPromptTps?: number;
  promptTokens?: number;
  evalCount?: number;
  loadMs?: number;
  ollamaTotalMs?: number;
  /** Gaps between consecutive arrivals (client clock). */
  gaps?: GapStats;
  /** Gaps between consecutive `created_at` stamps (Ollama's clock). */
  serverGaps?: GapStats;
}

/** One point of the live chart. */
export interface SeriesPoint {
  /** ms since the request was sent */
  tMs: number;
  /** rolling tokens/s at that moment; undefined before it can be known */
  tps?: number;
  /** cumulative tokens at that moment */
  tokens: number;
}

export type { FinalStats };
