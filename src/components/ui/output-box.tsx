import type { ReactNode, Ref } from "react";
import { cn } from "./cn.ts";

/**
 * The scrolling box the answer is shown in (plain or Markdown): a labelled, focusable region whose
 * layout and paint stay inside it, so text added here re-lays out this box only; the placeholder
 * shows while it is empty.
 */
export function OutputBox({
  ref,
  ...props
}: {
  ref: Ref<HTMLDivElement>;
  label: string;
  empty: boolean;
  placeholder?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      ref={ref}
      role="region"
      aria-label={props.label}
      tabIndex={0}
      className={cn(
        "relative overflow-auto rounded-lg bg-slate-50 p-3 [contain:content] dark:bg-slate-950/60",
        props.className,
      )}
    >
      {props.children}
      {props.empty && props.placeholder && (
        <p className="pointer-events-none absolute inset-3 text-sm text-slate-400 dark:text-slate-500">
          {props.placeholder}
        </p>
      )}
    </div>
  );
}
