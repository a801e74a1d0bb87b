"""Step latency in the page (call -> every view repainted) on a fresh run and after a long one, and
the bytes one step's frame carries across the bridge. Figures only; nothing is asserted.
Builds the site into a temp dir, serves it on 127.0.0.1 and drives window.backpropLab.
Run by hand: python3 bench/steps.py [--samples 200] [--long 10000]"""

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "site" / "py"))
from startup import served_build  # noqa: E402

# One step until every view is updated and laid out (the step's promise resolves once every view
# shows it; reading offsetHeight forces style and layout), then until the next frame is painted.
TIME_STEPS = """async (samples) => {
  const layout = [], painted = [];
  for (let i = 0; i < samples; i += 1) {
    const start = performance.now();
    await window.backpropLab.step(1);
    void document.body.offsetHeight;
    layout.push(performance.now() - start);
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    painted.push(performance.now() - start);
  }
  return { layout, painted };
}"""


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def step_times(page, samples, history_rows):
    """Latencies (ms) of `samples` single steps once the run holds about `history_rows` rows."""
    page.evaluate("window.backpropLab.reset(0)")
    if history_rows > 1:
        page.evaluate(f"window.backpropLab.step({history_rows - 1})")
    return page.evaluate(TIME_STEPS, samples)


def frame_bytes(rows_before):
    """JSON bytes of one step's reply from the engine (CPython: the same text the page receives)."""
    import backprop.api as api

    frame = json.loads(api.dispatch("create", json.dumps({"config": {}})))["value"]
    run = frame["run"]
    if rows_before > 1:
        api.dispatch("step", json.dumps({"run": run, "n": rows_before - 1}))
    held = json.loads(api.dispatch("frame", json.dumps({"run": run})))["value"]["history"]
    since = {"revision": held["revision"], "step": held["rows"][-1]["step"]}
    size = len(api.dispatch("step", json.dumps({"run": run, "n": 1, "since": since})).encode())
    api.dispatch("drop", json.dumps({"run": run}))
    return size


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--long", type=int, default=10_000)
    args = parser.parse_args(argv)
    with served_build() as (browser, url):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.evaluate("window.backpropLab.ready")
        fresh = step_times(page, args.samples, 10)
        long = step_times(page, args.samples, args.long)
    print(f"step latency, {args.samples} single steps each (2-3-1, {url})")
    print("  laid out: call -> every view updated and laid out; painted: -> the next frame drawn")
    print(f"{'history rows':<14}{'measure':<10}{'p50 ms':>8}{'p95 ms':>8}")
    for label, times in ((f"~{10}", fresh), (f"~{args.long}", long)):
        for kind in ("layout", "painted"):
            values = times[kind]
            print(f"{label:<14}{kind:<10}{statistics.median(values):>8.2f}"
                  f"{percentile(values, 95):>8.2f}")
    for kind in ("layout", "painted"):
        ratio = percentile(long[kind], 95) / percentile(fresh[kind], 95)
        print(f"p95 ratio long/fresh ({kind}): {ratio:.2f} (target <= 1.5)")
    # Just below the thinning point: past 10,000 rows one step in 5,000 resends the thinned rows.
    print(f"bytes per step frame: {frame_bytes(10)} at 10 rows, {frame_bytes(args.long - 10)} at "
          f"{args.long - 10} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
