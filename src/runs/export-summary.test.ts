import { describe, expect, it } from "vitest";
import type { RunSummary } from "../metrics/types.ts";
import { summarizeLanes } from "./comparison-summary.ts";
import type { ComparisonSpec, RunRecord } from "./comparison-types.ts";
import { exportRun } from "./export-run.ts";
import { comparisonToJson, summaryToCsv, summaryToMarkdown } from "./export-summary.ts";
import { IDLE_SNAPSHOT } from "./run-state.ts";

const spec: ComparisonSpec = {
  base: { api: "chat", prompt: "hi", think: "unset", options: {} },
  lanes: [
    { id: "a", model: "steady:8b", stream: true },
    { id: "b", model: 'odd,"na|me"', stream: false },
  ],
  repeats: 2,
  warmup: false,
  concurrent: false,
  unloadFirst: false,
};

function record(
  laneId: string,
  round: number,
  summary: RunSummary,
  extra: Partial<RunRecord> = {},
): RunRecord {
  return {
    laneId,
    round,
    warmup: false,
    temperature: "warm",
    status: "done",
    summary,
    final: { promptEvalCount: 9 },
    run: exportRun(IDLE_SNAPSHOT, [], "http://fake"),
    ...extra,
  };
}

const records = [
  record(
    "a",
    0,
    {
      ttftMs: 100,
      totalMs: 1000,
      loadMs: 600.5,
      tokens: 10,
      clientTps: 40,
      ollamaTps: 41.25,
      ollamaPromptTps: 900,
    },
    { temperature: "cold" },
  ),
  record("a", 1, {
    ttftMs: 140,
    totalMs: 1250,
    tokens: 13,
    clientTps: 44,
    ollamaTps: 43.5,
    ollamaPromptTps: 1000,
  }),
  // A blocking lane: no token figures, no load time, and a cached prompt.
  record("b", 0, { ttftMs: 4800, totalMs: 4800, ollamaTps: 40 }, { final: {} }),
  record("b", 1, { ttftMs: 20 }, { status: "error" }),
];
const lanes = summarizeLanes(spec, records);

describe("summaryToCsv", () => {
  it("writes one row per lane and metric, raw numbers, empty fields for missing figures", () => {
    expect(summaryToCsv(lanes).split("\r\n")).toEqual([
      "Lane,Label,Metric,Unit,n,Mean,SD,Median,Min,Max",
      "a,steady:8b,TTFT,ms,2,120.000,28.284,120.000,100.000,140.000",
      "a,steady:8b,Total,ms,2,1125.000,176.777,1125.000,1000.000,1250.000",
      "a,steady:8b,Load,ms,1,600.500,,600.500,600.500,600.500",
      "a,steady:8b,Tokens,tokens,2,11.500,2.121,11.500,10.000,13.000",
      "a,steady:8b,Tokens/s (client),tokens/s,2,42.000,2.828,42.000,40.000,44.000",
      "a,steady:8b,Tokens/s (Ollama),tokens/s,2,42.375,1.591,42.375,41.250,43.500",
      "a,steady:8b,Prompt tokens/s (Ollama),tokens/s,2,950.000,70.711,950.000,900.000,1000.000",
      'b,"odd,""na|me""",TTFT,ms,1,4800.000,,4800.000,4800.000,4800.000',
      'b,"odd,""na|me""",Total,ms,1,4800.000,,4800.000,4800.000,4800.000',
      'b,"odd,""na|me""",Load,ms,0,,,,,',
      'b,"odd,""na|me""",Tokens,tokens,0,,,,,',
      'b,"odd,""na|me""",Tokens/s (client),tokens/s,0,,,,,',
      'b,"odd,""na|me""",Tokens/s (Ollama),tokens/s,1,40.000,,40.000,40.000,40.000',
      'b,"odd,""na|me""",Prompt tokens/s (Ollama),tokens/s,0,,,,,',
      "",
    ]);
  });

  it("quotes a field with a line break", () => {
    const [lane] = lanes;
    if (!lane) throw new Error("no lane");
    const csv = summaryToCsv([{ ...lane, label: "two\nlines" }]);
    expect(csv.split("\r\n")[1]).toBe(
      'a,"two\nlines",TTFT,ms,2,120.000,28.284,120.000,100.000,140.000',
    );
  });
});

describe("summaryToMarkdown", () => {
  it("writes one row per lane with mean ± sd, '—' for missing figures, then notes", () => {
    expect(summaryToMarkdown(lanes)).toBe(
      [
        "Mean ± standard deviation over the measured runs (warm-ups, errors and stopped runs left out).",
        "",
        "| Lane | Runs | Cold / warm | TTFT | Total | Load | Tokens | Tokens/s (client) | Tokens/s (Ollama) | Prompt tokens/s (Ollama) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| steady:8b | 2 | 1 / 1 | 120 ms ± 28.3 ms | 1.13 s ± 177 ms | 601 ms | 12 ± 2 | 42.0 ± 2.83 | 42.4 ± 1.59 | 950 ± 70.7 |",
        '| odd,"na\\|me" | 1 | 0 / 1 | 4.80 s | 4.80 s | — | — | — | 40.0 | — |',
        "",
        '- odd,"na\\|me": 1 of 1 runs reused a cached prompt (prompt_eval_count 0 or absent).',
        '- odd,"na\\|me": 1 error left out.',
        "",
      ].join("\n"),
    );
  });

  it("turns line breaks in a label into spaces and says when /api/ps could not tell", () => {
    const [lane] = lanes;
    if (!lane) throw new Error("no lane");
    const markdown = summaryToMarkdown([{ ...lane, label: "two\nlines", unknownTemperature: 1 }]);
    expect(markdown).toContain("| two lines | 2 | 1 / 1 (1 unknown) | 120 ms ± 28.3 ms |");
  });
});

describe("comparisonToJson", () => {
  it("holds the spec and every run, in order, with its lane, round and temperature", () => {
    const json = comparisonToJson(spec, records);
    expect(json.format).toBe("tokenscope-comparison/1");
    expect(json.spec).toBe(spec);
    expect(json.runs.map((run) => [run.laneId, run.round, run.warmup, run.temperature])).toEqual([
      ["a", 0, false, "cold"],
      ["a", 1, false, "warm"],
      ["b", 0, false, "warm"],
      ["b", 1, false, "warm"],
    ]);
    expect(json.runs[0]).toMatchObject({ format: "tokenscope-run/1", baseUrl: "http://fake" });
  });
});
