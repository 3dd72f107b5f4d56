import type { RunController } from "../../runs/run-controller.ts";
import { exportRun } from "../../runs/export-run.ts";
import type { RunSnapshot } from "../../runs/run-state.ts";
import { Button } from "../ui/button.tsx";

/** Saves the request, per-chunk timeline, Ollama's statistics and the computed metrics as JSON. */
export function DownloadRunButton(props: {
  snapshot: RunSnapshot;
  controller: RunController;
  baseUrl: string;
}) {
  const { snapshot } = props;
  return (
    <Button
      disabled={snapshot.request === undefined}
      onClick={() => {
        const record = exportRun(snapshot, props.controller.getSamples(), props.baseUrl);
        const blob = new Blob([JSON.stringify(record, null, 2)], { type: "application/json" });
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = `tokenscope-${snapshot.request?.model.replace(/[^\w.-]+/g, "_") ?? "run"}-${snapshot.runId}.json`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      }}
    >
      Download run (JSON)
    </Button>
  );
}
