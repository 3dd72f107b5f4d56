/**
 * The first screen (the live run) loads only its own code: the Compare and Race views are chunks
 * fetched when their tab is opened; the throughput chart (Recharts) is fetched once the page is
 * idle, before anyone presses Run, and its stand-in takes exactly its room.
 */
import { expect, test, type Page, type Route } from "@playwright/test";
import { openDashboard, resetSim, watchErrors } from "./support.ts";

test.beforeEach(async () => {
  await resetSim();
});

/** The JS chunks the page asked for, by name: `/assets/compare-page-CgD-PvrV.js` → `compare-page`. */
function watchChunks(page: Page): () => string[] {
  const chunks: string[] = [];
  page.on("request", (request) => {
    const match = /\/assets\/([^/]+)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname);
    if (match?.[1]) chunks.push(match[1]);
  });
  return () => [...new Set(chunks)];
}

/** Holds back requests for one chunk until `release` is called; `requested` settles on the first. */
async function holdChunk(page: Page, name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requested!: () => void;
  const asked = new Promise<void>((resolve) => (requested = resolve));
  await page.route(`**/assets/${name}-*.js`, async (route: Route) => {
    requested();
    await released;
    await route.continue();
  });
  return { requested: asked, release };
}

const panel = (page: Page) => page.getByRole("tabpanel");
const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });

test("the first screen loads neither the Compare nor the Race code; each arrives with its tab and works", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const errors = watchErrors(page);
  const chunks = watchChunks(page);
  // Short answers (20 tokens, half a second) keep the runs in the other two views quick.
  await openDashboard(page, { model: "steady:8b", num_predict: "20" });

  // Settled, nothing pressed: the entry, and the chart fetched while idle (so not during a Run).
  expect(chunks()).toContain("index");
  expect(chunks()).toContain("throughput-chart");
  for (const lazy of ["compare-page", "race-page", "markdown-output"]) {
    expect(chunks()).not.toContain(lazy);
  }
  await expect(
    page
      .getByRole("figure", { name: "Tokens per second over time" })
      .locator(".recharts-responsive-container"),
  ).toBeVisible();

  await tab(page, "Compare models").click();
  await expect.poll(chunks).toContain("compare-page");
  expect(chunks()).not.toContain("race-page");
  for (const lane of ["A", "B"])
    await page.getByLabel(`Lane ${lane} model`).selectOption("steady:8b");
  await page.getByLabel("Runs per lane").fill("1");
  await panel(page).getByRole("button", { name: "Run", exact: true }).click();
  await expect(panel(page).getByText("2 of 2 runs finished")).toBeVisible({ timeout: 30_000 });
  await expect(
    page
      .getByRole("figure", { name: "Tokens per second, every lane" })
      .locator(".lane-a-tps path.recharts-curve"),
  ).toHaveCount(1);

  await tab(page, "Stream vs blocking").click();
  await expect.poll(chunks).toContain("race-page");
  await panel(page).getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("status", { name: "Race result" })).toContainText(
    /^First words after .+ streaming vs .+ blocking/,
    { timeout: 30_000 },
  );
  expect(errors).toEqual([]);
});

test("until the chart's code is here, an empty frame of the same size stands in: nothing moves", async ({
  page,
}) => {
  const errors = watchErrors(page);
  const chart = await holdChunk(page, "throughput-chart");
  await openDashboard(page, { model: "steady:8b" });
  // Asked for once the page was idle, without anyone pressing anything.
  await chart.requested;

  const figure = page.getByRole("figure", { name: "Tokens per second over time" });
  await expect(figure).toHaveAttribute("aria-busy", "true");
  await expect(figure).toContainText("The chart fills in as tokens arrive.");
  const before = await figure.boundingBox();
  const pageHeight = () => page.evaluate(() => document.documentElement.scrollHeight);
  const heightBefore = await pageHeight();

  chart.release();
  await expect(figure.locator(".recharts-responsive-container")).toBeVisible();
  await expect(figure).not.toHaveAttribute("aria-busy", "true");
  await expect(figure).toContainText("The chart fills in as tokens arrive.");
  expect(await figure.boundingBox()).toEqual(before);
  expect(await pageHeight()).toBe(heightBefore);
  expect(errors).toEqual([]);
});

test("a view still loading says so; one whose code cannot be loaded says that, with a way out", async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const compare = await holdChunk(page, "compare-page");
  await page.route("**/assets/race-page-*.js", (route) => route.abort());
  await openDashboard(page, { model: "steady:8b" });

  await tab(page, "Compare models").click();
  await compare.requested;
  const loading = panel(page).getByRole("status");
  await expect(loading).toHaveText("Loading the “Compare models” view…");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: testInfo.outputPath(`compare-loading-${scheme}.png`) });
  }
  compare.release();
  await expect(page.getByLabel("Lane A model")).toBeVisible();
  await expect(loading).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("compare-loaded-dark.png") });

  await tab(page, "Stream vs blocking").click();
  const alert = panel(page).getByRole("alert");
  await expect(alert).toContainText("The “Stream vs blocking” view could not be loaded.");
  await expect(alert.getByRole("button", { name: "Reload the page" })).toBeVisible();
  // The rest of the page is still there.
  await tab(page, "Live run").click();
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
  expect(errors).toEqual([]);
});
