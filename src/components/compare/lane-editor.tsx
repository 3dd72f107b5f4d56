import type { ModelsState } from "../../hooks/use-models.ts";
import type { LaneErrors } from "../../runs/comparison-setup-validation.ts";
import type { LaneSetup } from "../../runs/comparison-setup.ts";
import { THINK_SETTINGS } from "../../runs/setup.ts";
import { Button } from "../ui/button.tsx";
import { cn } from "../ui/cn.ts";
import { Field, inputClass } from "../ui/field.tsx";
import { Switch } from "../ui/switch.tsx";

/** One lane's model and what it overrides of the shared setup. */
export function LaneEditor(props: {
  name: string;
  color: string;
  lane: LaneSetup;
  errors: LaneErrors;
  models: ModelsState;
  canRemove: boolean;
  sharedStream: boolean;
  onChange: (lane: LaneSetup) => void;
  onRemove: () => void;
}) {
  const { lane } = props;
  const names = props.models.status === "ready" ? props.models.models.map((m) => m.name) : [];
  return (
    <fieldset
      className="grid grid-cols-2 items-end gap-2 rounded-lg border border-slate-200 p-2.5 sm:grid-cols-[1.6fr_1fr_1fr_auto_auto] dark:border-slate-800"
      style={{ borderLeft: `4px solid ${props.color}` }}
    >
      <legend className="sr-only">Lane {props.name}</legend>
      <Field
        label={`Lane ${props.name} model`}
        error={props.errors.model}
        className="col-span-2 sm:col-span-1"
      >
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            className={inputClass}
            value={lane.model}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => props.onChange({ ...lane, model: event.target.value })}
          >
            <option value="">Choose a model</option>
            {lane.model !== "" && !names.includes(lane.model) && (
              <option value={lane.model}>{lane.model}</option>
            )}
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={`Lane ${props.name} temperature`} error={props.errors.temperature}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className={cn(inputClass, "font-mono")}
            placeholder="shared"
            value={lane.options.temperature ?? ""}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) =>
              props.onChange({
                ...lane,
                options: { ...lane.options, temperature: event.target.value },
              })
            }
          />
        )}
      </Field>
      <Field label={`Lane ${props.name} think`}>
        {({ id }) => (
          <select
            id={id}
            className={inputClass}
            value={lane.think ?? ""}
            onChange={(event) => {
              const think = THINK_SETTINGS.find((value) => value === event.target.value);
              props.onChange({ ...lane, think });
            }}
          >
            <option value="">shared</option>
            {THINK_SETTINGS.map((value) => (
              <option key={value} value={value}>
                {value === "unset" ? "not sent" : value}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="pb-1.5">
        <Switch
          label={`Stream ${props.name}`}
          checked={lane.stream ?? props.sharedStream}
          onChange={(stream) => props.onChange({ ...lane, stream })}
        />
      </div>
      <Button
        onClick={props.onRemove}
        disabled={!props.canRemove}
        aria-label={`Remove lane ${props.name}`}
      >
        ✕
      </Button>
    </fieldset>
  );
}
