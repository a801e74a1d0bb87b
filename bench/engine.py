"""Engine benchmark, run by hand (python bench/engine.py): µs per step record and train speed.

Prints figures and their ratio to the targets in issue #2; asserts nothing. Each figure is the
best of a few runs, by CPU time of this process (steady on a busy machine) and by wall clock.
"""
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


def main():
    small = Network([2, 3, 1], seed=0)
    small_us = per_step_us(best_of(lambda: steps(small, [1.0, 0.5], [2.0], 2000)), 2000)
    line("Network.step record, 2-3-1, 1 sample", *small_us, "µs", STEP_TARGET_US, True)
    api.reset({})
    api_us = per_step_us(best_of(lambda: api.step(1)), 1)
    line("api.step(1) incl. state, 2-3-1", *api_us, "µs", STEP_TARGET_US, True)
    rng = np.random.default_rng(0)
    big = Network([2, 8, 8, 8, 1], hidden_activation="tanh", bias=True, seed=0)
    X, T = rng.normal(size=(200, 2)), rng.normal(size=(200, 1))
    big_us = per_step_us(best_of(lambda: steps(big, X, T, 100)), 100)
    print(f"{'Network.step record, 2-8-8-8-1, 200':40s} {big_us[0]:9.1f} µs CPU "
          f"({big_us[1]:9.1f} wall)")
    rates = [10_000 / s for s in best_of(lambda: (api.reset({}), api.train(10_000)), 3)]
    line("api.train(10_000) incl. state, 2-3-1", *rates, "steps/s", TRAIN_TARGET_PER_S, False)
    rates = [10_000 / s for s in best_of(lambda: small.train([1, 0.5], [2], 1e-4, 10_000), 3)]
    line("Network.train(10_000), 2-3-1", *rates, "steps/s", TRAIN_TARGET_PER_S, False)


if __name__ == "__main__":
    main()
