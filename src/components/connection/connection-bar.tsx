import { memo, useState } from "react";
import type { ConnectionState } from "../../hooks/use-connection.ts";
import { Button } from "../ui/button.tsx";
import { cn } from "../ui/cn.ts";
import { inputClass } from "../ui/field.tsx";
import { OriginHelp } from "./origin-help.tsx";

/** The Ollama URL, whether it answers, and one click to the simulator. */
export const ConnectionBar = memo(function ConnectionBar(props: {
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
  const diagnosis = connection.status === "disconnected" ? connection.diagnosis : undefined;
  const reason = props.hostError ?? diagnosis?.message;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <form
          className="flex items-center gap-2"
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
            className={cn(inputClass, "w-64 font-mono sm:w-72")}
            value={draft}
            aria-invalid={props.hostError ? true : undefined}
            aria-describedby={reason ? "connection-reason" : undefined}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={() => props.onHostChange(draft.trim())}
            spellCheck={false}
          />
          <Button type="submit">Connect</Button>
        </form>
        <div
          role="status"
          aria-label="Connection"
          className="flex items-center gap-2 rounded-full bg-slate-100 px-3 py-1 text-sm dark:bg-slate-800"
        >
          <span aria-hidden="true" className={cn("h-2.5 w-2.5 shrink-0 rounded-full", dot)} />
          {connection.status === "connected" && !props.hostError
            ? `Connected · Ollama ${connection.version}`
            : connection.status === "checking" && !props.hostError
              ? "Checking…"
              : "Not connected"}
        </div>
        <div className="flex items-center gap-2">
          {connection.status === "disconnected" && !props.hostError && (
            <Button onClick={props.onRecheck}>Check again</Button>
          )}
          {props.host !== props.simulatorUrl && connection.status !== "connected" && (
            <Button onClick={() => props.onHostChange(props.simulatorUrl)}>
              Use the simulator
            </Button>
          )}
        </div>
      </div>
      {!props.hostError && diagnosis?.kind === "origin-refused" && (
        <OriginHelp origin={diagnosis.origin} />
      )}
      {reason && (
        <p id="connection-reason" className="text-sm text-rose-700 dark:text-rose-300">
          {reason}
        </p>
      )}
    </div>
  );
});
