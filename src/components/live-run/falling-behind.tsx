import { formatMs } from "../../metrics/format.ts";
import type { RunSnapshot } from "../../runs/run-state.ts";

/** Above this, tokens wait visibly (three frames) between arriving and being shown. */
export const LAG_WARNING_MS = 50;

/** Says so when the page paints tokens noticeably later than they arrive. */
export function FallingBehind(props: { displayLag: RunSnapshot["displayLag"] }) {
  const lag = props.displayLag;
  if (!lag || lag.p95Ms <= LAG_WARNING_MS) return null;
  return (
    <p
      role="alert"
      className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
    >
      The page is falling behind the stream: 5% of tokens were painted more than{" "}
      {formatMs(lag.p95Ms)} after they arrived (worst {formatMs(lag.maxMs)}). The figures above
      still use arrival times.
    </p>
  );
}
