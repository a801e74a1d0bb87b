"""numpy → plain JSON-able values, and the step record Network.step returns.

Every float is a Python float; a non-finite number (NaN, ±Infinity) becomes None (JSON null)
and sets the record's "nonfinite" flag, so json.dumps(..., allow_nan=False) always succeeds.
"""
import math

import numpy as np


def plain_float(value):
    value = float(value)
    return value if math.isfinite(value) else None


def plain(array):
    """Nested lists of Python floats (bools stay bools); non-finite numbers become None."""
    array = np.asarray(array)
    if array.dtype == bool or np.isfinite(array).all():
        return array.tolist()
    return np.where(np.isfinite(array), array, None).tolist()


def plain_list(arrays):
    return [plain(a) for a in arrays]


def all_finite(arrays):
    return all(np.isfinite(a).all() for a in arrays)


def step_record(net, X, T, before, params_before, loss_after, lr):
    """Everything about one update: the values it used, the gradient, and what it changed."""
    was = net.layout.split(params_before)
    now = net.layout.split(net.params)
    update_W = [w1 - w0 for w0, w1 in zip(was["weights"], now["weights"], strict=True)]
    update_b = [b1 - b0 for b0, b1 in zip(was["biases"], now["biases"], strict=True)]
    arrays = before["z"] + before["a"] + before["delta"] + before["dW"] + before["db"]
    return {
        "step": net.steps,
        "inputs": plain(X),
        "targets": plain(T),
        "z": plain_list(before["z"]),
        "a": plain_list(before["a"]),
        "prediction": plain(before["a"][-1]),
        "loss_before": plain_float(before["loss"]),
        "loss_after": plain_float(loss_after),
        "dW": plain_list(before["dW"]),
        "db": plain_list(before["db"]),
        "delta": plain_list(before["delta"]),
        "update_W": plain_list(update_W),
        "update_b": plain_list(update_b),
        "weights_before": plain_list(was["weights"]),
        "weights_after": plain_list(now["weights"]),
        "biases_before": plain_list(was["biases"]),
        "biases_after": plain_list(now["biases"]),
        "dead": plain_list(net.dead(before["z"])),
        "nonfinite": not (all_finite(arrays) and math.isfinite(before["loss"])),
        "lr": float(lr),
    }
