import { formatCount, formatMs, formatRate } from "../../metrics/format.ts";
import type { RunSummary } from "../../metrics/types.ts";
import type { RunSnapshot } from "../../runs/run-state.ts";

interface Metric {
  label: string;
  value: string;
  hint: string;
}

/**
 * The run's figures as label/value pairs, in two groups that say where each number comes from:
 * this browser's clock, or Ollama's final statistics. A figure that is not known shows "—".
 */
export function RunMetrics(props: {
  summary: RunSummary;
  blocking: boolean;
  displayLag?: RunSnapshot["displayLag"];
}) {
  const { summary, displayLag } = props;
  const client: Metric[] = [
    {
      label: "Time to first token",
      value: formatMs(summary.ttftMs),
      hint: "Request sent → first chunk with text or thinking",
    },
    {
      label: "Time to first answer token",
      value: formatMs(summary.ttfaMs),
      hint: "Request sent → first chunk of the answer (after any thinking)",
    },
    {
      label: "Tokens",
      value: formatCount(summary.tokens),
      hint: props.blocking
        ? "A blocking answer has no per-token arrivals"
        : "Chunks with text or thinking",
    },
    {
      label: "Total time",
      value: formatMs(summary.totalMs),
      hint: "Request sent → end of the run",
    },
    {
      label: "Tokens/s (client)",
      value: formatRate(summary.clientTps),
      hint: "(tokens − 1) ÷ time from first to last token",
    },
    {
      label: "Token gap p50",
      value: formatMs(summary.gaps?.p50Ms),
      hint: "Median time between token arrivals",
    },
    {
      label: "Token gap p95",
      value: formatMs(summary.gaps?.p95Ms),
      hint: "95th percentile of time between token arrivals",
    },
    {
      label: "Token gap max",
      value: formatMs(summary.gaps?.maxMs),
      hint: "Longest wait between two tokens",
    },
    {
      label: "Display lag p50",
      value: formatMs(displayLag?.p50Ms),
      hint: "Token arrival → the frame that painted it (median)",
    },
    {
      label: "Display lag p95",
      value: formatMs(displayLag?.p95Ms),
      hint: "Token arrival → the frame that painted it (95th percentile)",
    },
  ];
  const ollama: Metric[] = [
    {
      label: "Tokens/s (Ollama)",
      value: formatRate(summary.ollamaTps),
      hint: "eval_count ÷ eval_duration",
    },
    {
      label: "Prompt tokens/s (Ollama)",
      value: formatRate(summary.ollamaPromptTps),
      hint: "prompt_eval_count ÷ prompt_eval_duration",
    },
    { label: "Prompt tokens", value: formatCount(summary.promptTokens), hint: "prompt_eval_count" },
    {
      label: "Eval count",
      value: formatCount(summary.evalCount),
      hint: "eval_count: generated tokens, incl. thinking and end-of-sequence",
    },
    { label: "Load time", value: formatMs(summary.loadMs), hint: "load_duration" },
    {
      label: "Total duration (Ollama)",
      value: formatMs(summary.ollamaTotalMs),
      hint: "total_duration",
    },
    {
      label: "Token gap p50 (Ollama clock)",
      value: formatMs(summary.serverGaps?.p50Ms),
      hint: "From created_at stamps",
    },
  ];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <MetricGroup title="Measured by this browser" metrics={client} />
      <MetricGroup title="Reported by Ollama" metrics={ollama} />
    </div>
  );
}

function MetricGroup(props: { title: string; metrics: Metric[] }) {
  return (
    <div>
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {props.title}
      </h3>
      <dl className="grid grid-cols-2 gap-2">
        {props.metrics.map((metric) => (
          <MetricItem key={metric.label} {...metric} />
        ))}
      </dl>
    </div>
  );
}

function MetricItem(props: Metric) {
  const id = `metric-${props.label.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
  return (
    <div className="rounded-lg bg-slate-50 px-2.5 py-2 dark:bg-slate-800/50" title={props.hint}>
      <dt id={id} className="text-[11px] leading-tight text-slate-500 dark:text-slate-400">
        {props.label}
      </dt>
      <dd aria-labelledby={id} className="mt-0.5 font-mono text-base font-semibold tabular-nums">
        {props.value}
      </dd>
    </div>
  );
}
