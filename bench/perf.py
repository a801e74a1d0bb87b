"""The lab's benchmark, in one run on one machine: the floor (a bare page that only loads this
build's Pyodide and numpy, on its main thread and in a worker), cold and warm time to interactive
with their ratio to the floor, time to the first real numbers, the longest main-thread task and
the total blocking time from navigation to ready (full speed and 4× CPU throttling), the first 60
steps after load, bytes per step frame, step latency and Play in the configurations learners use
(learners.py: the spiral's deep net with its maps on screen, 1,000 CSV rows), step latency at the
largest network the editor allows, train(10,000) in the page against native CPython, and JS heap
and Python object counts over a long run. Figures only; nothing is asserted (shared, noisy
machines). Run by hand: python3 bench/perf.py [--runs 5] [--samples 200] [--soak 10000]"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site" / "py"))
import blocking  # noqa: E402
import learners  # noqa: E402
from play import MEASURE as PLAY  # noqa: E402
from startup import served_build  # noqa: E402
from steps import TIME_STEPS, percentile  # noqa: E402

LARGEST = [4, 8, 8, 8, 8, 8, 8, 2]  # the editor's limits: 4 inputs, 6 hidden layers of 8, 2 outputs
PLAYGROUND_STEPS = 17  # TensorFlow Playground at 6 hidden layers of 8 (issue 19, this machine)

# The floor: what any page running numpy under this Pyodide must pay, with nothing of the lab.
FLOOR_HTML = """<!doctype html><meta charset="utf-8"><title>Pyodide floor</title>
<script type="module">
const { loadPyodide } = await import("./pyodide/pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", location.href).href });
await pyodide.loadPackage(["numpy"], { messageCallback: () => {} });
performance.mark("floor:packages");
pyodide.runPython("import numpy");
performance.mark("floor:import");
</script>
"""

LAB_TIMES = """async () => {
  await window.backpropLab.ready;
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
  return { interactive: at("backprop:interactive"), first: at("backprop:first-frame") };
}"""
FLOOR_TIMES = """async () => {
  const wait = () => new Promise((r) => setTimeout(r, 20));
  while (!performance.getEntriesByName("floor:import").length) await wait();
  const at = (name) => performance.getEntriesByName(name)[0].startTime;
  return { interactive: at("floor:packages"), imported: at("floor:import") };
}"""

# Main-thread tasks over 50 ms (they would delay input), recorded from the page's first moment.
WATCH_LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map(
  (e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: "longtask" });"""
LONG_TASKS = """(after) => {
  const tasks = window.__longTasks.filter((t) => t.start >= after);
  window.__longTasks = [];
  return { count: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration)) };
}"""

SOAK = """async (n) => {
  for (let i = 0; i < n; i += 1) await window.backpropLab.step(1);
}"""


def load_times(browser, url, script, *, warm_runs=0):
    """One cold load in a fresh context, then `warm_runs` reloads in it (HTTP cache and service
    worker warm)."""
    context = browser.new_context(service_workers="allow")
    context.add_init_script(WATCH_LONG_TASKS)
    page = context.new_page()
    page.goto(url)
    cold = page.evaluate(script)
    cold["long_tasks"] = page.evaluate(LONG_TASKS, 0)
    warm = []
    if warm_runs:
        # The lab's service worker has its copy (the floor registers none: ready would never come).
        page.evaluate("""() => navigator.serviceWorker.getRegistration()
          .then((r) => r && navigator.serviceWorker.ready)""")
        for _ in range(warm_runs):
            page.reload()
            warm.append(page.evaluate(script))
    context.close()
    return cold, warm


def startup(browser, url, runs):
    """{kind: {"cold": [...], "warm": [...]}}, floor and lab loads alternating (same conditions)."""
    found = {"floor": {"cold": [], "warm": []}, "lab": {"cold": [], "warm": []}}
    for _ in range(runs):
        for kind, page_url, script in (("floor", url + "floor.html", FLOOR_TIMES),
                                       ("lab", url, LAB_TIMES)):
            cold, _ = load_times(browser, page_url, script)
            found[kind]["cold"].append(cold)
    for kind, page_url, script in (("floor", url + "floor.html", FLOOR_TIMES),
                                   ("lab", url, LAB_TIMES)):
        _, warm = load_times(browser, page_url, script, warm_runs=runs)
        found[kind]["warm"] = warm
    return found


WARM_UP = 30  # timed single steps before the measured ones
FIRST_STEPS = 60  # the first steps after load that first_steps times


def step_latency(page, layers, samples):
    """(p50, p95, longest main-thread task) of single steps once the page is warm: call -> every
    view updated."""
    page.evaluate(f"window.backpropLab.setState({{layers: {layers}, seed: 1}})")
    page.evaluate("window.backpropLab.step(10)")
    page.evaluate(TIME_STEPS, WARM_UP)
    page.evaluate(LONG_TASKS, 0)
    times = page.evaluate(TIME_STEPS, samples)["layout"]
    longest = page.evaluate(LONG_TASKS, 0)["longest"]
    return statistics.median(times), percentile(times, 95), longest


def first_steps(page):
    """(p50, p95) of the first FIRST_STEPS single steps a page takes after ready: the JavaScript is
    not optimized yet and the service worker is still making the offline copy."""
    times = page.evaluate(TIME_STEPS, FIRST_STEPS)["layout"]
    return statistics.median(times), percentile(times, 95)


def train_ratio(page, steps):
    page.evaluate("window.backpropLab.setState({layers: [2, 3, 1], seed: 1})")
    in_page = page.evaluate(f"""async () => {{
      const start = performance.now();
      await window.backpropLab.step({steps});
      return performance.now() - start;
    }}""")
    import backprop.api as api

    run = api.create({"seed": 1})["run"]
    start = time.perf_counter()
    api.step(run, n=steps)
    native = (time.perf_counter() - start) * 1000
    api.drop(run)
    return in_page, native


def heap(page, cdp):
    cdp.send("HeapProfiler.collectGarbage")
    used = cdp.send("Runtime.getHeapUsage")["usedSize"]
    return used, page.evaluate("window.backpropLab.memory()")


def median(values):
    return statistics.median(values)


def print_blocking(held, row):
    """From navigation to ready: the lab's longest task and blocking time, beside both floors."""
    for throttle in (1, 4):
        cpu = "full speed" if throttle == 1 else f"CPU {throttle}x slower"
        lab = held[("lab", throttle)]
        for name in ("lab", "floor, main thread", "floor, worker"):
            found = held[(name, throttle)]
            row(f"{name}, {cpu}: longest task / blocking time",
                f"{found['longest']:.0f}/{found['blocking']:.0f} ms",
                f"ready {found['ready']:.0f} ms")
        worker = held[("floor, worker", throttle)]["ready"]
        row(f"  lab ready / worker floor ready, {cpu}", "", f"{lab['ready'] / worker:.2f}x")


def print_learners(frames, taught, row):
    """Per configuration learners use: bytes per step frame, step latency and Play."""
    for name, size in frames.items():
        found = taught[name]
        play = found["play"]
        row(f"{name}:", f"{size / 1000:.1f} KB", "per step frame")
        row("  step p50 / p95", f"{found['p50']:.1f}/{found['p95']:.1f} ms")
        row("  Play as fast as possible: repaints/s", f"{play['updates']:.0f}",
            f"{play['steps']:.0f} steps/s")
        row("  against TensorFlow Playground's 17 steps/s at 6 x 8", "",
            f"{play['steps'] / PLAYGROUND_STEPS:.1f}x")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--soak", type=int, default=10_000)
    args = parser.parse_args(argv)
    frames = {name: learners.frame_bytes(partial) for name, partial in learners.configs().items()}
    with served_build({"floor.html": FLOOR_HTML, **blocking.FILES}) as (browser, url):
        loads = startup(browser, url, args.runs)
        held = blocking.measure(browser, url, max(1, args.runs // 2))
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.add_init_script(WATCH_LONG_TASKS)
        page.goto(url)
        page.evaluate("window.backpropLab.ready")
        cold_steps = first_steps(page)
        small = step_latency(page, [2, 3, 1], args.samples)
        large = step_latency(page, LARGEST, args.samples)
        page.evaluate("window.backpropLab.setState({layers: [2, 3, 1], seed: 1})")
        play_small = page.evaluate(PLAY, {"seconds": 4, "speed": "max"})
        page.evaluate(f"window.backpropLab.setState({{layers: {LARGEST}, seed: 1}})")
        play_large = page.evaluate(PLAY, {"seconds": 4, "speed": "max"})
        in_page, native = train_ratio(page, 10_000)
        cdp = page.context.new_cdp_session(page)
        page.evaluate("window.backpropLab.setState({layers: [2, 3, 1], seed: 1})")
        page.evaluate(SOAK, 10)
        heap_10 = heap(page, cdp)
        page.evaluate(SOAK, args.soak)
        heap_long = heap(page, cdp)
        # Last: their data sets and activations stay in the lab's state.
        taught = {name: learners.in_page(page, partial, args.samples // 2, play_seconds=4)
                  for name, partial in learners.configs().items()}

    floor, lab = loads["floor"], loads["lab"]
    floor_cold = median([r["interactive"] for r in floor["cold"]])
    floor_warm = median([r["interactive"] for r in floor["warm"]])
    lab_cold = median([r["interactive"] for r in lab["cold"]])
    lab_warm = median([r["interactive"] for r in lab["warm"]])
    first = median([r["first"] for r in lab["cold"]])
    print(f"Backprop Lab performance ({args.runs} loads each, floor and lab alternating; {url})")
    print(f"{'measure':<56}{'value':>14}{'ratio':>16}")
    row = lambda name, value, ratio="": print(f"{name:<56}{value:>14}{ratio:>16}")  # noqa: E731
    row("floor: Pyodide + numpy loaded, cold", f"{floor_cold:.0f} ms")
    imported = median([r["imported"] for r in floor["cold"]])
    row("floor: + import numpy, cold", f"{imported:.0f} ms")
    row("lab: time to interactive, cold", f"{lab_cold:.0f} ms", f"{lab_cold / floor_cold:.2f}x")
    row("  against the floor + import numpy", "", f"{lab_cold / imported:.2f}x")
    row("floor: Pyodide + numpy loaded, warm", f"{floor_warm:.0f} ms")
    row("lab: time to interactive, warm", f"{lab_warm:.0f} ms", f"{lab_warm / floor_warm:.2f}x")
    row("lab: warm / cold", "", f"{lab_warm / lab_cold:.2f}x")
    row("lab: first real numbers on screen, cold", f"{first:.0f} ms", f"{first / floor_cold:.2f}x")
    boot_tasks = [r["long_tasks"]["longest"] for r in lab["cold"]]
    row("lab: longest main-thread task while booting", f"{median(boot_tasks):.0f} ms")
    largest = "-".join(map(str, LARGEST))
    print_blocking(held, row)
    row(f"first {FIRST_STEPS} steps after load, 2-3-1, p50 / p95",
        f"{cold_steps[0]:.1f}/{cold_steps[1]:.1f} ms")
    for label, (p50, p95, longest) in (("2-3-1", small), (largest, large)):
        row(f"step latency {label}, p50 / p95", f"{p50:.1f}/{p95:.1f} ms")
        row(f"  longest main-thread task while stepping {label}", f"{longest:.0f} ms")
    for label, play in (("2-3-1", play_small), (largest, play_large)):
        row(f"Play (as fast as possible) {label}: repaints/s", f"{play['updates']:.0f}",
            f"{play['steps']:.0f} steps/s")
    print_learners(frames, taught, row)
    row("train 10,000 steps: page / native CPython", f"{in_page:.0f}/{native:.0f} ms",
        f"{in_page / native:.2f}x")
    for label, (js, py) in (("after 10 steps", heap_10), (f"after {args.soak:,} more", heap_long)):
        row(f"JS heap / Python objects / rows, {label}",
            f"{js / 1e6:.1f} MB", f"{py['objects']} / {py['rows']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
