"""The frame's preview of the next update matches what the update then does."""
import pytest
from seed_demo import SPEC_WEIGHTS

from backprop import DivergenceError, api

CASES = {
    "sgd": {"optimizer": {"name": "sgd", "lr": 0.1}},
    "momentum": {"optimizer": {"name": "momentum", "lr": 0.1}},
    "rmsprop": {"optimizer": {"name": "rmsprop", "lr": 0.01}, "bias": True},
    "adam": {"optimizer": {"name": "adam", "lr": 0.05}, "hidden_activation": "tanh"},
    "minibatch": {"dataset": {"name": "circle", "n": 20}, "batch_size": 6, "bias": True,
                  "optimizer": {"name": "adam", "lr": 0.05}},
    "full-batch": {"dataset": {"name": "xor"}, "optimizer": {"name": "momentum", "lr": 0.5}},
}


@pytest.mark.parametrize("name", CASES)
def test_the_preview_is_exactly_the_change_the_next_update_makes(name):
    frame = api.step(api.create(CASES[name])["run"], 3)  # some optimizer state first
    done = api.step("r1")["last_step"]
    assert frame["preview"]["update_W"] == done["update_W"]
    assert frame["preview"]["update_b"] == done["update_b"]
    assert frame["preview"]["loss_after"] == done["loss_after"]
    assert frame["preview"]["diverges"] is False
    assert frame["loss"] == done["loss_before"] and frame["backward"]["dW"] == done["dW"]


def test_the_preview_flags_an_update_that_would_diverge():
    frame = api.create({"weights": SPEC_WEIGHTS, "inputs": [100, 50],
                        "optimizer": {"name": "sgd", "lr": 10}})
    assert frame["preview"]["diverges"] is True
    with pytest.raises(DivergenceError):
        api.step("r1")


def test_the_preview_changes_nothing():
    first = api.create({"optimizer": {"name": "adam", "lr": 0.1}})
    assert api.frame("r1") == first and first["optimizer_state"]["t"] == 0
