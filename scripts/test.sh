#!/usr/bin/env bash
# npm test: unit tests (Vitest), then browser tests (Playwright on Debian's chromium, against the
# simulated Ollama). Installs chromium first when it is missing and we may (root on Debian).
# Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
export VITE_CONFIG_NATIVE_IGNORE_WARNING=true

bash scripts/ensure-chromium.sh || exit 1

mkdir -p .ci/out
rm -f .ci/out/vitest.json .ci/out/playwright.json
npx vitest run --reporter=default --reporter=json --outputFile.json=.ci/out/vitest.json
unit_rc=$?
PLAYWRIGHT_JSON_OUTPUT_NAME=.ci/out/playwright.json npx playwright test --reporter=list,json
e2e_rc=$?

node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
const v = read(".ci/out/vitest.json"), p = read(".ci/out/playwright.json");
let passed = 0, failed = 0, skipped = 0;
if (v) { passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + v.numTodoTests; } else failed += 1;
if (p) { passed += p.stats.expected + p.stats.flaky; failed += p.stats.unexpected + (p.errors?.length ?? 0); skipped += p.stats.skipped; } else failed += 1;
const flaky = [];
const walk = (suite, path) => {
  for (const spec of suite.specs ?? []) for (const t of spec.tests ?? [])
    if (t.status === "flaky") flaky.push(`${spec.file}: ${[...path, spec.title].join(" › ")}`);
  for (const child of suite.suites ?? []) walk(child, suite.title && !suite.title.endsWith(".ts") ? [...path, suite.title] : path);
};
if (p) for (const s of p.suites ?? []) walk(s, []);
if (flaky.length) console.log(`\nFlaky (failed once, passed on the retry): ${flaky.length}\n  ${flaky.join("\n  ")}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
'
[ "$unit_rc" -eq 0 ] && [ "$e2e_rc" -eq 0 ]
