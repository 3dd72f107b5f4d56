/**
 * Debian's chromium and the flags the browser tests and the benchmark launch it with
 * (`npx playwright install` cannot download a browser here).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // A second name for the test server: a page origin Ollama does not allow by default.
  "--host-resolver-rules=MAP tokenscope.test 127.0.0.1",
];
