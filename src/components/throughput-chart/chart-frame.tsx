import type { ReactNode } from "react";

/** The throughput chart's height in pixels; its stand-in while loading takes exactly as much room. */
export const THROUGHPUT_CHART_HEIGHT = 240;

/** The chart's figure and, before there is anything to draw, the note over it. */
export function ChartFrame(props: {
  empty: boolean;
  note?: string;
  busy?: boolean;
  children?: ReactNode;
}) {
  return (
    <figure
      aria-label="Tokens per second over time"
      aria-busy={props.busy}
      className="relative w-full"
    >
      {props.empty && (
        <figcaption className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-slate-400 dark:text-slate-500">
          {props.note ?? "The chart fills in as tokens arrive."}
        </figcaption>
      )}
      {props.children}
    </figure>
  );
}
