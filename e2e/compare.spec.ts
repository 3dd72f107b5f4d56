import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { formatMs, formatRate } from "../src/metrics/format.ts";
import { mean, standardDeviation } from "../src/metrics/stats.ts";
import { SIM_URL } from "./ports.ts";
import { openDashboard, parseNumber, resetSim, simRuns, type SimRun } from "./support.ts";

test.beforeEach(async () => {
  await resetSim();
});

async function simStats(): Promise<{ openStreams: number; maxOpenStreams: number }> {
  const response = await fetch(`${SIM_URL}/__sim/stats`);
  return (await response.json()) as { openStreams: number; maxOpenStreams: number };
}

const panel = (page: Page) => page.getByRole("tabpanel");
const runButton = (page: Page) => panel(page).getByRole("button", { name: "Run", exact: true });
const progress = (page: Page) =>
  panel(page).getByRole("progressbar", { name: "Comparison progress" });

async function waitForComparison(page: Page, total: number, timeout = 60_000): Promise<void> {
  await expect(progress(page)).toHaveAttribute("aria-valuenow", String(total), { timeout });
  await expect(panel(page).getByRole("button", { name: "Stop", exact: true })).toBeDisabled();
}

function clientRate(run: SimRun): number {
  if (run.firstTokenAtMs === undefined || run.lastTokenAtMs === undefined)
    throw new Error("no timing");
  return (run.tokensSent - 1) / ((run.lastTokenAtMs - run.firstTokenAtMs) / 1000);
}

const lanes = ["steady:8b", "thinker:14b", "fast:1b;num_predict=3000"];

for (const concurrent of [false, true]) {
  test(`three lanes with known rates (${concurrent ? "at once" : "one after another"})`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await openDashboard(page, {
      view: "compare",
      repeats: "1",
      ...(concurrent ? { concurrent: "1" } : {}),
    });
    // The URL can carry repeated `lane` params; build them on the page's own URL.
    const url = new URL(page.url());
    url.searchParams.delete("lane");
    for (const lane of lanes) url.searchParams.append("lane", lane);
    await page.goto(url.toString());
    await expect(page.getByLabel("Lane C model")).toHaveValue("fast:1b");
    await runButton(page).click();
    await waitForComparison(page, 3);

    const runs = await simRuns();
    expect(runs).toHaveLength(3);
    for (const [label, model, truth] of [
      ["steady:8b", "steady:8b", 40],
      ["thinker:14b", "thinker:14b", 50],
      ["fast:1b", "fast:1b", 2000],
    ] as const) {
      const run = runs.find((r) => r.model === model);
      if (!run) throw new Error(`no run of ${model}`);
      const shown = parseNumber(await page.getByLabel(`${label} Tokens/s (client)`).innerText());
      expect(Math.abs(shown - clientRate(run)) / clientRate(run)).toBeLessThan(0.05);
      expect(Math.abs(shown - truth) / truth).toBeLessThan(0.05);
    }
    // One series per lane in the overlay chart (rate and cumulative tokens).
    const overlay = page.getByRole("figure", { name: "Tokens per second, every lane" });
    for (const id of ["a", "b", "c"]) {
      await expect(overlay.locator(`.lane-${id}-tps path.recharts-curve`)).toHaveCount(1);
      await expect(overlay.locator(`.lane-${id}-tokens path.recharts-curve`)).toHaveCount(1);
    }
    const { maxOpenStreams } = await simStats();
    if (concurrent) expect(maxOpenStreams).toBeGreaterThanOrEqual(2);
    else expect(maxOpenStreams).toBe(1);
  });
}

test("race: the stream shows text while the blocking lane still waits; first-token times are true", async ({
  page,
}) => {
  await openDashboard(page, { view: "race", model: "steady:8b", repeats: "1", concurrent: "1" });
  await runButton(page).click();
  const streaming = page.getByRole("region", { name: "Output Streaming" });
  await expect(streaming).not.toHaveText("");
  await expect(page.getByRole("status", { name: "Stream so far" })).toContainText(
    /the stream has shown \d+ tokens/,
  );
  await expect(page.getByRole("region", { name: "Output Blocking" }).locator("pre")).toHaveText("");
  await waitForComparison(page, 2);
  await expect(page.getByRole("status", { name: "Race result" })).toContainText(
    /^First words after .+ streaming vs .+ blocking; whole answer .+ vs .+\.$/,
  );
  const runs = await simRuns();
  for (const lane of ["Streaming", "Blocking"] as const) {
    const run = runs.find((r) => r.stream === (lane === "Streaming"));
    if (!run?.firstTokenAtMs) throw new Error(`no ${lane} run`);
    // The blocking answer arrives with its final line: its first token is the whole answer.
    const truth =
      lane === "Streaming"
        ? run.firstTokenAtMs - run.receivedAtMs
        : run.headersAtMs! - run.receivedAtMs;
    const shown = await page.getByLabel(`${lane} Time to first token`).innerText();
    const ms = shown.endsWith(" s")
      ? parseNumber(shown.slice(0, -2)) * 1000
      : parseNumber(shown.slice(0, -3));
    expect(Math.abs(ms - truth)).toBeLessThanOrEqual(Math.max(10, truth * 0.05));
  }
});

test("repeats: 5 runs × 2 lanes with a warm-up; the summary equals the exported runs; Stop keeps a partial summary", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openDashboard(page, { view: "compare", repeats: "5", warmup: "1" });
  const url = new URL(page.url());
  url.searchParams.delete("lane");
  url.searchParams.append("lane", "fast:1b;num_predict=200");
  url.searchParams.append("lane", "steady:8b;num_predict=16");
  await page.goto(url.toString());
  await runButton(page).click();
  await waitForComparison(page, 12);
  await checkSummaryAgainstExport(page, [5, 5]);

  // Again, stopped half way: the runs so far are summarised, and correctly.
  await page.getByLabel("Runs per lane").fill("5");
  await runButton(page).click();
  await expect
    .poll(async () => Number(await progress(page).getAttribute("aria-valuenow")), {
      intervals: [50],
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(5);
  await panel(page).getByRole("button", { name: "Stop", exact: true }).click();
  await expect(panel(page).getByText(/of 12 runs finished/)).toBeVisible();
  const counts = await Promise.all(
    ["a", "b"].map(async (id) =>
      parseNumber((await runsCell(page, id).innerText()).split("\n")[0] ?? ""),
    ),
  );
  expect(counts[0]! + counts[1]!).toBeGreaterThanOrEqual(3);
  expect(counts[0]! + counts[1]!).toBeLessThan(10);
  await checkSummaryAgainstExport(page, counts);
});

const runsCell = (page: Page, laneId: string) =>
  page
    .getByRole("table", { name: "Summary" })
    .locator(`tr[data-lane="${laneId}"] td[data-metric="runs"]`);

async function checkSummaryAgainstExport(page: Page, measuredPerLane: number[]): Promise<void> {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "All runs (JSON)" }).click();
  const path = await (await download).path();
  const exported = JSON.parse(await readFile(path, "utf8")) as {
    runs: {
      laneId: string;
      warmup: boolean;
      status: string;
      metrics: { ttftMs?: number; clientTps?: number };
    }[];
  };
  for (const [index, laneId] of ["a", "b"].entries()) {
    const measured = exported.runs.filter(
      (r) => r.laneId === laneId && !r.warmup && r.status === "done",
    );
    expect(measured).toHaveLength(measuredPerLane[index] ?? -1);
    await expect(runsCell(page, laneId)).toContainText(String(measuredPerLane[index]));
    const ttft = measured.map((r) => r.metrics.ttftMs ?? Number.NaN);
    const rate = measured.map((r) => r.metrics.clientTps ?? Number.NaN);
    const row = page.getByRole("table", { name: "Summary" }).locator(`tr[data-lane="${laneId}"]`);
    const sd = (xs: number[]) => standardDeviation(xs);
    await expect(row.locator('td[data-metric="ttftMs"]')).toContainText(
      `${formatMs(mean(ttft))}${sd(ttft) === undefined ? "" : ` ± ${formatMs(sd(ttft))}`}`,
    );
    await expect(row.locator('td[data-metric="clientTps"]')).toContainText(
      `${formatRate(mean(rate))}${sd(rate) === undefined ? "" : ` ± ${formatRate(sd(rate))}`}`,
    );
  }
}

test("Unload first gives a cold run with the simulator's load time; the next run is warm and says so", async ({
  page,
}) => {
  await openDashboard(page, { view: "compare", repeats: "1", unload: "1" });
  const url = new URL(page.url());
  url.searchParams.delete("lane");
  url.searchParams.append("lane", "steady:8b;num_predict=10");
  url.searchParams.append("lane", "thinker:14b;num_predict=10");
  await page.goto(url.toString());
  await runButton(page).click();
  await waitForComparison(page, 2);
  const runs = await simRuns();
  for (const model of ["steady:8b", "thinker:14b"]) {
    const lane = page.getByRole("region", { name: `Lane ${model}` });
    await expect(lane).toContainText("run 1 · cold");
    const run = runs.filter((r) => r.model === model && r.api === "chat").at(-1);
    const loadNs = Number(run?.final?.load_duration);
    expect(loadNs).toBeGreaterThan(500e6);
    await expect(page.getByLabel(`${model} Load time`)).toHaveText(formatMs(loadNs / 1e6));
  }
  await page.getByRole("switch", { name: "Unload first" }).click();
  await runButton(page).click();
  await waitForComparison(page, 2);
  for (const model of ["steady:8b", "thinker:14b"]) {
    await expect(page.getByRole("region", { name: `Lane ${model}` })).toContainText("run 1 · warm");
    const load = await page.getByLabel(`${model} Load time`).innerText();
    expect(load.endsWith(" ms") && parseNumber(load.slice(0, -3)) < 50).toBe(true);
  }
});
