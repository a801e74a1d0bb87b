"""Per-row values are a query over a range of rows (row_values.py), and a frame's size follows the
network, not the data: the same bytes cross with 4 rows as with 1,000."""
import json

import numpy as np
import pytest

from backprop import Network, api, optim

DEEP = [2, 8, 8, 8, 8, 8, 8, 1]


def custom_rows(n, seed=0):
    rng = np.random.default_rng(seed)
    X = np.round(rng.uniform(-1, 1, (n, 2)), 4)
    return {"X": X.tolist(), "T": (X[:, :1] * X[:, 1:] > 0).astype(float).tolist()}


def deep_config(n):
    return {"layers": DEEP, "hidden_activation": "tanh", "bias": True,
            "optimizer": {"name": "adam", "lr": 0.01},
            "dataset": {"name": "custom", "rows": custom_rows(n)}}


def wire_bytes(name, **args):
    text, data = api.dispatch_wire(name, json.dumps(args))
    assert json.loads(text)["ok"], text
    return len(text.encode()), len(data or b"")


@pytest.fixture(autouse=True)
def fresh_registry():
    for run in api.runs()["runs"]:
        api.drop(run)


def test_a_step_frame_is_the_same_size_with_4_rows_and_with_1000():
    sizes = {}
    for n in (4, 1000):
        run = api.create(deep_config(n))["run"]
        frame = api.step(run, 10)
        since = {"revision": frame["history"]["revision"], "step": frame["step"]}
        sizes[n] = wire_bytes("step", run=run, since=since)
    (text_4, numbers_4), (text_1000, numbers_1000) = sizes[4], sizes[1000]
    assert numbers_4 == numbers_1000  # the network's numbers, 8 bytes each
    assert abs(text_1000 - text_4) < 100  # only digits differ ("n": 4 or 1000, the notes)
    assert text_1000 + numbers_1000 < 50_000


def test_rows_are_the_network_s_values_on_each_row_at_the_current_parameters():
    config = {"layers": [2, 4, 2], "bias": True, "hidden_activation": "tanh",
              "dataset": {"name": "custom", "rows": {"X": custom_rows(7)["X"],
                                                     "T": [[0.5, -1.0]] * 7}}}
    frame = api.step(api.create(config)["run"], 3)
    got = api.rows(frame["run"], 2, 6)
    net = Network([2, 4, 2], "tanh", bias=True)
    net.set_params(frame["weights"], frame["biases"])
    X = np.array(custom_rows(7)["X"])[2:6]
    assert (got["start"], got["stop"], got["count"]) == (2, 6, 7)
    assert got["X"].tolist() == X.tolist()
    for i, x in enumerate(X):
        prediction = net.forward(x)
        assert got["prediction"][i].tolist() == pytest.approx(prediction.tolist(), rel=1e-14)
        by_hand = 0.5 * ((prediction - np.array([0.5, -1.0])) ** 2).sum()
        assert got["loss"][i] == pytest.approx(by_hand, rel=1e-12)
    assert got["loss"].mean() == pytest.approx(net.loss(X, np.array([[0.5, -1.0]] * 4)), rel=1e-12)
    assert [z.shape for z in got["z"]] == [(4, 4), (4, 2)] and got["a"][0].tolist() == X.tolist()


def test_step_rows_are_the_values_the_last_update_trained_on():
    config = {"layers": [2, 3, 1], "dataset": {"name": "circle", "n": 12, "seed": 2},
              "batch_size": 5, "optimizer": {"name": "sgd", "lr": 0.1}}
    run = api.create(config)["run"]
    before = api.step(run, 1)
    rows = api.step_rows(api.step(run)["run"])
    net = Network([2, 3, 1], seed=0)
    net.set_params(before["weights"])
    record = net.step(rows["X"], rows["T"], optim.SGD(0.1))  # the same update, by the network
    assert rows["step"] == 2 and rows["count"] == 5
    for key in ("z", "a", "delta"):
        assert [v.tolist() for v in rows[key]] == record[key]
    part = api.step_rows(run, 1, 3)
    assert part["X"].tolist() == rows["X"][1:3].tolist() and part["z"][0].shape == (2, 3)


def test_the_row_queries_cross_as_typed_arrays_and_as_plain_json_through_dispatch():
    run = api.create({"dataset": {"name": "xor"}})["run"]
    api.step(run)
    text, data = api.dispatch_wire("rows", json.dumps({"run": run}))
    assert json.loads(text)["value"]["X"]["$array"]["dtype"] == "float64" and data
    plain = json.loads(api.dispatch("step_rows", json.dumps({"run": run})))["value"]
    assert plain["X"] == [[0, 0], [0, 1], [1, 0], [1, 1]]


@pytest.mark.parametrize("args, message", [
    ({"start": 5}, "start"), ({"start": 2, "stop": 1}, "stop"), ({"stop": 99}, "stop"),
    ({"start": "a"}, "start"), ({"start": float("nan")}, "start"), ({"stop": -1}, "stop")])
def test_a_bad_row_range_is_refused_with_its_name_and_changes_nothing(args, message):
    run = api.create({"dataset": {"name": "xor"}})["run"]
    answer = json.loads(api.dispatch("rows", json.dumps({"run": run, **args}).replace(
        "NaN", '"NaN"')))
    assert answer["ok"] is False and answer["type"] == "ValueError"
    assert message in answer["message"]
    assert api.frame(run)["step"] == 0


def test_step_rows_before_any_update_says_to_step_first():
    run = api.create()["run"]
    answer = json.loads(api.dispatch("step_rows", json.dumps({"run": run})))
    assert answer["ok"] is False and "step first" in answer["message"]
