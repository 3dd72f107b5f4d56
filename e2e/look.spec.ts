import { expect, test } from "@playwright/test";
import { openDashboard, output, resetSim, waitForStatus } from "./support.ts";

const save = process.env.UPDATE_SCREENSHOTS === "1";

test.beforeEach(async () => {
  await resetSim();
});

test("light theme after a run, with screenshot", async ({ page }, testInfo) => {
  await page.emulateMedia({ colorScheme: "light" });
  await openDashboard(page, { model: "steady:8b", prompt: "Why is the sky blue?" });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("oklch(0.984 0.003 247.858)"); // slate-50
  await page.screenshot({ path: testInfo.outputPath("light.png"), fullPage: true });
  if (save) await page.screenshot({ path: "docs/screenshot-light.png", fullPage: true });
});

test("dark theme follows the system setting, with screenshot", async ({ page }, testInfo) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await openDashboard(page, { model: "thinker:14b", prompt: "Is 1,001 a prime number?" });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("oklch(0.129 0.042 264.695)"); // slate-950
  await page.screenshot({ path: testInfo.outputPath("dark.png"), fullPage: true });
  if (save) await page.screenshot({ path: "docs/screenshot-dark.png", fullPage: true });
});

test("narrow screens: one column, no sideways scrolling", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openDashboard(page, { model: "steady:8b" });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done");
  await expect(output(page)).not.toHaveText("");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  await page.screenshot({ path: testInfo.outputPath("narrow.png"), fullPage: true });
});

test("compare and race views, with screenshots", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.emulateMedia({ colorScheme: "light" });
  await openDashboard(page, { view: "compare", repeats: "2", prompt: "Why is the sky blue?" });
  const url = new URL(page.url());
  url.searchParams.delete("lane");
  for (const lane of ["steady:8b", "thinker:14b", "steady:8b;temperature=0.2;stream=0"]) {
    url.searchParams.append("lane", lane);
  }
  await page.goto(url.toString());
  await page.getByRole("tabpanel").getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("tabpanel").getByText("6 of 6 runs finished")).toBeVisible({
    timeout: 40_000,
  });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  await page.screenshot({ path: testInfo.outputPath("compare.png"), fullPage: true });
  if (save) await page.screenshot({ path: "docs/screenshot-compare.png", fullPage: true });

  await page.getByRole("tab", { name: "Stream vs blocking" }).click();
  await page.getByLabel("Model").selectOption("steady:8b");
  await page.getByRole("switch", { name: "Warm-up run" }).click();
  await page.getByLabel("Runs per lane").fill("1");
  await page.getByRole("tabpanel").getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("status", { name: "Race result" })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath("race.png"), fullPage: true });
  if (save) await page.screenshot({ path: "docs/screenshot-race.png", fullPage: true });
});
