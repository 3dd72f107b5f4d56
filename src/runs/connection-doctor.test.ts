import { describe, expect, it } from "vitest";
import { NetworkError, OllamaHttpError } from "../ollama/errors.ts";
import { diagnose, mixedContent, originInstructions } from "./connection-doctor.ts";

const context = (answered: boolean) => {
  const probed: string[] = [];
  return {
    probed,
    context: {
      baseUrl: "http://127.0.0.1:11434",
      pageOrigin: "http://192.168.1.20:5173",
      probe: (url: string) => {
        probed.push(url);
        return Promise.resolve(answered);
      },
    },
  };
};

describe("connection doctor", () => {
  it("tells a refused connection from a refused origin with a no-cors probe", async () => {
    const down = context(false);
    expect((await diagnose(new NetworkError("Failed to fetch"), down.context)).kind).toBe(
      "not-listening",
    );
    expect(down.probed).toEqual(["http://127.0.0.1:11434/"]);
    const refusing = context(true);
    const diagnosis = await diagnose(new NetworkError("Failed to fetch"), refusing.context);
    expect(diagnosis).toMatchObject({ kind: "origin-refused", origin: "http://192.168.1.20:5173" });
    expect(diagnosis.message).toMatch(
      /refuses this page's origin \(http:\/\/192\.168\.1\.20:5173\)/,
    );
  });

  it("says when something answers that is not Ollama", async () => {
    const { context: c } = context(true);
    expect((await diagnose(new OllamaHttpError(404, "404 page not found"), c)).kind).toBe(
      "not-ollama",
    );
    const html = new Error(
      "The server at http://x/api/version answered, but not like Ollama: <html>",
    );
    expect((await diagnose(html, c)).kind).toBe("not-ollama");
    expect((await diagnose(new OllamaHttpError(500, "boom"), c)).message).toBe(
      "http://127.0.0.1:11434 answered HTTP 500: boom",
    );
    expect((await diagnose(new DOMException("t", "TimeoutError"), c)).kind).toBe("timeout");
  });

  it("spots mixed content before any request, but not for loopback", () => {
    expect(mixedContent("https://dash.example/", "http://192.168.1.5:11434")?.kind).toBe(
      "mixed-content",
    );
    expect(mixedContent("https://dash.example/", "http://localhost:11434")).toBeUndefined();
    expect(mixedContent("https://dash.example/", "http://127.0.0.1:11434")).toBeUndefined();
    expect(mixedContent("https://dash.example/", "https://gpu-box:11434")).toBeUndefined();
    expect(mixedContent("http://localhost:5173/", "http://192.168.1.5:11434")).toBeUndefined();
  });

  it("gives the exact OLLAMA_ORIGINS setting for the page's origin on each system", () => {
    const steps = originInstructions("http://192.168.1.20:5173");
    expect(steps.map((s) => s.system)).toEqual([
      "macOS (the app)",
      "Linux (systemd)",
      "Windows",
      "ollama serve",
    ]);
    for (const step of steps) expect(step.steps).toContain("OLLAMA_ORIGINS");
    expect(steps[1]?.steps).toContain('Environment="OLLAMA_ORIGINS=http://192.168.1.20:5173"');
  });
});
