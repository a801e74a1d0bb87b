#!/usr/bin/env bash
# Runs every check on a fresh machine: creates .venv, installs .[test], makes sure a Chromium is
# available (and, on Debian, Firefox and WebKit for the cross-engine smoke suite), then `ruff
# check .`, ESLint, the DOM-free JS tests (`node --test tests/js/`) and `pytest` on three workers
# (pytest-xdist): on two cores the end-to-end tests wait on the browser much of the time, so three
# workers finish sooner (measured: 261 s against 302 s with two). Extra arguments go to pytest
# (e.g. -m "not e2e"; -n 0 runs in one process, -n 4 on four workers).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
is_debian() { grep -qs '^ID=debian' /etc/os-release; }

if ! command -v npm >/dev/null && command -v apt-get >/dev/null; then
  as_root apt-get update -qq && as_root apt-get install -y -qq npm
fi

if [ ! -x .venv/bin/python ]; then
  if ! "${PYTHON:-python3}" -m venv .venv; then
    # Debian and Ubuntu ship venv separately.
    rm -rf .venv
    as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv
    "${PYTHON:-python3}" -m venv .venv
  fi
fi
.venv/bin/python -m pip install -q --disable-pip-version-check ".[test]"

if [ ! -x /usr/bin/chromium ]; then
  if is_debian && command -v apt-get >/dev/null; then
    as_root apt-get update -qq && as_root apt-get install -y -qq chromium
  elif command -v apt-get >/dev/null; then
    .venv/bin/python -m playwright install --with-deps chromium
  else
    .venv/bin/python -m playwright install chromium
  fi
fi

# The JS tools (esbuild, ESLint, puppeteer-core for Firefox) from package-lock.json, installed again whenever the lock is newer;
# then ESLint beside ruff.
lock_copy=node_modules/.package-lock.json
if [ ! -e "$lock_copy" ] || [ package-lock.json -nt "$lock_copy" ]; then
  npm ci --no-audit --no-fund --prefer-offline --loglevel=error
fi
node_modules/.bin/eslint .
# Cross-engine smoke suite (tests/e2e/engines): Firefox and WebKit beside Chromium. On Debian
# every engine is installed and required (a missing one fails, not skips); elsewhere an engine
# that is not there is reported as skipped with the reason.
if is_debian && command -v apt-get >/dev/null; then
  missing=()
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  [ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || missing+=(xvfb)
  if [ "${#missing[@]}" -gt 0 ]; then
    as_root apt-get update -qq && as_root apt-get install -y -qq "${missing[@]}"
  fi
  export BACKPROP_LAB_REQUIRE_ENGINES=1
fi
.venv/bin/ruff check .
# The JS tests read the engine's describe() through .venv/bin/python (tests/js/engine-description.mjs).
node --test tests/js/
.venv/bin/python -m pytest -n 3 "$@"
