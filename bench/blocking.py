"""How long the main thread is held from navigation to ready: the longest task and the total
blocking time (the sum of every task's time past 50 ms), for the lab and for two floors — a bare
page that loads the same Pyodide + numpy on its main thread, and one that loads them in a Web
Worker — at full speed and with the CPU slowed 4× (Chrome DevTools' throttling, a classroom
Chromebook's class). Used by perf.py; figures only. Run alone: python3 bench/blocking.py"""

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The floor in a worker: the page only starts it and waits for its word.
FLOOR_WORKER_HTML = """<!doctype html><meta charset="utf-8"><title>Pyodide floor, worker</title>
<script type="module">
const worker = new Worker("floor-worker.js", { type: "module" });
worker.onmessage = (event) => performance.mark(`floor:${event.data}`);
</script>
"""
FLOOR_WORKER_JS = """import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", location.href).href });
await pyodide.loadPackage(["numpy"], { messageCallback: () => {} });
postMessage("packages");
pyodide.runPython("import numpy");
postMessage("import");
"""
FILES = {"floor-worker.html": FLOOR_WORKER_HTML, "floor-worker.js": FLOOR_WORKER_JS}

WATCH = """window.__longTasks = [];
new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map(
  (e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: "longtask" });"""

# Waits for `mark`, then reads the tasks that started before it.
READ = """async (mark) => {
  const wait = () => new Promise((r) => setTimeout(r, 20));
  while (!performance.getEntriesByName(mark).length) await wait();
  await wait(); // the observer's last entries
  const ready = performance.getEntriesByName(mark)[0].startTime;
  const tasks = window.__longTasks.filter((t) => t.start < ready);
  return { ready, longest: Math.max(0, ...tasks.map((t) => t.duration)),
    blocking: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0) };
}"""

PAGES = {"lab": ("", "backprop:interactive"), "floor, main thread": ("floor.html", "floor:import"),
         "floor, worker": ("floor-worker.html", "floor:import")}


def load_once(browser, url, mark, throttle):
    """{"ready", "longest", "blocking"} of one cold load in a fresh context."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(url)
    found = page.evaluate(READ, mark)
    context.close()
    return found


def measure(browser, url, runs, throttles=(1, 4)):
    """{(page, throttle): {"ready", "longest", "blocking"} medians}, pages alternating."""
    samples = {}
    for throttle in throttles:
        for _ in range(runs):
            for name, (path, mark) in PAGES.items():
                found = load_once(browser, url + path, mark, throttle)
                samples.setdefault((name, throttle), []).append(found)
    return {key: {field: statistics.median(run[field] for run in runs_)
                  for field in ("ready", "longest", "blocking")}
            for key, runs_ in samples.items()}


def print_rows(found):
    print(f"{'page':<22}{'CPU':>5}{'ready':>10}{'longest task':>14}{'blocking':>10}")
    for (name, throttle), row in found.items():
        print(f"{name:<22}{throttle:>4}x{row['ready']:>8.0f}ms{row['longest']:>12.0f}ms"
              f"{row['blocking']:>8.0f}ms")


def main() -> int:
    from perf import FLOOR_HTML
    from startup import served_build

    with served_build({"floor.html": FLOOR_HTML, **FILES}) as (browser, url):
        print_rows(measure(browser, url, runs=3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
