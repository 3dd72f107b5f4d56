import { cn } from "../components/ui/cn.ts";

/** The page's views as tabs; the current one is also in the URL (`view`). */
export function Tabs<T extends string>(props: {
  views: { id: T; label: string }[];
  current: T;
  onSelect: (view: T) => void;
}) {
  return (
    <nav
      role="tablist"
      aria-label="Views"
      className="flex gap-1 rounded-xl bg-slate-200/70 p-1 dark:bg-slate-800/70"
    >
      {props.views.map((view) => (
        <button
          key={view.id}
          type="button"
          role="tab"
          aria-selected={view.id === props.current}
          onClick={() => props.onSelect(view.id)}
          className={cn(
            "rounded-lg px-3 py-1.5 text-sm font-medium transition-colors",
            view.id === props.current
              ? "bg-white text-slate-900 shadow-sm dark:bg-slate-950 dark:text-slate-100"
              : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100",
          )}
        >
          {view.label}
        </button>
      ))}
    </nav>
  );
}
