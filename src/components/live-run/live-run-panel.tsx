import { lazy, Suspense, useState } from "react";
import type { RunController } from "../../runs/run-controller.ts";
import { isActive, type RunSnapshot } from "../../runs/run-state.ts";
import { DeferredThroughputChart } from "../throughput-chart/deferred-throughput-chart.tsx";
import { Card } from "../ui/card.tsx";
import { Switch } from "../ui/switch.tsx";
import { DownloadRunButton } from "./download-run-button.tsx";
import { FallingBehind } from "./falling-behind.tsx";
import { RunMetrics } from "./run-metrics.tsx";
import { RunStatus } from "./run-status.tsx";
import { TokenOutput } from "./token-output.tsx";

// Its own chunk (marked, DOMPurify, remend): downloaded only when Markdown is first switched on.
const MarkdownOutput = lazy(() =>
  import("../markdown/markdown-output.tsx").then((module) => ({ default: module.MarkdownOutput })),
);

/** The live view of one run: status, thinking, answer, figures and the tokens/s chart. */
export function LiveRunPanel(props: {
  snapshot: RunSnapshot;
  controller: RunController;
  baseUrl: string;
}) {
  const { snapshot } = props;
  const blocking = snapshot.request?.stream === false;
  const [markdown, setMarkdown] = useState(false);
  const answer = {
    label: "Output",
    text: snapshot.answer,
    runId: snapshot.runId,
    placeholder:
      snapshot.status === "waiting"
        ? blocking
          ? "Blocking request: nothing arrives until the whole answer is ready."
          : "Waiting for the first token…"
        : "The answer appears here as it streams.",
    className: "min-h-48 max-h-[28rem]",
  };
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <Card
        title="Answer"
        actions={
          <>
            <Switch label="Markdown" checked={markdown} onChange={setMarkdown} />
            <DownloadRunButton
              snapshot={snapshot}
              controller={props.controller}
              baseUrl={props.baseUrl}
            />
          </>
        }
      >
        <div className="mb-3">
          <RunStatus snapshot={snapshot} />
        </div>
        {snapshot.thinking !== "" && (
          <details
            open
            className="mb-3 rounded-lg border border-violet-200 dark:border-violet-900/60"
          >
            <summary className="cursor-pointer px-3 py-1.5 text-xs font-semibold text-violet-700 select-none dark:text-violet-300">
              Thinking · {snapshot.summary.thinkingTokens ?? "—"} tokens
            </summary>
            <TokenOutput
              label="Thinking"
              text={snapshot.thinking}
              runId={snapshot.runId}
              className="max-h-48 rounded-t-none bg-violet-50/60 text-sm dark:bg-violet-950/30"
            />
          </details>
        )}
        {markdown ? (
          // Until the chunk has loaded, the plain text stands in: nothing disappears.
          <Suspense fallback={<TokenOutput {...answer} />}>
            <MarkdownOutput {...answer} live={isActive(snapshot.status)} />
          </Suspense>
        ) : (
          <TokenOutput {...answer} />
        )}
      </Card>
      <Card title="Metrics">
        <RunMetrics
          summary={snapshot.summary}
          blocking={blocking}
          displayLag={snapshot.displayLag}
        />
        <FallingBehind displayLag={snapshot.displayLag} />
      </Card>
      <Card title="Tokens per second">
        <DeferredThroughputChart series={snapshot.series} windowMs={1000} />
      </Card>
    </div>
  );
}
