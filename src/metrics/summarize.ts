import { SampleGaps } from "./gaps.ts";
import { clientRate, ollamaRate } from "./throughput.ts";
import type { FinalStats, RunSummary, RunTimes, TokenKind, TokenSample } from "./types.ts";

export interface SummarizeOptions {
  /**
   * Compute `gaps` and `serverGaps` (default true), reading every sample. The live run turns them
   * off and keeps its own {@link SampleGaps}, fed only with the new samples.
   */
  gaps?: boolean;
  /**
   * The token counts kept as the samples came ({@link tallySample}), so a per-frame summary need not
   * scan every sample. Without it they are counted from `samples`; the result is the same.
   */
  tally?: TokenTally;
}

/** Running counts of a run's samples, updated in O(1) per sample. */
export interface TokenTally {
  tokens: number;
  answerTokens: number;
  /** Arrival of the first `answer` or `both` sample. */
  firstAnswerAtMs?: number;
}

export function emptyTally(): TokenTally {
  return { tokens: 0, answerTokens: 0 };
}

/** Counts one more sample into `tally` (mutates it). */
export function tallySample(tally: TokenTally, sample: TokenSample): void {
  tally.tokens += 1;
  if (isAnswer(sample.kind)) {
    tally.answerTokens += 1;
    tally.firstAnswerAtMs ??= sample.atMs;
  }
}

/**
 * Every figure of one run at `nowMs` (client clock, ms; used for `totalMs` while the run has no
 * `endMs`). `samples` are in arrival order; `final` is Ollama's last line, once it came.
 *
 * - `ttftMs`: first sample − start. `ttfaMs`: first `answer` or `both` sample − start.
 * - `tokens` = `thinkingTokens` + `answerTokens`: a `both` chunk (the switch from thinking to
 *   answer) counts once, as an answer token, so the parts add up to the whole.
 * - Ollama figures come only from `final`; a field Ollama did not send stays undefined.
 * - Blocking runs (`times.mode === "blocking"`) have no per-token arrivals: `tokens`, the token
 *   splits, `clientTps`, `gaps` and `serverGaps` are undefined; `ttftMs` (and `ttfaMs` when the
 *   answer is not empty) is the arrival of the single sample, which is the whole wall time.
 *
 * A figure that cannot be known is undefined, never 0 or NaN.
 */
export function summarize(
  times: RunTimes,
  samples: readonly TokenSample[],
  final: FinalStats | undefined,
  nowMs: number,
  options: SummarizeOptions = {},
): RunSummary {
  const first = samples[0];
  const tally = options.tally;
  const firstAnswerAtMs = tally
    ? tally.firstAnswerAtMs
    : samples.find((sample) => isAnswer(sample.kind))?.atMs;
  const streamed = times.mode === "stream";
  const withGaps = streamed && options.gaps !== false;
  const counts = streamed ? countTokens(samples, tally) : undefined;
  return {
    ttftMs: elapsed(times.startMs, first?.atMs),
    ttfaMs: elapsed(times.startMs, firstAnswerAtMs),
    tokens: counts?.tokens,
    thinkingTokens: counts?.thinkingTokens,
    answerTokens: counts?.answerTokens,
    totalMs: elapsed(times.startMs, times.endMs ?? nowMs),
    clientTps: streamed ? clientRate(samples) : undefined,
    ollamaTps: ollamaRate(final?.evalCount, final?.evalDurationNs),
    ollamaPromptTps: ollamaRate(final?.promptEvalCount, final?.promptEvalDurationNs),
    promptTokens: final?.promptEvalCount,
    evalCount: final?.evalCount,
    loadMs: nanosecondsToMs(final?.loadDurationNs),
    ollamaTotalMs: nanosecondsToMs(final?.totalDurationNs),
    ...(withGaps ? gapsOf(samples) : { gaps: undefined, serverGaps: undefined }),
  };
}

function isAnswer(kind: TokenKind): boolean {
  switch (kind) {
    case "answer":
    case "both":
      return true;
    case "thinking":
      return false;
    default: {
      const unknown: never = kind;
      throw new Error(`unknown token kind ${String(unknown)}`);
    }
  }
}

function countTokens(
  samples: readonly TokenSample[],
  tally: TokenTally | undefined,
): {
  tokens: number;
  thinkingTokens: number;
  answerTokens: number;
} {
  if (tally) {
    const { tokens, answerTokens } = tally;
    return { tokens, thinkingTokens: tokens - answerTokens, answerTokens };
  }
  let answerTokens = 0;
  for (const sample of samples) if (isAnswer(sample.kind)) answerTokens++;
  return { tokens: samples.length, thinkingTokens: samples.length - answerTokens, answerTokens };
}

/** `toMs - fromMs`, or undefined when the end is unknown or either time is not finite. */
function elapsed(fromMs: number, toMs: number | undefined): number | undefined {
  if (toMs === undefined) return undefined;
  const ms = toMs - fromMs;
  return Number.isFinite(ms) ? ms : undefined;
}

function nanosecondsToMs(ns: number | undefined): number | undefined {
  return ns === undefined || !Number.isFinite(ns) ? undefined : ns / 1e6;
}

function gapsOf(samples: readonly TokenSample[]): ReturnType<SampleGaps["stats"]> {
  const gaps = new SampleGaps();
  gaps.feed(samples);
  return gaps.stats();
}
