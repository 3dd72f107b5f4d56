import { countSamplesUntil } from "../../metrics/count-samples-until.ts";
import { formatCount, formatMs } from "../../metrics/format.ts";
import type { RunController } from "../../runs/run-controller.ts";
import type { RunSnapshot } from "../../runs/run-state.ts";
import { cn } from "../ui/cn.ts";

interface Marker {
  label: string;
  ms: number;
}

/**
 * Streaming and blocking on one time axis (time since each lane's own request): when the first words
 * appeared, when the stream finished, when the blocking answer arrived. While the blocking lane waits,
 * it says how much the stream had shown by the same moment.
 */
export function RaceTimeline(props: {
  streaming: RunSnapshot;
  blocking: RunSnapshot;
  streamingController: RunController | undefined;
  colors: { streaming: string; blocking: string };
}) {
  const { streaming, blocking } = props;
  const elapsed = (snapshot: RunSnapshot) =>
    snapshot.startMs === undefined
      ? undefined
      : (snapshot.endMs ?? snapshot.atMs) - snapshot.startMs;
  const streamElapsed = elapsed(streaming);
  const blockElapsed = elapsed(blocking);
  const streamMarkers: Marker[] = [];
  if (streaming.summary.ttftMs !== undefined)
    streamMarkers.push({ label: "first token", ms: streaming.summary.ttftMs });
  if (streaming.status === "done" && streamElapsed !== undefined)
    streamMarkers.push({ label: "last token", ms: streamElapsed });
  const blockMarkers: Marker[] = [];
  if (blocking.status === "done" && blocking.summary.ttftMs !== undefined)
    blockMarkers.push({ label: "response arrived", ms: blocking.summary.ttftMs });
  const axisMs = Math.max(1000, streamElapsed ?? 0, blockElapsed ?? 0) * 1.05;

  // How many tokens the stream had shown at the blocking lane's current elapsed time.
  let shownByNow: number | undefined;
  const samples = props.streamingController?.getSamples() ?? [];
  if (
    blocking.status === "waiting" &&
    blockElapsed !== undefined &&
    streaming.startMs !== undefined
  ) {
    shownByNow = countSamplesUntil(samples, streaming.startMs + blockElapsed);
  }

  return (
    <figure aria-label="Race timeline" className="space-y-4">
      <Track
        name="Streaming"
        color={props.colors.streaming}
        snapshot={streaming}
        elapsedMs={streamElapsed}
        axisMs={axisMs}
        markers={streamMarkers}
        fillFromMs={streaming.summary.ttftMs}
      />
      <Track
        name="Blocking"
        color={props.colors.blocking}
        snapshot={blocking}
        elapsedMs={blockElapsed}
        axisMs={axisMs}
        markers={blockMarkers}
        fillFromMs={blocking.status === "done" ? blocking.summary.ttftMs : undefined}
      />
      <Axis axisMs={axisMs} />
      {shownByNow !== undefined && (
        <p
          role="status"
          aria-label="Stream so far"
          className="text-sm font-medium text-amber-700 dark:text-amber-300"
        >
          Blocking is still waiting; by this moment the stream has shown {formatCount(shownByNow)}{" "}
          tokens
          {shownByNow > 0 ? "." : " (it has not started)."}
        </p>
      )}
    </figure>
  );
}

function Track(props: {
  name: string;
  color: string;
  snapshot: RunSnapshot;
  elapsedMs: number | undefined;
  axisMs: number;
  markers: Marker[];
  fillFromMs: number | undefined;
}) {
  const pct = (ms: number) => `${Math.min(100, (ms / props.axisMs) * 100)}%`;
  const waitingUntil = props.fillFromMs ?? props.elapsedMs ?? 0;
  return (
    <div className="grid grid-cols-[5.5rem_1fr] items-center gap-3">
      <div className="text-sm font-semibold" style={{ color: props.color }}>
        {props.name}
      </div>
      <div
        className="relative h-9 rounded-md bg-slate-100 dark:bg-slate-800"
        data-track={props.name}
      >
        {/* Waiting: request sent, nothing on screen yet. */}
        <div
          className="absolute inset-y-0 left-0 rounded-l-md bg-[repeating-linear-gradient(135deg,transparent_0_6px,rgba(148,163,184,0.35)_6px_12px)]"
          style={{ width: pct(waitingUntil) }}
        />
        {/* Text on screen. */}
        {props.fillFromMs !== undefined && props.elapsedMs !== undefined && (
          <div
            className="absolute inset-y-1 rounded-sm"
            style={{
              left: pct(props.fillFromMs),
              width: `calc(${pct(props.elapsedMs)} - ${pct(props.fillFromMs)} + 3px)`,
              background: props.color,
              opacity: 0.85,
            }}
          />
        )}
        {props.markers.map((marker) => {
          // Near the right edge, hang the label to the left of its mark so it stays inside.
          const nearEnd = marker.ms / props.axisMs > 0.75;
          return (
            <div
              key={marker.label}
              className={cn(
                "absolute -top-5 text-[11px] whitespace-nowrap text-slate-600 dark:text-slate-300",
                nearEnd ? "-translate-x-full" : "-translate-x-1/2",
              )}
              style={{ left: pct(marker.ms) }}
              data-marker={marker.label}
            >
              {marker.label} · {formatMs(marker.ms)}
            </div>
          );
        })}
        <span
          className={cn(
            "absolute top-1/2 right-2 -translate-y-1/2 text-xs font-medium",
            props.snapshot.status === "error"
              ? "text-rose-600"
              : "text-slate-500 dark:text-slate-400",
          )}
        >
          {statusWord(props.snapshot)}
        </span>
      </div>
    </div>
  );
}

function Axis(props: { axisMs: number }) {
  const step = niceStep(props.axisMs / 6);
  const ticks: number[] = [];
  for (let t = 0; t <= props.axisMs; t += step) ticks.push(t);
  return (
    <div className="grid grid-cols-[5.5rem_1fr] gap-3 text-[11px] text-slate-500 dark:text-slate-400">
      <div>since request</div>
      <div className="relative h-4">
        {ticks.map((t) => (
          <span
            key={t}
            className="absolute -translate-x-1/2"
            style={{ left: `${(t / props.axisMs) * 100}%` }}
          >
            {(t / 1000).toFixed(step < 1000 ? 1 : 0)} s
          </span>
        ))}
      </div>
    </div>
  );
}

function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const normalized = raw / magnitude;
  const nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
  return nice * magnitude;
}

function statusWord(snapshot: RunSnapshot): string {
  switch (snapshot.status) {
    case "idle":
      return "not started";
    case "waiting":
      return "waiting…";
    case "streaming":
      return "streaming…";
    case "done":
      return "done";
    case "stopped":
      return "stopped";
    case "error":
      return "error";
  }
}
