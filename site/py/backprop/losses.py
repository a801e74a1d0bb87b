"""Loss functions over a batch: the value and dL/dz at the output layer, looked up by name.

Both are a mean over samples of a sum over outputs, so a single sample gives the plain sum.
"""
from collections.abc import Callable
from typing import NamedTuple

import numpy as np


class Loss(NamedTuple):
    name: str
    value_and_delta: Callable  # (z, a, T, activation) -> (float, dL/dz of shape (n, n_out))
    dloss_dy: Callable  # (a, T) -> dL/dŷ of shape (n, n_out)
    label: str
    formula: str
    output_delta: str  # dL/dz at the output layer, in words
    delta_note: str | None  # why output_delta has no f′(z) factor, where it has none
    needs_output: str | None  # the output activation this loss requires, if any
    error_is_difference: bool  # one sample's dL/dŷ is ŷ − t, so the receipt can write it so
    per_row: Callable  # (z, a, T) -> (n,): each row's own loss (their mean is the value)


def half_squared_error(z, a, T, activation):
    """L = (1/n) Σ_samples ½ Σ_outputs (ŷ − t)²; dL/dz = (ŷ − t)/n · f′(z)."""
    diff = a - T  # (n, n_out)
    n = T.shape[0]
    value = 0.5 * float(np.vdot(diff, diff)) / n  # vdot: Σ over every sample and output
    if activation.name == "linear":
        return value, (diff if n == 1 else diff / n)  # f′(z) = 1
    return value, diff * (activation.grad(z, a) / n)  # dL/dz at the output = dL/dŷ · f′(z)


def half_squared_error_dy(a, T):
    return (a - T) / T.shape[0]


def half_squared_error_rows(z, a, T):
    return 0.5 * np.sum((a - T) ** 2, axis=1)


def binary_cross_entropy_rows(z, a, T):
    return np.sum(np.logaddexp(0.0, z) - T * z, axis=1)


def binary_cross_entropy(z, a, T, activation):
    """L = (1/n) Σ_samples Σ_outputs −[t log ŷ + (1 − t) log(1 − ŷ)] with ŷ = σ(z).

    Computed from z as log(1 + eᶻ) − t·z, which never takes log(0); dL/dz = (ŷ − t)/n.
    Only valid with a sigmoid output layer (the network checks this).
    """
    n = T.shape[0]
    value = float(np.sum(np.logaddexp(0.0, z) - T * z)) / n
    return value, (a - T) / n  # dL/dz for sigmoid + cross-entropy


def binary_cross_entropy_dy(a, T):
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a - T) / (a * (1.0 - a) * T.shape[0])


LOSSES = {
    "half_squared_error": Loss(
        "half_squared_error", half_squared_error, half_squared_error_dy, "½·squared error",
        "L = ½·Σ(ŷ − t)², averaged over a batch's samples", "(ŷ − t)·f′(z)", None, None, True,
        half_squared_error_rows),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_dy,
        "Binary cross-entropy",
        "L = −Σ[t·log ŷ + (1 − t)·log(1 − ŷ)], averaged over a batch's samples",
        "ŷ − t (with the sigmoid output it needs)",
        "∂L/∂ŷ = (ŷ − t) / (ŷ·(1 − ŷ)) and the sigmoid's slope f′(z) = ŷ·(1 − ŷ) cancel, so f′(z) "
        "is not multiplied in again", "sigmoid", False, binary_cross_entropy_rows),
}
