/** The Markdown switch on the live run's answer: off by default, lazy, and reversible. */
import { expect, test } from "@playwright/test";
import { XSS_SAFE_LINK } from "../sim/fault-texts.ts";
import { answerText, scenarios } from "../sim/scenarios.ts";
import { openDashboard, output, resetSim, waitForStatus, watchErrors } from "./support.ts";

test.beforeEach(async () => {
  await resetSim();
});

const isMarkdownChunk = (url: string): boolean => /\/assets\/markdown-output-[^/]*\.js$/.test(url);
const normalise = (text: string): string => text.replace(/\s+/g, " ").trim();

test("steady:8b with Markdown on: the view loads only when asked for, renders, and turns back into the raw text", async ({
  page,
}) => {
  const errors = watchErrors(page);
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await openDashboard(page, { model: "steady:8b" });
  const markdown = page.getByRole("switch", { name: "Markdown" });
  await expect(markdown).toHaveAttribute("aria-checked", "false");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "streaming");
  expect(requests.filter(isMarkdownChunk)).toEqual([]);

  // Switched on mid-stream: the chunk arrives, and the answer keeps streaming into the new view.
  await markdown.click();
  await expect(markdown).toHaveAttribute("aria-checked", "true");
  await expect.poll(() => requests.filter(isMarkdownChunk).length).toBe(1);
  await expect(output(page).locator(".markdown-body p").first()).not.toBeEmpty();
  await waitForStatus(page, "done");
  const answer = answerText("steady:8b");
  await expect(output(page).locator("pre")).toHaveCount(0);
  // The text has raw tags (<b>, <tag>): shown as text, the words all there.
  await expect(output(page).locator("b")).toHaveCount(0);
  expect(normalise((await output(page).textContent()) ?? "")).toBe(normalise(answer));
  await expect(output(page).locator(".md-raw-html").first()).toHaveText("<b>");

  await markdown.click();
  await expect(markdown).toHaveAttribute("aria-checked", "false");
  await expect(output(page).locator("pre")).toHaveCount(1);
  await expect(output(page)).toHaveText(answer, { useInnerText: false });
  expect(errors).toEqual([]);
});

test("a normal link is a real link (blocking run, Markdown on before it starts)", async ({
  page,
}) => {
  const tokens = scenarios["xss:7b"]?.answerTokens ?? [];
  let upTo = 0;
  while (upTo < tokens.length && !tokens.slice(0, upTo).join("").includes(XSS_SAFE_LINK)) upTo++;
  await openDashboard(page, { model: "xss:7b", stream: "0", num_predict: String(upTo) });
  await page.getByRole("switch", { name: "Markdown" }).click();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done", 20_000);
  const link = output(page).getByRole("link", { name: "Ollama" });
  await expect(link).toHaveAttribute("href", "https://ollama.com/");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(output(page).getByRole("link")).toHaveCount(1);
  await expect(output(page).getByRole("heading", { name: "Untrusted output" })).toBeVisible();
  await page.getByRole("switch", { name: "Markdown" }).click();
  await expect(output(page)).toHaveText(tokens.slice(0, upTo).join(""), { useInnerText: false });
});
