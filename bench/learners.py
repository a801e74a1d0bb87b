"""The configurations learners use, and what each costs: bytes per step frame (what crosses from
the engine to the page), step latency in the page (call -> every view updated) and Play's repaints
and steps per second, with the function-space maps on screen where the network has two inputs.
Used by perf.py; figures only, nothing is asserted. Run alone: python3 bench/learners.py"""

import json
import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site" / "py"))
sys.path.insert(0, str(ROOT / "bench"))
from play import MEASURE as PLAY  # noqa: E402
from steps import TIME_STEPS, percentile  # noqa: E402

DEEP = [2, 8, 8, 8, 8, 8, 8, 1]


def csv_rows(n=1000, seed=0):
    """n rows of two inputs in [-1, 1]² and an XOR-like 0/1 target, as a CSV upload gives them."""
    rng = np.random.default_rng(seed)
    X = np.round(rng.uniform(-1, 1, (n, 2)), 4)
    T = (X[:, 0] * X[:, 1] > 0).astype(float)[:, None]
    return {"X": X.tolist(), "T": T.tolist()}


def configs():
    """name -> the lab's setState partial (the same keys as the engine's config)."""
    rows = {"name": "custom", "rows": csv_rows(), "seed": 0}
    deep = {"layers": DEEP, "hidden_activation": "tanh", "bias": True,
            "optimizer": {"name": "adam", "lr": 0.01}}
    return {
        "2-3-1, the spec's one example": {"layers": [2, 3, 1]},
        "2-8x6-1 tanh, biases, Adam, spiral (200 rows)": {**deep,
                                                            "dataset": {"name": "spiral"}},
        "2-8-8-1 tanh, biases, 1,000 CSV rows": {"layers": [2, 8, 8, 1],
                                                 "hidden_activation": "tanh", "bias": True,
                                                 "dataset": rows},
        "2-8x6-1 tanh, biases, Adam, 1,000 CSV rows": {**deep, "dataset": rows},
    }


def frame_bytes(partial):
    """Bytes of one step's answer (JSON text plus the wire buffer) after 10 steps, holding the
    history so far (only the new row crosses): what the page receives per step, in CPython."""
    import backprop.api as api

    def call(name, **args):
        text, data = api.dispatch_wire(name, json.dumps(args))
        answer = json.loads(text)
        assert answer["ok"], answer
        return answer["value"], len(text.encode()) + (len(data) if data else 0)

    frame, _ = call("create", config=partial)
    run = frame["run"]
    frame, _ = call("step", run=run, n=10)
    since = {"revision": frame["history"]["revision"], "step": frame["step"]}
    _, size = call("step", run=run, n=1, since=since)
    call("drop", run=run)
    return size


SHOW_MAPS = """() => {
  const map = document.getElementById("function-map");
  map?.scrollIntoView({ block: "center" });
  return Boolean(map);
}"""


def in_page(page, partial, samples, play_seconds):
    """{"p50", "p95", "play"}: step latency after a warm-up, and Play as fast as possible."""
    page.evaluate("(partial) => window.backpropLab.setState(partial)", partial)
    page.evaluate(SHOW_MAPS)
    page.evaluate(TIME_STEPS, 10)  # warm-up
    times = page.evaluate(TIME_STEPS, samples)["layout"]
    play = page.evaluate(PLAY, {"seconds": play_seconds, "speed": "max"})
    return {"p50": statistics.median(times), "p95": percentile(times, 95), "play": play}


def print_rows(found):
    print(f"{'configuration':<48}{'frame':>10}{'step p50/p95':>16}{'Play repaints/s':>17}"
          f"{'steps/s':>9}")
    for name, row in found.items():
        page = row.get("page")
        timing = f"{page['p50']:.1f}/{page['p95']:.1f} ms" if page else ""
        play = page["play"] if page else None
        print(f"{name:<48}{row['bytes'] / 1000:>8.1f}KB{timing:>16}"
              f"{(play['updates'] if play else 0):>17.0f}{(play['steps'] if play else 0):>9.0f}")


def main() -> int:
    from startup import served_build

    found = {name: {"bytes": frame_bytes(partial)} for name, partial in configs().items()}
    with served_build() as (browser, url):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.evaluate("window.backpropLab.ready")
        for name, partial in configs().items():
            found[name]["page"] = in_page(page, partial, samples=60, play_seconds=4)
    print_rows(found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
