import { expect, test } from "@playwright/test";
import { answerText, thinkingText } from "../sim/scenarios.ts";
import { formatRate } from "../src/metrics/format.ts";
import {
  lastSimRun,
  metric,
  openDashboard,
  output,
  parseMs,
  parseNumber,
  resetSim,
  runStatus,
  thinking,
  waitForStatus,
  watchErrors,
} from "./support.ts";

test.beforeEach(async () => {
  await resetSim();
});

test("steady model: tokens appear while streaming, the chart moves, the final text is exact", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openDashboard(page, { model: "steady:8b" });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "streaming");
  // Mid-stream: some text is shown, but not all of it, and the chart already has a line.
  await expect(output(page)).not.toHaveText("");
  const partial = (await output(page).textContent()) ?? "";
  expect(partial.length).toBeLessThan(answerText("steady:8b").length);
  expect(answerText("steady:8b").startsWith(partial)).toBe(true);
  await expect
    .poll(async () => (await page.locator(".recharts-line-curve").getAttribute("d")) ?? "")
    .toMatch(/^M[\d.]+,[\d.]+.*L/);
  await expect(runStatus(page).locator('[data-status="streaming"]')).toBeVisible();

  await waitForStatus(page, "done");
  await expect(output(page)).toHaveText(answerText("steady:8b"), { useInnerText: false });
  expect(errors).toEqual([]);
});

test("the figures shown match the simulator's truth", async ({ page }) => {
  await openDashboard(page, { model: "steady:8b" });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done");
  const run = await lastSimRun();
  expect(run.status).toBe("done");
  if (run.firstTokenAtMs === undefined || run.lastTokenAtMs === undefined)
    throw new Error("no timing");

  const ttftTruth = run.firstTokenAtMs - run.receivedAtMs;
  const ttftShown = parseMs(await metric(page, "Time to first token").innerText());
  expect(Math.abs(ttftShown - ttftTruth)).toBeLessThanOrEqual(Math.max(10, ttftTruth * 0.05));

  const rateTruth = (run.tokensSent - 1) / ((run.lastTokenAtMs - run.firstTokenAtMs) / 1000);
  const rateShown = parseNumber(await metric(page, "Tokens/s (client)").innerText());
  expect(Math.abs(rateShown - rateTruth) / rateTruth).toBeLessThan(0.05);
  expect(Math.abs(rateShown - 40) / 40).toBeLessThan(0.05);

  const final = run.final ?? {};
  const evalCount = Number(final.eval_count);
  const evalDuration = Number(final.eval_duration);
  await expect(metric(page, "Tokens/s (Ollama)")).toHaveText(
    formatRate(evalCount / (evalDuration / 1e9)),
  );
  await expect(metric(page, "Eval count")).toHaveText(String(evalCount));
  await expect(metric(page, "Tokens")).toHaveText(String(run.tokensSent));
  // The page's own lag, arrival → paint: a real figure, and small for 40 tokens/s.
  const lagP95 = parseMs(await metric(page, "Display lag p95").innerText());
  expect(lagP95).toBeGreaterThan(0);
  expect(lagP95).toBeLessThan(100);
});

test("Stream off: nothing until the whole answer, and time to first token equals total time", async ({
  page,
}) => {
  await openDashboard(page, { model: "steady:8b", stream: "0" });
  await expect(page.getByRole("switch", { name: "Stream" })).toHaveAttribute(
    "aria-checked",
    "false",
  );
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "waiting");
  // While the blocking request runs (about 3.7 s), the output stays empty.
  for (let i = 0; i < 5; i++) {
    await page.waitForTimeout(400);
    await expect(runStatus(page).locator('[data-status="waiting"]')).toBeVisible();
    expect(await output(page).locator("pre").textContent()).toBe("");
  }
  await waitForStatus(page, "done");
  await expect(output(page)).toHaveText(answerText("steady:8b"), { useInnerText: false });
  const ttft = await metric(page, "Time to first token").innerText();
  expect(ttft).toBe(await metric(page, "Total time").innerText());
  expect(parseMs(ttft)).toBeGreaterThan(3000);
  await expect(metric(page, "Tokens")).toHaveText("—");
  const run = await lastSimRun();
  expect(run.stream).toBe(false);
});

test("Stop mid-stream keeps the partial text, says Stopped, and the next run works", async ({
  page,
}) => {
  await openDashboard(page, { model: "steady:8b" });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "streaming");
  await page.waitForTimeout(600);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await waitForStatus(page, "stopped");
  await expect(runStatus(page)).toContainText("Stopped");
  const kept = (await output(page).locator("pre").textContent()) ?? "";
  expect(kept.length).toBeGreaterThan(0);
  expect(answerText("steady:8b").startsWith(kept)).toBe(true);
  expect(kept.length).toBeLessThan(answerText("steady:8b").length);
  expect(parseNumber(await metric(page, "Tokens").innerText())).toBeGreaterThan(0);
  await expect.poll(async () => (await lastSimRun()).status).toBe("aborted");

  await page.keyboard.press("Control+Enter");
  await waitForStatus(page, "done");
  await expect(output(page)).toHaveText(answerText("steady:8b"), { useInnerText: false });
});

test("thinking model: thinking in Thinking, the answer in Output, both counted", async ({
  page,
}) => {
  await openDashboard(page, { model: "thinker:14b", think: "on" });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done");
  await expect(thinking(page)).toHaveText(thinkingText("thinker:14b"), { useInnerText: false });
  await expect(output(page)).toHaveText(answerText("thinker:14b"), { useInnerText: false });
  const run = await lastSimRun();
  await expect(metric(page, "Tokens")).toHaveText(String(run.tokensSent));
  const ttft = parseMs(await metric(page, "Time to first token").innerText());
  const ttfa = parseMs(await metric(page, "Time to first answer token").innerText());
  expect(ttfa).toBeGreaterThan(ttft + 500);
});

test("inline <think> tags from an older model are shown as thinking", async ({ page }) => {
  await openDashboard(page, { model: "oldthinker:7b", api: "generate" });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done");
  const raw = answerText("oldthinker:7b");
  const inside = raw.slice(raw.indexOf("<think>") + 7, raw.indexOf("</think>"));
  await expect(thinking(page)).toHaveText(inside, { useInnerText: false });
  await expect(output(page)).toHaveText(raw.slice(raw.indexOf("</think>") + 8), {
    useInnerText: false,
  });
});

test("a link carrying the setup reproduces it", async ({ page }) => {
  await openDashboard(page, {
    model: "thinker:14b",
    prompt: "Compare & contrast <b>tags</b>",
    system: "Answer briefly.",
    api: "generate",
    stream: "0",
    think: "high",
    temperature: "0.3",
    seed: "7",
    num_predict: "32",
    num_ctx: "8192",
    top_k: "20",
    top_p: "0.8",
    keep_alive: "10m",
  });
  await expect(page.getByLabel("Model")).toHaveValue("thinker:14b");
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(
    "Compare & contrast <b>tags</b>",
  );
  await expect(page.getByLabel("System prompt")).toHaveValue("Answer briefly.");
  await expect(page.getByLabel("API")).toHaveValue("generate");
  await expect(page.getByRole("switch", { name: "Stream" })).toHaveAttribute(
    "aria-checked",
    "false",
  );
  await expect(page.getByLabel("Think")).toHaveValue("high");
  await expect(page.getByLabel("temperature")).toHaveValue("0.3");
  await expect(page.getByLabel("num_ctx")).toHaveValue("8192");
  await expect(page.getByLabel("keep_alive")).toHaveValue("10m");

  // Changing the setup rewrites the link, and opening that link restores the change.
  await page.getByLabel("Prompt", { exact: true }).fill("Another prompt");
  await page.getByRole("switch", { name: "Stream" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("prompt")).toBe("Another prompt");
  const link = page.url();
  await page.goto("about:blank");
  await page.goto(link);
  await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("Another prompt");
  await expect(page.getByRole("switch", { name: "Stream" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await expect(page.getByLabel("top_p")).toHaveValue("0.8");

  // The request the simulator receives carries the options from the link.
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done");
  const run = await lastSimRun();
  expect(run.model).toBe("thinker:14b");
  expect(run.api).toBe("generate");
  expect(run.final?.done_reason).toBe("length");
  expect(run.final?.eval_count).toBe(32);
});
