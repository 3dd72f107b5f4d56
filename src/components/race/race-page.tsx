import { useMemo } from "react";
import { useLaneSnapshots } from "../../hooks/use-comparison.ts";
import type { ComparisonSetup } from "../../runs/comparison-setup.ts";
import type { ComparisonController, ComparisonSnapshot } from "../../runs/comparison-types.ts";
import { describeRace } from "../../runs/race.ts";
import { IDLE_SNAPSHOT } from "../../runs/run-state.ts";
import { CompareControls } from "../compare/compare-controls.tsx";
import { LaneCard } from "../compare/lane-card.tsx";
import { Card } from "../ui/card.tsx";
import { RaceTimeline } from "./race-timeline.tsx";

const COLORS = { streaming: "#6366f1", blocking: "#f59e0b" };

/** The same model and prompt, streamed and blocking, on one time axis. */
export function RacePage(props: {
  comparison: ComparisonSetup;
  repeatsError?: string;
  controller: ComparisonController;
  snapshot: ComparisonSnapshot;
  onChange: (comparison: ComparisonSetup) => void;
  onRun: () => void;
}) {
  const { snapshot, controller } = props;
  const spec = snapshot.spec;
  const streamingLane = spec?.lanes.find((lane) => lane.stream);
  const blockingLane = spec?.lanes.find((lane) => !lane.stream);
  const controllers = useMemo(
    () =>
      [streamingLane, blockingLane].map((lane) =>
        lane ? controller.lanes().get(lane.id) : undefined,
      ),
    [streamingLane, blockingLane, controller],
  );
  const [streaming = IDLE_SNAPSHOT, blocking = IDLE_SNAPSHOT] = useLaneSnapshots(controllers);
  const finished = streaming.status === "done" && blocking.status === "done";
  const latest = (laneId: string | undefined) =>
    [...snapshot.records].reverse().find((record) => record.laneId === laneId)?.temperature;
  const unfair =
    finished &&
    latest(streamingLane?.id) !== latest(blockingLane?.id) &&
    !props.comparison.unloadFirst;

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <Card title="Streaming versus blocking">
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
          The model and prompt on the left, sent twice: once with{" "}
          <code>&quot;stream&quot;: true</code>, once with <code>&quot;stream&quot;: false</code>.
          Both are drawn against the time since their own request.
        </p>
        <CompareControls
          comparison={props.comparison}
          repeatsError={props.repeatsError}
          running={snapshot.status === "running"}
          progress={snapshot.progress}
          showOrder
          onChange={props.onChange}
          onRun={props.onRun}
          onStop={controller.stop}
        />
      </Card>
      {spec && (
        <>
          <Card title="Race">
            <RaceTimeline
              streaming={streaming}
              blocking={blocking}
              streamingController={controllers[0]}
              colors={COLORS}
            />
            {finished && (
              <p role="status" aria-label="Race result" className="mt-4 text-base font-semibold">
                {describeRace(streaming.summary, blocking.summary)}
              </p>
            )}
            {unfair && (
              <p className="mt-1 text-sm text-amber-700 dark:text-amber-300">
                One side ran cold (the model had to load) and the other warm. For a fair race turn
                on Warm-up run or Unload first.
              </p>
            )}
          </Card>
          <div className="grid gap-3 md:grid-cols-2">
            <LaneCard label="Streaming" color={COLORS.streaming} controller={controllers[0]} />
            <LaneCard label="Blocking" color={COLORS.blocking} controller={controllers[1]} />
          </div>
        </>
      )}
    </div>
  );
}
