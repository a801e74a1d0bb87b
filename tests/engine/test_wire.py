"""The wire form (wire.py): what dispatch_wire sends the page — JSON text, and numpy arrays and
long nested lists of numbers as placeholders into one buffer, byte for byte their own values."""
import json

import numpy as np
import pytest

from backprop import api, wire


def read(text, data):
    """The page's decoder (site/js/engine/wire.js) in numpy: placeholders become arrays."""
    def numbers(spec, dtype):
        count = int(np.prod(spec["shape"], dtype=np.int64))
        flat = np.frombuffer(data, dtype=np.dtype(dtype).newbyteorder("<"), count=count,
                             offset=spec["offset"])
        return flat.reshape(spec["shape"])

    def revive(obj):
        if "$array" in obj:
            return numbers(obj["$array"], obj["$array"]["dtype"])
        if "$lists" in obj:
            values = numbers(obj["$lists"], "float64")
            return np.where(np.isnan(values), None, values).tolist()
        return obj
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


def test_a_result_without_arrays_or_long_number_lists_has_no_buffer_and_dispatch_s_text():
    args = json.dumps({"config": {"seed": 5}})
    api.dispatch("create", args)
    text, data = api.dispatch_wire("runs", "{}")
    assert data is None and text == api.dispatch("runs", "{}")


@pytest.mark.parametrize("config", [
    {"seed": 5},
    {"layers": [2, 8, 8, 1], "bias": True, "hidden_activation": "tanh",
     "optimizer": {"name": "adam", "lr": 0.01}, "dataset": {"name": "spiral"}},
])
def test_a_frame_on_the_wire_is_dispatch_s_frame_number_for_number(config):
    args = json.dumps({"config": config})
    wired = read(*api.dispatch_wire("create", args))["value"]
    plain = json.loads(api.dispatch("create", args))["value"]
    assert wired.pop("run") != plain.pop("run")  # two runs
    assert wired == plain


def test_long_number_lists_cross_as_float64_and_come_back_as_the_same_lists():
    weights = [np.random.default_rng(1).normal(size=(8, 2)).tolist(), [[0.5] * 20]]
    value = {"weights": weights, "mixed": [None] + [1.5] * 20, "steps": list(range(16)),
             "short": [0.1, 0.2], "names": ["relu"] * 20, "dead": [True] * 20,
             "rows": [{"x": [0.25] * 16}], "zero": [-0.0] * 16}
    text, data = wire.encode(value)
    placed = json.loads(text)
    assert "$lists" in placed["weights"][0] and "$lists" in placed["weights"][1]
    assert "$lists" in placed["mixed"] and "$lists" in placed["rows"][0]["x"]
    assert placed["short"] == [0.1, 0.2] and placed["names"] == value["names"]
    assert placed["dead"] == value["dead"]  # booleans stay booleans
    back = read(text, data)
    assert back == value
    assert all(str(v) == "-0.0" for v in back["zero"])


def test_integers_beyond_float64_s_exact_range_stay_json():
    big = [2**60 + 1] * 16
    text, data = wire.encode({"big": big})
    assert json.loads(text) == {"big": big} and data is None


def test_dispatch_gives_the_same_numbers_as_nested_lists():
    value = {"grid": np.arange(6, dtype=np.float32).reshape(2, 3)}
    assert json.loads(wire.dumps(value)) == {"grid": [[0, 1, 2], [3, 4, 5]]}


@pytest.mark.parametrize("array", [np.arange(3, dtype=np.int64), np.ones(2, dtype=np.complex128)])
def test_a_type_the_page_cannot_view_is_refused_not_sent_as_something_else(array):
    with pytest.raises(TypeError, match="wire: cannot send"):
        wire.encode({"bad": array})
