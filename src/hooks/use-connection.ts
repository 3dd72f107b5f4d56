import { useCallback, useEffect, useState } from "react";
import type { OllamaClient } from "../ollama/types.ts";
import { explainConnectionError } from "../runs/connection.ts";

export type ConnectionState =
  | { status: "checking" }
  | { status: "connected"; version: string }
  | { status: "disconnected"; reason: string };

/**
 * Asks Ollama for its version when the URL changes, on demand, and every few seconds while it is not
 * reachable, so the page reconnects without a reload.
 */
export function useConnection(client: OllamaClient | undefined, retryEveryMs = 5000) {
  const [state, setState] = useState<ConnectionState>({ status: "checking" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!client) {
      setState({ status: "disconnected", reason: "Enter a valid Ollama URL." });
      return;
    }
    const abort = new AbortController();
    setState((previous) => (previous.status === "connected" ? previous : { status: "checking" }));
    client.version(AbortSignal.any([abort.signal, AbortSignal.timeout(4000)])).then(
      (version) => setState({ status: "connected", version }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState({ status: "disconnected", reason: explainConnectionError(error, client.baseUrl) });
      },
    );
    return () => abort.abort();
  }, [client, attempt]);

  useEffect(() => {
    if (state.status !== "disconnected") return;
    const id = setTimeout(() => setAttempt((n) => n + 1), retryEveryMs);
    return () => clearTimeout(id);
  }, [state, retryEveryMs]);

  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  return { connection: state, recheck };
}
