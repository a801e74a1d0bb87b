"""Every record crossing the bridge is plain JSON: no NaN, no numpy scalars, null for non-finite."""
import json

import numpy as np
import pytest

import backprop
from backprop import Network, api

PLAIN = (dict, list, str, int, float, bool, type(None))


def assert_plain(value, path="record"):
    assert type(value) in PLAIN, f"{path} is {type(value).__name__}"
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str)
            assert_plain(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            assert_plain(item, f"{path}[{i}]")


def round_trips(value):
    assert_plain(value)
    assert json.loads(json.dumps(value, allow_nan=False)) == value


def test_step_records_survive_json_for_single_samples_and_batches():
    net = Network([2, 4, 3, 2], ["relu", "tanh"], "sigmoid", bias=True, seed=3)
    round_trips(net.step([0.2, -0.4], [0.1, 0.9], 0.1))
    X = np.random.default_rng(0).normal(size=(6, 2))
    record = net.step(X, np.full((6, 2), 0.5), backprop.optim.Adam(0.01))
    round_trips(record)
    assert np.array(record["z"][0]).shape == (6, 4)
    assert record["nonfinite"] is False


def test_step_record_holds_every_documented_key():
    record = Network([2, 3, 1], seed=0).step([1.0, 0.5], [2.0], 0.01)
    assert set(record) == {
        "step", "rows", "inputs", "targets", "z", "a", "prediction", "loss_before", "loss_after",
        "dW", "db", "delta", "update_W", "update_b", "weights_before", "weights_after",
        "biases_before", "biases_after", "dead", "nonfinite", "lr"}


def test_update_in_the_record_is_weights_after_minus_weights_before():
    record = Network([2, 3, 1], "tanh", seed=5).step([1.0, 0.5], [2.0], 0.1)
    for before, after, update in zip(record["weights_before"], record["weights_after"],
                                     record["update_W"], strict=True):
        assert np.allclose(np.array(after) - np.array(before), update, rtol=0, atol=1e-15)
        assert np.allclose(update, -0.1 * np.array(record["dW"][record["update_W"].index(update)]))


def test_a_frame_s_last_step_holds_the_update_and_not_the_rows_it_trained_on():
    api.create({"dataset": {"name": "circle", "n": 40}, "batch_size": 8})
    record = api.step("r1")["last_step"]
    assert set(record) == {
        "step", "rows", "loss_before", "loss_after", "dW", "db", "update_W", "update_b",
        "weights_before", "weights_after", "biases_before", "biases_after", "dead", "nonfinite",
        "lr"}
    assert record["rows"] == 8 and record["step"] == 1


def test_api_results_survive_json():
    round_trips(api.describe())
    round_trips(api.create({"layers": [2, 5, 1], "bias": True, "hidden_activation": "tanh"}))
    round_trips(api.step("r1", 3))
    round_trips(api.step("r1", 20, since={"revision": 0, "step": 3}))
    round_trips(api.configure("r1", {"optimizer": {"name": "adam", "lr": 0.01}}))
    round_trips(api.step("r1"))
    round_trips(api.seek("r1", 10))
    round_trips(api.snapshot("r1", 4))
    round_trips(api.history("r1", 2, 6))
    round_trips(api.explain("r1", 0, 1, 1))
    round_trips(api.create({"dataset": {"name": "circle", "n": 30}, "batch_size": 7}))
    round_trips(api.step("r2", 9))
    round_trips(api.dataset("r2"))
    round_trips(api.runs())
    round_trips(backprop.gradient_check(Network([2, 2, 1], seed=1), [1, 2], [3]))


def test_a_preview_that_overflows_is_sent_as_null_and_flagged_as_diverging():
    layers = [2] + [16] * 8 + [1]  # linear layers of weight 100: outputs near 1e37, loss 1e74
    weights = [np.full((n_out, n_in), 100.0).tolist()
               for n_in, n_out in zip(layers, layers[1:], strict=False)]
    frame = api.create({"layers": layers, "hidden_activation": "linear", "weights": weights,
                        "inputs": [100, 100], "optimizer": {"name": "sgd", "lr": 100}})
    round_trips(frame)
    assert frame["preview"]["loss_after"] is None and frame["preview"]["diverges"] is True
    with pytest.raises(backprop.DivergenceError):
        api.step("r1")


def test_overflowing_parameters_are_sent_as_null_not_infinity():
    api.create()
    run = api._registry["runs"]["r1"]  # past the config's limits: only reachable from inside
    run.net.set_params([[[1e200, 1e200], [1.0, 1.0], [1.0, 1.0]], [[1e200, 1.0, 1.0]]])
    frame = api.frame("r1")
    round_trips(frame)
    assert frame["loss"] is None and frame["prediction"] == [None]


def test_a_step_through_an_overflowing_dead_neuron_sends_null_and_flags_it():
    net = Network([2, 2, 1], seed=0)
    net.set_params([[[-1.5e308, -1.5e308], [0.5, 0.5]], [[1.0, 1.0]]])  # z of neuron 0 is -inf
    record = net.step([1.0, 0.5], [2.0], 0.1)
    round_trips(record)
    assert record["nonfinite"] is True
    assert record["z"][0][0][0] is None
    assert record["dead"] == [[True, False]]
    assert record["loss_after"] < record["loss_before"]
