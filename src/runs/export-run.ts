import type { RunSummary, TokenSample } from "../metrics/types.ts";
import type { RunSnapshot } from "./run-state.ts";

/** The downloadable record of one run. Times are ms on the client's clock, relative to the request. */
export interface RunExport {
  format: "tokenscope-run/1";
  baseUrl: string;
  request: RunSnapshot["request"];
  status: RunSnapshot["status"];
  error?: RunSnapshot["error"];
  headersAtMs?: number;
  endedAtMs?: number;
  answer: string;
  thinking: string;
  timeline: { atMs: number; createdAt?: string; chars: number; kind: TokenSample["kind"] }[];
  ollama: RunSnapshot["final"] | null;
  metrics: RunSummary;
  malformedLines: number;
}

export function exportRun(
  snapshot: RunSnapshot,
  samples: readonly TokenSample[],
  baseUrl: string,
): RunExport {
  const start = snapshot.startMs ?? 0;
  const relative = (ms: number | undefined) => (ms === undefined ? undefined : round(ms - start));
  return {
    format: "tokenscope-run/1",
    baseUrl,
    request: snapshot.request,
    status: snapshot.status,
    error: snapshot.error,
    headersAtMs: relative(snapshot.headersMs),
    endedAtMs: relative(snapshot.endMs),
    answer: snapshot.answer,
    thinking: snapshot.thinking,
    timeline: samples.map((sample) => ({
      atMs: round(sample.atMs - start),
      createdAt: sample.createdAt,
      chars: sample.chars,
      kind: sample.kind,
    })),
    ollama: snapshot.final ?? null,
    metrics: snapshot.summary,
    malformedLines: snapshot.malformedLines,
  };
}

/** Microsecond precision is all a browser clock gives; more digits would be noise. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
