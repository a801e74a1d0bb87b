"""Mid-run events (configure): which settings may change without starting a new run, their
checks, and the names of what actually changed. Reads a run; the run applies the result.
"""
from typing import NamedTuple

import numpy as np

from . import optim
from .batches import Data
from .config import DEFAULT_CONFIG, check_example, check_optimizer, check_params
from .validate import check_int, check_keys

EVENT_KEYS = ("inputs", "targets", "optimizer", "weights", "biases", "sample")
RUN_KEYS = tuple(key for key in DEFAULT_CONFIG if key not in EVENT_KEYS)


class Event(NamedTuple):
    data: Data
    opt: optim.Optimizer
    sample: int
    weights: list | None  # new weight arrays, or None to keep
    biases: list | None
    changes: list  # sorted names of the settings that differ from before


def check_event(run, changes):
    """The checked Event for configure(run, changes); ValueError names the field."""
    if isinstance(changes, dict):
        for key in changes:
            if key in RUN_KEYS:
                raise ValueError(f"configure: {key!r} starts a new run; use reset")
    check_keys(changes, "configure", EVENT_KEYS)
    names = set()
    data = _data(run, changes, names)
    opt = _optimizer(run.opt, changes, names)
    sample = run.sample
    if "sample" in changes:
        sample = check_int(changes["sample"], "sample", 0, data.size - 1)
        if sample != run.sample:
            names.add("sample")
    new_W, new_b = check_params(run.net, changes.get("weights"), changes.get("biases"))
    if new_W is not None and _differ(new_W, run.net.weights):
        names.add("weights")
    if new_b is not None and _differ(new_b, run.net.biases):
        names.add("biases")
    return Event(data, opt, sample, new_W, new_b, sorted(names))


def _differ(new, old):
    return any(not np.array_equal(a, b) for a, b in zip(new, old, strict=True))


def _data(run, changes, names):
    """The run's Data, remade when the one example's inputs or targets change."""
    given = [key for key in ("inputs", "targets") if key in changes]
    if not given:
        return run.data
    if run.data.is_dataset:
        raise ValueError(f"configure: {given[0]!r} is not used with a data set; "
                         "pick a row with 'sample' or reset with other data")
    X, T = check_example(run.net, changes.get("inputs", run.data.X[0]),
                         changes.get("targets", run.data.T[0]))
    for key, new, old in (("inputs", X, run.data.X), ("targets", T, run.data.T)):
        if not np.array_equal(new, old):
            names.add(key)
    if not {"inputs", "targets"} & names:
        return run.data
    return Data(X, T, run.data.batch_size)


def _optimizer(opt, changes, names):
    """The optimizer after changes["optimizer"]: same name keeps its state, a new one starts
    fresh keeping lr unless given."""
    if "optimizer" not in changes:
        return opt
    new = optim.reconfigure(opt, check_optimizer(changes["optimizer"]))
    old_settings = opt.hyperparameters()
    changed = {key for key, value in new.hyperparameters().items()
               if key in old_settings and old_settings[key] != value}
    if new.name != opt.name:
        changed.add("optimizer")
    names.update(changed)
    return new if changed else opt
