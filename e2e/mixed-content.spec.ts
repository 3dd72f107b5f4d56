/**
 * The dashboard served over https (a throwaway self-signed certificate, made with openssl for this
 * run): a plain-http Ollama on another host is blocked by the browser as mixed content, and the page
 * says so before sending anything; one on loopback is allowed (browsers trust 127.0.0.1), and works.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { expect, test } from "@playwright/test";
import { SIM_PORT, SIM_URL } from "./ports.ts";

const DIST = join(import.meta.dirname, "..", "dist");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

let server: Server | undefined;
let pageUrl = "";
let certDir = "";

test.beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), "tokenscope-tls-"));
  const key = join(certDir, "key.pem");
  const cert = join(certDir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  // The built app (Playwright's web server built dist/ before the tests), served as files.
  server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "https://x").pathname));
    let file = join(DIST, path);
    if (!file.startsWith(DIST) || !isFile(file)) file = join(DIST, "index.html");
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  pageUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  rmSync(certDir, { recursive: true, force: true });
});

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

test.use({ ignoreHTTPSErrors: true });

test("an https page and a plain-http Ollama on another host: mixed content, said before any request", async ({
  page,
}) => {
  const host = `http://tokenscope.test:${SIM_PORT}`;
  const toOllama: string[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(host)) toOllama.push(request.url());
  });
  await page.goto(`${pageUrl}/?host=${encodeURIComponent(host)}`);
  const connection = page.getByRole("status", { name: "Connection" });
  await expect(connection).toHaveText(/Not connected/);
  await expect(
    page.getByText(
      `This page is served over https, so the browser blocks plain-http calls to tokenscope.test:${SIM_PORT}.`,
      { exact: false },
    ),
  ).toBeVisible();
  expect(toOllama).toEqual([]);
});

test("an https page and a plain-http Ollama on loopback: allowed, and a run works", async ({
  page,
}) => {
  await page.goto(`${pageUrl}/?host=${encodeURIComponent(SIM_URL)}&model=steady:8b&prompt=Hi`);
  await expect(page.getByRole("status", { name: "Connection" })).toContainText("Connected");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(
    page.getByRole("status", { name: "Run status" }).locator('[data-status="done"]'),
  ).toBeVisible({ timeout: 15_000 });
});
