import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RunMetrics } from "./run-metrics.tsx";

describe("RunMetrics", () => {
  it("shows each figure under its label, and a figure Ollama did not send as —, never 0", () => {
    render(
      <RunMetrics
        blocking={false}
        summary={{
          ttftMs: 412.3,
          tokens: 1234,
          totalMs: 4810,
          clientTps: 38.94,
          evalCount: 1235,
          promptTokens: 10,
          ollamaTps: 40.12,
          // loadMs, ollamaPromptTps: not sent (cloud style)
        }}
      />,
    );
    expect(screen.getByLabelText("Time to first token")).toHaveTextContent("412 ms");
    expect(screen.getByLabelText("Tokens", { exact: true })).toHaveTextContent("1,234");
    expect(screen.getByLabelText("Total time")).toHaveTextContent("4.81 s");
    expect(screen.getByLabelText("Tokens/s (client)")).toHaveTextContent("38.9");
    expect(screen.getByLabelText("Tokens/s (Ollama)")).toHaveTextContent("40.1");
    expect(screen.getByLabelText("Load time")).toHaveTextContent("—");
    expect(screen.getByLabelText("Prompt tokens/s (Ollama)")).toHaveTextContent("—");
    expect(screen.getByLabelText("Token gap p95")).toHaveTextContent("—");
    expect(screen.getByText("Measured by this browser")).toBeInTheDocument();
    expect(screen.getByText("Reported by Ollama")).toBeInTheDocument();
  });
});
