import { formatCount, formatMs } from "../../metrics/format.ts";
import type { RunSnapshot } from "../../runs/run-state.ts";
import { cn } from "../ui/cn.ts";

/** One line that says where the run is, in words, with a running clock while it waits. */
export function RunStatus(props: { snapshot: RunSnapshot }) {
  const { snapshot } = props;
  const { status, summary } = snapshot;
  // A pause this long between tokens is worth saying out loud.
  const stalled = (snapshot.idleMs ?? 0) >= 2000;
  let text: string;
  let tone = "text-slate-600 dark:text-slate-300";
  switch (status) {
    case "idle":
      text = "Ready. Pick a model, type a prompt and press Run.";
      break;
    case "waiting":
      text =
        snapshot.request?.stream === false
          ? `Waiting for the whole answer (blocking)… ${formatMs(summary.totalMs)}`
          : `Waiting for first token… ${formatMs(summary.totalMs)}`;
      tone = "text-amber-700 dark:text-amber-300";
      break;
    case "streaming":
      text = `Streaming · ${formatCount(summary.tokens)} tokens · ${formatMs(summary.totalMs)}`;
      tone = "text-accent-700 dark:text-accent-400";
      if (stalled) {
        text += ` · no token for ${Math.floor((snapshot.idleMs ?? 0) / 1000)} s`;
        tone = "text-amber-700 dark:text-amber-300";
      }
      break;
    case "done":
      text = `Done in ${formatMs(summary.totalMs)}${snapshot.final?.doneReason ? ` (${snapshot.final.doneReason})` : ""}`;
      tone = "text-emerald-700 dark:text-emerald-400";
      break;
    case "stopped":
      text = `Stopped after ${formatMs(summary.totalMs)}. The partial answer and metrics are kept.`;
      break;
    case "error":
      text = snapshot.error?.message ?? "The run failed.";
      tone = "text-rose-700 dark:text-rose-300";
      break;
    default: {
      const never: never = status;
      text = String(never);
    }
  }
  const live = status === "waiting" || status === "streaming";
  return (
    <p
      role="status"
      aria-label="Run status"
      className={cn("flex items-center gap-2 text-sm font-medium", tone)}
    >
      {live && (
        <span aria-hidden="true" className="h-2 w-2 animate-pulse rounded-full bg-current" />
      )}
      <span data-status={status}>{text}</span>
      {snapshot.malformedLines > 0 && (
        <span className="text-xs font-normal text-amber-700 dark:text-amber-300">
          ({snapshot.malformedLines} unreadable line{snapshot.malformedLines === 1 ? "" : "s"}{" "}
          skipped)
        </span>
      )}
    </p>
  );
}
