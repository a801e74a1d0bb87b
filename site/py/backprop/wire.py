"""The wire form of a result: JSON text for everything, and one buffer for the bulk numbers.

A numpy array anywhere in a result is replaced by a placeholder {"$array": {"dtype", "shape",
"offset"}} and its bytes go, in C order and little-endian, into one buffer at `offset` (aligned to
8 bytes, so the page can view any of them as a typed array without copying). dtype is one of
WIRE_DTYPES. A result without arrays has no buffer (None). The page's decoder is
site/js/engine/wire.js; dumps() gives the same value as plain JSON, arrays as nested lists.
"""
import json

import numpy as np

WIRE_DTYPES = ("float64", "float32", "uint8")
ALIGN = 8


def encode(value):
    """(JSON text, bytes or None): value with every numpy array as a placeholder into the bytes."""
    out = bytearray()

    def place(array):
        if array.dtype.name not in WIRE_DTYPES:
            raise TypeError(f"wire: cannot send a {array.dtype.name} array")
        offset = len(out)
        out.extend(np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes())
        out.extend(bytes(-len(out) % ALIGN))
        return {"$array": {"dtype": array.dtype.name, "shape": list(array.shape),
                           "offset": offset}}

    def placeholder(value):
        if isinstance(value, np.ndarray):
            return place(value)
        raise TypeError(f"wire: cannot send a {type(value).__name__}")

    text = json.dumps(value, default=placeholder, allow_nan=False, separators=(",", ":"))
    return text, (bytes(out) if out else None)


def dumps(value):
    """JSON text of value with every numpy array as nested lists (what the page decodes)."""
    def listed(value):
        if isinstance(value, np.ndarray):
            return value.tolist()
        raise TypeError(f"wire: cannot send a {type(value).__name__}")

    return json.dumps(value, default=listed, allow_nan=False, separators=(",", ":"))
