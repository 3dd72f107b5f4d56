import { cn } from "./cn.ts";

/** An on/off switch whose visible label is its accessible name (role="switch"). */
export function Switch(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={props.checked}
      disabled={props.disabled}
      onClick={() => props.onChange(!props.checked)}
      className="group inline-flex items-center gap-2 text-sm font-medium text-slate-700 disabled:opacity-50 dark:text-slate-200"
    >
      <span
        aria-hidden="true"
        className={cn(
          "relative inline-block h-5 w-9 rounded-full transition-colors",
          props.checked ? "bg-accent-600" : "bg-slate-300 dark:bg-slate-700",
        )}
      >
        <span
          className={cn(
            "absolute top-0.5 left-0.5 h-4 w-4 rounded-full bg-white shadow transition-transform",
            props.checked && "translate-x-4",
          )}
        />
      </span>
      {props.label}
    </button>
  );
}
