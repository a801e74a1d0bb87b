"""configure() events: what may change mid-run, and how the change shows in the next row."""
import pytest
from seed_demo import rows

from backprop import api


def test_an_event_is_listed_in_the_changes_of_the_next_row_only():
    api.create({"optimizer": {"name": "momentum", "lr": 0.01}})
    api.step("r1", 3)
    api.configure("r1", {"optimizer": {"lr": 0.02}})
    api.configure("r1", {"targets": [1.5], "sample": 0})  # sample 0 is no change
    steps = rows(api.step("r1", 2))
    assert [row["changes"] for row in steps] == [[], [], [], [], ["lr", "targets"], []]
    assert [row["lr"] for row in steps[3:]] == [0.01, 0.02, 0.02]
    assert steps[4]["target"] == [1.5] and steps[3]["target"] == [2.0]


def test_a_new_optimizer_is_named_as_a_change_and_weight_edits_as_weights():
    api.create({"bias": True})
    api.configure("r1", {"optimizer": {"name": "adam"}})
    api.configure("r1", {"weights": [[[0.1, 0.2]] * 3, [[0.3, 0.2, 0.1]]]})
    api.configure("r1", {"biases": [[0.5, 0.0, 0.0], [0.0]]})
    assert rows(api.step("r1"))[1]["changes"] == ["biases", "optimizer", "weights"]


def test_a_configure_that_changes_nothing_is_not_an_event():
    before = api.step(api.create()["run"], 2)
    frame = api.configure("r1", {"inputs": [1.0, 0.5], "optimizer": {"lr": 0.01},
                                 "weights": before["weights"]})
    assert frame == before
    assert rows(api.step("r1"))[-1]["changes"] == []


def test_loss_before_of_the_row_after_an_event_uses_the_new_settings():
    api.create()
    api.step("r1", 2)
    frame = api.configure("r1", {"inputs": [0.2, -0.3]})
    row = rows(api.step("r1"))[-1]
    assert row["loss_before"] == frame["loss"]
    assert row["delta_loss"] == row["loss"] - row["loss_before"]


@pytest.mark.parametrize("key", ["layers", "hidden_activation", "output_activation", "bias",
                                 "loss", "seed", "dataset", "batch_size"])
def test_settings_that_define_the_run_are_refused_with_a_pointer_to_reset(key):
    api.create()
    with pytest.raises(ValueError, match=f"configure: '{key}' starts a new run; use reset"):
        api.configure("r1", {key: None})


def test_the_shown_sample_of_a_data_set_is_an_event():
    api.create({"dataset": {"name": "xor"}})
    frame = api.configure("r1", {"sample": 3})
    assert frame["inputs"] == [1.0, 1.0] and frame["targets"] == [0.0]
    assert frame["config"]["sample"] == 3
    assert rows(api.step("r1"))[-1]["changes"] == ["sample"]
