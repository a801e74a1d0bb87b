"""The bridge's run functions: create / reset / configure / step / frame / explain, as documented
in api.py and docs/ARCHITECTURE.md."""
import numpy as np
import pytest
from seed_demo import SPEC_INPUTS, SPEC_TARGETS, SPEC_WEIGHTS, losses, rows

from backprop import DivergenceError, Network, api, history

FRAME_KEYS = {"run", "protocol", "config", "step", "epoch", "inputs", "targets", "weights",
              "stability", "notes", "biases", "forward", "backward", "prediction", "loss",
              "data_loss", "activations", "batch",
              "dead", "optimizer_state", "preview", "last_step", "history"}
ROW_KEYS = {"step", "loss", "loss_before", "prediction", "target", "inputs", "lr", "delta_loss",
            "changes"}


def test_create_with_no_config_gives_the_seed_demo_defaults():
    frame = api.create()
    assert set(frame) == FRAME_KEYS and frame["run"] == "r1" and frame["protocol"] == 3
    assert frame["config"] == api.describe()["defaults"]
    assert frame["inputs"] == [1.0, 0.5] and frame["targets"] == [2.0]
    assert frame["step"] == 0 and frame["last_step"] is None and frame["epoch"] is None
    assert rows(frame) == [{"step": 0, "loss": frame["loss"], "loss_before": None, "lr": 0.01,
                            "target": [2.0], "inputs": [1.0, 0.5], "changes": [],
                            "prediction": frame["prediction"], "delta_loss": None}]
    assert np.array(frame["weights"][0]).shape == (3, 2)
    assert frame["weights"] == [w.tolist() for w in Network([2, 3, 1], seed=0).weights]


def test_the_single_example_loss_is_also_the_data_loss():
    frame = api.create({"weights": SPEC_WEIGHTS})
    assert frame["data_loss"] == frame["loss"]


def test_creating_with_the_spec_weights_shows_the_seed_numbers():
    frame = api.create({"weights": SPEC_WEIGHTS})
    assert frame["loss"] == pytest.approx(1.617, abs=1e-3)
    assert frame["prediction"][0] == pytest.approx(0.20, abs=5e-3)
    assert [round(a, 2) for a in frame["forward"]["a"][1][0]] == [0.0, 0.02, 0.41]
    assert frame["dead"] == [[True, False, False]]


def test_backward_block_is_the_gradient_the_next_step_will_use():
    frame = api.create({"weights": SPEC_WEIGHTS})
    g = Network([2, 3, 1], seed=0)
    g.set_params(SPEC_WEIGHTS)
    expected = g.gradients(SPEC_INPUTS, SPEC_TARGETS)
    assert frame["backward"]["dW"] == [d.tolist() for d in expected["dW"]]
    stepped = api.step("r1")
    assert stepped["last_step"]["dW"] == frame["backward"]["dW"]


def test_each_history_row_holds_its_update_own_loss_change():
    api.create({"weights": SPEC_WEIGHTS})
    frame = api.step("r1", 3)
    assert frame["step"] == 3 and frame["last_step"]["step"] == 3
    steps = rows(frame)
    assert [row["step"] for row in steps] == [0, 1, 2, 3]
    assert all(set(row) == ROW_KEYS for row in steps)
    for before, after in zip(steps, steps[1:], strict=False):
        assert after["loss_before"] == before["loss"]  # no event: same parameters, same example
        assert after["delta_loss"] == after["loss"] - after["loss_before"]
    assert steps[-1]["loss"] == frame["last_step"]["loss_after"]


def test_step_n_equals_n_single_steps():
    config = {"seed": 5, "layers": [2, 4, 1], "optimizer": {"name": "adam", "lr": 0.05}}
    many = api.step(api.create(config)["run"], 4)
    run = api.create(config)["run"]
    for _ in range(4):
        single = api.step(run)
    assert many["weights"] == single["weights"]
    assert many["optimizer_state"] == single["optimizer_state"]
    assert rows(many) == rows(api.frame(run))
    assert many["last_step"] == single["last_step"]


def test_the_seed_demo_loss_falls_during_training():
    api.create({"weights": SPEC_WEIGHTS, "optimizer": {"name": "sgd", "lr": 0.1}})
    frame = api.step("r1", 200)
    assert losses(frame)[-1] < 1e-3 < losses(frame)[0]


def test_configure_changes_the_example_without_stepping_and_keeps_history():
    api.create({"weights": SPEC_WEIGHTS})
    api.step("r1", 2)
    frame = api.configure("r1", {"inputs": [0.5, -1.0], "targets": [1.0]})
    assert frame["step"] == 2 and frame["history"]["length"] == 3
    assert frame["inputs"] == [0.5, -1.0] and frame["config"]["inputs"] == [0.5, -1.0]
    net = Network([2, 3, 1], seed=0)
    net.set_params(frame["weights"])
    assert frame["loss"] == net.loss([0.5, -1.0], [1.0])
    row = rows(api.step("r1"))[-1]
    assert row["target"] == [1.0] and row["inputs"] == [0.5, -1.0]
    assert row["loss_before"] == frame["loss"] and row["changes"] == ["inputs", "targets"]


def test_configure_weights_keeps_history_and_step_count():
    api.create()
    api.step("r1", 2)
    frame = api.configure("r1", {"weights": SPEC_WEIGHTS})
    assert frame["weights"] == SPEC_WEIGHTS and frame["step"] == 2
    assert frame["history"]["length"] == 3
    assert frame["config"]["weights"] is None  # the config keeps the weights given at the start


def test_changing_the_learning_rate_keeps_momentum_but_changing_the_optimizer_resets_it():
    api.create({"optimizer": {"name": "momentum", "lr": 0.01}})
    velocity = api.step("r1", 2)["optimizer_state"]["velocity"]
    frame = api.configure("r1", {"optimizer": {"lr": 0.02}})
    assert frame["optimizer_state"]["velocity"] == velocity
    assert frame["config"]["optimizer"] == {"name": "momentum", "lr": 0.02, "momentum": 0.9}
    frame = api.configure("r1", {"optimizer": {"name": "adam"}})
    assert frame["optimizer_state"]["t"] == 0
    assert frame["config"]["optimizer"]["lr"] == 0.02


def test_a_live_change_of_adagrads_settings_keeps_its_square_sum_and_step_count():
    api.create({"optimizer": {"name": "adagrad", "lr": 0.1}})
    square_sum = api.step("r1", 3)["optimizer_state"]["sum"]
    frame = api.configure("r1", {"optimizer": {"lr_decay": 0.5, "eps": 1e-6}})
    assert frame["optimizer_state"]["sum"] == square_sum and frame["optimizer_state"]["t"] == 3
    assert frame["config"]["optimizer"] == {"name": "adagrad", "lr": 0.1, "lr_decay": 0.5,
                                            "initial_accumulator_value": 0.0, "eps": 1e-6}
    assert api.configure("r1", {"optimizer": {"name": "nesterov"}})["config"]["optimizer"] == {
        "name": "nesterov", "lr": 0.1, "momentum": 0.9}


def test_default_example_fits_other_layer_sizes():
    frame = api.create({"layers": [3, 2, 2]})
    assert frame["inputs"] == [1.0, 0.5, 1.0] and frame["targets"] == [2.0, 2.0]
    bce = api.create({"layers": [2, 1], "output_activation": "sigmoid",
                      "loss": "binary_cross_entropy"})
    assert bce["targets"] == [1.0]


def test_optimizer_state_is_shaped_like_the_parameters():
    api.create({"layers": [2, 4, 3], "bias": True, "optimizer": {"name": "adam", "lr": 0.01}})
    state = api.step("r1")["optimizer_state"]
    assert state["name"] == "adam" and state["t"] == 1
    assert np.array(state["m"]["weights"][0]).shape == (4, 2)
    assert np.array(state["v"]["biases"][1]).shape == (3,)


def test_a_diverging_first_update_changes_nothing_and_names_the_learning_rate():
    api.create({"weights": SPEC_WEIGHTS, "optimizer": {"name": "momentum", "lr": 0.01}})
    api.step("r1", 2)
    api.configure("r1", {"inputs": [100, 50], "optimizer": {"lr": 10}})
    before = api.frame("r1")
    with pytest.raises(DivergenceError, match="learning rate") as caught:
        api.step("r1")
    assert api.frame("r1") == before
    assert caught.value.frame == before


def test_a_diverging_step_n_keeps_the_updates_before_the_failing_one():
    api.create({"layers": [1, 1], "inputs": [1.0], "targets": [2.0],
                "optimizer": {"name": "sgd", "lr": 2.5}})
    with pytest.raises(DivergenceError, match="diverged at step") as caught:
        api.step("r1", 1000)
    frame = api.frame("r1")
    assert 20 < frame["step"] < 100
    assert [row["step"] for row in rows(frame)] == list(range(frame["step"] + 1))
    assert f"step {frame['step'] + 1}:" in str(caught.value)
    assert caught.value.frame == frame
    fresh = api.create({"layers": [1, 1], "inputs": [1.0], "targets": [2.0],
                        "optimizer": {"name": "sgd", "lr": 2.5}})["run"]
    assert frame["last_step"] == api.step(fresh, frame["step"])["last_step"]


def test_long_histories_are_thinned_but_keep_the_first_and_latest_rows(monkeypatch):
    monkeypatch.setattr(history, "HISTORY_LIMIT", 50)
    api.create()
    frame = api.step("r1", 120)
    steps = [row["step"] for row in rows(frame)]
    assert len(steps) <= 50 and steps[0] == 0 and steps[-1] == 120
    assert steps == sorted(steps) and frame["history"]["length"] == len(steps)


def test_explain_reads_the_current_run():
    api.create({"weights": SPEC_WEIGHTS})
    result = api.explain("r1", 0, 0, 1)
    assert result["zero_factors"] == ["slope"] and result["from"] == 1


@pytest.mark.parametrize("layers", [[2, 1], [1, 1], [16] * 10, [3, 16, 2]])
def test_networks_at_the_size_limits_step_through_the_api(layers):
    frame = api.create({"layers": layers, "bias": True, "hidden_activation": "tanh"})
    assert len(frame["dead"]) == len(layers) - 2
    frame = api.step("r1", 2)
    assert frame["step"] == 2 and len(frame["last_step"]["dW"]) == len(layers) - 1
    assert len(api.step_rows("r1")["z"]) == len(layers) - 1
    assert api.step("r1", 5)["step"] == 7
