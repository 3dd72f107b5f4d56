import { useCallback, useEffect, useState } from "react";
import type { OllamaClient } from "../ollama/types.ts";
import { diagnose, mixedContent, type Diagnosis } from "../runs/connection-doctor.ts";

export type ConnectionState =
  | { status: "checking" }
  | { status: "connected"; version: string }
  | { status: "disconnected"; diagnosis: Diagnosis };

/** Whether anything answers at `url`: a `no-cors` request succeeds opaquely if something did. */
function probe(url: string): Promise<boolean> {
  return fetch(url, { mode: "no-cors", signal: AbortSignal.timeout(3000) }).then(
    () => true,
    () => false,
  );
}

/**
 * Asks Ollama for its version when the URL changes, on demand, and every few seconds while it is not
 * reachable, so the page reconnects without a reload. When it fails, finds out why (see
 * connection-doctor.ts). `client` undefined means the URL is invalid.
 */
export function useConnection(client: OllamaClient | undefined, retryEveryMs = 5000) {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ client: OllamaClient; state: ConnectionState }>();

  useEffect(() => {
    if (!client) return;
    const abort = new AbortController();
    const fail = (diagnosis: Diagnosis) => {
      if (!abort.signal.aborted)
        setResult({ client, state: { status: "disconnected", diagnosis } });
    };
    const blocked = mixedContent(window.location.href, client.baseUrl);
    if (blocked) {
      fail(blocked);
      return () => abort.abort();
    }
    client.version(AbortSignal.any([abort.signal, AbortSignal.timeout(4000)])).then(
      (version) => setResult({ client, state: { status: "connected", version } }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        void diagnose(error, {
          baseUrl: client.baseUrl,
          pageOrigin: window.location.origin,
          probe,
        }).then(fail);
      },
    );
    return () => abort.abort();
  }, [client, attempt]);

  // While the last answer for this client is stale, keep showing it rather than flickering.
  const connection: ConnectionState = !client
    ? { status: "disconnected", diagnosis: { kind: "other", message: "Enter a valid Ollama URL." } }
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
