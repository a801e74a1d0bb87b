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
    """Everything about one update (run: its training.Run): the values it used for every row,
    the gradient, and what it changed (Network.step's record)."""
    record = update_record(net, X, run, params_before, lr)
    rows, finite = plain_groups(row_values(run))
    record.update({"inputs": X.tolist(), "targets": T.tolist(), "prediction": rows["a"][-1],
                   **rows})
    record["nonfinite"] = record["nonfinite"] or not finite
    return record


def update_record(net, X, run, params_before, lr):
    """One update's record without per-row values (a frame's last_step): its sizes follow the
    network, not the batch; "rows" is the batch's number of rows (their values: row_values)."""
    zs = run.first[0]
    W0, b0 = net.layout.parts(params_before)
    W1, b1 = net.layout.parts(net.params)
    dW, db = net.layout.parts(net.grad)
    update_W = [after - before for before, after in zip(W0, W1, strict=True)]
    update_b = [after - before for before, after in zip(b0, b1, strict=True)]
    lists, finite = plain_groups({
        "dW": dW, "db": db, "update_W": update_W, "update_b": update_b, "weights_before": W0,
        "weights_after": W1, "biases_before": b0, "biases_after": b1})
    rows_finite = all(all_finite(values) for group in run.first for values in group)
    return {"step": net.steps, "rows": int(X.shape[0]),
            "loss_before": plain_float(run.start_loss), "loss_after": plain_float(run.losses[0]),
            **lists, "dead": [d.tolist() for d in net.dead(zs)],
            "nonfinite": not (finite and rows_finite and math.isfinite(run.start_loss)),
            "lr": float(lr)}


def row_values(run):
    """{"z", "a", "delta"}: per layer, one row per row of the batch (numpy arrays), the values
    the update of run (training.Run) used."""
    zs, acts, deltas = run.first
    return {"z": zs, "a": acts, "delta": deltas}
