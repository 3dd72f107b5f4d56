import { isAbortError, NetworkError, OllamaHttpError } from "../ollama/errors.ts";

/** Why the dashboard cannot talk to Ollama, told apart as far as a browser can. */
export type Diagnosis =
  | { kind: "mixed-content"; message: string }
  | { kind: "not-listening"; message: string }
  | { kind: "origin-refused"; message: string; origin: string }
  | { kind: "not-ollama"; message: string }
  | { kind: "http-error"; message: string }
  | { kind: "timeout"; message: string }
  | { kind: "other"; message: string };

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/**
 * A page served over https may not call plain http, except on loopback addresses (browsers treat
 * those as trustworthy). Checked before any request: the browser would block it without a word.
 */
export function mixedContent(pageUrl: string, baseUrl: string): Diagnosis | undefined {
  const page = new URL(pageUrl);
  const target = new URL(baseUrl);
  if (page.protocol !== "https:" || target.protocol !== "http:" || LOOPBACK.test(target.hostname)) {
    return undefined;
  }
  return {
    kind: "mixed-content",
    message: `This page is served over https, so the browser blocks plain-http calls to ${target.host}. Open the dashboard over http, or put Ollama behind https.`,
  };
}

/**
 * Tells apart what `version()` failing means. A refused connection and a CORS refusal look the same
 * to fetch ("Failed to fetch"); `probe` tells them apart with a `no-cors` request, which succeeds
 * (opaquely) whenever something answered, and fails only when nothing did.
 */
export async function diagnose(
  error: unknown,
  context: { baseUrl: string; pageOrigin: string; probe: (url: string) => Promise<boolean> },
): Promise<Diagnosis> {
  const { baseUrl, pageOrigin } = context;
  if (isAbortError(error)) {
    return { kind: "timeout", message: `No answer from ${baseUrl} within 4 s.` };
  }
  if (error instanceof OllamaHttpError) {
    return {
      kind: error.status === 404 ? "not-ollama" : "http-error",
      message:
        error.status === 404
          ? `Something answers at ${baseUrl}, but not like Ollama (HTTP 404 for /api/version). Check the address and port (Ollama's is 11434).`
          : `${baseUrl} answered HTTP ${error.status}: ${error.message}`,
    };
  }
  if (error instanceof NetworkError) {
    const answered = await context.probe(`${baseUrl}/`);
    if (!answered) {
      return {
        kind: "not-listening",
        message: `Nothing is listening at ${baseUrl}. Start Ollama (ollama serve), or check the address.`,
      };
    }
    return {
      kind: "origin-refused",
      origin: pageOrigin,
      message: `Something is running at ${baseUrl} but refuses this page's origin (${pageOrigin}). If it is Ollama, allow the origin with OLLAMA_ORIGINS and restart it.`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: /not like Ollama/.test(message) ? "not-ollama" : "other", message };
}

/** How to set OLLAMA_ORIGINS for `origin` on each system (it adds to Ollama's default origins). */
export function originInstructions(origin: string): { system: string; steps: string }[] {
  return [
    {
      system: "macOS (the app)",
      steps: `launchctl setenv OLLAMA_ORIGINS "${origin}"\n# then quit Ollama from the menu bar and open it again`,
    },
    {
      system: "Linux (systemd)",
      steps: `sudo systemctl edit ollama.service\n# add under [Service]:\nEnvironment="OLLAMA_ORIGINS=${origin}"\nsudo systemctl daemon-reload && sudo systemctl restart ollama`,
    },
    {
      system: "Windows",
      steps: `setx OLLAMA_ORIGINS "${origin}"\n# then quit Ollama from the taskbar and start it again`,
    },
    { system: "ollama serve", steps: `OLLAMA_ORIGINS="${origin}" ollama serve` },
  ];
}
