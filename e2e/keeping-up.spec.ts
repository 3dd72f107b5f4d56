import { expect, test } from "@playwright/test";
import { answerText } from "../sim/scenarios.ts";
import {
  lastSimRun,
  metric,
  openDashboard,
  output,
  parseNumber,
  resetSim,
  runStatus,
  waitForStatus,
  watchErrors,
} from "./support.ts";

test.beforeEach(async () => {
  await resetSim();
});

test("2,000 tokens/s for 30 s: every token shown, no error, Stop answers within 200 ms", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openDashboard(page, { model: "fast:1b" });
  // Record long main-thread tasks: a task over 200 ms would delay a click on Stop by as much.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: "longtask" });
  });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "streaming");
  await waitForStatus(page, "done", 60_000);

  const expected = answerText("fast:1b");
  const shown = (await output(page).locator("pre").textContent()) ?? "";
  expect(shown.length).toBe(expected.length);
  expect(shown === expected).toBe(true);
  const run = await lastSimRun();
  expect(run.tokensSent).toBe(60_000);
  await expect(metric(page, "Tokens")).toHaveText("60,000");
  const rate = parseNumber(await metric(page, "Tokens/s (client)").innerText());
  expect(Math.abs(rate - 2000) / 2000).toBeLessThan(0.05);
  expect(errors).toEqual([]);
  const longTasks = await page.evaluate(
    () => (window as unknown as { longTasks: number[] }).longTasks,
  );
  expect(Math.max(0, ...longTasks)).toBeLessThan(200);

  // Start again and stop while 2,000 tokens/s pour in: the page must answer within 200 ms.
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "streaming");
  await page.waitForTimeout(3000);
  const stopLatencyMs = await page.evaluate(async () => {
    const status = document.querySelector('[aria-label="Run status"]');
    const stop = [...document.querySelectorAll("button")].find((b) => b.textContent === "Stop");
    if (!status || !stop) throw new Error("controls not found");
    const started = performance.now();
    return new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (status.querySelector('[data-status="stopped"]')) {
          observer.disconnect();
          resolve(performance.now() - started);
        }
      });
      observer.observe(status, { subtree: true, childList: true, attributes: true });
      stop.click();
    });
  });
  expect(stopLatencyMs).toBeLessThan(200);
  await expect(runStatus(page)).toContainText("Stopped");
  const kept = (await output(page).locator("pre").textContent()) ?? "";
  expect(kept.length).toBeGreaterThan(10_000);
  expect(expected.startsWith(kept)).toBe(true);
});
