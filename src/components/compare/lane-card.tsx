import { useLaneSnapshot } from "../../hooks/use-comparison.ts";
import { formatCount, formatMs, formatRate } from "../../metrics/format.ts";
import type { RunController } from "../../runs/run-controller.ts";
import { FallingBehind } from "../live-run/falling-behind.tsx";
import { RunStatus } from "../live-run/run-status.tsx";
import { TokenOutput } from "../live-run/token-output.tsx";

/** One lane: its live status, text and key figures. */
export function LaneCard(props: {
  label: string;
  color: string;
  controller: RunController | undefined;
  note?: string;
}) {
  const snapshot = useLaneSnapshot(props.controller);
  const { summary } = snapshot;
  const figures: [string, string][] = [
    ["Time to first token", formatMs(summary.ttftMs)],
    ["Tokens/s (client)", formatRate(summary.clientTps)],
    ["Tokens/s (Ollama)", formatRate(summary.ollamaTps)],
    ["Load time", formatMs(summary.loadMs)],
    ["Total time", formatMs(summary.totalMs)],
    ["Tokens", formatCount(summary.tokens)],
    ["Display lag p95", formatMs(snapshot.displayLag?.p95Ms)],
  ];
  return (
    <section
      aria-label={`Lane ${props.label}`}
      className="flex min-w-0 flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      style={{ borderTop: `4px solid ${props.color}` }}
    >
      <header className="flex items-center justify-between gap-2">
        <h3 className="truncate font-mono text-sm font-semibold">{props.label}</h3>
        {props.note && (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            {props.note}
          </span>
        )}
      </header>
      <RunStatus snapshot={snapshot} />
      <TokenOutput
        label={`Output ${props.label}`}
        text={snapshot.answer}
        runId={snapshot.runId}
        // A fixed size: nothing inside can change the size of the card or the grid around it.
        className="h-32 text-sm [contain:strict]"
      />
      <FallingBehind displayLag={snapshot.displayLag} />
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs sm:grid-cols-3">
        {figures.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="truncate text-slate-500 dark:text-slate-400">{label}</dt>
            <dd
              className="font-mono font-semibold tabular-nums"
              aria-label={`${props.label} ${label}`}
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
