import { useId, type ReactNode } from "react";

export const inputClass =
  "w-full rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-accent-500 focus:outline-2 focus:outline-accent-500/30 aria-invalid:border-rose-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";

/**
 * A labelled control with an optional hint and error. The visible label is the accessible name;
 * the error is tied to the control with aria-describedby.
 */
export function Field(props: {
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={props.className}>
      <label
        htmlFor={id}
        className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300"
      >
        {props.label}
      </label>
      {props.children({
        id,
        describedBy: props.error ? errorId : undefined,
        invalid: !!props.error,
      })}
      {props.error ? (
        <p id={errorId} role="alert" className="mt-1 text-xs text-rose-600 dark:text-rose-400">
          {props.error}
        </p>
      ) : props.hint ? (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{props.hint}</p>
      ) : null}
    </div>
  );
}
