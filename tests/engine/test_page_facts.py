"""What the frame and describe() tell the page so that it derives nothing itself: one activation
name per layer, the next batch's place in its epoch, every column of the updates table with its
values, which optimizer and loss the receipt may work out by hand, which data set takes rows."""
import math

import numpy as np
import pytest
from seed_demo import SPEC_WEIGHTS

from backprop import api

XOR = {"name": "xor"}  # 4 rows


def test_the_frame_names_one_activation_per_weight_layer():
    frame = api.create({"layers": [2, 3, 3, 1], "hidden_activation": ["tanh", "relu"],
                        "output_activation": "sigmoid", "loss": "binary_cross_entropy",
                        "targets": [1.0]})
    assert frame["activations"] == ["tanh", "relu", "sigmoid"]
    assert api.create({"layers": [2, 4, 4, 4, 1]})["activations"] == ["relu"] * 3 + ["linear"]
    assert api.create({"layers": [2, 1]})["activations"] == ["linear"]


@pytest.mark.parametrize(("batch_size", "per_epoch"), [(1, 4), (3, 2), (4, 1), (None, 1)])
def test_the_frame_says_where_the_next_batch_stands_in_its_epoch(batch_size, per_epoch):
    run = api.create({"dataset": XOR, "batch_size": batch_size})["run"]
    for step in range(9):
        frame = api.frame(run) if step == 0 else api.step(run, 1)
        rows_per_batch = 4 if batch_size is None else batch_size
        assert frame["batch"] == {"rows": 4, "batch_size": rows_per_batch,
                                  "per_epoch": math.ceil(4 / rows_per_batch),
                                  "position": step % per_epoch}
        assert frame["epoch"] * per_epoch + frame["batch"]["position"] == frame["step"] == step


def test_the_batch_position_counts_the_updates_since_the_epoch_started_after_a_seek():
    run = api.create({"dataset": XOR, "batch_size": 3})["run"]
    api.step(run, 7)
    assert api.seek(run, 5)["batch"]["position"] == 1 and api.frame(run)["epoch"] == 2


def test_without_a_data_set_there_is_no_batch_to_place():
    assert api.create()["batch"] is None


def adam_step(state, betas, eps):
    """m̂ / (√ŝ + ε) as the spec writes it, from the state an update left."""
    t, (beta1, beta2) = state["t"], betas
    m = np.array(state["m"]["weights"][0])
    s = np.array(state["v"]["weights"][0])
    return (m / (1 - beta1 ** t)) / (np.sqrt(s / (1 - beta2 ** t)) + eps)


def test_adams_step_column_is_its_update_per_unit_learning_rate():
    optimizer = {"name": "adam", "lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-6}
    run = api.create({"weights": SPEC_WEIGHTS, "optimizer": optimizer})["run"]
    assert api.frame(run)["optimizer_state"]["step"]["weights"] == [[[0.0] * 2] * 3, [[0.0] * 3]]
    frame = api.step(run, 3)
    state, last = frame["optimizer_state"], frame["last_step"]
    shown = np.array(state["step"]["weights"][0])
    assert shown == pytest.approx(adam_step(state, (0.8, 0.99), 1e-6), rel=1e-12)
    assert shown == pytest.approx(-np.array(last["update_W"][0]) / 0.01, rel=1e-9)
    assert api.snapshot(run, 3)["optimizer_state"] == state


def test_every_column_of_the_updates_table_is_described_and_in_the_optimizer_state():
    for name, optimizer in api.describe()["optimizers"].items():
        run = api.create({"optimizer": {"name": name}})["run"]
        state = api.step(run, 1)["optimizer_state"]
        for column in optimizer["state"]:
            assert column["label"] and column["formula"] and column["title"], (name, column)
            assert set(state[column["key"]]) == {"weights", "biases"}, (name, column)


def test_only_gradient_descent_is_plain_and_its_update_is_minus_lr_times_the_gradient():
    optimizers = api.describe()["optimizers"]
    assert [name for name, o in optimizers.items() if o["plain"]] == ["sgd"]
    frame = api.create({"weights": SPEC_WEIGHTS, "optimizer": {"name": "sgd", "lr": 0.1}})
    assert np.array(frame["preview"]["update_W"][1]) == pytest.approx(
        -0.1 * np.array(frame["backward"]["dW"][1]), rel=1e-12)
    assert optimizers["sgd"]["state"] == [] and list(optimizers["sgd"]["settings"]) == ["lr"]


def test_every_optimizer_setting_maps_to_number_fields_the_page_can_check():
    description = api.describe()
    for optimizer in description["optimizers"].values():
        for key, default in optimizer["settings"].items():
            parts = description["settings"][key]
            numbers = default if isinstance(default, list) else [default]
            assert len(parts) == len(numbers) and all(part["label"] for part in parts), key
            for part in parts:
                assert description["fields"][part["rule"]]["kind"] in ("number", "integer"), key


def test_only_the_custom_data_set_takes_rows():
    datasets = api.describe()["datasets"]
    assert [name for name, d in datasets.items() if d["takes_rows"]] == ["custom"]
    assert set(api.describe()["fields"]["dataset"]["choices"]) == set(datasets)


def test_the_receipt_is_told_when_the_output_error_is_a_plain_difference_and_the_slope_is_one():
    run = api.create({"weights": SPEC_WEIGHTS})["run"]
    output, hidden = api.explain(run, 1, 0, 0), api.explain(run, 0, 0, 0)
    assert (output["error_is_difference"], output["slope_is_one"]) == (True, True)
    assert (hidden["error_is_difference"], hidden["slope_is_one"]) == (False, False)
    frame = api.frame(run)
    assert output["factors"][0]["value"] == pytest.approx(
        frame["prediction"][0] - frame["targets"][0], rel=1e-12)  # ŷ − t indeed
    crossed = api.create({"output_activation": "sigmoid", "loss": "binary_cross_entropy",
                          "targets": [1.0]})["run"]
    assert api.explain(crossed, 1, 0, 0)["error_is_difference"] is False
    losses = api.describe()["losses"]
    assert [name for name, loss in losses.items() if loss["error_is_difference"]] == [
        "half_squared_error"]


def test_history_rows_keep_their_keys_in_the_order_the_csv_lists_them():
    run = api.create()["run"]
    frame = api.step(run, 2)
    for row in frame["history"]["rows"]:
        assert list(row) == ["step", "loss", "loss_before", "delta_loss", "prediction", "target",
                             "inputs", "lr", "changes"]
