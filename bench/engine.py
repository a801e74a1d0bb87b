"""Engine benchmark, run by hand (python bench/engine.py): µs per step record, train speed, and
what one step frame costs with a short and a long history (it must not grow with the history).

Prints figures and their ratio to the targets in issue #2; asserts nothing. Each figure is the
best of a few runs, by CPU time of this process (steady on a busy machine) and by wall clock.
"""
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site" / "py"))

import numpy as np  # noqa: E402

from backprop import Network, api  # noqa: E402

STEP_TARGET_US = 100.0
TRAIN_TARGET_PER_S = 50_000.0


def best_of(fn, repeats=5):
    """Fastest (CPU seconds, wall seconds) of fn() over a few runs."""
    cpu, wall = [], []
    for _ in range(repeats):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return min(cpu), min(wall)


def steps(net, x, t, count):
    for _ in range(count):
        net.step(x, t, 1e-4)


def per_step_us(seconds, count):
    return [s / count * 1e6 for s in seconds]


def line(label, cpu, wall, unit, target, better_low):
    ratio = (target / cpu) if better_low else (cpu / target)
    print(f"{label:40s} {cpu:9.1f} {unit} CPU ({wall:9.1f} wall)   "
          f"target {'<' if better_low else '≥'} {target:g}: {ratio:.2f}x")


def holding(frame):
    """`since` for a caller that holds every row of `frame`'s run."""
    return {"revision": frame["history"]["revision"], "step": frame["step"]}


def step_frame(rows):
    """Best (CPU µs, wall µs) of api.step(run, 1, since=current) with `rows` history rows, and
    the JSON bytes dispatch sends for it."""
    run = api.create()["run"]
    state = {"frame": api.step(run, rows - 1) if rows > 1 else api.frame(run)}

    def once():
        state["frame"] = api.step(run, 1, since=holding(state["frame"]))

    us = per_step_us(best_of(once, repeats=20), 1)
    text = api.dispatch("step", json.dumps({"run": run, "since": holding(state["frame"])}))
    api.drop(run)
    return us, len(text.encode("utf-8"))


def main():
    small = Network([2, 3, 1], seed=0)
    small_us = per_step_us(best_of(lambda: steps(small, [1.0, 0.5], [2.0], 2000)), 2000)
    line("Network.step record, 2-3-1, 1 sample", *small_us, "µs", STEP_TARGET_US, True)
    (short_us, short_bytes), (long_us, long_bytes) = step_frame(10), step_frame(9_990)
    line("api.step(1) + frame, 10 history rows", *short_us, "µs", STEP_TARGET_US, True)
    line("api.step(1) + frame, 9 990 history rows", *long_us, "µs", STEP_TARGET_US, True)
    print(f"{'step frame cost, long / short history':40s} {long_us[0] / short_us[0]:9.2f} x CPU "
          f"({long_us[1] / short_us[1]:.2f} x wall)")
    print(f"{'JSON bytes per step frame, 2-3-1':40s} {short_bytes:9d} (10 rows), "
          f"{long_bytes} (9 990 rows)")
    rng = np.random.default_rng(0)
    big = Network([2, 8, 8, 8, 1], hidden_activation="tanh", bias=True, seed=0)
    X, T = rng.normal(size=(200, 2)), rng.normal(size=(200, 1))
    big_us = per_step_us(best_of(lambda: steps(big, X, T, 100)), 100)
    print(f"{'Network.step record, 2-8-8-8-1, 200':40s} {big_us[0]:9.1f} µs CPU "
          f"({big_us[1]:9.1f} wall)")

    def train():
        run = api.create()["run"]
        api.step(run, 10_000)
        api.drop(run)

    rates = [10_000 / s for s in best_of(train, 3)]
    line("api.step(10_000) incl. rows + frame", *rates, "steps/s", TRAIN_TARGET_PER_S, False)
    rates = [10_000 / s for s in best_of(lambda: small.train([1, 0.5], [2], 1e-4, 10_000), 3)]
    line("Network.train(10_000), 2-3-1", *rates, "steps/s", TRAIN_TARGET_PER_S, False)


if __name__ == "__main__":
    main()
