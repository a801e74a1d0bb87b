"""The function-space view: api.surface's grids are the network's own forward pass at each cell
centre of the input plane, for the output and every hidden neuron, over the data's extent, as
float32 arrays (the page's Float32Arrays)."""
import json

import numpy as np
import pytest

from backprop import api
from backprop.surface import _grids, plane_extent

FLOAT32 = 1e-6  # float32 keeps about 7 significant digits

SPIRAL = {"layers": [2, 8, 8, 1], "dataset": {"name": "spiral", "n": 60, "seed": 2},
          "batch_size": 10, "optimizer": {"name": "sgd", "lr": 0.1}}


def cell_centre(extent, resolution, row, col):
    x_min, x_max, y_min, y_max = extent
    return (x_min + (col + 0.5) * (x_max - x_min) / resolution,
            y_max - (row + 0.5) * (y_max - y_min) / resolution)


def forward_at(net, x, y):
    """Every layer's activation for one point, by the network's own forward pass."""
    from backprop.propagate import forward_pass
    return forward_pass(net._W, net._b, net.activations, np.array([[x, y]]))[1]


def test_every_cell_of_every_grid_is_the_networks_forward_pass_at_that_point():
    run = api.create(SPIRAL)["run"]
    api.step(run, 25)
    view = api.surface(run, resolution=12, node_resolution=9)
    net = api._registry["runs"][run].net
    assert view["output"].shape == (1, 12, 12) and view["output"].dtype == np.float32
    assert [layer.shape for layer in view["hidden"]] == [(8, 9, 9)] * 2
    for row in range(12):
        for col in range(12):
            acts = forward_at(net, *cell_centre(view["extent"], 12, row, col))
            assert view["output"][0][row][col] == pytest.approx(acts[-1][0][0], rel=FLOAT32,
                                                                  abs=1e-30)
    for row in range(9):
        for col in range(9):
            acts = forward_at(net, *cell_centre(view["extent"], 9, row, col))
            for layer, grids in enumerate(view["hidden"]):
                for neuron, grid in enumerate(grids):
                    expected = acts[layer + 1][0][neuron]
                    assert grid[row][col] == pytest.approx(expected, rel=FLOAT32, abs=1e-30)
                    assert (grid[row][col] == 0) == (expected == 0)  # inactive ReLU stays exact


def test_the_grid_follows_the_current_parameters():
    run = api.create(SPIRAL)["run"]
    before = api.surface(run, resolution=16)
    api.step(run, 5)
    after = api.surface(run, resolution=16)
    assert before["extent"] == after["extent"]
    assert not np.array_equal(before["output"], after["output"])


def test_the_default_extent_is_a_padded_square_around_the_data():
    run = api.create(SPIRAL)["run"]
    X = np.array(api.dataset(run)["X"])
    x_min, x_max, y_min, y_max = api.surface(run, resolution=4)["extent"]
    assert x_max - x_min == pytest.approx(y_max - y_min)
    assert (X[:, 0] > x_min).all() and (X[:, 0] < x_max).all()
    assert (X[:, 1] > y_min).all() and (X[:, 1] < y_max).all()


def test_the_single_example_is_shown_on_the_plane_around_the_origin():
    # [-1.5, 1.5]² holds (1, 0.5); span 3, padded by 10% of it on each side.
    assert plane_extent(np.array([[1.0, 0.5]])) == pytest.approx([-1.8, 1.8, -1.8, 1.8])
    x_min, x_max, _, _ = plane_extent(np.array([[4.0, 0.0]]))
    assert x_min < -1.5 and x_max > 4.0


def test_a_given_extent_is_used_and_cell_centres_are_image_ordered():
    run = api.create({"layers": [2, 3, 1], "weights": [[[1, 0], [0, 1], [-1, -1]], [[1, 1, 1]]]})
    view = api.surface(run["run"], resolution=2, node_resolution=2, extent=[-1, 1, -1, 1])
    # H1 = relu(x): top-left cell (-0.5, 0.5) is 0, top-right (0.5, 0.5) is 0.5.
    assert view["hidden"][0][0].tolist() == [[0.0, 0.5], [0.0, 0.5]]
    # H2 = relu(y): the top row is y = 0.5.
    assert view["hidden"][0][1].tolist() == [[0.5, 0.5], [0.0, 0.0]]


def test_a_tiny_activation_is_never_rounded_to_an_inactive_zero_nor_a_huge_one_to_infinity():
    weights = [[[1e-300, 0], [0, 1], [0, 0]], [[1, 1, 1]]]
    run = api.create({"layers": [2, 3, 1], "weights": weights})["run"]
    view = api.surface(run, resolution=2, node_resolution=2, extent=[0, 1, 0, 1])
    tiny = np.finfo(np.float32).smallest_subnormal
    assert view["hidden"][0][0].tolist() == [[tiny] * 2] * 2  # 1e-300·x in float32 would be 0
    assert view["hidden"][0][2].tolist() == [[0.0] * 2] * 2
    huge = _grids(np.array([[1e300, -1e300, np.inf]]), 1)  # a deep net's far corner
    assert huge.ravel().tolist() == [np.finfo(np.float32).max, -np.finfo(np.float32).max, np.inf]


def test_the_maps_cross_as_float32_bytes_and_as_plain_lists_through_dispatch():
    run = api.create(SPIRAL)["run"]
    text, data = api.dispatch_wire("surface", json.dumps({"run": run}))
    output = json.loads(text)["value"]["output"]["$array"]
    assert output["dtype"] == "float32" and output["shape"] == [1, 48, 48]
    assert len(data) < 48 * 48 * 4 + 2 * 8 * 32 * 32 * 4 + 64
    plain = json.loads(api.dispatch("surface", json.dumps({"run": run})))["value"]
    wired = api.surface(run)["output"]
    assert np.array(plain["output"], dtype=np.float32).tolist() == wired.tolist()


def test_surface_refuses_networks_without_two_inputs_and_bad_settings_by_name():
    three = api.create({"layers": [3, 2, 1]})["run"]
    two = api.create({})["run"]
    assert "2 inputs, got 3" in _failure("surface", {"run": three})
    assert _failure("surface", {"run": two, "resolution": 1}).startswith("resolution:")
    assert _failure("surface", {"run": two, "extent": [1, 0, 0, 1]}).startswith("extent:")


def _failure(name, args):
    reply = json.loads(api.dispatch(name, json.dumps(args)))
    assert reply["ok"] is False and reply["type"] == "ValueError"
    return reply["message"]
