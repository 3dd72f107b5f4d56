import type { ReactNode } from "react";
import { cn } from "./cn.ts";

export function Card(props: {
  title?: ReactNode;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      className={cn(
        "rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900",
        props.className,
      )}
    >
      {(props.title !== undefined || props.actions !== undefined) && (
        <header className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5 dark:border-slate-800">
          <h2 className="text-sm font-semibold text-slate-700 dark:text-slate-200">
            {props.title}
          </h2>
          <div className="flex items-center gap-2">{props.actions}</div>
        </header>
      )}
      <div className="p-4">{props.children}</div>
    </section>
  );
}
