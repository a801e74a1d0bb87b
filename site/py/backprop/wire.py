"""The wire form of a result: JSON text for everything, and one buffer for the bulk numbers.

Two kinds of placeholder stand in the text for numbers held in the buffer (C order,
little-endian, each at an `offset` aligned to 8 bytes, so the page can view it without copying):
- {"$array": {"dtype", "shape", "offset"}}: a numpy array (dtype one of WIRE_DTYPES); the page
  gets a typed array (the function-space maps, per-row queries).
- {"$lists": {"shape", "offset"}}: a nested list of at least LISTS_MIN plain numbers (floats,
  ints, None for a non-finite value), rectangular, such as a layer's weights; it crosses as
  float64 and the page rebuilds the same nested lists (None as null), so a frame's parameters,
  gradients and optimizer state cost 8 bytes a number instead of their decimal text.
A result without either has no buffer (None). The page's decoder is site/js/engine/wire.js;
dumps() gives the same value as plain JSON, arrays as nested lists.
"""
import json

import numpy as np

WIRE_DTYPES = ("float64", "float32", "uint8")
ALIGN = 8
LISTS_MIN = 8  # a shorter list is about as short in JSON as its placeholder


class _Buffer:
    def __init__(self):
        self.out = bytearray()

    def add(self, array):
        offset = len(self.out)
        self.out.extend(np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes())
        self.out.extend(bytes(-len(self.out) % ALIGN))
        return offset

    def array(self, array):
        if array.dtype.name not in WIRE_DTYPES:
            raise TypeError(f"wire: cannot send a {array.dtype.name} array")
        return {"$array": {"dtype": array.dtype.name, "shape": list(array.shape),
                           "offset": self.add(array)}}

    def lists(self, array):
        return {"$lists": {"shape": list(array.shape), "offset": self.add(array)}}


def encode(value):
    """(JSON text, bytes or None): value with every numpy array and every long nested list of
    numbers as a placeholder into the bytes."""
    buffer = _Buffer()

    def placeholder(item):
        if isinstance(item, np.ndarray):
            return buffer.array(item)
        raise TypeError(f"wire: cannot send a {type(item).__name__}")

    packed = _pack(value, buffer)
    text = json.dumps(packed, default=placeholder, allow_nan=False, separators=(",", ":"))
    return text, (bytes(buffer.out) if buffer.out else None)


def _pack(value, buffer):
    """value with its long rectangular nested lists of numbers replaced by $lists placeholders
    (dicts and other lists are copied shallowly as they are walked; nothing else changes)."""
    if isinstance(value, dict):
        return {key: _pack(item, buffer) for key, item in value.items()}
    if not isinstance(value, list | tuple):
        return value
    numbers = _numbers(value)
    if numbers is not None:
        return buffer.lists(numbers)
    return [_pack(item, buffer) for item in value]


def _numbers(items):
    """items as a float64 array when they are a rectangular nested list of at least LISTS_MIN
    plain numbers (int, float, None for non-finite; no bools), else None."""
    first = items
    while isinstance(first, list) and first:
        first = first[0]
    if first is not None and type(first) not in (float, int):
        return None
    try:
        array = np.array(items)
    except ValueError:  # ragged: each part may still be one
        return None
    if array.size < LISTS_MIN or array.ndim == 0:
        return None
    if array.dtype.kind == "f" or (array.dtype.kind == "i" and np.abs(array).max() < 2**53):
        return array.astype(np.float64, copy=False)
    if array.dtype == object and all(item is None or type(item) in (float, int)
                                     for item in array.ravel()):
        return np.array(array.tolist(), dtype=np.float64)  # None becomes NaN: null again
    return None


def dumps(value):
    """JSON text of value with every numpy array as nested lists (what the page decodes), a
    non-finite number as null (the page's typed arrays hold it as NaN or ±Infinity)."""
    def listed(value):
        if isinstance(value, np.ndarray):
            if value.dtype.kind == "f" and not np.isfinite(value).all():
                return np.where(np.isfinite(value), value, None).tolist()
            return value.tolist()
        raise TypeError(f"wire: cannot send a {type(value).__name__}")

    return json.dumps(value, default=listed, allow_nan=False, separators=(",", ":"))
