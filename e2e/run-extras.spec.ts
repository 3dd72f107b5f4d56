import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { answerText } from "../sim/scenarios.ts";
import { SIM_URL } from "./ports.ts";
import {
  lastSimRun,
  metric,
  openDashboard,
  output,
  resetSim,
  runStatus,
  simRuns,
  waitForStatus,
} from "./support.ts";

test.beforeEach(async () => {
  await resetSim();
});

test("Download run (JSON) holds the request, the per-chunk timeline, Ollama's statistics and the metrics", async ({
  page,
}) => {
  await openDashboard(page, { model: "steady:8b", prompt: "Count to ten." });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done");
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download run (JSON)" }).click();
  const download = await downloadPromise;
  const path = await download.path();
  const record = JSON.parse(await readFile(path, "utf8")) as {
    request: { model: string; prompt: string; stream: boolean };
    status: string;
    answer: string;
    timeline: { atMs: number; createdAt?: string; chars: number; kind: string }[];
    ollama: Record<string, unknown>;
    metrics: { tokens: number; ttftMs: number };
  };
  const run = await lastSimRun();
  expect(record.request).toMatchObject({
    model: "steady:8b",
    prompt: "Count to ten.",
    stream: true,
  });
  expect(record.status).toBe("done");
  expect(record.answer).toBe(answerText("steady:8b"));
  expect(record.timeline).toHaveLength(run.tokensSent);
  expect(record.timeline.every((entry) => entry.kind === "answer" && entry.chars > 0)).toBe(true);
  expect(record.timeline.every((entry) => typeof entry.createdAt === "string")).toBe(true);
  const times = record.timeline.map((entry) => entry.atMs);
  expect(times).toEqual([...times].sort((a, b) => a - b));
  expect(record.metrics.ttftMs).toBeCloseTo(times[0] ?? Number.NaN, 2);
  expect(record.metrics.tokens).toBe(run.tokensSent);
  expect(record.ollama.evalCount).toBe(run.final?.eval_count);
  expect(record.ollama.evalDurationNs).toBe(run.final?.eval_duration);
});

test("the connection bar says when Ollama is not there, and reconnects without a reload", async ({
  page,
}) => {
  await page.goto(`/?host=${encodeURIComponent("http://127.0.0.1:9")}`);
  const connection = page.getByRole("status", { name: "Connection" });
  await expect(connection).toHaveText(/Not connected/);
  await expect(page.getByText(/Nothing is listening at http:\/\/127\.0\.0\.1:9/)).toBeVisible();
  await page.getByLabel("Ollama URL").fill(SIM_URL);
  await page.getByLabel("Ollama URL").press("Enter");
  await expect(connection).toHaveText(/Connected · Ollama 0\.13\.5/);
  // The model picker fills from /api/tags, with parameter size and quantization.
  await expect(page.getByLabel("Model").locator("option", { hasText: "steady:8b" })).toHaveText(
    /steady:8b · \d+(\.\d+)?B · Q\d/,
  );
  await page.getByLabel("Ollama URL").fill("not a url");
  await page.getByLabel("Ollama URL").press("Enter");
  await expect(page.getByText(/Enter an http:\/\/ or https:\/\/ URL/)).toBeVisible();
});

test("bad input is refused at its field and never sent", async ({ page }) => {
  await openDashboard(page, { model: "steady:8b" });
  await page.getByText("Options").click();
  await page.getByLabel("num_ctx").fill("abc");
  await page.getByLabel("num_predict").fill("-5");
  await expect(page.getByText("num_ctx must be a whole number ≥ 1, e.g. 4096")).toBeVisible();
  await expect(page.getByText(/num_predict must be a whole number ≥ -1/)).toBeVisible();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForTimeout(300);
  expect(await simRuns()).toHaveLength(0);
  await expect(runStatus(page).locator('[data-status="idle"]')).toBeVisible();

  await page.getByLabel("num_ctx").fill("4096");
  await page.getByLabel("num_predict").fill("-1");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done");
  expect(await simRuns()).toHaveLength(1);
});

test("Esc stops a run", async ({ page }) => {
  await openDashboard(page, { model: "steady:8b" });
  await page.keyboard.press("Control+Enter");
  await waitForStatus(page, "streaming");
  await page.keyboard.press("Escape");
  await waitForStatus(page, "stopped");
  await expect(output(page)).not.toHaveText("");
});

test("an HTTP 500 and an error mid-stream are shown in words; the partial text stays", async ({
  page,
}) => {
  await openDashboard(page, { model: "broken:7b" });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "error");
  await expect(runStatus(page)).toContainText(
    "Ollama answered HTTP 500: model runner has unexpectedly stopped",
  );

  await page.getByLabel("Model").selectOption("flaky:7b");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "error");
  await expect(runStatus(page)).toContainText(
    "Ollama reported an error mid-stream: an error was encountered while running the model",
  );
  await expect(output(page)).toHaveText(
    answerText("flaky:7b").slice(0, (await output(page).locator("pre").textContent())?.length),
    { useInnerText: false },
  );
  await expect(metric(page, "Tokens")).toHaveText("20");
  await expect(metric(page, "Tokens/s (Ollama)")).toHaveText("—");

  await page.getByLabel("Model").selectOption("cutoff:7b");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "error");
  await expect(runStatus(page)).toContainText("The stream ended before Ollama said it was done.");
  await expect(metric(page, "Tokens")).toHaveText("15");
});
