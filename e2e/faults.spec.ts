import { expect, test, type Page } from "@playwright/test";
import { answerText } from "../sim/scenarios.ts";
import { startSimulator } from "../sim/server.ts";
import { SIM_PORT } from "./ports.ts";
import {
  metric,
  openDashboard,
  output,
  resetSim,
  runStatus,
  waitForStatus,
  watchErrors,
} from "./support.ts";

test.beforeEach(async () => {
  await resetSim();
});

const run = (page: Page) => page.getByRole("button", { name: "Run", exact: true }).click();
const shownText = async (page: Page) => (await output(page).locator("pre").textContent()) ?? "";

/** After a failure the page must still work: the next run of a good model completes. */
async function stillUsable(page: Page): Promise<void> {
  await page.getByLabel("Think").selectOption("unset");
  await page.getByLabel("Model").selectOption("steady:8b");
  await run(page);
  await waitForStatus(page, "done");
  await expect(output(page)).toHaveText(answerText("steady:8b"), { useInnerText: false });
}

const httpCases: [string, Record<string, string>, RegExp][] = [
  [
    "HTTP 400: think on a model without thinking",
    { model: "oldthinker:7b", think: "on" },
    /Ollama answered HTTP 400: "oldthinker:7b" does not support thinking/,
  ],
  [
    "HTTP 404: unknown model",
    { model: "nope:1b" },
    /Ollama answered HTTP 404: model 'nope:1b' not found/,
  ],
  [
    "HTTP 500",
    { model: "broken:7b" },
    /Ollama answered HTTP 500: model runner has unexpectedly stopped/,
  ],
  [
    "HTTP 503",
    { model: "busy:7b" },
    /Ollama answered HTTP 503: server busy, please try again\. {2}maximum pending requests exceeded/,
  ],
  [
    "a non-JSON body (an HTML page from a proxy)",
    { model: "htmlbody:7b" },
    /answered with an HTML page instead of Ollama's answer/,
  ],
];

for (const [name, params, message] of httpCases) {
  test(`${name}: Ollama's own words, and the page stays usable`, async ({ page }) => {
    const errors = watchErrors(page);
    await openDashboard(page, params);
    await run(page);
    await waitForStatus(page, "error");
    await expect(runStatus(page)).toContainText(message);
    await expect(metric(page, "Total time")).not.toHaveText("—");
    await stillUsable(page);
    expect(errors).toEqual([]);
  });
}

test("connection reset mid-stream: the partial text and metrics stay", async ({ page }) => {
  await openDashboard(page, { model: "reset:7b" });
  await run(page);
  await waitForStatus(page, "error");
  await expect(runStatus(page)).toContainText(/The connection broke while reading the answer/);
  const kept = await shownText(page);
  expect(kept.length).toBeGreaterThan(0);
  expect(answerText("reset:7b").startsWith(kept)).toBe(true);
  await expect(metric(page, "Tokens")).toHaveText("15");
  await expect(metric(page, "Time to first token")).not.toHaveText("—");
  await stillUsable(page);
});

test("malformed lines are skipped and counted; the run goes on to the end", async ({ page }) => {
  await openDashboard(page, { model: "malformed:7b" });
  await run(page);
  await waitForStatus(page, "done");
  await expect(output(page)).toHaveText(answerText("malformed:7b"), { useInnerText: false });
  await expect(runStatus(page)).toContainText(/\(\d+ unreadable lines skipped\)/);
  const skipped = /\((\d+) unreadable/.exec(await runStatus(page).innerText())?.[1];
  expect(Number(skipped)).toBeGreaterThanOrEqual(10);
});

test("a 1 MB line and invalid UTF-8 are shown whole, without breaking the page", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await openDashboard(page, { model: "bigline:7b" });
  await run(page);
  await waitForStatus(page, "done", 30_000);
  expect((await shownText(page)) === answerText("bigline:7b")).toBe(true);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);

  await page.getByLabel("Model").selectOption("badutf8:7b");
  await run(page);
  await waitForStatus(page, "done");
  const text = await shownText(page);
  expect(text).toBe(answerText("badutf8:7b"));
  expect(text).toContain("\uFFFD");
});

test("a stall: 'no token for N s' while waiting, then the idle timeout ends the run with that reason", async ({
  page,
}) => {
  await openDashboard(page, { model: "stall:7b", idle_timeout: "4" });
  await run(page);
  await expect(runStatus(page)).toContainText(/no token for [23] s/, { timeout: 10_000 });
  await waitForStatus(page, "error", 10_000);
  await expect(runStatus(page)).toContainText(
    "Nothing arrived for 4 s, so the run was ended (idle timeout)",
  );
  await expect(metric(page, "Tokens")).toHaveText("10");
  expect(answerText("stall:7b").startsWith(await shownText(page))).toBe(true);
  await stillUsable(page);
});

test("Stop while the model is still loading (before the headers)", async ({ page }) => {
  await openDashboard(page, { model: "slowload:13b" });
  await run(page);
  await page.waitForTimeout(800);
  await expect(runStatus(page).locator('[data-status="waiting"]')).toBeVisible();
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await waitForStatus(page, "stopped");
  await expect(metric(page, "Total time")).not.toHaveText("—");
  await expect(metric(page, "Time to first token")).toHaveText("—");
  await stillUsable(page);
});

test("the server going down between runs, and coming back with no models", async ({ page }) => {
  const port = SIM_PORT + 31;
  let sim = await startSimulator({ port });
  try {
    await openDashboard(page, {
      model: "steady:8b",
      host: `http://127.0.0.1:${port}`,
      num_predict: "10",
    });
    await run(page);
    await waitForStatus(page, "done");
    const before = await shownText(page);
    await sim.close();
    await run(page);
    await waitForStatus(page, "error");
    await expect(runStatus(page)).toContainText(
      /Could not reach Ollama at http:\/\/127\.0\.0\.1:\d+/,
    );
    await expect(page.getByRole("status", { name: "Connection" })).toHaveText(/Not connected/);
    expect(before.length).toBeGreaterThan(0);

    // It comes back, but with nothing installed: the page reconnects and says what to do.
    sim = await startSimulator({ port, scenarios: {} });
    await expect(page.getByRole("status", { name: "Connection" })).toHaveText(/Connected/, {
      timeout: 10_000,
    });
    await expect(
      page.getByText(/No models installed\. Pull one first, e\.g\. `ollama pull/),
    ).toBeVisible();
  } finally {
    await sim.close();
  }
});

test("bad numbers in the options are refused at the field and never sent", async ({ page }) => {
  await openDashboard(page, {
    model: "steady:8b",
    num_ctx: "abc",
    num_predict: "-3",
    idle_timeout: "x",
  });
  await run(page);
  await expect(page.getByText("num_ctx must be a whole number ≥ 1, e.g. 4096")).toBeVisible();
  await expect(page.getByText(/num_predict must be a whole number ≥ -1/)).toBeVisible();
  await expect(page.getByText(/The idle timeout must be a number of seconds/)).toBeVisible();
  await expect(runStatus(page).locator('[data-status="idle"]')).toBeVisible();
});
