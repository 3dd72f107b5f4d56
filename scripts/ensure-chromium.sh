#!/usr/bin/env bash
# Makes sure Debian's chromium is there for the browser tests (npm test) and the benchmark
# (npm run bench): installs it with apt-get when missing and we may (root on Debian).
set -uo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium (browser tests, benchmark)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null \
    || { echo "Could not install chromium (apt-get install chromium)."; exit 1; }
  [ -x "$CHROMIUM" ] || { echo "chromium was installed, but not at $CHROMIUM (set CHROMIUM_PATH)."; exit 1; }
else
  echo "The browser tests and the benchmark need chromium at $CHROMIUM: sudo apt-get install chromium (or set CHROMIUM_PATH)."
  exit 1
fi
