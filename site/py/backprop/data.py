"""Seeded toy data sets: each returns (X, T) float64 arrays, X (n, 2) inputs, T (n, 1) targets
in {0, 1}. Randomness only from np.random.default_rng(seed); the same seed gives the same set.
GENERATORS names them for runs; their defaults are the functions' own.
"""
import inspect
from functools import partial

import numpy as np

from .validate import SEED_MAX, check_choice, check_int, check_number

N_MAX = 100_000
NOISE_MAX = 10.0

LOGIC = {"and": (0, 0, 0, 1), "or": (0, 1, 1, 1), "xor": (0, 1, 1, 0)}
CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _checked(n_samples, noise, seed):
    return (check_int(n_samples, "n_samples", 1, N_MAX),
            check_number(noise, "noise", 0.0, NOISE_MAX),
            np.random.default_rng(check_int(seed, "seed", 0, SEED_MAX)))


def logic(name, n_samples=4, noise=0.0, seed=0):
    """The truth table of "and", "or" or "xor": the 4 corners repeated to n_samples rows, inputs
    jittered by N(0, noise²). Defaults give the exact 4-row table."""
    targets = np.array(LOGIC[check_choice(name, "name", tuple(LOGIC))], dtype=np.float64)
    n_samples, noise, rng = _checked(n_samples, noise, seed)
    rows = np.arange(n_samples) % 4
    X = CORNERS[rows] + rng.normal(0.0, noise, size=(n_samples, 2))
    return X, targets[rows].reshape(-1, 1)


def circle(n_samples=200, noise=0.05, seed=0):
    """Label 1 inside radius 0.5, label 0 in the ring 0.7–1.0 around it; half of each."""
    n_samples, noise, rng = _checked(n_samples, noise, seed)
    inside = np.arange(n_samples) < (n_samples + 1) // 2
    radius = np.where(inside, rng.uniform(0.0, 0.5, n_samples), rng.uniform(0.7, 1.0, n_samples))
    angle = rng.uniform(0.0, 2 * np.pi, n_samples)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return X + rng.normal(0.0, noise, size=X.shape), inside.astype(np.float64).reshape(-1, 1)


def xor_quadrants(n_samples=200, noise=0.05, seed=0):
    """Points in [-1, 1]²; label 1 where x and y have different signs (the XOR of the signs)."""
    n_samples, noise, rng = _checked(n_samples, noise, seed)
    X = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
    labels = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(np.float64)
    return X + rng.normal(0.0, noise, size=X.shape), labels.reshape(-1, 1)


def two_gaussians(n_samples=200, noise=0.3, seed=0):
    """Two blobs of standard deviation `noise`: label 1 around (0.5, 0.5), 0 around (−0.5, −0.5)."""
    n_samples, noise, rng = _checked(n_samples, noise, seed)
    labels = (np.arange(n_samples) % 2).astype(np.float64)
    centres = np.where(labels[:, None] == 1.0, 0.5, -0.5) * np.ones((n_samples, 2))
    return centres + rng.normal(0.0, noise, size=(n_samples, 2)), labels.reshape(-1, 1)


def spiral(n_samples=200, noise=0.05, seed=0):
    """Two interleaved spirals (1.5 turns each, radius up to 1): label 0 and label 1 arms."""
    n_samples, noise, rng = _checked(n_samples, noise, seed)
    labels = (np.arange(n_samples) % 2).astype(np.float64)
    r = rng.uniform(0.05, 1.0, n_samples)
    angle = 3.0 * np.pi * r + np.pi * labels
    X = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return X + rng.normal(0.0, noise, size=X.shape), labels.reshape(-1, 1)


GENERATORS = {  # name → (label, function of (n_samples, noise, seed))
    "xor": ("XOR truth table", partial(logic, "xor")),
    "and": ("AND truth table", partial(logic, "and")),
    "or": ("OR truth table", partial(logic, "or")),
    "circle": ("Circle", circle),
    "xor_quadrants": ("XOR quadrants", xor_quadrants),
    "gaussians": ("Two Gaussians", two_gaussians),
    "spiral": ("Spiral", spiral),
}


def generator_defaults(name):
    """{"n", "noise", "seed"}: the defaults of the generator's own signature."""
    parameters = inspect.signature(GENERATORS[name][1]).parameters
    return {"n": parameters["n_samples"].default, "noise": parameters["noise"].default,
            "seed": parameters["seed"].default}
