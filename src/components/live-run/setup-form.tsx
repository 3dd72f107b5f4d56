import { memo } from "react";
import type { ModelsState } from "../../hooks/use-models.ts";
import type { Api, ThinkSetting } from "../../ollama/types.ts";
import { OPTION_KEYS, THINK_SETTINGS, type RunSetup, type SetupErrors } from "../../runs/setup.ts";
import { Button } from "../ui/button.tsx";
import { cn } from "../ui/cn.ts";
import { Field, inputClass } from "../ui/field.tsx";
import { Switch } from "../ui/switch.tsx";

const THINK_LABELS: Record<ThinkSetting, string> = {
  unset: "Not sent",
  off: "Off",
  on: "On",
  low: "Low",
  medium: "Medium",
  high: "High",
};

/** Everything that shapes the request, plus Run and Stop. */
export const SetupForm = memo(function SetupForm(props: {
  setup: RunSetup;
  errors: SetupErrors;
  showErrors: boolean;
  models: ModelsState;
  running: boolean;
  /** "shared": the fields a comparison shares (no Stream, Run or Stop); `showModel` off for lanes. */
  variant?: "run" | "shared";
  showModel?: boolean;
  onChange: (setup: RunSetup) => void;
  onRun: () => void;
  onStop: () => void;
}) {
  const { setup, models } = props;
  const errors = props.showErrors ? props.errors : pickOptionErrors(props.errors);
  const set = (patch: Partial<RunSetup>) => props.onChange({ ...setup, ...patch });
  const modelNames = models.status === "ready" ? models.models.map((model) => model.name) : [];
  const shared = props.variant === "shared";
  const hasOptionError = Object.keys(pickOptionErrors(errors)).length > 0;
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        props.onRun();
      }}
    >
      {props.showModel !== false && (
        <Field
          label="Model"
          error={errors.model}
          hint={
            models.status === "ready" && models.models.length === 0
              ? "No models installed. Pull one first, e.g. `ollama pull llama3.2`."
              : models.status === "error"
                ? `Could not list models: ${models.message}`
                : undefined
          }
        >
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className={inputClass}
              value={setup.model}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => set({ model: event.target.value })}
            >
              <option value="">
                {models.status === "loading" ? "Loading models…" : "Choose a model"}
              </option>
              {setup.model !== "" && !modelNames.includes(setup.model) && (
                <option value={setup.model}>{setup.model}</option>
              )}
              {models.status === "ready" &&
                models.models.map((model) => (
                  <option key={model.name} value={model.name}>
                    {[model.name, model.parameterSize, model.quantizationLevel]
                      .filter(Boolean)
                      .join(" · ")}
                  </option>
                ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Prompt" error={errors.prompt}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={4}
            className={cn(inputClass, "resize-y")}
            value={setup.prompt}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => set({ prompt: event.target.value })}
            placeholder="Ask something…"
          />
        )}
      </Field>
      <Field label="System prompt">
        {({ id }) => (
          <textarea
            id={id}
            rows={2}
            className={cn(inputClass, "resize-y")}
            value={setup.system}
            onChange={(event) => set({ system: event.target.value })}
            placeholder="Optional"
          />
        )}
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="API">
          {({ id }) => (
            <select
              id={id}
              className={inputClass}
              value={setup.api}
              onChange={(event) =>
                set({ api: event.target.value === "generate" ? "generate" : "chat" })
              }
            >
              {(["chat", "generate"] satisfies Api[]).map((api) => (
                <option key={api} value={api}>
                  /api/{api}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Think">
          {({ id }) => (
            <select
              id={id}
              className={inputClass}
              value={setup.think}
              onChange={(event) =>
                set({
                  think: THINK_SETTINGS.find((value) => value === event.target.value) ?? "unset",
                })
              }
            >
              {THINK_SETTINGS.map((value) => (
                <option key={value} value={value}>
                  {THINK_LABELS[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <details
        // Opened whenever a field inside has an error, so the message is seen.
        open={hasOptionError || undefined}
        className="group rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-800"
      >
        <summary className="cursor-pointer text-xs font-medium text-slate-600 select-none dark:text-slate-300">
          Options
        </summary>
        <div className="mt-2 grid grid-cols-2 gap-3">
          {OPTION_KEYS.map((key) => (
            <Field key={key} label={key} error={errors[key]}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  inputMode="decimal"
                  className={cn(inputClass, "font-mono")}
                  value={setup.options[key]}
                  placeholder="default"
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) =>
                    set({ options: { ...setup.options, [key]: event.target.value } })
                  }
                />
              )}
            </Field>
          ))}
          <Field label="keep_alive" error={errors.keepAlive}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className={cn(inputClass, "font-mono")}
                value={setup.keepAlive}
                placeholder="5m"
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => set({ keepAlive: event.target.value })}
              />
            )}
          </Field>
          <Field label="Idle timeout (s)" error={errors.idleTimeout} hint="0 waits for ever">
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                inputMode="decimal"
                className={cn(inputClass, "font-mono")}
                value={setup.idleTimeout}
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                onChange={(event) => set({ idleTimeout: event.target.value })}
              />
            )}
          </Field>
        </div>
      </details>
      {!shared && (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3 pt-1">
            <Switch label="Stream" checked={setup.stream} onChange={(stream) => set({ stream })} />
            <div className="flex items-center gap-2">
              <Button variant="danger" onClick={props.onStop} disabled={!props.running} title="Esc">
                Stop
              </Button>
              <Button variant="primary" type="submit" title="Ctrl+Enter">
                Run
              </Button>
            </div>
          </div>
          <p className="text-right text-xs text-slate-500 dark:text-slate-400">
            <kbd className="font-mono">Ctrl</kbd>+<kbd className="font-mono">Enter</kbd> runs ·{" "}
            <kbd className="font-mono">Esc</kbd> stops
          </p>
        </>
      )}
    </form>
  );
});

/** Option fields are checked as you type; model and prompt only once you press Run. */
function pickOptionErrors(errors: SetupErrors): SetupErrors {
  const picked: SetupErrors = {};
  for (const key of OPTION_KEYS) if (errors[key]) picked[key] = errors[key];
  if (errors.keepAlive) picked.keepAlive = errors.keepAlive;
  if (errors.idleTimeout) picked.idleTimeout = errors.idleTimeout;
  return picked;
}
