"""numpy → plain JSON-able values, and the step record Network.step returns.

Every float is a Python float; a non-finite number (NaN, ±Infinity) becomes None (JSON null)
and sets the record's "nonfinite" flag, so json.dumps(..., allow_nan=False) always succeeds.
"""
import math

import numpy as np

from .validate import all_finite


def plain_float(value):
    value = float(value)
    return value if math.isfinite(value) else None


def plain(array):
    """Nested lists of Python floats (bools stay bools); non-finite numbers become None."""
    array = np.asarray(array)
    if array.dtype == bool or all_finite(array):
        return array.tolist()
    return np.where(np.isfinite(array), array, None).tolist()


def plain_list(arrays):
    return [plain(a) for a in arrays]


def plain_groups(groups):
    """{key: [array, ...]} → ({key: [nested lists, ...]}, all finite?) with one finiteness check
    for everything (the common case) instead of one per array."""
    arrays = [a.ravel() for group in groups.values() for a in group]
    finite = all_finite(np.concatenate(arrays)) if arrays else True
    convert = np.ndarray.tolist if finite else plain
    return {key: [convert(a) for a in group] for key, group in groups.items()}, finite


def step_record(net, X, T, run, params_before, lr):
    """Everything about one update (run: its training.Run): the values it used, the gradient,
    and what it changed."""
    zs, acts, deltas = run.first
    W0, b0 = net.layout.parts(params_before)
    W1, b1 = net.layout.parts(net.params)
    dW, db = net.layout.parts(net.grad)
    update_W = [after - before for before, after in zip(W0, W1, strict=True)]
    update_b = [after - before for before, after in zip(b0, b1, strict=True)]
    lists, finite = plain_groups({
        "z": zs, "a": acts, "dW": dW, "db": db, "delta": deltas, "update_W": update_W,
        "update_b": update_b, "weights_before": W0, "weights_after": W1, "biases_before": b0,
        "biases_after": b1})
    return {"step": net.steps, "inputs": X.tolist(), "targets": T.tolist(),
            "prediction": lists["a"][-1], "loss_before": plain_float(run.start_loss),
            "loss_after": plain_float(run.losses[0]), **lists,
            "dead": [d.tolist() for d in net.dead(zs)],
            "nonfinite": not (finite and math.isfinite(run.start_loss)), "lr": float(lr)}
