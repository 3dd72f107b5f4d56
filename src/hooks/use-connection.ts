import { useCallback, useEffect, useState } from "react";
import type { OllamaClient } from "../ollama/types.ts";
import { explainConnectionError } from "../runs/connection.ts";

export type ConnectionState =
  | { status: "checking" }
  | { status: "connected"; version: string }
  | { status: "disconnected"; reason: string };

/**
 * Asks Ollama for its version when the URL changes, on demand, and every few seconds while it is not
 * reachable, so the page reconnects without a reload. `client` undefined means the URL is invalid.
 */
export function useConnection(client: OllamaClient | undefined, retryEveryMs = 5000) {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ client: OllamaClient; state: ConnectionState }>();

  useEffect(() => {
    if (!client) return;
    const abort = new AbortController();
    client.version(AbortSignal.any([abort.signal, AbortSignal.timeout(4000)])).then(
      (version) => setResult({ client, state: { status: "connected", version } }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const reason = explainConnectionError(error, client.baseUrl);
        setResult({ client, state: { status: "disconnected", reason } });
      },
    );
    return () => abort.abort();
  }, [client, attempt]);

  // While the last answer for this client is stale, keep showing it rather than flickering.
  const connection: ConnectionState = !client
    ? { status: "disconnected", reason: "Enter a valid Ollama URL." }
    : result?.client === client
      ? result.state
      : { status: "checking" };

  const disconnected = client !== undefined && connection.status === "disconnected";
  useEffect(() => {
    if (!disconnected) return;
    const id = setTimeout(() => setAttempt((n) => n + 1), retryEveryMs);
    return () => clearTimeout(id);
  }, [disconnected, retryEveryMs, result]);

  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  return { connection, recheck };
}
