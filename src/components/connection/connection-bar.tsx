import { useState } from "react";
import type { ConnectionState } from "../../hooks/use-connection.ts";
import { Button } from "../ui/button.tsx";
import { cn } from "../ui/cn.ts";
import { inputClass } from "../ui/field.tsx";

/** The Ollama URL, whether it answers, and one click to the simulator. */
export function ConnectionBar(props: {
  host: string;
  hostError?: string;
  connection: ConnectionState;
  simulatorUrl: string;
  onHostChange: (host: string) => void;
  onRecheck: () => void;
}) {
  const { connection } = props;
  const [draft, setDraft] = useState(props.host);
  const [shownHost, setShownHost] = useState(props.host);
  if (shownHost !== props.host) {
    // The host changed from outside (the simulator button): show it.
    setShownHost(props.host);
    setDraft(props.host);
  }
  const dot =
    connection.status === "connected"
      ? "bg-emerald-500"
      : connection.status === "checking"
        ? "bg-amber-400 animate-pulse"
        : "bg-rose-500";
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <form
        className="flex min-w-0 flex-1 items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          props.onHostChange(draft.trim());
        }}
      >
        <label
          htmlFor="ollama-url"
          className="text-xs font-medium whitespace-nowrap text-slate-600 dark:text-slate-300"
        >
          Ollama URL
        </label>
        <input
          id="ollama-url"
          className={cn(inputClass, "max-w-xs font-mono")}
          value={draft}
          aria-invalid={props.hostError ? true : undefined}
          aria-describedby={props.hostError ? "ollama-url-error" : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => props.onHostChange(draft.trim())}
          spellCheck={false}
        />
        <Button type="submit" className="hidden sm:inline-flex">
          Connect
        </Button>
      </form>
      <div
        role="status"
        aria-label="Connection"
        className="flex min-w-0 items-center gap-2 text-sm"
      >
        <span aria-hidden="true" className={cn("h-2.5 w-2.5 shrink-0 rounded-full", dot)} />
        {props.hostError ? (
          <span id="ollama-url-error" className="text-rose-600 dark:text-rose-400">
            {props.hostError}
          </span>
        ) : connection.status === "connected" ? (
          <span>Connected · Ollama {connection.version}</span>
        ) : connection.status === "checking" ? (
          <span>Checking…</span>
        ) : (
          <span className="text-rose-700 dark:text-rose-300">{connection.reason}</span>
        )}
      </div>
      <div className="flex items-center gap-2">
        {connection.status === "disconnected" && (
          <Button onClick={props.onRecheck}>Check again</Button>
        )}
        {props.host !== props.simulatorUrl && connection.status !== "connected" && (
          <Button onClick={() => props.onHostChange(props.simulatorUrl)}>Use the simulator</Button>
        )}
      </div>
    </div>
  );
}
