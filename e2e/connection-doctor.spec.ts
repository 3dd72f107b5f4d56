import { expect, test } from "@playwright/test";
import { startSimulator } from "../sim/server.ts";
import { SIM_PORT, SIM_URL, WEB_PORT } from "./ports.ts";

const connection = (page: import("@playwright/test").Page) =>
  page.getByRole("status", { name: "Connection" });

test("nothing listening: said plainly, and it reconnects by itself once something answers", async ({
  page,
}) => {
  const port = SIM_PORT + 21;
  await page.goto(`/?host=${encodeURIComponent(`http://127.0.0.1:${port}`)}`);
  await expect(connection(page)).toHaveText(/Not connected/);
  await expect(
    page.getByText(`Nothing is listening at http://127.0.0.1:${port}.`, { exact: false }),
  ).toBeVisible();
  // Ollama comes up: the page notices within its retry period, with no click and no reload.
  const sim = await startSimulator({ port });
  try {
    await expect(connection(page)).toHaveText(/Connected · Ollama/, { timeout: 8000 });
  } finally {
    await sim.close();
  }
});

test("Ollama refusing this page's origin (CORS) is told apart, with the exact OLLAMA_ORIGINS setting", async ({
  page,
}) => {
  const origin = `http://tokenscope.test:${WEB_PORT}`;
  await page.goto(`${origin}/?host=${encodeURIComponent(SIM_URL)}`);
  await expect(connection(page)).toHaveText(/Not connected/);
  await expect(
    page.getByText(`refuses this page's origin (${origin})`, { exact: false }),
  ).toBeVisible();
  await page.getByText(`How to allow ${origin} in Ollama`).click();
  await expect(page.getByText(`Environment="OLLAMA_ORIGINS=${origin}"`)).toBeVisible();
  await expect(page.getByText(`setx OLLAMA_ORIGINS "${origin}"`)).toBeVisible();
  await expect(page.getByText(`launchctl setenv OLLAMA_ORIGINS "${origin}"`)).toBeVisible();
});

test("something that is not Ollama is named as such", async ({ page }) => {
  // The dashboard's own server answers /api/version with its HTML page.
  await page.goto(`/?host=${encodeURIComponent(`http://127.0.0.1:${WEB_PORT}`)}`);
  await expect(connection(page)).toHaveText(/Not connected/);
  await expect(page.getByText(/answered, but not like Ollama/)).toBeVisible();
});
