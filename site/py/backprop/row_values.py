"""Per-row values, an explicit query over a range of rows (a frame holds none: its size follows
the network, not the data). Numpy arrays, float64, so the page gets them as typed arrays.
Reads a run; changes nothing.
"""
import numpy as np

from .propagate import forward_pass
from .validate import check_int


def row_range(count, start, stop):
    """(start, stop) checked against `count` rows; stop None means to the end."""
    start = check_int(start, "start", 0, count)
    stop = count if stop is None else check_int(stop, "stop", start, count)
    return start, stop


def rows_at(run, start=0, stop=None):
    """{"start", "stop", "count" (rows in the data set), "X", "T", "prediction", "loss" (each
    row's own), "z", "a" (per layer, one row per row; a[0] is X)} at the current parameters."""
    net, data = run.net, run.data
    start, stop = row_range(data.size, start, stop)
    X, T = data.X[start:stop], data.T[start:stop]
    with np.errstate(all="ignore"):
        zs, acts = forward_pass(net._W, net._b, net.activations, X)
        loss = net.loss_fn.per_row(zs[-1], acts[-1], T)
    return {"start": start, "stop": stop, "count": data.size, "X": X, "T": T,
            "prediction": acts[-1], "loss": loss, "z": list(zs), "a": list(acts)}


def rows_of_last_step(run, start=0, stop=None):
    """{"step", "start", "stop", "count" (rows in the batch), "X", "T", "z", "a", "delta"} of
    the rows start..stop - 1 of the latest update's batch: the values it trained on (before it
    changed the parameters). Without an update yet: a ValueError."""
    if run.last_rows is None:
        raise ValueError("step_rows: no update yet; step first")
    values = run.last_rows
    count = values["X"].shape[0]
    start, stop = row_range(count, start, stop)
    part = {key: [v[start:stop] for v in values[key]] for key in ("z", "a", "delta")}
    return {"step": run.last_step["step"], "start": start, "stop": stop, "count": count,
            "X": values["X"][start:stop], "T": values["T"][start:stop], **part}
