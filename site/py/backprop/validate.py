"""Input checks shared by the engine and the bridge: each returns a clean value or raises
ValueError("<field>: <what is allowed>, got <what came>"). No numerics beyond conversion.
"""
import math
import numbers

import numpy as np

MAX_NEURONS = 16
MAX_HIDDEN_LAYERS = 8
SEED_MAX = 2**32 - 1  # seeds are what np.random.default_rng accepts as one 32-bit word


def all_finite(array):
    """True when no entry is NaN or ±Infinity (a ufunc reduce: cheaper than .all() in Pyodide)."""
    return bool(np.logical_and.reduce(np.isfinite(array), axis=None))


def _show(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def check_number(value, field, low=None, high=None, low_open=False, high_open=False):
    """A finite real number (bools and strings refused), optionally within [low, high]."""
    if not _is_number(value) or not math.isfinite(float(value)):
        raise ValueError(f"{field}: must be a finite number, got {_show(value)}")
    value = float(value)
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        span = f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
        raise ValueError(f"{field}: must be in {span}, got {value!r}")
    return value


def check_int(value, field, low, high):
    """An int within [low, high]; floats such as 2.0 are refused to keep configs exact."""
    if not isinstance(value, (int, np.integer)) or isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{field}: must be an integer in [{low}, {high}], got {_show(value)}")
    if not low <= int(value) <= high:
        raise ValueError(f"{field}: must be an integer in [{low}, {high}], got {int(value)}")
    return int(value)


def check_bool(value, field):
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{field}: must be true or false, got {_show(value)}")
    return bool(value)


def check_choice(value, field, choices):
    if not isinstance(value, str) or value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{field}: must be one of {allowed}, got {_show(value)}")
    return value


def check_keys(mapping, field, allowed):
    if not isinstance(mapping, dict):
        raise ValueError(f"{field}: must be an object (dict), got {_show(mapping)}")
    for key in mapping:
        if key not in allowed:
            raise ValueError(f"{field}: unknown key {key!r}; allowed: {', '.join(allowed)}")
    return mapping


def _walk(values, field, shape):
    """Nested lists of numbers with exactly `shape`, each leaf checked, as nested floats."""
    if not shape:
        return check_number(values, field)
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise ValueError(f"{field}: must be a list of {shape[0]}, got {_show(values)}")
    if len(values) != shape[0]:
        raise ValueError(f"{field}: must have length {shape[0]}, got {len(values)}")
    return [_walk(v, f"{field}[{i}]", shape[1:]) for i, v in enumerate(values)]


def check_array(values, field, shape):
    """A float64 array of exactly `shape` from nested lists or an array; finite numbers only."""
    if isinstance(values, np.ndarray):
        if values.dtype.kind not in "iuf":
            raise ValueError(f"{field}: must hold numbers, got dtype {values.dtype}")
        if values.shape != tuple(shape):
            raise ValueError(f"{field}: must have shape {tuple(shape)}, got {values.shape}")
        if not all_finite(values):
            raise ValueError(f"{field}: must hold finite numbers only (no NaN or ±Infinity)")
        return values.astype(np.float64)
    return np.array(_walk(values, field, tuple(shape)), dtype=np.float64).reshape(shape)


def _depth(values):
    depth = 0
    while isinstance(values, (list, tuple, np.ndarray)) and len(values) > 0:
        depth += 1
        values = values[0]
    return depth


def check_batch(values, field, width):
    """One sample (1-D, `width` numbers) or a batch (2-D, samples × width) as a 2-D array."""
    depth = values.ndim if isinstance(values, np.ndarray) else _depth(values)
    if depth == 2:
        if len(values) < 1:
            raise ValueError(f"{field}: a batch needs at least one sample")
        return check_array(values, field, (len(values), width))
    return check_array(values, field, (width,)).reshape(1, width)


def check_layers(layers):
    field = "layers"
    if isinstance(layers, (str, bytes)) or not hasattr(layers, "__len__"):
        raise ValueError(
            f"{field}: must be a list of layer sizes such as [2, 3, 1], got {_show(layers)}"
        )
    if not 2 <= len(layers) <= MAX_HIDDEN_LAYERS + 2:
        raise ValueError(
            f"{field}: must list 2 to {MAX_HIDDEN_LAYERS + 2} layer sizes "
            f"(input, 0-{MAX_HIDDEN_LAYERS} hidden, output), got {len(layers)}"
        )
    return [check_int(n, f"{field}[{i}]", 1, MAX_NEURONS) for i, n in enumerate(layers)]


def check_activation_names(value, field, count, choices):
    """One name for every layer, or a list with exactly one name per layer."""
    if isinstance(value, str):
        return [check_choice(value, field, choices)] * count
    if not isinstance(value, (list, tuple)) or len(value) != count:
        raise ValueError(f"{field}: must be a name or a list of {count} names, got {_show(value)}")
    return [check_choice(v, f"{field}[{i}]", choices) for i, v in enumerate(value)]
