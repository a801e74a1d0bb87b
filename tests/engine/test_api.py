"""The bridge: reset / configure / step / train / state as documented in ARCHITECTURE.md."""
import numpy as np
import pytest
from seed_demo import SPEC_INPUTS, SPEC_TARGETS, SPEC_WEIGHTS

from backprop import DivergenceError, Network, api, session

STATE_KEYS = {"config", "inputs", "targets", "step", "weights", "biases", "forward", "backward",
              "prediction", "loss", "dead", "history", "last_step", "optimizer_state"}


def losses(state):
    return [row["loss"] for row in state["history"]]


def test_reset_with_no_config_gives_the_seed_demo_defaults(fresh_api):
    state = api.reset({})
    assert set(state) == STATE_KEYS
    assert state["config"] == {**session.DEFAULT_CONFIG, "weights": None, "biases": None}
    assert state["inputs"] == [1.0, 0.5] and state["targets"] == [2.0]
    assert state["step"] == 0 and state["last_step"] is None
    assert state["history"] == [{"step": 0, "loss": state["loss"], "lr": 0.01, "target": [2.0],
                                 "prediction": state["prediction"], "delta_loss": None}]
    assert np.array(state["weights"][0]).shape == (3, 2)
    assert state["weights"] == [w.tolist() for w in Network([2, 3, 1], seed=0).weights]


def test_state_before_any_reset_is_the_default_session(fresh_api):
    assert api.state()["config"]["layers"] == [2, 3, 1]


def test_reset_with_the_spec_weights_shows_the_seed_numbers(fresh_api):
    state = api.reset({"weights": SPEC_WEIGHTS})
    assert state["loss"] == pytest.approx(1.617, abs=1e-3)
    assert state["prediction"][0] == pytest.approx(0.20, abs=5e-3)
    assert [round(a, 2) for a in state["forward"]["a"][1][0]] == [0.0, 0.02, 0.41]
    assert state["dead"] == [[True, False, False]]


def test_backward_block_is_the_gradient_the_next_step_will_use(fresh_api):
    state = api.reset({"weights": SPEC_WEIGHTS})
    g = Network([2, 3, 1], seed=0)
    g.set_params(SPEC_WEIGHTS)
    expected = g.gradients(SPEC_INPUTS, SPEC_TARGETS)
    assert state["backward"]["dW"] == [d.tolist() for d in expected["dW"]]
    stepped = api.step()
    assert stepped["last_step"]["dW"] == state["backward"]["dW"]


def test_step_appends_one_history_row_per_update_with_its_loss_change(fresh_api):
    api.reset({"weights": SPEC_WEIGHTS})
    state = api.step(3)
    assert state["step"] == 3 and state["last_step"]["step"] == 3
    assert [row["step"] for row in state["history"]] == [0, 1, 2, 3]
    rows = state["history"]
    for before, after in zip(rows, rows[1:], strict=False):
        assert after["delta_loss"] == pytest.approx(after["loss"] - before["loss"], abs=1e-15)
    assert rows[-1]["loss"] == state["loss"]


def test_step_n_equals_n_single_steps_and_train_n(fresh_api):
    api.reset({"seed": 5, "layers": [2, 4, 1], "optimizer": {"name": "adam", "lr": 0.05}})
    many = api.step(4)
    api.reset({"seed": 5, "layers": [2, 4, 1], "optimizer": {"name": "adam", "lr": 0.05}})
    for _ in range(4):
        single = api.step()
    api.reset({"seed": 5, "layers": [2, 4, 1], "optimizer": {"name": "adam", "lr": 0.05}})
    trained = api.train(4)
    assert many["weights"] == single["weights"] == trained["state"]["weights"]
    assert many["history"] == single["history"] == trained["state"]["history"]
    assert trained["losses"] == losses(many)[1:]
    assert trained["state"]["last_step"] is None


def test_the_seed_demo_loss_falls_during_training(fresh_api):
    api.reset({"weights": SPEC_WEIGHTS, "optimizer": {"name": "sgd", "lr": 0.1}})
    result = api.train(200)
    assert result["losses"][-1] < 1e-3 < losses(api.state())[0]


def test_configure_changes_the_example_without_stepping_and_keeps_history(fresh_api):
    api.reset({"weights": SPEC_WEIGHTS})
    api.step(2)
    state = api.configure({"inputs": [0.5, -1.0], "targets": [1.0]})
    assert state["step"] == 2 and len(state["history"]) == 3
    assert state["inputs"] == [0.5, -1.0] and state["config"]["inputs"] == [0.5, -1.0]
    net = Network([2, 3, 1], seed=0)
    net.set_params(state["weights"])
    assert state["loss"] == pytest.approx(net.loss([0.5, -1.0], [1.0]), rel=1e-15)
    assert api.step()["history"][-1]["target"] == [1.0]


def test_configure_weights_keeps_history_and_step_count(fresh_api):
    api.reset({})
    api.step(2)
    state = api.configure({"weights": SPEC_WEIGHTS})
    assert state["weights"] == SPEC_WEIGHTS and state["step"] == 2 and len(state["history"]) == 3


def test_changing_the_learning_rate_keeps_momentum_but_changing_the_optimizer_resets_it(fresh_api):
    api.reset({"optimizer": {"name": "momentum", "lr": 0.01}})
    velocity = api.step(2)["optimizer_state"]["velocity"]
    state = api.configure({"optimizer": {"lr": 0.02}})
    assert state["optimizer_state"]["velocity"] == velocity
    assert state["config"]["optimizer"] == {"name": "momentum", "lr": 0.02, "momentum": 0.9}
    state = api.configure({"optimizer": {"name": "adam"}})
    assert state["optimizer_state"]["t"] == 0
    assert state["config"]["optimizer"]["lr"] == 0.02


def test_default_example_fits_other_layer_sizes(fresh_api):
    state = api.reset({"layers": [3, 2, 2]})
    assert state["inputs"] == [1.0, 0.5, 1.0] and state["targets"] == [2.0, 2.0]
    bce = api.reset({"layers": [2, 1], "output_activation": "sigmoid",
                     "loss": "binary_cross_entropy"})
    assert bce["targets"] == [1.0]


def test_optimizer_state_is_shaped_like_the_parameters(fresh_api):
    api.reset({"layers": [2, 4, 3], "bias": True, "optimizer": {"name": "adam", "lr": 0.01}})
    state = api.step()["optimizer_state"]
    assert state["name"] == "adam" and state["t"] == 1
    assert np.array(state["m"]["weights"][0]).shape == (4, 2)
    assert np.array(state["v"]["biases"][1]).shape == (3,)


def test_a_diverging_api_step_changes_nothing_and_names_the_learning_rate(fresh_api):
    api.reset({"optimizer": {"name": "momentum", "lr": 0.01}, "hidden_activation": "tanh"})
    api.step(3)
    api.configure({"optimizer": {"lr": 1e15}})
    before = api.state()
    with pytest.raises(DivergenceError, match="learning rate"):
        api.step()
    assert api.state() == before


def test_a_diverging_train_keeps_the_updates_before_the_failing_one(fresh_api):
    api.reset({"layers": [1, 1], "inputs": [1.0], "targets": [2.0],
               "optimizer": {"name": "sgd", "lr": 2.5}})
    with pytest.raises(DivergenceError):
        api.train(1000)
    state = api.state()
    assert 20 < state["step"] < 100
    assert [row["step"] for row in state["history"]] == list(range(state["step"] + 1))


def test_long_histories_are_thinned_but_keep_the_first_and_latest_rows(fresh_api, monkeypatch):
    monkeypatch.setattr(session, "HISTORY_LIMIT", 50)
    api.reset({})
    state = api.train(120)["state"]
    steps = [row["step"] for row in state["history"]]
    assert len(steps) <= 50 and steps[0] == 0 and steps[-1] == 120
    assert steps == sorted(steps)


def test_arguments_from_pyodide_proxies_are_converted(fresh_api):
    class Proxy:
        def __init__(self, value):
            self.value = value

        def to_py(self):
            return self.value

    state = api.reset(Proxy({"seed": 3}))
    assert state["config"]["seed"] == 3
    assert api.step(Proxy(2))["step"] == 2


def test_explain_reads_the_current_session(fresh_api):
    api.reset({"weights": SPEC_WEIGHTS})
    result = api.explain(0, 0, 1)
    assert result["zero_factors"] == ["slope"] and result["from"] == 1


@pytest.mark.parametrize("layers", [[2, 1], [1, 1], [16] * 10, [3, 16, 2]])
def test_networks_at_the_size_limits_step_and_train_through_the_api(fresh_api, layers):
    state = api.reset({"layers": layers, "bias": True, "hidden_activation": "tanh"})
    assert len(state["dead"]) == len(layers) - 2
    state = api.step(2)
    assert state["step"] == 2 and len(state["last_step"]["z"]) == len(layers) - 1
    assert len(api.train(5)["losses"]) == 5
