import { useMemo, useRef } from "react";
import type { ModelsState } from "../../hooks/use-models.ts";
import type { ComparisonErrors } from "../../runs/comparison-setup-validation.ts";
import { MAX_LANES, MIN_LANES, type ComparisonSetup } from "../../runs/comparison-setup.ts";
import { summarizeLanes } from "../../runs/comparison-summary.ts";
import type { ComparisonController, ComparisonSnapshot } from "../../runs/comparison-types.ts";
import { Button } from "../ui/button.tsx";
import { Card } from "../ui/card.tsx";
import { CompareControls } from "./compare-controls.tsx";
import { ExportButtons } from "./export-buttons.tsx";
import { LaneCard } from "./lane-card.tsx";
import { laneColor } from "./lane-colors.ts";
import { LaneEditor } from "./lane-editor.tsx";
import { MountLater } from "../ui/mount-later.tsx";
import { LiveOverlayChart, OVERLAY_CHART_HEIGHT } from "./overlay-chart.tsx";
import { STATS_CHART_HEIGHT, StatsChart } from "./stats-chart.tsx";
import { SummaryTable } from "./summary-table.tsx";

const laneName = (index: number) => String.fromCharCode(65 + index);

/** Models side by side: lanes, live lane views, the overlay chart and the statistics. */
export function ComparePage(props: {
  comparison: ComparisonSetup;
  errors: ComparisonErrors;
  showErrors: boolean;
  sharedStream: boolean;
  models: ModelsState;
  controller: ComparisonController;
  snapshot: ComparisonSnapshot;
  onChange: (comparison: ComparisonSetup) => void;
  onRun: () => void;
}) {
  const { comparison, snapshot, controller } = props;
  const running = snapshot.status === "running";
  const spec = snapshot.spec;
  const laneControllers = useMemo(
    () => (spec ? spec.lanes.map((lane) => controller.lanes().get(lane.id)) : []),
    // A new spec means new lane controllers.
    [spec, controller],
  );
  const summaries = useMemo(
    () => (spec ? summarizeLanes(spec, snapshot.records) : []),
    [spec, snapshot.records],
  );
  const overlayLanes = useMemo(
    () =>
      spec
        ? spec.lanes.map((lane, index) => ({
            id: lane.id,
            label: summaries[index]?.label ?? lane.model,
            color: laneColor(index),
          }))
        : [],
    [spec, summaries],
  );
  const colors = spec ? spec.lanes.map((_, index) => laneColor(index)) : [];
  const statsRef = useRef<HTMLElement>(null);
  const overlayRef = useRef<HTMLDivElement>(null);

  const setLane = (index: number, lane: ComparisonSetup["lanes"][number]) =>
    props.onChange({
      ...comparison,
      lanes: comparison.lanes.map((l, i) => (i === index ? lane : l)),
    });

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <Card
        title="Lanes"
        actions={
          <Button
            disabled={comparison.lanes.length >= MAX_LANES}
            onClick={() =>
              props.onChange({
                ...comparison,
                lanes: [...comparison.lanes, { model: "", options: {} }],
              })
            }
          >
            Add lane
          </Button>
        }
      >
        <div className="space-y-2">
          {comparison.lanes.map((lane, index) => (
            <LaneEditor
              key={index}
              name={laneName(index)}
              color={laneColor(index)}
              lane={lane}
              errors={props.showErrors ? (props.errors.lane[index] ?? {}) : {}}
              models={props.models}
              sharedStream={props.sharedStream}
              canRemove={comparison.lanes.length > MIN_LANES}
              onChange={(next) => setLane(index, next)}
              onRemove={() =>
                props.onChange({
                  ...comparison,
                  lanes: comparison.lanes.filter((_, i) => i !== index),
                })
              }
            />
          ))}
          {props.showErrors && props.errors.lanes && (
            <p role="alert" className="text-xs text-rose-600 dark:text-rose-400">
              {props.errors.lanes}
            </p>
          )}
        </div>
        <div className="mt-4">
          <CompareControls
            comparison={comparison}
            repeatsError={props.errors.repeats}
            running={running}
            progress={snapshot.progress}
            onChange={props.onChange}
            onRun={props.onRun}
            onStop={controller.stop}
          />
        </div>
      </Card>
      {spec && (
        <>
          <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
            {spec.lanes.map((lane, index) => (
              <LaneCard
                key={`${lane.id}-${lane.model}`}
                label={summaries[index]?.label ?? lane.model}
                color={laneColor(index)}
                controller={laneControllers[index]}
                note={temperatureNote(snapshot, lane.id)}
              />
            ))}
          </div>
          <Card title="Tokens per second, every lane (time since each lane's own request)">
            <div ref={overlayRef}>
              <MountLater fallback={<div style={{ height: OVERLAY_CHART_HEIGHT }} />}>
                <LiveOverlayChart controllers={laneControllers} lanes={overlayLanes} />
              </MountLater>
            </div>
          </Card>
          <Card
            title="Summary"
            actions={
              <ExportButtons
                spec={spec}
                records={snapshot.records}
                lanes={summaries}
                charts={{ stats: statsRef, overlay: overlayRef }}
              />
            }
          >
            <SummaryTable lanes={summaries} colors={colors} />
            <div className="mt-4">
              <MountLater fallback={<div style={{ height: STATS_CHART_HEIGHT }} />}>
                <StatsChart ref={statsRef} lanes={summaries} colors={colors} />
              </MountLater>
            </div>
          </Card>
        </>
      )}
    </div>
  );
}

/** "cold" / "warm" for the lane's latest run, from /api/ps just before it. */
function temperatureNote(snapshot: ComparisonSnapshot, laneId: string): string | undefined {
  const last = [...snapshot.records].reverse().find((record) => record.laneId === laneId);
  if (!last) return undefined;
  const round = last.warmup ? "warm-up" : `run ${last.round + 1}`;
  return last.temperature === "unknown" ? round : `${round} · ${last.temperature}`;
}
