import { lazy, Suspense, useEffect, useState } from "react";
import type { SeriesPoint } from "../../metrics/types.ts";
import { ChunkBoundary } from "../ui/lazy-view.tsx";
import { ChartFrame, THROUGHPUT_CHART_HEIGHT } from "./chart-frame.tsx";

// Recharts (with d3) is over half of the app's code: the chart is its own chunk, so the first paint
// does not wait for it.
const ThroughputChart = lazy(() =>
  import("./throughput-chart.tsx").then((module) => ({ default: module.ThroughputChart })),
);

/** Set once the chart has been asked for: from then on it is rendered at once. */
let requested = false;

/** Runs `callback` when the browser is next idle (at the latest after `timeoutMs`). */
function whenIdle(callback: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(callback, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(callback, 0);
  return () => clearTimeout(id);
}

/**
 * The throughput chart, its code fetched once the page is first idle after it has painted, well
 * before anyone presses Run: a chunk that downloaded and compiled during a run would take CPU from
 * that run and show up in its time to first token. Until then an empty frame of the same size
 * stands in, so nothing moves when the chart appears.
 */
export function DeferredThroughputChart(props: {
  series: readonly SeriesPoint[];
  windowMs: number;
  height?: number;
}) {
  const [ready, setReady] = useState(requested);
  useEffect(() => {
    if (ready) return;
    return whenIdle(() => {
      requested = true;
      setReady(true);
    }, 2000);
  }, [ready]);
  const height = props.height ?? THROUGHPUT_CHART_HEIGHT;
  const placeholder = (note?: string) => (
    <ChartFrame empty note={note} busy={note === undefined}>
      <div style={{ height }} />
    </ChartFrame>
  );
  // Waits for the idle moment unless data is already here (Run pressed at once: load it now).
  if (!ready && props.series.length === 0) return placeholder();
  return (
    <ChunkBoundary fallback={placeholder("The chart could not be loaded; reload the page.")}>
      <Suspense fallback={placeholder()}>
        <ThroughputChart {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}
