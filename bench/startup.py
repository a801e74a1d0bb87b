"""Time from page load to engine ready, by phase (runtime, numpy, engine), over a few cold runs.
Builds the site into a temp dir, serves it on 127.0.0.1 and reads bridge.js's performance marks.
Run by hand: python3 bench/startup.py [--runs 5]"""

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import build  # noqa: E402

PHASES = ["backprop:runtime-phase", "backprop:numpy-phase", "backprop:engine-phase",
          "backprop:ready"]
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def measure_once(browser, url) -> dict[str, float]:
    """One cold load in a fresh context (empty HTTP cache); phase name -> milliseconds."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.evaluate("window.backpropLab.ready")
    entries = page.evaluate(
        "performance.getEntriesByType('measure').map(m => [m.name, m.duration])")
    first = page.evaluate(
        "performance.getEntriesByName('backprop:first-frame').map(m => m.startTime)")
    context.close()
    found = {name: duration for name, duration in entries if name in PHASES}
    found["first numbers on screen"] = first[0] if first else float("nan")
    return found


def launch(playwright):
    system = Path("/usr/bin/chromium")
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []  # Chromium refuses root otherwise
    return playwright.chromium.launch(
        executable_path=str(system) if system.exists() else None, args=CHROMIUM_ARGS + sandbox)


def print_table(runs: list[dict[str, float]]) -> None:
    print(f"{'phase':<26}{'median ms':>10}{'min':>8}{'max':>8}")
    for phase in [*PHASES, "first numbers on screen"]:
        values = [run[phase] for run in runs]
        print(f"{phase:<26}{statistics.median(values):>10.0f}{min(values):>8.0f}"
              f"{max(values):>8.0f}")


@contextlib.contextmanager
def served_build(extra_files: dict[str, str] | None = None):
    """(browser, url): a fresh build in a temp dir (plus extra_files, path -> text, beside it),
    served on 127.0.0.1, and a Chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        build.build(Path(tmp) / "dist")
        for path, text in (extra_files or {}).items():
            (Path(tmp) / "dist" / path).write_text(text)
        server, url = build.start_server(Path(tmp) / "dist", quiet=True)
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                yield browser, url
                browser.close()
        finally:
            server.shutdown()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with served_build() as (browser, url):
        runs = [measure_once(browser, url) for _ in range(args.runs)]
    print(f"{args.runs} cold loads of {url}")
    print_table(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
