import type { ComparisonSetup } from "../../runs/comparison-setup.ts";
import type { ComparisonProgress } from "../../runs/comparison-types.ts";
import { Button } from "../ui/button.tsx";
import { cn } from "../ui/cn.ts";
import { Field, inputClass } from "../ui/field.tsx";
import { Switch } from "../ui/switch.tsx";

/** Repeats, warm-up, sequential or concurrent, unload first; Run, Stop and the progress bar. */
export function CompareControls(props: {
  comparison: ComparisonSetup;
  repeatsError?: string;
  running: boolean;
  progress: ComparisonProgress;
  /** Race view: which lane goes first. */
  showOrder?: boolean;
  onChange: (comparison: ComparisonSetup) => void;
  onRun: () => void;
  onStop: () => void;
}) {
  const { comparison, progress } = props;
  const set = (patch: Partial<ComparisonSetup>) => props.onChange({ ...comparison, ...patch });
  const pct = progress.total === 0 ? 0 : (progress.completed / progress.total) * 100;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-x-5 gap-y-3">
        <Field label="Runs per lane" error={props.repeatsError} className="w-28">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              inputMode="numeric"
              className={cn(inputClass, "font-mono")}
              value={comparison.repeats}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => set({ repeats: event.target.value })}
            />
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2 pb-1.5">
          <Switch
            label="Warm-up run"
            checked={comparison.warmup}
            onChange={(warmup) => set({ warmup })}
          />
          <Switch
            label="Run lanes at once"
            checked={comparison.concurrent}
            onChange={(concurrent) => set({ concurrent })}
          />
          <Switch
            label="Unload first"
            checked={comparison.unloadFirst}
            onChange={(unloadFirst) => set({ unloadFirst })}
          />
          {props.showOrder && (
            <Switch
              label="Blocking first"
              checked={comparison.order === "block-first"}
              onChange={(first) => set({ order: first ? "block-first" : "stream-first" })}
            />
          )}
        </div>
        <div className="ml-auto flex items-center gap-2 pb-0.5">
          <Button variant="danger" onClick={props.onStop} disabled={!props.running}>
            Stop
          </Button>
          <Button variant="primary" onClick={props.onRun}>
            Run
          </Button>
        </div>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {comparison.concurrent
          ? "All lanes run at once: they share the GPU and slow each other down, and Ollama may queue them (OLLAMA_NUM_PARALLEL, 1 by default)."
          : "Lanes run one after another, round-robin, so each has the GPU to itself: the fair way on one machine."}
        {comparison.unloadFirst &&
          " Each run starts by unloading its model, so load time is part of it (a cold run)."}
        {comparison.warmup && " The warm-up run of each lane is left out of the statistics."}
      </p>
      {progress.total > 0 && (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label="Comparison progress"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.completed}
            className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
          >
            <div className="h-full bg-accent-500 transition-[width]" style={{ width: `${pct}%` }} />
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-300" aria-live="polite">
            {progressText(progress, props.running)}
          </p>
        </div>
      )}
    </div>
  );
}

function progressText(progress: ComparisonProgress, running: boolean): string {
  const current = progress.current
    .map((run) => `lane ${run.laneId.toUpperCase()}${run.warmup ? " (warm-up)" : ""}`)
    .join(", ");
  if (running && progress.current.length > 0) {
    return `Run ${Math.min(progress.completed + 1, progress.total)} of ${progress.total}: ${current}`;
  }
  return `${progress.completed} of ${progress.total} runs finished`;
}
