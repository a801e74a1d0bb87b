"""The wire form (wire.py): what dispatch_wire sends the page — JSON text, and numpy arrays as
placeholders into one buffer, byte for byte the arrays' own values."""
import json

import numpy as np
import pytest

from backprop import api, wire


def read(text, data):
    """The page's decoder (site/js/engine/wire.js) in numpy: placeholders become arrays."""
    def revive(obj):
        if "$array" not in obj:
            return obj
        spec = obj["$array"]
        count = int(np.prod(spec["shape"], dtype=np.int64))
        flat = np.frombuffer(data, dtype=np.dtype(spec["dtype"]).newbyteorder("<"),
                             count=count, offset=spec["offset"])
        return flat.reshape(spec["shape"])
    return json.loads(text, object_hook=revive)


def test_arrays_cross_as_their_own_bytes_and_everything_else_as_json():
    grid = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)
    colours = np.array([0, 128, 255], dtype=np.uint8)
    exact = np.array([0.1, 1 / 3, -2.5e-300])
    text, data = wire.encode({"grid": grid, "rest": [colours, {"exact": exact}], "n": 3})
    value = read(text, data)
    assert value["n"] == 3
    assert value["grid"].dtype == np.float32 and np.array_equal(value["grid"], grid)
    assert np.array_equal(value["rest"][0], colours)
    assert value["rest"][1]["exact"].tolist() == exact.tolist()  # float64: every bit


def test_every_array_starts_on_an_eight_byte_boundary_so_the_page_views_it_without_a_copy():
    arrays = [np.ones(n, dtype=np.uint8) for n in (1, 3, 8, 5)] + [np.ones(3)]
    text, data = wire.encode(arrays)
    offsets = [item["$array"]["offset"] for item in json.loads(text)]
    assert all(offset % 8 == 0 for offset in offsets)
    assert len(data) % 8 == 0 and len(data) >= offsets[-1] + 24


def test_a_result_without_arrays_has_no_buffer_and_the_same_text_as_dispatch():
    args = json.dumps({"config": {"seed": 5}})
    text, data = api.dispatch_wire("create", args)
    assert data is None
    wired, plain = json.loads(text)["value"], json.loads(api.dispatch("create", args))["value"]
    assert wired.pop("run") != plain.pop("run")  # two runs, r1 and r2
    assert wired == plain


def test_dispatch_gives_the_same_numbers_as_nested_lists():
    value = {"grid": np.arange(6, dtype=np.float32).reshape(2, 3)}
    assert json.loads(wire.dumps(value)) == {"grid": [[0, 1, 2], [3, 4, 5]]}


@pytest.mark.parametrize("array", [np.arange(3, dtype=np.int64), np.ones(2, dtype=np.complex128)])
def test_a_type_the_page_cannot_view_is_refused_not_sent_as_something_else(array):
    with pytest.raises(TypeError, match="wire: cannot send"):
        wire.encode({"bad": array})
