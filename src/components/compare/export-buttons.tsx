import { useState, type RefObject } from "react";
import type { LaneSummary } from "../../runs/comparison-summary.ts";
import type { ComparisonSpec, RunRecord } from "../../runs/comparison-types.ts";
import { comparisonToJson, summaryToCsv, summaryToMarkdown } from "../../runs/export-summary.ts";
import { Button } from "../ui/button.tsx";
import { chartSvgText, savePng, saveText } from "./chart-export.ts";

/** Summary as CSV or Markdown (copied), every run as JSON, and the charts as SVG or PNG. */
export function ExportButtons(props: {
  spec: ComparisonSpec;
  records: readonly RunRecord[];
  lanes: LaneSummary[];
  charts: { stats: RefObject<HTMLElement | null>; overlay: RefObject<HTMLElement | null> };
}) {
  const [copied, setCopied] = useState<string>();
  const saveChart = (which: "stats" | "overlay", format: "svg" | "png") => {
    const element = props.charts[which].current;
    const svg = element ? chartSvgText(element) : undefined;
    if (!svg) return;
    const name = `tokenscope-${which === "stats" ? "summary" : "tokens-per-second"}.${format}`;
    if (format === "svg") saveText(svg, name, "image/svg+xml");
    else {
      const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
      void savePng(svg, name, dark ? "#020617" : "#ffffff");
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <Button
        onClick={() => saveText(summaryToCsv(props.lanes), "tokenscope-summary.csv", "text/csv")}
      >
        CSV
      </Button>
      <Button
        onClick={() => {
          const text = summaryToMarkdown(props.lanes);
          navigator.clipboard.writeText(text).then(
            () => setCopied("Markdown copied"),
            () => setCopied("Copy failed: the browser refused clipboard access"),
          );
        }}
      >
        Copy Markdown
      </Button>
      <Button
        onClick={() =>
          saveText(
            JSON.stringify(comparisonToJson(props.spec, props.records), null, 2),
            "tokenscope-runs.json",
            "application/json",
          )
        }
      >
        All runs (JSON)
      </Button>
      <Button onClick={() => saveChart("stats", "svg")}>Chart SVG</Button>
      <Button onClick={() => saveChart("stats", "png")}>Chart PNG</Button>
      <Button onClick={() => saveChart("overlay", "png")}>Live chart PNG</Button>
      {copied && (
        <span role="status" className="text-xs text-slate-500 dark:text-slate-400">
          {copied}
        </span>
      )}
    </div>
  );
}
