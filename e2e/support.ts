import { expect, type Locator, type Page } from "@playwright/test";
import { SIM_URL } from "./ports.ts";

/** What the simulator recorded about one request (its own clock, ms since the epoch). */
export interface SimRun {
  id: number;
  model: string;
  api: string;
  stream: boolean;
  status: "running" | "done" | "error" | "aborted";
  receivedAtMs: number;
  headersAtMs?: number;
  firstTokenAtMs?: number;
  lastTokenAtMs?: number;
  tokensSent: number;
  final?: Record<string, unknown>;
}

export async function resetSim(): Promise<void> {
  const response = await fetch(`${SIM_URL}/__sim/reset`, { method: "POST" });
  expect(response.ok).toBe(true);
}

export async function simRuns(): Promise<SimRun[]> {
  const response = await fetch(`${SIM_URL}/__sim/runs`);
  return (await response.json()) as SimRun[];
}

export async function lastSimRun(): Promise<SimRun> {
  const runs = await simRuns();
  const run = runs.at(-1);
  if (!run) throw new Error("the simulator recorded no run");
  return run;
}

/** Opens the dashboard pointed at the simulator with the given setup in the URL. */
export async function openDashboard(page: Page, params: Record<string, string>): Promise<void> {
  const search = new URLSearchParams({ host: SIM_URL, ...params });
  await page.goto(`/?${search.toString()}`);
  await expect(page.getByRole("status", { name: "Connection" })).toContainText("Connected");
  await pageSettled(page);
}

/**
 * Waits until the page's main thread has been idle for three idle periods in a row (first
 * compilation, lazy chunks and first renders done), as a person's page is by the time they press
 * Run. On a 2-core machine a page still starting up takes CPU from the browser's network process
 * and the simulator, which shows up as tens of milliseconds on a time to first token.
 */
export async function pageSettled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let quiet = 0;
        const check = (deadline: IdleDeadline): void => {
          quiet = !deadline.didTimeout && deadline.timeRemaining() >= 40 ? quiet + 1 : 0;
          if (quiet >= 3) resolve();
          else requestIdleCallback(check, { timeout: 1000 });
        };
        requestIdleCallback(check, { timeout: 1000 });
      }),
  );
}

export const output = (page: Page): Locator =>
  page.getByRole("region", { name: "Output", exact: true });
export const thinking = (page: Page): Locator =>
  page.getByRole("region", { name: "Thinking", exact: true });
export const runStatus = (page: Page): Locator => page.getByRole("status", { name: "Run status" });

/** The value shown for a metric, found by its visible label. */
export const metric = (page: Page, label: string): Locator =>
  page.getByLabel(label, { exact: true });

export async function waitForStatus(page: Page, status: string, timeout = 15_000): Promise<void> {
  await expect(runStatus(page).locator(`[data-status="${status}"]`)).toBeVisible({ timeout });
}

/** Parses "850 ms", "12.4 ms", "4.81 s" into milliseconds. */
export function parseMs(text: string): number {
  const match = /^([\d.,]+)\s*(ms|s)$/.exec(text.trim());
  if (!match?.[1]) throw new Error(`not a duration: ${text}`);
  const value = Number(match[1].replace(/,/g, ""));
  return match[2] === "s" ? value * 1000 : value;
}

export function parseNumber(text: string): number {
  const value = Number(text.trim().replace(/,/g, ""));
  if (!Number.isFinite(value)) throw new Error(`not a number: ${text}`);
  return value;
}

/** Tracks page errors so each test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
