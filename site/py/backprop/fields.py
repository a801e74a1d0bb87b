"""The allowed range of every number a run's config may hold: the one source of these limits,
applied by the config checks and published by describe()["fields"]. Rules only, no state.
Choice fields (names of activations, losses, optimizers, data sets) come from their tables.
"""
import numpy as np

from .data import NOISE_MAX
from .training import MAX_STEPS
from .validate import MAX_HIDDEN_LAYERS, MAX_NEURONS, SEED_MAX, check_int, check_number

VALUE_LIMIT = 100.0  # inputs, targets, given weights and biases lie in [-100, 100]
LR_MAX = 100.0
LR_DECAY_MAX = 1.0  # AdaGrad's η / (1 + (k − 1)·d): at d = 1 the rate already falls as 1/k
DATASET_N_MAX = 1000  # every frame evaluates the whole data set, so it stays small


def number(low, high, low_open=False, high_open=False):
    rule = {"kind": "number", "min": low, "max": high}
    if low_open:
        rule["min_exclusive"] = True
    if high_open:
        rule["max_exclusive"] = True
    return rule


def integer(low, high):
    return {"kind": "integer", "min": low, "max": high}


VALUE = number(-VALUE_LIMIT, VALUE_LIMIT)
FRACTION = number(0.0, 1.0, high_open=True)  # decay rates: momentum, alpha, betas

RULES = {
    "inputs": VALUE, "targets": VALUE, "weights": VALUE, "biases": VALUE,
    "lr": number(0.0, LR_MAX, low_open=True),
    "momentum": FRACTION, "alpha": FRACTION, "beta1": FRACTION, "beta2": FRACTION,
    "eps": number(0.0, 1.0, low_open=True),
    "lr_decay": number(0.0, LR_DECAY_MAX), "initial_accumulator_value": number(0.0, VALUE_LIMIT),
    "seed": integer(0, SEED_MAX),
    "steps": integer(1, MAX_STEPS),
    "layers": {"kind": "layers", "min_layers": 2, "max_layers": MAX_HIDDEN_LAYERS + 2,
               "min_size": 1, "max_size": MAX_NEURONS},
    "bias": {"kind": "bool"},
    "dataset_n": integer(1, DATASET_N_MAX),
    "dataset_noise": number(0.0, NOISE_MAX),
    "dataset_seed": integer(0, SEED_MAX),
    "batch_size": {**integer(1, DATASET_N_MAX), "nullable": True},
    "sample": integer(0, DATASET_N_MAX - 1),
}


def check_rule(value, field, rule):
    """value checked against a number or integer rule; ValueError names `field`."""
    if rule["kind"] == "integer":
        return check_int(value, field, rule["min"], rule["max"])
    return check_number(value, field, rule["min"], rule["max"],
                        low_open=rule.get("min_exclusive", False),
                        high_open=rule.get("max_exclusive", False))


def check_values(array, field):
    """A checked float array whose every entry lies within [-VALUE_LIMIT, VALUE_LIMIT]."""
    outside = np.argwhere(np.abs(array) > VALUE_LIMIT)
    if outside.size:
        index = tuple(outside[0])
        where = "".join(f"[{i}]" for i in index)
        raise ValueError(f"{field}{where}: must be in [{-VALUE_LIMIT:g}, {VALUE_LIMIT:g}], "
                         f"got {float(array[index])!r}")
    return array
