import { originInstructions } from "../../runs/connection-doctor.ts";

/** The exact OLLAMA_ORIGINS setting for this page's origin, per system. */
export function OriginHelp(props: { origin: string }) {
  return (
    <details className="order-last rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm dark:border-amber-900/60 dark:bg-amber-950/30">
      <summary className="cursor-pointer font-medium text-amber-800 dark:text-amber-200">
        How to allow {props.origin} in Ollama
      </summary>
      <div className="mt-2 grid gap-2 md:grid-cols-2">
        {originInstructions(props.origin).map(({ system, steps }) => (
          <div key={system}>
            <div className="text-xs font-semibold text-slate-600 dark:text-slate-300">{system}</div>
            <pre className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs dark:bg-slate-950">
              {steps}
            </pre>
          </div>
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        OLLAMA_ORIGINS adds to Ollama&apos;s defaults (localhost, 127.0.0.1 and 0.0.0.0 on any
        port). Or open the dashboard from http://localhost instead.
      </p>
    </details>
  );
}
