/**
 * Hostile model output in the real browser: xss:7b streams Markdown full of script, frames,
 * javascript: links and remote images (see sim/fault-texts.ts). Nothing may run, nothing may be
 * fetched from another host, the page may not widen, and with Markdown off every payload is shown
 * as the text it is.
 */
import { expect, test, type Page } from "@playwright/test";
import { XSS_PAYLOADS } from "../sim/fault-texts.ts";
import { answerText } from "../sim/scenarios.ts";
import { SIM_URL, WEB_PORT } from "./ports.ts";
import { openDashboard, output, resetSim, runStatus, waitForStatus } from "./support.ts";

const PAGE_ORIGIN = `http://127.0.0.1:${WEB_PORT}`;
const SIM_ORIGIN = new URL(SIM_URL).origin;

interface Watch {
  dialogs: string[];
  consoleHits: string[];
  pageErrors: string[];
  requests: string[];
  /** Requests to anything but the page's own origin and the simulator. */
  foreign: string[];
}

/** Records every dialog, suspicious console message, page error and request of `page`. */
async function watch(page: Page): Promise<Watch> {
  const seen: Watch = { dialogs: [], consoleHits: [], pageErrors: [], requests: [], foreign: [] };
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" || /alert|content security policy|refused to/i.test(text)) {
      seen.consoleHits.push(`${message.type()}: ${text}`);
    }
  });
  page.on("pageerror", (error) => seen.pageErrors.push(error.message));
  page.on("request", (request) => {
    const url = request.url();
    seen.requests.push(url);
    const origin = new URL(url).origin;
    if (origin !== PAGE_ORIGIN && origin !== SIM_ORIGIN) seen.foreign.push(url);
  });
  // Also count violations the page reports to itself (a meta CSP reports none anywhere else).
  await page.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener("securitypolicyviolation", (event) => {
      const source = event.sourceFile.replace(/^https?:\/\/[^/]+/, "");
      violations.push(`${event.violatedDirective} ${event.blockedURI} ${source}`.trim());
    });
  });
  return seen;
}

/** The CSP violations the page saw (zod runs jitless, so it makes none). */
async function cspViolations(page: Page): Promise<string[]> {
  const reported = await page.evaluate((): unknown => Reflect.get(window, "cspViolations"));
  if (!Array.isArray(reported)) throw new Error("the violation listener is not installed");
  return reported.map(String);
}

/** Everything in the Output region that could run script, fetch, or navigate somewhere unsafe. */
async function hazards(page: Page): Promise<string[]> {
  return output(page).evaluate((region) => {
    const found: string[] = [];
    const forbidden =
      "script, iframe, object, embed, form, base, meta, style, link, img, svg, math, input, button, frame, video, audio";
    for (const element of region.querySelectorAll(forbidden)) found.push(`<${element.localName}>`);
    for (const element of region.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on") || ["src", "srcdoc", "action", "formaction"].includes(name)) {
          found.push(`${element.localName}[${name}]`);
        }
      }
    }
    for (const link of region.querySelectorAll("a")) {
      const href = link.getAttribute("href") ?? "";
      if (!/^(https?:\/\/|mailto:)/i.test(href)) found.push(`a[href="${href}"]`);
      const rel = (link.getAttribute("rel") ?? "").split(/\s+/);
      if (!rel.includes("noopener") || !rel.includes("noreferrer")) {
        found.push(`a[rel="${rel.join(" ")}"]`);
      }
    }
    return found;
  });
}

/** How far the page, and the Output region, scroll sideways (both should be 0). */
async function overflow(page: Page): Promise<{ page: number; region: number }> {
  const region = await output(page).evaluate(
    (element) => element.scrollWidth - element.clientWidth,
  );
  const pageOverflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  return { page: pageOverflow, region };
}

function expectNothingRan(seen: Watch): void {
  expect(seen.dialogs).toEqual([]);
  expect(seen.consoleHits).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
  expect(seen.foreign).toEqual([]);
  expect(seen.requests.filter((url) => url.includes("evil.example"))).toEqual([]);
}

test.beforeEach(async () => {
  await resetSim();
});

for (const api of ["chat", "generate"] as const) {
  test(`xss:7b (${api}), Markdown off: every payload is shown as text, nothing runs`, async ({
    page,
  }) => {
    test.slow(); // ~10 s of streaming at 40 tokens/s
    const seen = await watch(page);
    await openDashboard(page, { model: "xss:7b", api });
    await expect(page.getByRole("switch", { name: "Markdown" })).toHaveAttribute(
      "aria-checked",
      "false",
    );
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await waitForStatus(page, "streaming");
    expect(await hazards(page)).toEqual([]);
    await waitForStatus(page, "done", 30_000);

    await expect(output(page)).toHaveText(answerText("xss:7b"), { useInnerText: false });
    const shown = (await output(page).locator("pre").textContent()) ?? "";
    for (const payload of XSS_PAYLOADS) expect(shown).toContain(payload);
    // Plain text only: the <pre> holds the output's own text blocks (spans of bare text), and no
    // element came from the model.
    expect(
      await output(page)
        .locator("pre")
        .evaluate(
          (pre) =>
            [...pre.querySelectorAll("*")].filter(
              (element) =>
                element.tagName !== "SPAN" ||
                element.parentElement !== pre ||
                element.children.length > 0 ||
                element.attributes.length !== 1,
            ).length,
        ),
    ).toBe(0);
    expect(await hazards(page)).toEqual([]);
    expect(await overflow(page)).toEqual({ page: 0, region: 0 });
    expect(await cspViolations(page)).toEqual([]);
    expectNothingRan(seen);
  });

  test(`xss:7b (${api}), Markdown on: rendered safely while streaming and after`, async ({
    page,
  }) => {
    test.slow();
    const seen = await watch(page);
    await openDashboard(page, { model: "xss:7b", api });
    await page.getByRole("switch", { name: "Markdown" }).click();
    await expect(page.getByRole("switch", { name: "Markdown" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await waitForStatus(page, "streaming");
    // Check the partial renders as the payloads, the table and the long word stream in.
    let checks = 0;
    while (await runStatus(page).locator('[data-status="streaming"]').isVisible()) {
      expect(await hazards(page)).toEqual([]);
      expect((await overflow(page)).page).toBe(0);
      checks += 1;
      await page.waitForTimeout(400);
    }
    expect(checks).toBeGreaterThan(10);
    await waitForStatus(page, "done");

    const region = output(page);
    await expect(region.locator("pre").first()).toHaveText(/in a code block: shown, not run/);
    expect(await hazards(page)).toEqual([]);
    // Raw HTML is shown as text, not dropped.
    for (const payload of XSS_PAYLOADS.filter((p) => p.startsWith("<") && !p.startsWith("<java"))) {
      expect(await region.textContent()).toContain(payload);
    }
    // The one safe link is a real link; none of the hostile ones is.
    const links = region.locator("a");
    await expect(links).toHaveCount(1);
    await expect(links).toHaveAttribute("href", "https://ollama.com/");
    await expect(links).toHaveAttribute("target", "_blank");
    await expect(links).toHaveAttribute("rel", "noopener noreferrer");
    await expect(region.locator(".md-image")).toHaveText(["[image: tracker]"]);
    // The 60 × 200 table scrolls inside its own box; the long word wraps.
    const table = region.locator(".md-table");
    await expect(table.locator("tr")).toHaveCount(201);
    expect(await table.evaluate((box) => getComputedStyle(box).overflowX)).toBe("auto");
    expect(await table.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
    expect(await overflow(page)).toEqual({ page: 0, region: 0 });
    expect(await cspViolations(page)).toEqual([]);
    expectNothingRan(seen);
  });
}

test("the built page carries the Content-Security-Policy, and a normal run violates none of it", async ({
  page,
}) => {
  const seen = await watch(page);
  await openDashboard(page, { model: "thinker:14b", think: "on" });
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute("content");
  for (const directive of [
    "script-src 'self'",
    "worker-src 'self'",
    "connect-src http: https:",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ]) {
    expect(policy).toContain(directive);
  }
  // The policy is enforced: an inline script is refused (and reported).
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.inlineRan = true";
    document.head.appendChild(script);
  });
  expect(await page.evaluate((): unknown => Reflect.get(window, "inlineRan"))).toBeUndefined();
  await expect.poll(() => cspViolations(page)).toEqual(["script-src-elem inline"]);
  expect(seen.consoleHits).toEqual([
    expect.stringContaining("violates the following Content Security Policy directive"),
  ]);
  await page.evaluate(() => {
    const list: unknown = Reflect.get(window, "cspViolations");
    if (Array.isArray(list)) list.length = 0;
  });
  seen.consoleHits.length = 0;

  // A whole run (worker, chart, Markdown chunk) under the policy: no violation at all.
  await page.getByRole("switch", { name: "Markdown" }).click();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForStatus(page, "done");
  await expect(output(page).locator("p").first()).not.toBeEmpty();
  await page.getByRole("switch", { name: "Markdown" }).click();
  await expect(output(page).locator("pre")).not.toBeEmpty();
  expect(await cspViolations(page)).toEqual([]);
  expectNothingRan(seen);
});
