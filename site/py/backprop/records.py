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


def all_finite_in(arrays):
    return all_finite(np.concatenate([a.ravel() for a in arrays]))


def step_record(net, X, T, run, params_before, lr):
    """Everything about one update (run: its training.Run): the values it used, the gradient,
    and what it changed."""
    zs, acts, deltas = run.first
    W0, b0 = net.layout.parts(params_before)
    W1, b1 = net.layout.parts(net.params)
    dW, db = net.layout.parts(net.grad)
    update_W = [after - before for before, after in zip(W0, W1, strict=True)]
    update_b = [after - before for before, after in zip(b0, b1, strict=True)]
    groups = {"z": zs, "a": acts, "dW": dW, "db": db, "delta": deltas,
              "update_W": update_W, "update_b": update_b, "weights_before": W0,
              "weights_after": W1, "biases_before": b0, "biases_after": b1}
    finite = all_finite_in([a for group in groups.values() for a in group] + [T])
    finite = finite and math.isfinite(run.start_loss)
    convert = np.ndarray.tolist if finite else plain  # the fast path when nothing needs nulls
    record = {"step": net.steps, "inputs": X.tolist(), "targets": T.tolist(),
              "prediction": convert(acts[-1]), "loss_before": plain_float(run.start_loss),
              "loss_after": plain_float(run.losses[0])}
    record.update({key: [convert(a) for a in group] for key, group in groups.items()})
    record.update({"dead": [d.tolist() for d in net.dead(zs)], "nonfinite": not finite,
                   "lr": float(lr)})
    return record
